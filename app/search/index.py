"""What the full-text index holds for each event and each article, and how to rebuild it.

Every indexed row has two texts side by side, each indexed (FTS5 columns on SQLite, one weighted
``tsvector`` on PostgreSQL, revision 0007):

* the *original* words, as written: for an event its title, the names of its people and place and
  its passages (``event_search.body``); for an article its title and text;
* their *stems* (``event_search.stems``, ``articles.stems``): each word of a passage or article
  stemmed in its article's language (app/search/stemming.py), and for an event also what it is
  called in both interface languages (its titles, type, subtype, topics, the states of its people
  and place) and every spelling of its people and places (app/search/vocabulary.py), each distinct
  stem once.

Ingest writes both in the same transaction as the event or article (app/ingest/store.py); the
synthetic data uses the same functions. ``rebuild`` recomputes the stems of rows already stored:
revision 0007 runs it, and ``timeline reindex`` after the lexicons or the stemmers change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text

from app.extract.types import Participant, Place
from app.search import vocabulary
from app.search.stemming import stems

REBUILD_BATCH = 1000


@dataclass(frozen=True)
class Passage:
    text: str
    language: str


def event_document(*, title: str, type: str, subtype: str, participants: Sequence[Participant],
                   place: Place | None, topics: Sequence[str], passages: Sequence[Passage]) -> dict[str, str]:
    """The ``body`` and ``stems`` of an event's row in ``event_search``."""
    body = [title, *(p.name for p in participants), place.name if place else "", *(p.text for p in passages)]
    passage_stems = [" ".join(stems(p.text, p.language)) for p in passages]
    named = " ".join(_event_terms(type, subtype, participants, place, topics))
    return {"body": "\n".join(part for part in body if part),
            "stems": "\n".join(part for part in (*passage_stems, named) if part)}


def _event_terms(type_: str, subtype: str, participants: Sequence[Participant], place: Place | None,
                 topics: Sequence[str]) -> list[str]:
    """Each distinct stem of what the event is called and of the names of its people and place."""
    groups = [vocabulary.titles(type_, subtype, participants, place), vocabulary.event_type(type_),
              vocabulary.subtype(type_, subtype), *map(vocabulary.topic, topics)]
    for participant in participants:
        groups += [vocabulary.person(participant.name), vocabulary.country(participant.country)]
    if place is not None:
        groups += [vocabulary.place(place.name), vocabulary.country(place.country)]
    seen: dict[str, None] = {}
    for group in groups:
        for phrase in group:
            seen.update(dict.fromkeys(phrase.stems))
    return list(seen)


def article_stems(title: str | None, body: str, language: str) -> str:
    """The ``stems`` of an article: its title's and its text's words, stemmed in its language."""
    return " ".join(stems(title, language) + stems(body, language))


# --- rebuilding the stems of stored rows --------------------------------------------------------------

_ARTICLE_BATCH = text("SELECT id, title, text, language FROM articles WHERE id > :after ORDER BY id LIMIT :n")
_SET_ARTICLE = text("UPDATE articles SET stems = :stems WHERE id = :b_id")
_EVENT_BATCH = text(
    "SELECT e.id, e.type, e.subtype, e.title, p.name, p.country FROM events e "
    "LEFT JOIN places p ON p.id = e.place_id WHERE e.id > :after ORDER BY e.id LIMIT :n")
_PEOPLE = text(
    "SELECT ea.event_id, a.name, a.country, ea.role, ea.side FROM event_actors ea "
    "JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id IN :ids ORDER BY ea.event_id, a.name"
).bindparams(bindparam("ids", expanding=True))
_TOPICS = text(
    "SELECT et.event_id, t.slug FROM event_topics et JOIN topics t ON t.id = et.topic_id "
    "WHERE et.event_id IN :ids ORDER BY et.event_id, t.slug"
).bindparams(bindparam("ids", expanding=True))
_PASSAGES = text(
    "SELECT ev.event_id, a.language, substr(a.text, ev.start + 1, ev.\"end\" - ev.start) FROM evidence ev "
    "JOIN articles a ON a.id = ev.article_id WHERE ev.event_id IN :ids ORDER BY ev.id"
).bindparams(bindparam("ids", expanding=True))
_DELETE_SEARCH = text("DELETE FROM event_search WHERE event_id IN :ids").bindparams(bindparam("ids", expanding=True))
_INSERT_SEARCH = text("INSERT INTO event_search (event_id, body, stems) VALUES (:event_id, :body, :stems)")


def rebuild(conn: Connection, *, progress=None) -> tuple[int, int]:
    """Recompute the indexed texts of every article and event in place; return their counts.

    Plain SQL over the tables as revision 0007 left them, so that the revision can run it too.
    """
    articles = sum(_batches(conn, _ARTICLE_BATCH, _rebuild_articles))
    events = sum(_batches(conn, _EVENT_BATCH, _rebuild_events, progress))
    return articles, events


def _batches(conn: Connection, statement, handle, progress=None) -> Iterable[int]:
    after = 0
    while True:
        rows = conn.execute(statement, {"after": after, "n": REBUILD_BATCH}).all()
        if not rows:
            return
        handle(conn, rows)
        after = rows[-1][0]
        if progress is not None:
            progress(len(rows))
        yield len(rows)


def _rebuild_articles(conn: Connection, rows) -> None:
    conn.execute(_SET_ARTICLE, [{"b_id": article_id, "stems": article_stems(title, body, language)}
                                for article_id, title, body, language in rows])


def _rebuild_events(conn: Connection, rows) -> None:
    ids = [row[0] for row in rows]
    people: dict[int, list[Participant]] = defaultdict(list)
    for event_id, name, country, role, side in conn.execute(_PEOPLE, {"ids": ids}):
        people[event_id].append(Participant(name, country, role, side))
    topics: dict[int, list[str]] = defaultdict(list)
    for event_id, slug in conn.execute(_TOPICS, {"ids": ids}):
        topics[event_id].append(slug)
    passages: dict[int, list[Passage]] = defaultdict(list)
    for event_id, language, passage in conn.execute(_PASSAGES, {"ids": ids}):
        passages[event_id].append(Passage(passage, language))
    documents = [{"event_id": event_id, **event_document(
        title=title, type=type_, subtype=subtype, participants=people[event_id],
        place=Place(place_name, place_country) if place_name else None, topics=topics[event_id],
        passages=passages[event_id])} for event_id, type_, subtype, title, place_name, place_country in rows]
    conn.execute(_DELETE_SEARCH, {"ids": ids})
    conn.execute(_INSERT_SEARCH, documents)
