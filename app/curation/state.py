"""An event's editable state: read from the database, changed field by field, written through the store.

``Fields`` are the values an editor can change, in a JSON-able form (they are kept in the
corrections' ``before`` and ``after``): type, subtype, title, dates and precision, planned, place,
topics and participants.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, case, insert, select

from app.extract.titles import event_title
from app.extract.types import Participant, Place as PlaceValue
from app.ingest.merge import date_last
from app.ingest.store import Derived, write_events
from app.models import Actor, Event, EventActor, EventTopic, Place, Topic

events_t = Event.__table__
FIELDS = ("type", "subtype", "title", "date_start", "date_end", "date_precision", "planned", "place", "topics",
          "participants")
SIDES = ("guest", "host", "participant")
VALUE_COLUMNS = ("type", "subtype", "title", "status", "date_start", "date_end", "date_precision", "date_phrase",
                 "date_source", "date_article_id", "date_span_start", "date_span_end",
                 "date_last", "year", "confidence", "review_status", "reviewed_at", "review_note")
EDITOR_DATE = {"date_phrase": None, "date_source": "editor", "date_article_id": None, "date_span_start": None,
               "date_span_end": None}
"""An edited date: the source's words and the passage they stand in no longer describe it."""


def read_state(conn: Connection, event_id: int) -> Derived | None:
    row = conn.execute(select(*(events_t.c[name] for name in VALUE_COLUMNS), Place.name, Place.country)
                       .outerjoin(Place, Place.id == events_t.c.place_id)
                       .where(events_t.c.id == event_id)).first()
    if row is None:
        return None
    values = {name: row[i] for i, name in enumerate(VALUE_COLUMNS)}
    for name in ("date_start", "date_end", "date_last"):  # SQLite gives back ISO text through Core
        if isinstance(values[name], str):
            values[name] = dt.date.fromisoformat(values[name])
    if isinstance(values["reviewed_at"], str):
        values["reviewed_at"] = dt.datetime.fromisoformat(values["reviewed_at"])
    place = PlaceValue(row[-2], row[-1]) if row[-2] is not None else None
    people = conn.execute(
        select(Actor.name, Actor.country, EventActor.role, EventActor.side)
        .join(Actor, Actor.id == EventActor.actor_id).where(EventActor.event_id == event_id)
        .order_by(case((EventActor.side == "guest", 0), else_=1), Actor.country, Actor.name)).all()
    participants = [Participant(name, country, role, side) for name, country, role, side in people]
    topics = list(conn.scalars(select(Topic.slug).join(EventTopic, EventTopic.topic_id == Topic.id)
                               .where(EventTopic.event_id == event_id).order_by(Topic.slug)))
    return Derived(values, participants, place, topics)


def fields_of(state: Derived) -> dict:
    v = state.values
    return {
        "type": v["type"], "subtype": v["subtype"], "title": v["title"],
        "date_start": v["date_start"].isoformat() if v["date_start"] else None,
        "date_end": v["date_end"].isoformat() if v["date_end"] else None,
        "date_precision": v["date_precision"],
        "planned": v["status"] == "planned",
        "place": {"name": state.place.name, "country": state.place.country} if state.place else None,
        "topics": sorted(state.topics),
        "participants": [{"name": p.name, "country": p.country, "office": p.office, "side": p.side}
                         for p in state.participants],
    }


def automatic_title(fields: dict) -> str:
    people = [Participant(p["name"], p["country"], p.get("office"), p.get("side") or "participant")
              for p in fields["participants"]]
    place = PlaceValue(fields["place"]["name"], fields["place"]["country"]) if fields["place"] else None
    return event_title(fields["type"], fields["subtype"], people, place, language="en")


def apply_fields(state: Derived, changes: dict) -> Derived:
    """``state`` with ``changes`` (some of ``FIELDS``) made; the title follows the other fields unless it
    was given or had been written by hand."""
    before = fields_of(state)
    after = {**before, **changes}
    if "title" not in changes and before["title"] == automatic_title(before):
        after["title"] = automatic_title(after)
    v = dict(state.values)
    start = dt.date.fromisoformat(after["date_start"]) if after["date_start"] else None
    end = dt.date.fromisoformat(after["date_end"]) if after["date_end"] and start else None
    precision = after["date_precision"] if start else None
    v.update(type=after["type"], subtype=after["subtype"], title=after["title"],
             status="planned" if after["planned"] else "reported", date_start=start, date_end=end,
             date_precision=precision, date_last=date_last(start, end, precision),
             year=start.year if start else None)
    if any(name in changes for name in ("date_start", "date_end", "date_precision")):
        v.update(EDITOR_DATE)
    place = PlaceValue(after["place"]["name"], after["place"]["country"]) if after["place"] else None
    participants = [Participant(p["name"], p["country"], p.get("office") or None, p.get("side") or "participant")
                    for p in after["participants"]]
    return Derived(v, participants, place, sorted(set(after["topics"])))


def union_into(target: Derived, other: Derived) -> Derived:
    """``target`` with ``other``'s participants and topics added (a merge)."""
    names = {(p.name, p.country) for p in target.participants}
    participants = [*target.participants, *(p for p in other.participants if (p.name, p.country) not in names)]
    place = target.place or other.place
    return Derived(dict(target.values), participants, place, sorted(set(target.topics) | set(other.topics)))


def create_event(conn: Connection, fields: dict, created_by: int) -> int:
    """A new event with ``fields`` (a split's or an addition's), written through the store."""
    event_id = conn.execute(insert(events_t).returning(events_t.c.id), {
        "type": fields["type"], "subtype": fields["subtype"], "title": fields["title"] or "",
        "confidence": 1.0, "source_count": 0, "created_by": created_by, "review_status": "unreviewed",
    }).scalar_one()
    blank = Derived({"type": fields["type"], "subtype": fields["subtype"], "title": fields["title"] or "",
                     "status": "reported", "date_start": None, "date_end": None, "date_precision": None,
                     "date_phrase": None, "date_source": None, "date_article_id": None, "date_span_start": None,
                     "date_span_end": None, "date_last": None, "year": None, "confidence": 1.0,
                     "review_status": "unreviewed", "reviewed_at": None, "review_note": None}, [], None, [])
    write_events(conn, {event_id: apply_fields(blank, fields)})
    return event_id


def write_state(conn: Connection, event_id: int, state: Derived) -> None:
    write_events(conn, {event_id: state})
