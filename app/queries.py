"""Reads as plain functions with keyword arguments: filters, pages, facets, one event, one article.

No FastAPI here. Every list is filtered and counted in SQL with indexes; pages of events are
loaded in a fixed number of queries whatever their length (no N+1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Integer, Select, String, case, func, literal, select, union, union_all
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
    EventSourceFacet,
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
    return select(Event.id).where(*_conditions(session, filters))


def _conditions(session: Session, f: EventFilters) -> list:
    """WHERE clauses on ``events`` for the active filters (each one indexed, see the models).

    Filters through a link table (topic, actor, outlet, language) take one of two shapes. When a
    filter on the event's own indexed columns (year, place, dates) already narrows the events to a
    few thousand, each of those is checked with a correlated EXISTS on the link table's primary
    key; otherwise the link table's matching event ids are read from its ``(key, event_id)``
    index and the events looked up by id. (PostgreSQL plans both as the same semi-join; SQLite
    takes them literally, and the wrong one costs it ten times more at 100,000 events.)
    """
    anchored = bool(f.year or f.place or f.date_from or f.date_to)

    def linked(link_event_id, subquery: Select):
        if anchored:
            # correlated on events only: the enclosing query may read the same link table
            return subquery.add_columns(literal(1)).where(link_event_id == Event.id).correlate(Event).exists()
        return Event.id.in_(subquery.add_columns(link_event_id))

    conditions = []
    if f.year:
        conditions.append(Event.year.in_(f.year))
    if f.type:
        conditions.append(Event.type.in_(f.type))
    if f.topic:
        conditions.append(linked(EventTopic.event_id, select().select_from(EventTopic)
                                 .join(Topic, Topic.id == EventTopic.topic_id).where(Topic.slug.in_(f.topic))))
    if f.actor:
        conditions.append(linked(EventActor.event_id, select().select_from(EventActor)
                                 .join(Actor, Actor.id == EventActor.actor_id).where(Actor.name.in_(f.actor))))
    if f.place:
        conditions.append(Event.place_id.in_(select(Place.id).where(Place.name.in_(f.place))))
    for facet in ("outlet", "language"):
        if getattr(f, facet):
            conditions.append(linked(EventSourceFacet.event_id, select().select_from(EventSourceFacet).where(
                EventSourceFacet.facet == facet, EventSourceFacet.value.in_(getattr(f, facet)))))
    if f.date_from:
        # date_last is set whenever date_start is (app/ingest/merge.py), so no coalesce: indexable
        conditions.append(Event.date_last >= f.date_from)
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
    # one set of ids (a UNION), not two IN tests joined by OR: the planner can then look the
    # matching events up by id instead of testing every event against both sets
    return Event.id.in_(union(
        in_event,
        select(Evidence.event_id).where(Evidence.article_id.in_(in_article), Evidence.event_id.is_not(None)),
    ))


def count_events(session: Session, filters: EventFilters) -> int:
    return session.scalar(select(func.count()).select_from(Event).where(*_conditions(session, filters))) or 0


def _timeline_order(newest_first: bool) -> tuple:
    return (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)


def event_ids_in_order(session: Session, filters: EventFilters, *, offset: int = 0, limit: int | None = None,
                       newest_first: bool = False) -> list[int]:
    """Filtered event ids in timeline order: by date (either way), undated events last, by id.

    Dated and undated events are read apart, so that each read walks a date index in order
    (``(date_start, id)`` or one led by the filtered column) and stops after ``limit`` rows,
    instead of sorting every matching event to find one page.
    """
    conditions = _conditions(session, filters)
    dated = select(Event.id).where(*conditions, Event.date_start.is_not(None)).order_by(
        *_timeline_order(newest_first))
    ids = list(session.scalars(dated.limit(limit).offset(offset) if limit is not None else dated.offset(offset)))
    if limit is not None and len(ids) >= limit:
        return ids
    if ids:
        undated_offset = 0
    else:
        dated_total = session.scalar(
            select(func.count()).select_from(Event).where(*conditions, Event.date_start.is_not(None))) or 0
        undated_offset = max(0, offset - dated_total)
    undated = select(Event.id).where(*conditions, Event.date_start.is_(None)).order_by(
        Event.id.desc() if newest_first else Event.id).offset(undated_offset)
    if limit is not None:
        undated = undated.limit(limit - len(ids))
    return ids + list(session.scalars(undated))


def list_events(session: Session, filters: EventFilters, *, page: int = 1, page_size: int = 50,
                newest_first: bool = False, with_sources: bool = False) -> EventPage:
    """One page of events in date order (undated last), with their participants and topics."""
    ids = event_ids_in_order(session, filters, offset=(page - 1) * page_size, limit=page_size,
                             newest_first=newest_first)
    total = count_events(session, filters)
    return EventPage(load_events(session, ids, with_sources=with_sources), total, page, page_size)


# --- loading events ---------------------------------------------------------------------------


def load_events(session: Session, ids: Sequence[int], *, with_sources: bool = True) -> list[EventOut]:
    """The public shape of events ``ids``, in that order, in five queries."""
    if not ids:
        return []
    rows = session.execute(
        select(Event.id, Event.type, Event.subtype, Event.title, Event.date_start, Event.date_end,
               Event.date_precision, Event.date_phrase, Event.status, Event.confidence, Event.trip_id,
               Place.name, Place.country)
        .outerjoin(Place, Place.id == Event.place_id).where(Event.id.in_(ids))
    ).all()
    participants = _participants_of(session, ids)
    topics = _topics_of(session, ids)
    sources = _sources_of(session, ids) if with_sources else _source_stubs(session, ids)
    by_id = {row.id: row for row in rows}
    result = []
    for event_id in ids:
        row = by_id.get(event_id)
        if row is None:
            continue
        precision = row.date_precision
        result.append(EventOut.model_construct(
            id=row.id,
            type=row.type,
            subtype=row.subtype,
            title=row.title,
            date_start=_iso(row.date_start, precision),
            date_end=_iso(row.date_end, precision),
            date_precision=precision,
            date_phrase=row.date_phrase,
            status=row.status,
            confidence=row.confidence,
            participants=participants.get(event_id, []),
            place=PlaceOut.model_construct(name=row.name, country=row.country) if row.name is not None else None,
            topics=topics.get(event_id, []),
            sources=sources.get(event_id, []),
            trip_id=row.trip_id,
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
        out[event_id].append(ParticipantOut.model_construct(name=name, country=country, role=role, side=side))
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
    return ArticleRef.model_construct(id=article_id, file=file_name, title=title, outlet=outlet,
                                      published=published)


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
        out[event_id].append(SourceOut.model_construct(article=_article_ref(*article), start=start, end=end,
                                                       text=text, kind=kind))
    return out


def _source_stubs(session: Session, ids: Sequence[int]) -> dict[int, list[SourceOut]]:
    """One entry per reporting article, without passage text: enough for a timeline card."""
    per_article = (
        select(Evidence.event_id, Evidence.article_id, func.min(Evidence.start).label("start"),
               func.min(Evidence.end).label("end"))
        .where(Evidence.event_id.in_(ids))
        .group_by(Evidence.event_id, Evidence.article_id)
        .subquery()
    )
    rows = session.execute(
        select(per_article.c.event_id, per_article.c.start, per_article.c.end, Article.id,
               Article.file_name, Article.title, Article.outlet, Article.published)
        .join(Article, Article.id == per_article.c.article_id)
        .order_by(per_article.c.event_id, Article.id)
    ).all()
    out: dict[int, list[SourceOut]] = defaultdict(list)
    for event_id, start, end, *article in rows:
        out[event_id].append(SourceOut.model_construct(article=_article_ref(*article), start=start, end=end,
                                                       text="", kind="statement"))
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


FACETS = ("year", "type", "topic", "actor", "place", "outlet", "language")


def facet_counts(session: Session, filters: EventFilters, *, limit: int = FACET_LIMIT) -> FacetCounts:
    """Counts per value of each facet, under every active filter except the facet's own.

    With filters, the facets whose own filter is not set all count the same events: those are
    counted together from one materialised set of the filtered events (one statement, the
    filters evaluated once). Each facet whose filter is set counts its own, wider set.
    """
    one_by_one = {
        "year": lambda f: _year_facet(session, f, limit),
        "type": lambda f: _type_facet(session, f),
        "topic": lambda f: _topic_facet(session, f, limit),
        "actor": lambda f: _actor_facet(session, f, limit),
        "place": lambda f: _place_facet(session, f, limit),
        "outlet": lambda f: _source_facet(session, f, "outlet", limit),
        "language": lambda f: _source_facet(session, f, "language", limit),
    }
    if not filters.active:
        facets = {name: count(filters) for name, count in one_by_one.items()}
        return FacetCounts(total=count_events(session, filters), facets=facets)
    shared = [name for name in FACETS if not getattr(filters, name)]
    total, facets = _shared_facets(session, filters, shared, limit)
    for name in FACETS:
        if name not in facets:
            facets[name] = one_by_one[name](filters.without(name))
    return FacetCounts(total=total, facets={name: facets[name] for name in FACETS})


def _shared_facets(session: Session, filters: EventFilters, names: list[str],
                   limit: int) -> tuple[int, dict[str, list[FacetValue]]]:
    """The total and the facets ``names``, all under ``filters``, in one statement.

    Each branch starts from the (small) filtered set and looks its rows up by index; the ``+ 0``
    on the set's side of each join keeps SQLite from doing the reverse (walking a whole link
    table and probing the set), as it would since it cannot know the set is small.
    """
    base = (select(Event.id, Event.year, Event.type, Event.place_id)
            .where(*_conditions(session, filters)).cte("filtered").prefix_with("MATERIALIZED"))
    events = func.count(func.distinct(base.c.id))

    def counted(facet: str, value, label, *joins, where=(), group_by=()) -> Select:
        """``(facet, value, label, events)`` rows of one facet, grouped by ``group_by`` (else value)."""
        query = select(literal(facet).label("facet"), func.cast(value, String).label("value"),
                       func.cast(label, String).label("label"), events.label("n")).select_from(base)
        for target, on in joins:
            query = query.join(target, on)
        return query.where(*where).group_by(*(group_by or (value,)))

    total = select(literal("total"), func.cast(literal(None), String), func.cast(literal(None), String),
                   func.count()).select_from(base)
    branches = {
        "year": lambda: counted("year", base.c.year, base.c.year, where=[base.c.year.is_not(None)]),
        "type": lambda: counted("type", base.c.type, base.c.type),
        "place": lambda: counted("place", Place.name, Place.name, (Place, Place.id == base.c.place_id + 0),
                                 group_by=(Place.id, Place.name)),
        "topic": lambda: counted("topic", Topic.slug, Topic.name,
                                 (EventTopic, EventTopic.event_id == base.c.id + 0),
                                 (Topic, Topic.id == EventTopic.topic_id), group_by=(Topic.id, Topic.slug, Topic.name)),
        "actor": lambda: counted("actor", Actor.name, Actor.name, (EventActor, EventActor.event_id == base.c.id + 0),
                                 (Actor, Actor.id == EventActor.actor_id)),
        **{name: (lambda name=name: counted(
            name, EventSourceFacet.value, EventSourceFacet.value,
            (EventSourceFacet, (EventSourceFacet.event_id == base.c.id + 0) & (EventSourceFacet.facet == name))))
           for name in ("outlet", "language")},
    }
    branches = [total, *(branches[name]() for name in names)]
    rows = session.execute(union_all(*branches)).all()
    total = 0
    found: dict[str, list[FacetValue]] = {name: [] for name in names}
    for facet, key, label, count in rows:
        if facet == "total":
            total = count
        else:
            found[facet].append(FacetValue(value=key, label=label, count=count))
    for name, values in found.items():
        if name == "year":
            values.sort(key=lambda v: int(v.value), reverse=True)
            del values[limit * 4:]
        else:
            values.sort(key=lambda v: (-v.count, v.label))
            if name != "type":
                del values[limit:]
    return total, found


def _link_counts(session: Session, filters: EventFilters, key_column, event_id_column):
    """``(key, n)`` rows: events per value of a link table's key, grouped on the link table's index.

    Without filters the link table's ``(key, event_id)`` index is counted alone; with filters the
    filtered events are found first and their link rows looked up by ``event_id`` (the ``+ 0``
    stops SQLite from walking the whole link table and looking each row's event up instead).
    """
    query = select(key_column.label("key"), func.count().label("n"))
    conditions = _conditions(session, filters)
    if conditions:
        query = query.select_from(Event).join(key_column.table, event_id_column == Event.id + 0).where(*conditions)
    return query.group_by(key_column).subquery()


def _year_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    rows = session.execute(
        select(Event.year, func.count()).where(Event.year.is_not(None), *_conditions(session, filters))
        .group_by(Event.year).order_by(Event.year.desc()).limit(limit * 4)
    ).all()
    return [FacetValue(value=str(year), label=str(year), count=count) for year, count in rows]


def _type_facet(session: Session, filters: EventFilters) -> list[FacetValue]:
    rows = session.execute(
        select(Event.type, func.count()).where(*_conditions(session, filters))
        .group_by(Event.type).order_by(func.count().desc(), Event.type)
    ).all()
    return [FacetValue(value=value, label=value, count=count) for value, count in rows]


def _topic_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    counts = _link_counts(session, filters, EventTopic.topic_id, EventTopic.event_id)
    rows = session.execute(
        select(Topic.slug, Topic.name, counts.c.n).join(counts, counts.c.key == Topic.id)
        .order_by(counts.c.n.desc(), Topic.name).limit(limit)
    ).all()
    return [FacetValue(value=slug, label=name, count=count) for slug, name, count in rows]


def _actor_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    counts = _link_counts(session, filters, EventActor.actor_id, EventActor.event_id)
    rows = session.execute(
        select(Actor.name, func.sum(counts.c.n)).join(counts, counts.c.key == Actor.id)
        .group_by(Actor.name).order_by(func.sum(counts.c.n).desc(), Actor.name).limit(limit)
    ).all()
    return [FacetValue(value=name, label=name, count=int(count)) for name, count in rows]


def _place_facet(session: Session, filters: EventFilters, limit: int) -> list[FacetValue]:
    counts = (
        select(Event.place_id.label("key"), func.count().label("n"))
        .where(Event.place_id.is_not(None), *_conditions(session, filters))
        .group_by(Event.place_id).subquery()
    )
    rows = session.execute(
        select(Place.name, counts.c.n).join(counts, counts.c.key == Place.id)
        .order_by(counts.c.n.desc(), Place.name).limit(limit)
    ).all()
    return [FacetValue(value=name, label=name, count=count) for name, count in rows]


def _source_facet(session: Session, filters: EventFilters, facet: str, limit: int) -> list[FacetValue]:
    """Events per outlet (or language) of the articles that report them, from the ``(facet, value,
    event_id)`` index of ``event_source_facets`` (one row per event and value)."""
    count = func.count().label("n")
    query = select(EventSourceFacet.value, count).where(EventSourceFacet.facet == facet)
    conditions = _conditions(session, filters)
    if conditions:
        query = query.join(Event, EventSourceFacet.event_id == Event.id + 0).where(*conditions)
    rows = session.execute(
        query.group_by(EventSourceFacet.value).order_by(count.desc(), EventSourceFacet.value).limit(limit)
    ).all()
    return [FacetValue(value=value, label=value, count=count) for value, count in rows]


def _month_of(session: Session, column):
    """The month of a date column; on SQLite (ISO text) cut from the string, far cheaper than strftime."""
    if _dialect(session) == "sqlite":
        return func.cast(func.substr(column, 6, 2), Integer)
    return func.extract("month", column)


def year_range(session: Session) -> tuple[int, int] | None:
    # two scalar subqueries: each is one step down the year index (min and max together would scan)
    low = select(func.min(Event.year)).scalar_subquery()
    high = select(func.max(Event.year)).scalar_subquery()
    low, high = session.execute(select(low, high)).one()
    return (low, high) if low is not None else None


def density(session: Session, filters: EventFilters) -> list[tuple[int, int | None, str, str, int]]:
    """(year, month, type, precision, count) of the filtered events, for the time axis."""
    month = _month_of(session, Event.date_start)
    rows = session.execute(
        select(Event.year, month, Event.type, Event.date_precision, func.count())
        .where(Event.year.is_not(None), *_conditions(session, filters))
        .group_by(Event.year, month, Event.type, Event.date_precision)
        .order_by(Event.year, month)
    ).all()
    return [(year, int(m) if m is not None else None, t, p, c) for year, m, t, p, c in rows]


def all_event_ids(session: Session, filters: EventFilters, *, newest_first: bool = False,
                  limit: int | None = None) -> list[int]:
    return event_ids_in_order(session, filters, limit=limit, newest_first=newest_first)



# --- for the web pages ------------------------------------------------------------------------


def year_at_offset(session: Session, filters: EventFilters, offset: int, *,
                   newest_first: bool = False) -> int | None:
    """The year of the filtered event at position ``offset`` (0-based) in timeline order."""
    if offset < 0:
        return None
    ids = event_ids_in_order(session, filters, offset=offset, limit=1, newest_first=newest_first)
    return session.scalar(select(Event.year).where(Event.id == ids[0])) if ids else None


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


def year_counts(session: Session, filters: EventFilters) -> dict[int, int]:
    """Events per year under ``filters`` (the year filter only narrows which years appear)."""
    rows = session.execute(
        select(Event.year, func.count()).where(Event.year.is_not(None), *_conditions(session, filters))
        .group_by(Event.year)
    ).all()
    return {year: count for year, count in rows}


def data_version(session: Session) -> tuple:
    """Changes whenever articles, reports or events are added, replaced or removed (for caching reads)."""
    from app.models import Report

    # one scalar subquery per aggregate: alone, each is a step down an index (or SQLite's b-tree
    # count); max() and count() together in one SELECT scan the whole table (5 ms at 100k events)
    aggregates = [select(func.max(Article.id)), select(func.count()).select_from(Article),
                  select(func.max(Event.id)), select(func.count()).select_from(Event), select(func.max(Report.id))]
    return tuple(session.execute(select(*(a.scalar_subquery() for a in aggregates))).one())
