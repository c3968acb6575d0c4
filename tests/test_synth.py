"""Synthetic data: deterministic for a seed, consistent with itself, searchable like ingested data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text
from sqlmodel import Session

from app import queries
from app.curation import data_version
from app.db import make_engine
from app.migrate import upgrade_database
from app.models import Actor, Article, Event, EventActor, EventSearch, EventTopic, Evidence, Report
from app.synth import synthesize, write_article_files

UNTIL = dt.date(2025, 6, 30)
TABLES = {
    "events": "SELECT id, type, subtype, title, status, date_start, date_end, date_last, date_precision, year, "
              "place_id, confidence, source_count FROM events ORDER BY id",
    "articles": "SELECT id, file_name, content_hash, title, outlet, published, language, text, ingested_at "
                "FROM articles ORDER BY id",
    "evidence": 'SELECT report_id, event_id, article_id, start, "end" FROM evidence ORDER BY id',
    "event_actors": "SELECT event_id, actor_id, side FROM event_actors ORDER BY event_id, actor_id",
    "event_topics": "SELECT event_id, topic_id FROM event_topics ORDER BY event_id, topic_id",
    "event_search": "SELECT event_id, body, stems FROM event_search ORDER BY event_id",
}


def _database(tmp_path, name: str, seed: int):
    url = f"sqlite:///{tmp_path / name}"
    upgrade_database(url)
    engine = make_engine(url)
    summary = synthesize(engine, events=400, articles=90, seed=seed, until=UNTIL)
    return engine, summary


def _dump(engine) -> dict[str, list]:
    with engine.connect() as conn:
        return {name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in TABLES.items()}


def test_the_same_seed_gives_the_same_data(tmp_path):
    first, _ = _database(tmp_path, "a.db", seed=5)
    second, _ = _database(tmp_path, "b.db", seed=5)
    other, _ = _database(tmp_path, "c.db", seed=6)
    assert _dump(first) == _dump(second)
    assert _dump(first)["events"] != _dump(other)["events"]
    for engine in (first, second, other):
        engine.dispose()


def test_counts_and_consistency(tmp_path):
    engine, summary = _database(tmp_path, "s.db", seed=2)
    with Session(engine) as session:
        def count(model, *where):
            return session.scalar(select(func.count()).select_from(model).where(*where))

        assert (summary.events, summary.articles) == (400, 90)
        assert count(Event) == 400 and count(Article) == 90
        assert count(Evidence) == summary.evidence == count(Report)
        assert count(EventSearch) == 400
        assert count(Event, Event.source_count < 1) == 0
        assert count(Event, Event.year > UNTIL.year) == 0
        assert count(EventTopic) >= 400
        # every event has a guest and a host, one Chinese and one Kazakh official
        assert count(EventActor) == 800
        sides = session.execute(
            select(EventActor.event_id, func.group_concat(Actor.country)).join(Actor, Actor.id == EventActor.actor_id)
            .group_by(EventActor.event_id)).all()
        assert all(sorted(countries.split(",")) == ["China", "Kazakhstan"] for _, countries in sides)
        # the mix of types and precisions is realistic, not uniform
        types = dict(session.execute(select(Event.type, func.count()).group_by(Event.type)).all())
        assert types["meeting"] > types["visit"] > types["agreement"] > 0
        precisions = dict(session.execute(select(Event.date_precision, func.count())
                                          .group_by(Event.date_precision)).all())
        assert precisions["day"] > precisions["month"] > 0 and precisions["year"] > 0
        assert session.scalar(select(func.max(Event.year))) == UNTIL.year
    engine.dispose()


def test_every_passage_is_inside_its_article_and_states_its_event(tmp_path):
    engine, _ = _database(tmp_path, "p.db", seed=3)
    with Session(engine) as session:
        rows = session.execute(
            select(Evidence.start, Evidence.end, Article.text, Evidence.event_id)
            .join(Article, Article.id == Evidence.article_id)).all()
        names = {}
        for event_id, name in session.execute(
                select(EventActor.event_id, Actor.name).join(Actor, Actor.id == EventActor.actor_id)):
            names.setdefault(event_id, set()).add(name)
        assert rows
        for start, end, article_text, event_id in rows:
            assert 0 <= start < end <= len(article_text)
            passage = article_text[start:end]
            assert passage == passage.strip() and passage.endswith(".")
            assert all(name in passage for name in names[event_id]), (passage, names[event_id])
        sources = queries.load_events(session, list(range(1, 21)))
        for event in sources:
            assert event.sources and all(s.text for s in event.sources)
    engine.dispose()


def test_full_text_search_finds_synthetic_words(tmp_path):
    engine, _ = _database(tmp_path, "f.db", seed=4)
    with Session(engine) as session:
        person = session.scalar(
            select(Actor.name).join(EventActor, EventActor.actor_id == Actor.id).order_by(EventActor.event_id).limit(1))
        surname = person.split()[-1]
        found = queries.count_events(session, queries.EventFilters(q=surname))
        assert 0 < found < 400
        assert queries.count_events(session, queries.EventFilters(q="kerja sama")) > 0  # Indonesian text
        assert queries.count_events(session, queries.EventFilters(q="talks")) > 0  # English text
        assert queries.count_events(session, queries.EventFilters(q="zzyzxquux")) == 0
        # words no synthetic article uses, found by their stems and across the languages
        with engine.connect() as conn:
            stored = " ".join(conn.scalars(text("SELECT text FROM articles")))
        for word in ("berkunjung", "visits", "pernyataan bersama"):
            assert word not in stored and queries.count_events(session, queries.EventFilters(q=word)) > 0, word
    engine.dispose()


def test_article_files_are_deterministic_and_ingestible_text(tmp_path):
    first = write_article_files(tmp_path / "a", 6, seed=9, until=UNTIL)
    second = write_article_files(tmp_path / "b", 6, seed=9, until=UNTIL)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    languages = {p.stem.rsplit("_", 1)[1] for p in first}
    assert languages == {"id", "en"}
    for path in first:
        body = path.read_text(encoding="utf-8")
        assert body.count("\n\n") >= 3 and len(body) > 300


def test_link_rows_carry_their_events_filter_columns_and_the_data_version_rises(tmp_path):
    """Written by the store's row builder: each link row's copy of its event's filter columns is the
    event's own, in every link table (as ingest writes them), and the write raises the data version."""
    url = f"sqlite:///{tmp_path / 'v.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        before = data_version(session)
    synthesize(engine, events=120, articles=30, seed=8, until=UNTIL)
    copied = ("type", "year", "date_start", "date_last", "date_precision", "review_status")
    with engine.connect() as conn:
        for table in ("event_actors", "event_topics", "event_source_facets"):
            columns = ", ".join(f"l.{c} IS NOT e.{c}" for c in copied)
            drift = conn.execute(text(f"SELECT count(*) FROM {table} l JOIN events e ON e.id = l.event_id "
                                      f"WHERE {' OR '.join(columns.split(', '))}")).scalar()
            rows = conn.execute(text(f"SELECT count(DISTINCT event_id) FROM {table}")).scalar()
            assert (drift, rows) == (0, 120), table
        outlets = conn.execute(text("SELECT count(*) FROM event_source_facets WHERE facet = 'outlet'")).scalar()
        assert outlets >= 120
    with Session(engine) as session:
        assert data_version(session) == before + 1
    synthesize(engine, events=10, articles=3, seed=9, until=UNTIL)
    with Session(engine) as session:
        assert data_version(session) == before + 2
        assert session.scalar(select(func.count()).select_from(Event)) == 130
    engine.dispose()


def test_each_event_says_where_its_date_is_written(tmp_path):
    """Derived by the store's code, an event takes its date's provenance from its reports: the
    sentence, the article, and the date phrase's place in it."""
    engine, _ = _database(tmp_path, "d.db", seed=7)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT e.date_source, e.date_phrase, a.text, e.date_span_start, e.date_span_end FROM events e "
            "JOIN articles a ON a.id = e.date_article_id")).all()
        assert len(rows) == 400
        for source, phrase, body, start, end in rows:
            assert source == "sentence" and body[start:end] == phrase and phrase[-4:].isdigit()
    engine.dispose()
