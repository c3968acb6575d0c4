"""Reads as plain functions with keyword arguments: filters, pages, facets, one event, one article.

No FastAPI here. Every list is filtered and counted in SQL with indexes; pages of events are
loaded in a fixed number of queries whatever their length (no N+1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Select, case, func, or_, select
from sqlmodel import Session

from app import search
from app.models import (
    Actor,
    Article,
    ArticleOut,
    ArticleRef,
    Event,
    EventActor,
    EventOut,
    EventTopic,
    Evidence,
    FacetValue,
    ParticipantOut,
    Place,
    PlaceOut,
    SourceOut,
    Topic,
)

FACET_LIMIT = 30


@dataclass(frozen=True)
class EventFilters:
    """The filters of the timeline. Values of one filter are alternatives (OR); filters combine (AND)."""

    year: tuple[int, ...] = ()
    type: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()  # topic slugs
    actor: tuple[str, ...] = ()  # actor names
    place: tuple[str, ...] = ()  # place names
    outlet: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def without(self, name: str) -> EventFilters:
        return replace(self, **{name: () if name not in ("q", "date_from", "date_to") else None})

    @property
    def active(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass
class EventPage:
    events: list[EventOut]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


# --- filtering --------------------------------------------------------------------------------


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def filtered_events(session: Session, filters: EventFilters) -> Select:
    """SELECT events.id, narrowed by every active filter."""
    query = select(Event.id)
    for condition in _conditions(session, filters):
        query = query.where(condition)
    return query


def _conditions(session: Session, f: EventFilters) -> list:
    conditions = []
    if f.year:
        conditions.append(Event.year.in_(f.year))
    if f.type:
        conditions.append(Event.type.in_(f.type))
    if f.topic:
        conditions.append(Event.id.in_(
            select(EventTopic.event_id).join(Topic, Topic.id == EventTopic.topic_id).where(Topic.slug.in_(f.topic))
        ))
    if f.actor:
        conditions.append(Event.id.in_(
            select(EventActor.event_id).join(Actor, Actor.id == EventActor.actor_id).where(Actor.name.in_(f.actor))
        ))
    if f.place:
        conditions.append(Event.place_id.in_(select(Place.id).where(Place.name.in_(f.place))))
    if f.outlet:
        conditions.append(Event.id.in_(
            select(Evidence.event_id).join(Article, Article.id == Evidence.article_id)
            .where(Article.outlet.in_(f.outlet))
        ))
    if f.language:
        conditions.append(Event.id.in_(
            select(Evidence.event_id).join(Article, Article.id == Evidence.article_id)
            .where(Article.language.in_(f.language))
        ))
    if f.date_from:
        conditions.append(func.coalesce(Event.date_last, Event.date_start) >= f.date_from)
    if f.date_to:
        conditions.append(Event.date_start <= f.date_to)
    if search.search_terms(f.q):
        conditions.append(_matches_text(session, f.q))
    return conditions


def _matches_text(session: Session, query: str):
    """Events whose title, names or passages match, or whose articles' text does."""
    dialect = _dialect(session)
    in_event = search.event_ids_matching(dialect, query)
    in_article = search.article_ids_matching(dialect, query)
    return or_(
        Event.id.in_(in_event),
        Event.id.in_(select(Evidence.event_id).where(Evidence.article_id.in_(in_article))),
    )


def count_events(session: Session, filters: EventFilters) -> int:
    if not filters.active:
        return session.scalar(select(func.count()).select_from(Event)) or 0
    subquery = filtered_events(session, filters).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def list_events(session: Session, filters: EventFilters, *, page: int = 1, page_size: int = 50,
                newest_first: bool = False, with_sources: bool = False) -> EventPage:
    """One page of events in date order (undated last), with their participants and topics."""
    undated_last = case((Event.date_start.is_(None), 1), else_=0)
    order = (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)
    query = filtered_events(session, filters).order_by(undated_last, *order)
    ids = list(session.scalars(query.limit(page_size).offset((page - 1) * page_size)))
    total = count_events(session, filters)
    return EventPage(load_events(session, ids, with_sources=with_sources), total, page, page_size)


# --- loading events ---------------------------------------------------------------------------


def load_events(session: Session, ids: Sequence[int], *, with_sources: bool = True) -> list[EventOut]:
    """The public shape of events ``ids``, in that order, in five queries."""
    if not ids:
        return []
    rows = session.execute(
        select(Event, Place).outerjoin(Place, Place.id == Event.place_id).where(Event.id.in_(ids))
    ).all()
    participants = _participants_of(session, ids)
    topics = _topics_of(session, ids)
    sources = _sources_of(session, ids) if with_sources else _source_stubs(session, ids)
    by_id = {event.id: (event, place) for event, place in rows}
    result = []
    for event_id in ids:
        if event_id not in by_id:
            continue
        event, place = by_id[event_id]
        result.append(EventOut(
            id=event.id,
            type=event.type,
            subtype=event.subtype,
            title=event.title,
            date_start=_iso(event.date_start, event.date_precision),
            date_end=_iso(event.date_end, event.date_precision),
            date_precision=event.date_precision,
            date_phrase=event.date_phrase,
            status=event.status,
            confidence=event.confidence,
            participants=participants.get(event.id, []),
            place=PlaceOut(name=place.name, country=place.country) if place else None,
            topics=topics.get(event.id, []),
            sources=sources.get(event.id, []),
            trip_id=event.trip_id,
        ))
    return result


def _iso(value: dt.date | None, precision: str | None) -> str | None:
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _participants_of(session: Session, ids: Sequence[int]) -> dict[int, list[ParticipantOut]]:
    rows = session.execute(
        select(EventActor.event_id, Actor.name, Actor.country, EventActor.role, EventActor.side)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids))
        .order_by(EventActor.event_id, case((EventActor.side == "guest", 0), else_=1), Actor.country, Actor.name)
    ).all()
    out: dict[int, list[ParticipantOut]] = defaultdict(list)
    for event_id, name, country, role, side in rows:
        out[event_id].append(ParticipantOut(name=name, country=country, role=role, side=side))
    return out


def _topics_of(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(EventTopic.event_id, Topic.name)
        .join(Topic, Topic.id == EventTopic.topic_id)
        .where(EventTopic.event_id.in_(ids))
        .order_by(EventTopic.event_id, Topic.name)
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for event_id, name in rows:
        out[event_id].append(name)
    return out


def _article_ref(article_id, file_name, title, outlet, published) -> ArticleRef:
    return ArticleRef(id=article_id, file=file_name, title=title, outlet=outlet, published=published)


def _sources_of(session: Session, ids: Sequence[int]) -> dict[int, list[SourceOut]]:
    """Evidence passages with their text cut out in SQL (characters, as Python counts them)."""
    passage = func.substr(Article.text, Evidence.start + 1, Evidence.end - Evidence.start)
    rows = session.execute(
        select(Evidence.event_id, Evidence.start, Evidence.end, Evidence.kind, passage,
               Article.id, Article.file_name, Article.title, Article.outlet, Article.published)
        .join(Article, Article.id == Evidence.article_id)
        .where(Evidence.event_id.in_(ids))
        .order_by(Evidence.event_id, Article.published_date, Article.id, Evidence.start)
    ).all()
    out: dict[int, list[SourceOut]] = defaultdict(list)
    for event_id, start, end, kind, text, *article in rows:
        out[event_id].append(SourceOut(article=_article_ref(*article), start=start, end=end, text=text,
                                       kind=kind))
    return out


def _source_stubs(session: Session, ids: Sequence[int]) -> dict[int, list[SourceOut]]:
    """One entry per reporting article, without passage text: enough for a timeline card."""
    rows = session.execute(
        select(Evidence.event_id, func.min(Evidence.start), func.min(Evidence.end), Article.id,
               Article.file_name, Article.title, Article.outlet, Article.published)
        .join(Article, Article.id == Evidence.article_id)
        .where(Evidence.event_id.in_(ids))
        .group_by(Evidence.event_id, Article.id)
        .order_by(Evidence.event_id, Article.id)
    ).all()
    out: dict[int, list[SourceOut]] = defaultdict(list)
    for event_id, start, end, *article in rows:
        out[event_id].append(SourceOut(article=_article_ref(*article), start=start, end=end, text=""))
    return out


def get_event(session: Session, event_id: int) -> EventOut | None:
    events = load_events(session, [event_id])
    return events[0] if events else None


def trip_events(session: Session, event: EventOut) -> list[EventOut]:
    """The other events of the same trip (the visit and what happened during it)."""
    root = event.trip_id or (event.id if event.type == "visit" else None)
    if root is None:
        return []
    ids = session.scalars(
        select(Event.id).where((Event.id == root) | (Event.trip_id == root)).order_by(Event.date_start, Event.id)
    )
    return [e for e in load_events(session, list(ids), with_sources=False) if e.id != event.id]


# --- articles ---------------------------------------------------------------------------------


def get_article(session: Session, article_id: int) -> ArticleOut | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    event_ids = list(session.scalars(
        select(Evidence.event_id).where(Evidence.article_id == article_id, Evidence.event_id.is_not(None))
        .group_by(Evidence.event_id).order_by(func.min(Evidence.start))
    ))
    return ArticleOut(
        id=article.id, file=article.file_name, title=article.title, outlet=article.outlet,
        published=article.published, published_precision=article.published_precision,
        language=article.language, text=article.text, boilerplate=article.boilerplate,
        captions=article.captions, event_ids=event_ids,
    )


@dataclass
class Highlight:
    evidence_id: int
    event_id: int
    start: int
    end: int
    kind: str
    event_title: str


def article_highlights(session: Session, article_id: int) -> list[Highlight]:
    rows = session.execute(
        select(Evidence.id, Evidence.event_id, Evidence.start, Evidence.end, Evidence.kind, Event.title)
        .join(Event, Event.id == Evidence.event_id)
        .where(Evidence.article_id == article_id)
        .order_by(Evidence.start, Evidence.end.desc())
    ).all()
    return [Highlight(*row) for row in rows]


def article_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Article)) or 0


# --- facets -----------------------------------------------------------------------------------


@dataclass
class FacetCounts:
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def facet_counts(session: Session, filters: EventFilters, *, limit: int = FACET_LIMIT) -> FacetCounts:
    """Counts per value of each facet, under every active filter except the facet's own."""
    facets = {
        "year": _year_facet(session, filters.without("year"), limit),
        "type": _type_facet(session, filters.without("type")),
        "topic": _topic_facet(session, filters.without("topic"), limit),
        "actor": _actor_facet(session, filters.without("actor"), limit),
        "place": _place_facet(session, filters.without("place"), limit),
        "outlet": _article_facet(session, filters.without("outlet"), Article.outlet, limit),
        "language": _article_facet(session, filters.without("language"), Article.language, limit),
    }
    return FacetCounts(total=count_events(session, filters), facets=facets)


def _scoped(session: Session, filters: EventFilters, event_id_column) -> list:
    if not filters.active:
        return []
    return [event_id_column.in_(filtered_events(session, filters))]


def _year_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    rows = session.execute(
        select(Event.year, func.count()).where(Event.year.is_not(None), *_scoped(session, filters, Event.id))
        .group_by(Event.year).order_by(Event.year.desc()).limit(limit * 4)
    ).all()
    return [FacetValue(value=str(year), label=str(year), count=count) for year, count in rows]


def _type_facet(session: Session, filters: EventFilters) -> list[FacetValue]:
    rows = session.execute(
        select(Event.type, func.count()).where(*_scoped(session, filters, Event.id))
        .group_by(Event.type).order_by(func.count().desc(), Event.type)
    ).all()
    return [FacetValue(value=value, label=value, count=count) for value, count in rows]


def _topic_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    rows = session.execute(
        select(Topic.slug, Topic.name, func.count())
        .join(EventTopic, EventTopic.topic_id == Topic.id)
        .where(*_scoped(session, filters, EventTopic.event_id))
        .group_by(Topic.id).order_by(func.count().desc(), Topic.name).limit(limit)
    ).all()
    return [FacetValue(value=slug, label=name, count=count) for slug, name, count in rows]


def _actor_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    rows = session.execute(
        select(Actor.name, func.count())
        .join(EventActor, EventActor.actor_id == Actor.id)
        .where(*_scoped(session, filters, EventActor.event_id))
        .group_by(Actor.id).order_by(func.count().desc(), Actor.name).limit(limit)
    ).all()
    return [FacetValue(value=name, label=name, count=count) for name, count in rows]


def _place_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    rows = session.execute(
        select(Place.name, func.count())
        .join(Event, Event.place_id == Place.id)
        .where(*_scoped(session, filters, Event.id))
        .group_by(Place.id).order_by(func.count().desc(), Place.name).limit(limit)
    ).all()
    return [FacetValue(value=name, label=name, count=count) for name, count in rows]


def _article_facet(session: Session, filters: EventFilters, column, limit: int) -> list[FacetValue]:
    """Events per outlet (or language) of the articles that report them."""
    rows = session.execute(
        select(column, func.count(func.distinct(Evidence.event_id)))
        .join(Article, Article.id == Evidence.article_id)
        .where(column.is_not(None), Evidence.event_id.is_not(None), *_scoped(session, filters, Evidence.event_id))
        .group_by(column).order_by(func.count(func.distinct(Evidence.event_id)).desc(), column).limit(limit)
    ).all()
    return [FacetValue(value=value, label=value, count=count) for value, count in rows]


def year_range(session: Session) -> tuple[int, int] | None:
    low, high = session.execute(select(func.min(Event.year), func.max(Event.year))).one()
    return (low, high) if low is not None else None


def density(session: Session, filters: EventFilters) -> list[tuple[int, int | None, str, str, int]]:
    """(year, month, type, precision, count) of the filtered events, for the time axis."""
    month = func.extract("month", Event.date_start)
    rows = session.execute(
        select(Event.year, month, Event.type, Event.date_precision, func.count())
        .where(Event.year.is_not(None), *_scoped(session, filters, Event.id))
        .group_by(Event.year, month, Event.type, Event.date_precision)
        .order_by(Event.year, month)
    ).all()
    return [(year, int(m) if m is not None else None, t, p, c) for year, m, t, p, c in rows]


def all_event_ids(session: Session, filters: EventFilters, *, newest_first: bool = False,
                  limit: int | None = None) -> list[int]:
    undated_last = case((Event.date_start.is_(None), 1), else_=0)
    order = (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)
    query = filtered_events(session, filters).order_by(undated_last, *order)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))



# --- for the web pages ------------------------------------------------------------------------


def year_at_offset(session: Session, filters: EventFilters, offset: int, *,
                   newest_first: bool = False) -> int | None:
    """The year of the filtered event at position ``offset`` (0-based) in timeline order."""
    if offset < 0:
        return None
    undated_last = case((Event.date_start.is_(None), 1), else_=0)
    order = (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)
    ids = filtered_events(session, filters).order_by(undated_last, *order).limit(1).offset(offset)
    event_id = session.scalar(ids)
    return session.scalar(select(Event.year).where(Event.id == event_id)) if event_id else None


@dataclass
class TopicLabel:
    slug: str
    name: str
    name_id: str | None


def topic_labels(session: Session) -> dict[str, TopicLabel]:
    """Every topic by its (English) name: the taxonomy is small, one query."""
    rows = session.execute(select(Topic.slug, Topic.name, Topic.name_id)).all()
    return {name: TopicLabel(slug, name, name_id) for slug, name, name_id in rows}


@dataclass
class EvidenceRef:
    evidence_id: int
    article_id: int
    start: int
    end: int


def event_evidence(session: Session, event_id: int) -> list[EvidenceRef]:
    """The evidence rows of one event, to link each quoted source to its passage in the article."""
    rows = session.execute(
        select(Evidence.id, Evidence.article_id, Evidence.start, Evidence.end)
        .where(Evidence.event_id == event_id).order_by(Evidence.article_id, Evidence.start, Evidence.id)
    ).all()
    return [EvidenceRef(*row) for row in rows]


def actor_offices(session: Session, names: Sequence[str]) -> dict[str, str | None]:
    """The office each actor is best known by, for a facet or chip label."""
    if not names:
        return {}
    rows = session.execute(select(Actor.name, Actor.office).where(Actor.name.in_(list(names)))).all()
    return {name: office for name, office in rows}


def year_counts(session: Session, filters: EventFilters) -> dict[int, int]:
    """Events per year under ``filters`` (the year filter only narrows which years appear)."""
    rows = session.execute(
        select(Event.year, func.count()).where(Event.year.is_not(None), *_scoped(session, filters, Event.id))
        .group_by(Event.year)
    ).all()
    return {year: count for year, count in rows}
