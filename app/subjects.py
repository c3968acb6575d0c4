"""Reads for the pages about one person, place or topic: the subject itself, its events per year,
and the ids that link a card's names to those pages. No FastAPI here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlmodel import Session

from app.filtering import EventFilters, select_events, source
from app.models import Actor, EventActor, Place, Topic


def get_actor(session: Session, actor_id: int) -> Actor | None:
    return session.get(Actor, actor_id)


def get_place(session: Session, place_id: int) -> Place | None:
    return session.get(Place, place_id)


def get_topic(session: Session, key: str) -> Topic | None:
    """A topic by its slug, or by its id (digits)."""
    if key.isdigit():
        return session.get(Topic, int(key))
    return session.scalars(select(Topic).where(Topic.slug == key)).first()


def events_per_year(session: Session, filters: EventFilters) -> dict[int, int]:
    """How many of the events ``filters`` select begin in each year."""
    selection = select_events(session, filters)
    if selection.empty:
        return {}
    src = source(selection)
    rows = session.connection().execute(
        src.select(src.year, func.count()).where(src.year.is_not(None)).group_by(src.year)).all()
    return {int(year): count for year, count in rows}


def roles_of(session: Session, actor_id: int, *, with_rejected: bool = False) -> list[str]:
    """The offices the sources give a person on the days of their events, most frequent first (of the
    events a reader sees: not of rejected ones, unless ``with_rejected``)."""
    shown = [] if with_rejected else [EventActor.review_status != "rejected"]
    rows = session.connection().execute(
        select(EventActor.role, func.count()).where(EventActor.actor_id == actor_id, EventActor.role.is_not(None),
                                                    *shown)
        .group_by(EventActor.role).order_by(func.count().desc(), EventActor.role)).all()
    return [role for role, _ in rows]


def actor_ids(session: Session, people: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The ids of actors by (name, country), for links to their pages."""
    wanted = set(people)
    if not wanted:
        return {}
    rows = session.connection().execute(
        select(Actor.name, Actor.country, Actor.id).where(Actor.name.in_(sorted({name for name, _ in wanted}))))
    return {(name, country): actor_id for name, country, actor_id in rows if (name, country) in wanted}


def place_id(session: Session, name: str) -> int | None:
    return session.connection().scalar(select(Place.id).where(Place.name == name))
