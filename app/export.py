"""Serialise events in the export formats: JSON (the contract), CSV; more formats build on these."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlmodel import Session

from app.models import EventOut
from app.queries import EventFilters, all_event_ids, load_events

BATCH = 500
CSV_COLUMNS = ["id", "type", "subtype", "title", "date_start", "date_end", "date_precision", "date_phrase",
               "planned", "status", "reviewed_at", "confidence", "participants", "place", "place_country", "topics", "source_count",
               "sources", "first_source_text"]


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
        "participants": "; ".join(f"{p.name} ({p.country})" for p in event.participants),
        "place": event.place.name if event.place else "",
        "place_country": event.place.country if event.place else "",
        "topics": "; ".join(event.topics),
        "source_count": len({s.article.id for s in event.sources}),
        "sources": "; ".join(f"{s.article.file}[{s.start}:{s.end}]" for s in event.sources),
        "first_source_text": event.sources[0].text if event.sources else "",
    }


def export_csv(session: Session, filters: EventFilters | None = None, **order: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in iter_events(session, filters, **order):
        writer.writerow(csv_row(event))
    return buffer.getvalue()
