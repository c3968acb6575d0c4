"""What editors do, each in one transaction: check, record the correction, apply it, raise the data version.

The web pages and the API call these; no FastAPI here. Every change is a ``Correction`` (the event's
history): who, when, before, after, an optional note. A change made against an older version of an
event than the current one is refused with ``Conflict`` (the caller shows both versions).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update
from sqlmodel import Session

from app.auth import Account
from app.curation.anchors import (
    Locator,
    passage_in_article,
    passages_by_evidence,
    passages_of_event,
    span_condition,
)
from app.curation.apply import Applier, drop_empty_events
from app.curation.replay import rebuild
from app.curation.state import FIELDS, SIDES, automatic_title, fields_of, read_state
from app.curation.version import bump_data_version
from app.models import EVENT_TYPES, PRECISIONS, REVIEW_STATUSES, Correction, CorrectionArticle, Event, Evidence
from app.taxonomy import topic_slugs

corrections_t, events_t, evidence_t = Correction.__table__, Event.__table__, Evidence.__table__
NOTE_MAX = 1000
TEXT_MAX = 300
PARTICIPANTS_MAX = 40
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def N_(message: str) -> str:
    """Marks a message for the translation catalogue (the web layer translates ``Invalid`` messages)."""
    return message


class Invalid(ValueError):
    """A change that cannot be made as asked; the message says why (shown to the editor).

    ``message`` is a catalogue msgid with ``%(name)s`` placeholders filled from ``params``; a
    ``field`` parameter is itself a msgid (the name of a form field).
    """

    def __init__(self, message: str, **params: object) -> None:
        self.message, self.params = message, params
        super().__init__(message % params if params else message)


class Conflict(Exception):
    """The event changed since the editor loaded it (``current``: its version now)."""

    def __init__(self, event_id: int, current: int) -> None:
        super().__init__(f"event {event_id} is at version {current}")
        self.event_id, self.current = event_id, current


class Gone(LookupError):
    """There is no such event, article or correction."""


@dataclass(frozen=True)
class Done:
    event_id: int | None  # where the editor goes next (the event changed or made)
    correction_id: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _clean_note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Invalid(N_("a note has at most %(max)s characters"), max=NOTE_MAX)
    return note or None


def _event_version(conn: Connection, event_id: int) -> int:
    version = conn.scalar(select(events_t.c.version).where(events_t.c.id == event_id))
    if version is None:
        raise Gone(f"there is no event {event_id}")
    return version


def _check_version(conn: Connection, event_id: int, version: int | None) -> None:
    current = _event_version(conn, event_id)
    if version is not None and version != current:
        raise Conflict(event_id, current)


def _record(conn: Connection, *, kind: str, anchors: dict, before: dict, after: dict, note: str | None,
            user: Account, event_id: int | None, other_event_id: int | None = None,
            reverts_id: int | None = None) -> int:
    correction_id = conn.execute(insert(corrections_t).returning(corrections_t.c.id), {
        "kind": kind, "anchors": anchors, "before": before, "after": after, "note": note, "user_id": user.id,
        "created_at": _now(), "reverts_id": reverts_id, "applies": True, "event_id": event_id,
        "other_event_id": other_event_id,
    }).scalar_one()
    articles = {(p["hash"], p["file"]) for passages in anchors.values() for p in passages}
    if articles:
        conn.execute(insert(CorrectionArticle.__table__),
                     [{"correction_id": correction_id, "content_hash": h, "file_name": f} for h, f in sorted(articles)])
    return correction_id


def _apply(conn: Connection, correction_id: int) -> int | None:
    """Apply a just-recorded correction; it must hold now (else the request was wrong)."""
    c = conn.execute(select(corrections_t).where(corrections_t.c.id == correction_id)).one()
    outcome = Applier(conn).apply(c)
    if outcome.reason is not None:
        raise Invalid(outcome.reason)
    conn.execute(update(corrections_t).where(corrections_t.c.id == correction_id).values(
        event_id=outcome.event_id, other_event_id=outcome.other_event_id or c.other_event_id))
    drop_empty_events(conn, outcome.touched - {outcome.event_id})
    bump_data_version(conn)
    return outcome.event_id


def _commit(session: Session, make) -> Done:
    conn = session.connection()
    try:
        done = make(conn)
        session.commit()
        return done
    except BaseException:
        session.rollback()
        raise


# --- the changes ----------------------------------------------------------------------------------------


def review_event(session: Session, event_id: int, *, status: str, user: Account, note: str | None = None,
                 version: int | None = None) -> Done:
    if status not in REVIEW_STATUSES or status == "unreviewed":
        raise Invalid(N_("status must be verified or rejected"))
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        _check_version(conn, event_id, version)
        state = read_state(conn, event_id)
        before = {"status": state.values["review_status"], "note": state.values["review_note"]}
        correction = _record(conn, kind="review", anchors={"target": passages_of_event(conn, event_id)},
                             before=before, after={"status": status, "note": note}, note=note, user=user,
                             event_id=event_id)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def edit_event(session: Session, event_id: int, changes: dict, *, user: Account, note: str | None = None,
               version: int | None = None) -> Done:
    """Change some of ``FIELDS`` (as ``clean_fields`` gives them); fields equal to the current ones are left out."""
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        _check_version(conn, event_id, version)
        current = fields_of(read_state(conn, event_id))
        after = {name: value for name, value in changes.items() if name in FIELDS and current[name] != value}
        if not after:
            raise Invalid(N_("nothing was changed"))
        before = {name: current[name] for name in after}
        correction = _record(conn, kind="edit", anchors={"target": passages_of_event(conn, event_id)},
                             before=before, after=after, note=note, user=user, event_id=event_id)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def merge_events(session: Session, event_id: int, other_id: int, *, user: Account, note: str | None = None,
                 version: int | None = None) -> Done:
    """Event ``other_id`` is the same as ``event_id``: its passages (and reports) join it."""
    note = _clean_note(note)
    if other_id == event_id:
        raise Invalid(N_("an event cannot be merged with itself"))

    def make(conn: Connection) -> Done:
        _check_version(conn, event_id, version)
        _event_version(conn, other_id)
        target, other = read_state(conn, event_id), read_state(conn, other_id)
        if target.values["type"] != other.values["type"]:
            raise Invalid(N_("only events of the same type can be merged; change the type of one first"))
        correction = _record(
            conn, kind="merge",
            anchors={"target": passages_of_event(conn, event_id), "other": passages_of_event(conn, other_id)},
            before={"other": {"id": other_id, **fields_of(other)}}, after={"into": event_id}, note=note, user=user,
            event_id=event_id, other_event_id=other_id)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def split_event(session: Session, event_id: int, evidence_ids: list[int], *, user: Account,
                note: str | None = None, version: int | None = None) -> Done:
    """Move passages (``evidence_ids`` of the event) to a new event, a copy of this one to edit."""
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        _check_version(conn, event_id, version)
        own = set(conn.scalars(select(evidence_t.c.id).where(evidence_t.c.event_id == event_id)))
        chosen = sorted(set(evidence_ids) & own)
        moved = passages_by_evidence(conn, chosen)
        staying = [p for p in passages_of_event(conn, event_id)
                   if (p["hash"], p["start"], p["end"]) not in {(m["hash"], m["start"], m["end"]) for m in moved}]
        if not moved:
            raise Invalid(N_("choose the passages to move to the new event"))
        if not staying:
            raise Invalid(N_("at least one passage must stay with the event"))
        copy = fields_of(read_state(conn, event_id))
        correction = _record(conn, kind="split", anchors={"target": staying, "moved": moved}, before={},
                             after=copy, note=note, user=user, event_id=None, other_event_id=event_id)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def add_event(session: Session, article_id: int, start: int, end: int, fields: dict, *, user: Account,
              note: str | None = None) -> Done:
    """A missed event, stated by the passage ``start``–``end`` of the article."""
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        passage = passage_in_article(conn, article_id, start, end)
        if passage is None:
            raise Invalid(N_("the passage must be a non-blank span of the article's text"))
        after = dict(fields)
        if not after.get("title"):
            after["title"] = automatic_title(after)
        correction = _record(conn, kind="add", anchors={"passage": [passage]}, before={}, after=after, note=note,
                             user=user, event_id=None)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def change_passages(session: Session, event_id: int, *, user: Account, remove: list[int] = (),
                    add: list[tuple[int, int, int]] = (), note: str | None = None,
                    version: int | None = None) -> Done:
    """Which passages support the event: ``remove`` (its evidence ids), ``add`` (article, start, end)."""
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        _check_version(conn, event_id, version)
        own = set(conn.scalars(select(evidence_t.c.id).where(evidence_t.c.event_id == event_id)))
        removed = passages_by_evidence(conn, sorted(set(remove) & own))
        added = []
        for article_id, start, end in add:
            passage = passage_in_article(conn, article_id, start, end)
            if passage is None:
                raise Invalid(N_("a passage to add must be a non-blank span of an article's text"))
            added.append(passage)
        if not removed and not added:
            raise Invalid(N_("nothing was changed"))
        target = passages_of_event(conn, event_id)
        gone = {(p["hash"], p["start"], p["end"]) for p in removed}
        if not [p for p in target if (p["hash"], p["start"], p["end"]) not in gone] and not added:
            raise Invalid(N_("an event keeps at least one passage; reject it instead"))
        correction = _record(conn, kind="passages", anchors={"target": target, "added": added, "removed": removed},
                             before={"removed": len(removed)}, after={"added": len(added)}, note=note, user=user,
                             event_id=event_id)
        return Done(_apply(conn, correction), correction)

    return _commit(session, make)


def revert_correction(session: Session, correction_id: int, *, user: Account, note: str | None = None) -> Done:
    """Undo one entry of a history (itself an entry): the events it concerns are derived again and
    every other active correction is replayed over them. Reverting a revert restores the original."""
    note = _clean_note(note)

    def make(conn: Connection) -> Done:
        c = conn.execute(select(corrections_t).where(corrections_t.c.id == correction_id)).first()
        if c is None:
            raise Gone(f"there is no correction {correction_id}")
        if c.reverted_by is not None:
            raise Invalid(N_("this change was already reverted"))
        events = {e for e in (c.event_id, c.other_event_id) if e is not None}
        revert = _record(conn, kind="revert", anchors=c.anchors, before={"kind": c.kind}, after={},
                         note=note, user=user, event_id=c.event_id, other_event_id=c.other_event_id,
                         reverts_id=c.id)
        conn.execute(update(corrections_t).where(corrections_t.c.id == c.id).values(reverted_by=revert))
        if c.kind == "revert":  # undoing an undo: the original applies again
            conn.execute(update(corrections_t).where(corrections_t.c.id == c.reverts_id).values(reverted_by=None))
        live = rebuild(conn, events | _events_of_articles(conn, c.anchors))
        bump_data_version(conn)
        landing = conn.scalar(select(corrections_t.c.event_id).where(corrections_t.c.id == (
            c.reverts_id if c.kind == "revert" else c.id)))
        return Done(landing if landing in live else (min(live) if live else None), revert)

    return _commit(session, make)


def _events_of_articles(conn: Connection, anchors: dict) -> set[int]:
    """The events now holding any passage of ``anchors``."""
    locator = Locator(conn)
    located = [found for passages in anchors.values() for p in passages if (found := locator.locate(p))]
    if not located:
        return set()
    return set(conn.scalars(select(evidence_t.c.event_id).where(span_condition(located),
                                                                evidence_t.c.event_id.is_not(None))))


# --- reading the form ------------------------------------------------------------------------------------


def parse_partial_date(text: str | None) -> tuple[str | None, str | None]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → (first day ISO, precision); blank → (None, None)."""
    text = (text or "").strip()
    if not text:
        return None, None
    match = PARTIAL_DATE.match(text)
    if not match:
        raise Invalid(N_("a date is YYYY, YYYY-MM or YYYY-MM-DD (got “%(value)s”)"), value=text[:40])
    year, month, day = match.groups()
    try:
        first = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise Invalid(N_("no such date: %(value)s"), value=text) from error
    if not 1000 <= first.year <= 9999:
        raise Invalid(N_("the year is out of range"))
    return first.isoformat(), "day" if day else "month" if month else "year"


def _text(value: str | None, name: str, *, required: bool = False, limit: int = TEXT_MAX) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise Invalid(N_("%(field)s is required"), field=name)
    if len(value) > limit:
        raise Invalid(N_("%(field)s has at most %(max)s characters"), field=name, max=limit)
    return value


def clean_fields(form: dict) -> dict:
    """The fields of an event form, checked: ``type``, ``subtype``, ``title``, ``date`` and ``date_end``
    (partial ISO dates), ``planned``, ``place_name``/``place_country``, ``topics`` (taxonomy slugs) and
    ``participants`` (dicts of name, country, office, side; rows without a name are dropped)."""
    event_type = form.get("type")
    if event_type not in EVENT_TYPES:
        raise Invalid(N_("type must be one of %(values)s"), values=", ".join(EVENT_TYPES))
    start, precision = parse_partial_date(form.get("date"))
    end, end_precision = parse_partial_date(form.get("date_end"))
    if end and not start:
        raise Invalid(N_("an end date needs a start date"))
    if end and (end_precision != precision or end < start):
        raise Invalid(N_("the end date must be as precise as the start date and not before it"))
    if precision is not None and precision not in PRECISIONS:
        raise Invalid(N_("unknown precision"))
    place_name = _text(form.get("place_name"), N_("the place"))
    place_country = _text(form.get("place_country"), N_("the place's country"))
    if place_name and not place_country:
        raise Invalid(N_("a place needs its country"))
    topics = sorted({t for t in form.get("topics", []) if t})
    unknown = [t for t in topics if t not in topic_slugs()]
    if unknown:
        raise Invalid(N_("unknown topic: %(value)s"), value=", ".join(unknown))
    participants, seen = [], set()
    for person in form.get("participants", []):
        name = _text(person.get("name"), N_("a participant's name"))
        if not name:
            continue
        country = _text(person.get("country"), N_("a participant's country"))
        if not country:
            raise Invalid(N_("%(value)s: the country is required"), value=name)
        side = person.get("side") or "participant"
        if side not in SIDES:
            raise Invalid(N_("%(value)s: side must be one of %(values)s"), value=name, values=", ".join(SIDES))
        if (name, country) in seen:
            continue
        seen.add((name, country))
        participants.append({"name": name, "country": country,
                             "office": _text(person.get("office"), N_("an office")) or None, "side": side})
    if len(participants) > PARTICIPANTS_MAX:
        raise Invalid(N_("at most %(max)s participants"), max=PARTICIPANTS_MAX)
    return {
        "type": event_type, "subtype": _text(form.get("subtype"), N_("the subtype")) or event_type,
        "title": _text(form.get("title"), N_("the title")),
        "date_start": start, "date_end": end, "date_precision": precision,
        "planned": bool(form.get("planned")),
        "place": {"name": place_name, "country": place_country} if place_name else None,
        "topics": topics, "participants": participants,
    }


def changes_from_form(cleaned: dict) -> dict:
    """The cleaned form as changes to an event: a blank title means "keep it as it is"."""
    return {k: v for k, v in cleaned.items() if k != "title" or v}
