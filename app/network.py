"""Who met whom: the people of China and of Kazakhstan who took part in the same meetings, and how
often, among the events a filter selects. No FastAPI here."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlmodel import Session

from app.filtering import EventFilters, select_events, source
from app.models import Actor, EventActor

SIDES = ("China", "Kazakhstan")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    country: str


@dataclass(frozen=True)
class Pair:
    china: Person
    kazakhstan: Person
    meetings: int


def meeting_pairs(session: Session, filters: EventFilters) -> list[Pair]:
    """Each (Chinese, Kazakh) pair of people who took part in one meeting among those ``filters``
    select (whatever type they name), with the number of such meetings; most meetings first."""
    selection = select_events(session, replace(filters, type=("meeting",)))
    if selection.empty:
        return []
    src = source(selection)
    meetings = src.select(src.event_id.label("id")).subquery("meetings")
    left, right = EventActor.__table__.alias("left_side"), EventActor.__table__.alias("right_side")
    china, kazakh = Actor.__table__.alias("china"), Actor.__table__.alias("kazakh")
    count = func.count(func.distinct(meetings.c.id))
    rows = session.connection().execute(
        select(china.c.id, china.c.name, kazakh.c.id, kazakh.c.name, count)
        .select_from(meetings)
        .join(left, left.c.event_id == meetings.c.id).join(china, china.c.id == left.c.actor_id)
        .join(right, right.c.event_id == meetings.c.id).join(kazakh, kazakh.c.id == right.c.actor_id)
        .where(china.c.country == SIDES[0], china.c.name != china.c.country,
               kazakh.c.country == SIDES[1], kazakh.c.name != kazakh.c.country)
        .group_by(china.c.id, china.c.name, kazakh.c.id, kazakh.c.name)
        .order_by(count.desc(), china.c.name, kazakh.c.name)
    ).all()
    return [Pair(Person(a_id, a_name, SIDES[0]), Person(b_id, b_name, SIDES[1]), n)
            for a_id, a_name, b_id, b_name, n in rows]
