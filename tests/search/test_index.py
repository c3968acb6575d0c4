"""What the index holds for an event: every spelling of its people and places, its names in both
languages; and the stems of rows stored before revision 0007 or after a lexicon change."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app import queries
from app.extract.entities import actors
from app.extract.places import gazetteer
from app.extract.triggers import trigger_specs
from app.extract.types import Participant, Place
from app.migrate import downgrade_database, upgrade_database
from app.search import vocabulary
from app.search.index import Passage, event_document, rebuild
from app.search.query import search_terms
from app.search.stemming import query_stems
from tests.factories import ALMATY, Mention, add_article


def _indexed(**event) -> set[str]:
    defaults = {"title": "", "type": "meeting", "subtype": "talks", "participants": (), "place": None,
                "topics": (), "passages": ()}
    return set(event_document(**{**defaults, **event})["stems"].split())


def _finds(query: str, stems: set[str]) -> bool:
    return all(any(s in stems for s in query_stems(term)) for term in search_terms(query))


def test_every_alias_of_every_actor_finds_the_actors_events():
    for actor in actors().values():
        stems = _indexed(participants=[Participant(actor.name, actor.country)])
        missing = [alias for alias in actor.aliases if not _finds(str(alias), stems)]
        assert not missing, (actor.name, missing)


def test_every_alias_of_every_place_finds_its_events_and_a_venue_is_no_spelling_of_its_city():
    places = [e for e in gazetteer().entries if not e.get("city") and e["kind"] in vocabulary.PLACE_ITSELF]
    assert len(places) > 50
    for entry in places:
        stems = _indexed(place=Place(entry["name"], entry["country"]))
        missing = [alias for alias in entry["aliases"] if not _finds(str(alias), stems)]
        assert not missing, (entry["name"], missing)
    astana = _indexed(place=Place("Astana", "Kazakhstan"))
    assert _finds("Nur-Sultan", astana) and _finds("Akmola", astana)
    assert not _finds("Akorda", astana) and not _finds("Nazarbayev University", astana)


@pytest.mark.parametrize(("query", "language_of_the_query"), [
    ("kunjungan", "id"), ("visit", "en"),
])
def test_a_visit_is_indexed_by_its_type_name_in_both_languages(query, language_of_the_query):
    stems = _indexed(type="visit", subtype="visit", participants=[Participant("Xi Jinping", "China", None, "guest")])
    assert _finds(query, stems)


def test_each_subtype_is_indexed_with_the_phrases_that_state_it_in_both_languages():
    specific = sorted({(s.type, s.subtype) for s in trigger_specs()} - {("visit", "visit"), ("meeting", "meeting"),
                                                                         ("agreement", "signing")})
    for type_, subtype in specific:
        stems = _indexed(type=type_, subtype=subtype)
        for phrase in vocabulary.subtype(type_, subtype):
            assert _finds(phrase.text, stems), (subtype, phrase.text)
    plain = _indexed(type="visit", subtype="visit")
    assert not _finds("tiba", plain)  # the plainest subtype: its everyday verbs are not added


def test_topics_and_states_are_indexed_in_both_languages():
    stems = _indexed(topics=["energy", "people-culture"], participants=[Participant("Xi Jinping", "China")])
    for query in ("energy", "energi", "culture", "budaya", "China", "Tiongkok"):
        assert _finds(query, stems), query


def test_passages_are_stemmed_in_their_own_language():
    stems = _indexed(passages=[Passage("Mereka mengunjungi pelabuhan", "id"), Passage("They visited ports", "en")])
    assert {"kunjung", "labuh", "visit", "port"} <= stems
    assert "visited" not in stems and "mengunjungi" not in stems


def test_the_revision_builds_the_stems_of_rows_already_stored_and_goes_down_again(engine, db_url):
    add_article(engine, file_name="old.txt", published="2018-05-02", language="id",
                text="Menteri itu mengunjungi Almaty pada Rabu.",
                mentions=[Mention("visit", "visit", "2018-05-02", "Menteri itu mengunjungi Almaty", place=ALMATY)])
    downgrade_database(db_url, "0005")  # a database as it was before: words as written only
    plain = {"sqlite": "SELECT rowid FROM event_fts WHERE event_fts MATCH 'mengunjungi'",
             "postgresql": "SELECT event_id FROM event_search "
                           "WHERE to_tsvector('simple', body) @@ to_tsquery('simple', 'mengunjungi')"}
    with engine.connect() as conn:
        assert len(conn.execute(text(plain[engine.dialect.name])).all()) == 1
        columns = {"sqlite": "SELECT name FROM pragma_table_info('event_search')",
                   "postgresql": "SELECT column_name FROM information_schema.columns "
                                 "WHERE table_name = 'event_search'"}
        assert "stems" not in set(conn.scalars(text(columns[engine.dialect.name])))
    upgrade_database(db_url)
    with Session(engine) as session:
        for query in ("berkunjung", "Alma-Ata", "visit", "mengunjungi"):
            assert queries.count_events(session, queries.EventFilters(q=query)) == 1, query
    with engine.connect() as conn:
        article_stems = conn.execute(text("SELECT stems FROM articles")).scalar_one()
    assert "kunjung" in article_stems.split()


def test_rebuild_recomputes_stems_in_place_and_the_index_follows(engine):
    add_article(engine, file_name="a.txt", published="2019-04-01", text="Premier Li Qiang visited Almaty today.",
                mentions=[Mention("visit", "official_visit", "2019-04-01", "Premier Li Qiang visited Almaty")])
    with engine.begin() as conn:
        conn.execute(text("UPDATE event_search SET stems = ''"))
        conn.execute(text("UPDATE articles SET stems = ''"))
    with Session(engine) as session:
        assert queries.count_events(session, queries.EventFilters(q="kunjungan resmi")) == 0
    with engine.begin() as conn:
        assert rebuild(conn) == (1, 1)
    with Session(engine) as session:
        assert queries.count_events(session, queries.EventFilters(q="kunjungan resmi")) == 1
        assert queries.count_events(session, queries.EventFilters(q="visits")) == 1


def test_postgresql_matches_with_the_expressions_its_indexes_are_built_on(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads its FTS5 tables")
    from app.search.query import article_ids_matching, event_ids_matching

    terms = search_terms("kunjungan Tokayev")
    with engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))  # tiny tables: make the planner show what it can use
        for statement, index in ((event_ids_matching("postgresql", terms), "ix_event_search_terms"),
                                 (article_ids_matching("postgresql", terms), "ix_articles_terms")):
            compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
            plan = "\n".join(conn.scalars(text(f"EXPLAIN {compiled}")))
            assert index in plan, plan
