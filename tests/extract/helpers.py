"""What the extraction tests read of an invented text: its events, those of one type, their people."""

from __future__ import annotations

from app.extract.article import parse_article
from app.extract.pipeline import extract_events
from app.extract.types import ExtractedEvent


def events_of(text: str, name: str = "test.txt") -> list[ExtractedEvent]:
    return extract_events(parse_article(text, name))


def of_type(events: list[ExtractedEvent], type_: str) -> list[ExtractedEvent]:
    return [e for e in events if e.type == type_]


def names(event: ExtractedEvent) -> set[str]:
    return {p.name for p in event.participants}
