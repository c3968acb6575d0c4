"""Serialise events in the export formats: JSON (the contract), CSV; more formats build on these."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlmodel import Session

from app.models import ArticleRef, EventOut, SourceOut
from app.queries import EventFilters, all_event_ids, load_events

BATCH = 500
CSV_COLUMNS = ["id", "type", "subtype", "title", "date_start", "date_end", "date_precision", "date_phrase",
               "planned", "status", "reviewed_at", "confidence", "participants", "place", "place_country", "topics",
               "source_count", "source_names", "sources", "first_source_text"]


def source_name(article: ArticleRef) -> str:
    """An article as a reader cites it: outlet, “title”, date; the file name only when all three are missing."""
    parts = [article.outlet, f"“{article.title}”" if article.title else None, article.published]
    return ", ".join(part for part in parts if part) or article.file


def source_names(event: EventOut) -> list[str]:
    """Each reporting article named once, in the order of the event's sources."""
    seen: dict[int, str] = {}
    for source in event.sources:
        seen.setdefault(source.article.id, source_name(source.article))
    return list(seen.values())


def first_statement(event: EventOut) -> SourceOut | None:
    """The passage to quote for an event: its first statement, a caption (support) only when nothing else."""
    return next((s for s in event.sources if s.kind == "statement"), event.sources[0] if event.sources else None)


def people_line(event: EventOut) -> str:
    """"Xi Jinping (China); Kassym-Jomart Tokayev (Kazakhstan)": people with their state, a state named
    as a party by its name alone."""
    return "; ".join(p.name if p.name == p.country else f"{p.name} ({p.country})" for p in event.participants)


def iter_events(session: Session, filters: EventFilters | None = None, *, newest_first: bool = False,
                best_match: bool = False) -> Iterator[EventOut]:
    """Every event matching ``filters`` in date order (or the best match first), loaded in batches."""
    ids = all_event_ids(session, filters or EventFilters(), newest_first=newest_first, best_match=best_match)
    for offset in range(0, len(ids), BATCH):
        yield from load_events(session, ids[offset: offset + BATCH])


def event_dict(event: EventOut) -> dict:
    return event.model_dump(mode="json")


def export_json(session: Session, filters: EventFilters | None = None, **order: bool) -> str:
    events = [event_dict(e) for e in iter_events(session, filters, **order)]
    return json.dumps({"events": events}, ensure_ascii=False, indent=2)


def csv_row(event: EventOut) -> dict:
    return {
        "id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "title": event.title,
        "date_start": event.date_start or "",
        "date_end": event.date_end or "",
        "date_precision": event.date_precision or "",
        "date_phrase": event.date_phrase or "",
        "planned": event.planned,
        "status": event.status,
        "reviewed_at": event.reviewed_at or "",
        "confidence": event.confidence,
        "participants": people_line(event),
        "place": event.place.name if event.place else "",
        "place_country": event.place.country if event.place else "",
        "topics": "; ".join(event.topics),
        "source_count": len({s.article.id for s in event.sources}),
        "source_names": "; ".join(source_names(event)),
        "sources": "; ".join(f"{s.article.file}[{s.start}:{s.end}]" for s in event.sources),
        "first_source_text": quoted.text if (quoted := first_statement(event)) else "",
    }


def export_csv(session: Session, filters: EventFilters | None = None, **order: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in iter_events(session, filters, **order):
        writer.writerow(csv_row(event))
    return buffer.getvalue()
