"""Reading the corrections: an event's history, the corrections that no longer apply, the review queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select, tuple_
from sqlmodel import Session

from app.models import Correction, Event, User


@dataclass
class Entry:
    """One change as the history shows it."""

    id: int
    kind: str
    user: str | None
    created_at: dt.datetime
    before: dict
    after: dict
    note: str | None
    applies: bool
    stale_reason: str | None
    reverted_by: int | None
    reverts_id: int | None
    event_id: int | None
    other_event_id: int | None


_ENTRIES = select(Correction, User.name).outerjoin(User, User.id == Correction.user_id)


def _entry(row) -> Entry:
    c, name = row
    created = c.created_at if isinstance(c.created_at, dt.datetime) else dt.datetime.fromisoformat(c.created_at)
    return Entry(c.id, c.kind, name, created, c.before, c.after, c.note, c.applies, c.stale_reason,
                 c.reverted_by, c.reverts_id, c.event_id, c.other_event_id)


def event_history(session: Session, event_id: int, limit: int = 200) -> list[Entry]:
    """The changes made to an event (or that made it, or took from it), newest first."""
    rows = session.execute(_ENTRIES.where(or_(Correction.event_id == event_id, Correction.other_event_id == event_id))
                           .order_by(Correction.id.desc()).limit(limit)).all()
    return [_entry(row) for row in rows]


def get_entry(session: Session, correction_id: int) -> Entry | None:
    row = session.execute(_ENTRIES.where(Correction.id == correction_id)).first()
    return _entry(row) if row else None


def stale_corrections(session: Session, limit: int = 500) -> list[Entry]:
    """Corrections that no longer apply (and were not reverted), oldest first."""
    rows = session.execute(_ENTRIES.where(Correction.applies.is_(False), Correction.reverted_by.is_(None),
                                          Correction.kind != "revert")
                           .order_by(Correction.id).limit(limit)).all()
    return [_entry(row) for row in rows]


def review_queue(session: Session, *, after: int | None = None, limit: int = 20) -> list[int]:
    """Unreviewed events, lowest confidence first (then by id); ``after``: an event id to continue after."""
    query = select(Event.id).where(Event.review_status == "unreviewed")
    if after is not None:
        confidence = session.scalar(select(Event.confidence).where(Event.id == after))
        if confidence is not None:
            query = query.where(tuple_(Event.confidence, Event.id) > tuple_(confidence, after))
    return list(session.scalars(query.order_by(Event.confidence, Event.id).limit(limit)))


def unreviewed_count(session: Session) -> int:
    return session.scalar(select(func.count()).where(Event.review_status == "unreviewed")) or 0


def event_version(session: Session, event_id: int) -> int:
    return session.scalar(select(Event.version).where(Event.id == event_id)) or 0
