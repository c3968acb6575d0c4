"""Helpers for the curation tests: seed articles in a temporary folder, events found by their passages."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from tests.conftest import SEEDS


def copy_seeds(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Seed articles copied into ``folder`` (the tests change them there, never in the repo)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in sorted(SEEDS.glob("*.txt")):
        if names is None or source.name in names:
            paths.append(Path(shutil.copy(source, folder / source.name)))
    return paths


def event_holding(session: Session, file_name: str, fragment: str) -> int | None:
    """The event one of whose passages (in the article ``file_name``) contains ``fragment``."""
    rows = session.connection().execute(text(
        "SELECT evidence.event_id, articles.text, evidence.start, evidence.\"end\" FROM evidence "
        "JOIN articles ON articles.id = evidence.article_id WHERE articles.file_name = :name "
        "AND evidence.event_id IS NOT NULL ORDER BY evidence.event_id"), {"name": file_name}).all()
    found = {event_id for event_id, body, start, end in rows if fragment in body[start:end]}
    assert len(found) <= 1, f"{fragment!r} is a passage of several events: {found}"
    return found.pop() if found else None


def span_of(session: Session, file_name: str, fragment: str) -> tuple[int, int, int]:
    """(article id, start, end) of ``fragment`` in the stored text of ``file_name``."""
    article_id, body = session.connection().execute(text(
        "SELECT id, text FROM articles WHERE file_name = :name"), {"name": file_name}).one()
    start = body.index(fragment)
    return article_id, start, start + len(fragment)


def assert_counts_are_public(engine) -> None:
    """The trigger-kept counts equal the grouped counts of the events that are not rejected, and the
    link rows carry their event's review status."""
    def day(value):
        return None if value is None else dt.date.fromisoformat(str(value))

    with engine.connect() as conn:
        events = {row[0]: row for row in conn.execute(text(
            "SELECT id, type, year, date_start, date_precision, place_id, review_status FROM events"))}
        public = [e for e in events.values() if e[6] != "rejected"]
        months = Counter((e[1], e[2] or 0, day(e[3]).month if e[3] else 0, e[4] or "") for e in public)
        values = Counter(("place", str(e[5]), e[2] or 0, e[1]) for e in public if e[5])
        for table, facet, key in (("event_topics", "'topic'", "topic_id"), ("event_actors", "'actor'", "actor_id"),
                                  ("event_source_facets", "facet", "value")):
            for event_id, name, value, status in conn.execute(text(
                    f"SELECT event_id, {facet}, {key}, review_status FROM {table}")):
                assert status == events[event_id][6]
                if status != "rejected":
                    values[(name, str(value), events[event_id][2] or 0, events[event_id][1])] += 1
        kept_months = {tuple(r[:4]): r[4] for r in conn.execute(text(
            "SELECT type, year, month, date_precision, n FROM event_month_counts WHERE n <> 0"))}
        kept_values = {tuple(r[:4]): r[4] for r in conn.execute(text(
            "SELECT facet, value, year, type, n FROM facet_value_counts WHERE n <> 0"))}
    assert kept_months == dict(months)
    assert kept_values == dict(values)
