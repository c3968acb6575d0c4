"""Each kind of correction as a function that makes the database agree with it.

Every function is idempotent ("make it so", never "do it again"): applied to a database where the
correction already holds, it changes nothing, so that replaying the corrections after an ingest
is safe whatever the ingest changed. Each returns ``None`` when the correction holds, or why it no
longer applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, exists, insert, select, update

from app.curation.anchors import N_, Located, Locator, event_holding, span_condition
from app.curation.state import apply_fields, create_event, read_state, union_into, write_state
from app.models import Correction, Event, Evidence, Report

events_t, evidence_t, reports_t, corrections_t = (Event.__table__, Evidence.__table__, Report.__table__,
                                                   Correction.__table__)


@dataclass
class Outcome:
    """What applying a correction gave: why it no longer applies (or None), and the events concerned."""

    reason: str | None = None
    event_id: int | None = None
    other_event_id: int | None = None
    touched: set[int] = field(default_factory=set)


class Applier:
    """Applies corrections on one connection (inside the caller's transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.locator = Locator(conn)

    def apply(self, c) -> Outcome:
        """``c``: a row of ``corrections`` (or a ``Correction``)."""
        return getattr(self, f"_{c.kind}")(c)

    # --- finding things -----------------------------------------------------------------------------

    def _located(self, passages: list[dict]) -> tuple[list[Located], str | None]:
        found, reason = [], None
        for p in passages:
            place = self.locator.locate(p)
            if place is None:
                reason = reason or self.locator.missing_reason(p)
            else:
                found.append(place)
        return found, reason

    def _target(self, c, role: str = "target") -> tuple[int | None, str | None]:
        located, reason = self._located(c.anchors.get(role, []))
        event_id = event_holding(self.conn, located)
        if event_id is None:
            return None, reason or N_("its passages no longer state any event")
        return event_id, None

    def _created(self, c) -> int | None:
        return self.conn.scalar(select(events_t.c.id).where(events_t.c.created_by == c.id))

    # --- the kinds -------------------------------------------------------------------------------------

    def _review(self, c) -> Outcome:
        event_id, reason = self._target(c)
        if event_id is None:
            return Outcome(reason)
        status, note = c.after["status"], c.after.get("note")
        reviewed = c.created_at if isinstance(c.created_at, dt.datetime) else dt.datetime.fromisoformat(c.created_at)
        changed = self.conn.execute(
            update(events_t).where(events_t.c.id == event_id,
                                   (events_t.c.review_status != status) | events_t.c.reviewed_at.is_distinct_from(reviewed)
                                   | events_t.c.review_note.is_distinct_from(note))
            .values(review_status=status, reviewed_at=reviewed, review_note=note, version=events_t.c.version + 1))
        if changed.rowcount:
            state = read_state(self.conn, event_id)
            write_state(self.conn, event_id, state)  # the link rows carry the review status
        return Outcome(event_id=event_id, touched={event_id})

    def _edit(self, c) -> Outcome:
        event_id, reason = self._target(c)
        if event_id is None:
            return Outcome(reason)
        state = read_state(self.conn, event_id)
        changed = apply_fields(state, c.after)
        if changed.values != state.values or changed.participants != state.participants or \
                changed.place != state.place or changed.topics != state.topics:
            write_state(self.conn, event_id, changed)
        return Outcome(event_id=event_id, touched={event_id})

    def _merge(self, c) -> Outcome:
        target, reason = self._target(c)
        if target is None:
            return Outcome(reason)
        other, reason = self._target(c, "other")
        if other is None:
            return Outcome(reason, event_id=target)
        if other != target:
            merged = union_into(read_state(self.conn, target), read_state(self.conn, other))
            self.conn.execute(update(evidence_t).where(evidence_t.c.event_id == other).values(event_id=target))
            self.conn.execute(update(reports_t).where(reports_t.c.event_id == other).values(event_id=target))
            self._follow(other, target)
            self.conn.execute(delete(events_t).where(events_t.c.id == other))
            write_state(self.conn, target, merged)
        return Outcome(event_id=target, touched={target, other})

    def _split(self, c) -> Outcome:
        moved, reason = self._located(c.anchors.get("moved", []))
        if not moved:
            return Outcome(reason or N_("the passages to move are gone"))
        new = self._created(c) or create_event(self.conn, c.after, c.id)
        sources = set(self.conn.scalars(select(evidence_t.c.event_id).where(
            span_condition(moved), evidence_t.c.event_id.is_not(None), evidence_t.c.event_id != new)))
        if sources:
            self.conn.execute(update(evidence_t).where(span_condition(moved), evidence_t.c.event_id.in_(sources))
                              .values(event_id=new))
            self._move_whole_reports(new)
            for source in sources:
                write_state(self.conn, source, read_state(self.conn, source))
        state = read_state(self.conn, new)
        fitted = apply_fields(state, c.after)
        if sources or fitted.values != state.values or fitted.participants != state.participants \
                or fitted.place != state.place or fitted.topics != state.topics:
            write_state(self.conn, new, fitted)
        source, _ = self._target(c)
        return Outcome(event_id=new, other_event_id=source, touched={new, *sources})

    def _add(self, c) -> Outcome:
        located, reason = self._located(c.anchors.get("passage", []))
        if not located:
            return Outcome(reason or N_("the passage is gone"))
        new = self._created(c) or create_event(self.conn, c.after, c.id)
        moved = self._ensure_evidence(c, located, new)
        state = read_state(self.conn, new)
        fitted = apply_fields(state, c.after)
        if moved or fitted.values != state.values or fitted.participants != state.participants \
                or fitted.place != state.place or fitted.topics != state.topics:
            write_state(self.conn, new, fitted)
        return Outcome(event_id=new, touched={new})

    def _passages(self, c) -> Outcome:
        event_id, reason = self._target(c)
        if event_id is None:
            return Outcome(reason)
        added, reason_added = self._located(c.anchors.get("added", []))
        removed, _ = self._located(c.anchors.get("removed", []))
        if c.anchors.get("added") and not added:
            return Outcome(reason_added, event_id=event_id)
        changed = self._ensure_evidence(c, added, event_id) if added else False
        if removed:
            changed |= bool(self.conn.execute(
                update(evidence_t).where(span_condition(removed), evidence_t.c.event_id == event_id)
                .values(event_id=None)).rowcount)
        if changed:
            write_state(self.conn, event_id, read_state(self.conn, event_id))
        return Outcome(event_id=event_id, touched={event_id})

    def _revert(self, c) -> Outcome:  # a revert's effect is its original's absence (see replay.rebuild)
        return Outcome(event_id=c.event_id)

    # --- helpers ----------------------------------------------------------------------------------------

    def _ensure_evidence(self, c, located: list[Located], event_id: int) -> bool:
        """Passages chosen by this correction, as evidence of ``event_id`` (its own rows, kept across replays)."""
        changed = False
        own = {(r.article_id, r.start, r.end): r for r in self.conn.execute(
            select(evidence_t.c.id, evidence_t.c.article_id, evidence_t.c.start, evidence_t.c.end,
                   evidence_t.c.event_id).where(evidence_t.c.correction_id == c.id))}
        for place in located:
            row = own.pop((place.article_id, place.start, place.end), None)
            if row is not None and row.event_id == event_id:
                continue
            if row is not None:
                self.conn.execute(update(evidence_t).where(evidence_t.c.id == row.id).values(event_id=event_id))
            else:
                self.conn.execute(insert(evidence_t).values(
                    report_id=None, correction_id=c.id, event_id=event_id, article_id=place.article_id,
                    start=place.start, end=place.end, kind="statement", rule="editor"))
            changed = True
        if own:  # rows of passages that moved (a relocated anchor)
            self.conn.execute(delete(evidence_t).where(evidence_t.c.id.in_([r.id for r in own.values()])))
            changed = True
        return changed

    def _move_whole_reports(self, event_id: int) -> None:
        """Reports all of whose passages are now ``event_id``'s go with them (re-clustering sees them there)."""
        elsewhere = exists(select(evidence_t.c.id).where(evidence_t.c.report_id == reports_t.c.id,
                                                         evidence_t.c.event_id.is_distinct_from(event_id)))
        mine = select(evidence_t.c.report_id).where(evidence_t.c.event_id == event_id,
                                                    evidence_t.c.report_id.is_not(None))
        self.conn.execute(update(reports_t).where(reports_t.c.id.in_(mine), ~elsewhere,
                                                  reports_t.c.event_id.is_distinct_from(event_id))
                          .values(event_id=event_id))

    def _follow(self, old: int, new: int) -> None:
        """History follows an event into the one it was merged into."""
        self.conn.execute(update(corrections_t).where(corrections_t.c.event_id == old).values(event_id=new))
        self.conn.execute(update(events_t).where(events_t.c.trip_id == old).values(trip_id=None))


def drop_empty_events(conn: Connection, event_ids: set[int]) -> set[int]:
    """Delete those of ``event_ids`` that no passage states any more (an event always cites a source),
    and editors' passages no event holds; returns the events deleted."""
    conn.execute(delete(evidence_t).where(evidence_t.c.report_id.is_(None), evidence_t.c.event_id.is_(None)))
    if not event_ids:
        return set()
    cited = exists(select(evidence_t.c.id).where(evidence_t.c.event_id == events_t.c.id))
    empty = set(conn.scalars(select(events_t.c.id).where(events_t.c.id.in_(sorted(event_ids)), ~cited)))
    if empty:
        conn.execute(update(events_t).where(events_t.c.trip_id.in_(sorted(empty))).values(trip_id=None))
        conn.execute(delete(events_t).where(events_t.c.id.in_(sorted(empty))))
    return empty
