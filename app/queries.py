"""Reads as plain functions with keyword arguments: pages, counts, facets, the axis, one event, one article.

No FastAPI here. Every read of the filtered events starts from the one index that narrows them
most and checks the other filters row by row (app/filtering.py); pages walk that index in timeline
order and stop after the page; pages of events are loaded in a fixed number of queries whatever
their length (no N+1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Integer, Select, String, bindparam, case, func, literal, select, union_all
from sqlmodel import Session

from app import filtering, search
from app.search import suggest
from app.filtering import (
    LINK_KEYS,
    LINK_TABLES,
    EventFilters,
    Selection,
    Source,
    facet_source,
    month_of,
    select_events,
    source,
)
from app.models import (
    Actor,
    Article,
    ArticleOut,
    ArticleRef,
    Event,
    EventActor,
    EventMonthCount,
    EventOut,
    EventTopic,
    Evidence,
    FacetValue,
    FacetValueCount,
    ParticipantOut,
    Place,
    PlaceOut,
    SourceOut,
    Topic,
)

__all__ = ["EventFilters", "Selection", "select_events"]

months_t, facet_values_t = EventMonthCount.__table__, FacetValueCount.__table__

FACET_LIMIT = 30
FACETS = ("year", "type", "topic", "actor", "place", "outlet", "language", "status")


@dataclass
class EventPage:
    events: list[EventOut]
    total: int
    page: int
    page_size: int
    total_exact: bool = True  # False: at least ``total`` (search words matching very many events)
    more: bool | None = None  # a page follows (known even when the total is not)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def next_page(self) -> int | None:
        more = self.more if self.more is not None else self.page < self.pages
        return self.page + 1 if more else None


def _db(session: Session):
    """The session's connection: every read here is a Core SELECT of plain columns, which the ORM's
    result machinery would only slow down (by a third, for a page of events)."""
    return session.connection()


def _selection(session: Session, filters: EventFilters | Selection) -> Selection:
    return filters if isinstance(filters, Selection) else select_events(session, filters)


def filtered_events(session: Session, filters: EventFilters | Selection) -> Select:
    """SELECT of the ids of the events ``filters`` select (unordered)."""
    selection = _selection(session, filters)
    if selection.empty:
        return select(Event.id).where(literal(False))
    src = source(selection)
    return src.select(src.event_id.label("id"))


# --- counting and paging ---------------------------------------------------------------------------


def count_events(session: Session, filters: EventFilters | Selection) -> int:
    """How many events ``filters`` select, exactly."""
    selection = _selection(session, filters)
    if selection.empty:
        return 0
    src = source(selection)
    return _db(session).scalar(src.select(func.count())) or 0


def bounded_count(session: Session, selection: Selection) -> tuple[int, bool]:
    """(count, exact): exact, except for search words matching more than ``TEXT_CAP`` events,
    which are counted only up to ``TEXT_CAP + 1`` (shown as "1,000+")."""
    if selection.empty:
        return 0, True
    if selection.text is not None and not selection.filters.without("q").active:
        return selection.text.count, selection.text.few  # the words alone: already counted (to the bound)
    src = source(selection)
    if selection.text is None or selection.text.few:
        return _db(session).scalar(src.select(func.count())) or 0, True
    cap = filtering.TEXT_CAP
    first = src.select(literal(1).label("one")).limit(cap + 1).subquery()
    counted = _db(session).scalar(select(func.count()).select_from(first)) or 0
    return counted, counted <= cap


def _order(src: Source, newest_first: bool) -> tuple:
    return (src.date_start.desc(), src.event_id.desc()) if newest_first else (src.date_start, src.event_id)


def event_ids_in_order(session: Session, filters: EventFilters | Selection, *, offset: int = 0,
                       limit: int | None = None, newest_first: bool = False, best_match: bool = False) -> list[int]:
    """Filtered event ids in timeline order: by date (either way), undated events last, by id; or,
    with ``best_match`` and search words, the best-matching first (``ranked_event_ids``).

    Dated and undated events are read apart, so that each read walks the source's index in order
    (``(..., date_start, id)``) and stops after ``limit`` rows, instead of sorting every matching
    event to find one page.
    """
    selection = _selection(session, filters)
    if selection.empty:
        return []
    if best_match and selection.text is not None:
        return ranked_event_ids(session, selection, offset=offset, limit=limit)
    src = source(selection)
    dated = src.select(src.event_id).where(src.date_start.is_not(None)).order_by(*_order(src, newest_first))
    ids = _db(session).scalars(dated.limit(limit).offset(offset) if limit is not None else dated.offset(offset)).all()
    if limit is not None and len(ids) >= limit:
        return ids
    if ids:
        undated_offset = 0
    else:
        dated_total = _db(session).scalar(src.select(func.count()).where(src.date_start.is_not(None))) or 0
        undated_offset = max(0, offset - dated_total)
    undated = src.select(src.event_id).where(src.date_start.is_(None)).order_by(
        src.event_id.desc() if newest_first else src.event_id).offset(undated_offset)
    if limit is not None:
        undated = undated.limit(limit - len(ids))
    return ids + _db(session).scalars(undated).all()


def ranked_event_ids(session: Session, selection: Selection, *, offset: int = 0, limit: int | None = None) -> list[int]:
    """The ids of the events ``selection`` selects, best match first: those whose own text has the
    search words, by their score (app/search/query.py), then those found only in the text of a
    reporting article; each newest first within."""
    scores = search.event_scores(selection.dialect, selection.text.terms)
    # an event with a score has the words: the rest of the filters is all it must meet
    scored = source(selection.without("q"))
    ranked = (scored.select(scored.event_id).join(scores, scores.c.event_id == scored.event_id)
              .order_by(scores.c.score.desc(), scored.date_start.desc().nulls_last(), scored.event_id.desc()))
    ids = _db(session).scalars(_page(ranked, offset, limit)).all()
    if limit is not None and len(ids) >= limit:
        return ids
    ranked_total = offset + len(ids) if ids else (
        _db(session).scalar(select(func.count()).select_from(ranked.order_by(None).subquery())) or 0)
    rest = source(selection)
    rest_ids = (rest.select(rest.event_id).where(rest.event_id.not_in(select(scores.c.event_id)))
                .order_by(rest.date_start.desc().nulls_last(), rest.event_id.desc()))
    remaining = None if limit is None else limit - len(ids)
    return ids + _db(session).scalars(_page(rest_ids, max(0, offset - ranked_total), remaining)).all()


def _page(statement: Select, offset: int, limit: int | None) -> Select:
    return statement.limit(limit).offset(offset) if limit is not None else statement.offset(offset)


def list_events(session: Session, filters: EventFilters | Selection, *, page: int = 1, page_size: int = 50,
                newest_first: bool = False, best_match: bool = False, with_sources: bool = True) -> EventPage:
    """One page of events in date order (undated last), with their participants and topics.

    The total is exact but for search words matching very many events (``EventPage.total_exact``).
    """
    selection = _selection(session, filters)
    offset = (page - 1) * page_size
    total, exact = bounded_count(session, selection)
    ids = []
    if offset < total or not exact:
        ids = event_ids_in_order(session, selection, offset=offset, limit=page_size + 1, newest_first=newest_first,
                                 best_match=best_match)
    more = len(ids) > page_size
    events = _load(session, ids[:page_size], "full" if with_sources else "stubs", public=True)
    return EventPage(events, total, page, page_size, total_exact=exact, more=more)


def did_you_mean(session: Session, filters: EventFilters) -> str | None:
    """For search words that find nothing under ``filters``: the nearest known spelling that finds events."""
    def count(changed: EventFilters) -> int:
        return bounded_count(session, select_events(session, changed))[0]

    return suggest.did_you_mean(session, filters, count)


def timeline_page(session: Session, selection: Selection, *, page: int, page_size: int, newest_first: bool,
                  passages: bool, best_match: bool = False) -> tuple[EventPage, int | None]:
    """A page of the timeline (``Listed`` events), and the year of the event just before it (None on
    the first page). The events come without their sources, or with the passages the search words
    may be found in (``passages``); in date order, or the best match first (``best_match``)."""
    offset = (page - 1) * page_size
    total, exact = bounded_count(session, selection)
    start = max(0, offset - 1)  # one event more in front: the year the page continues
    ids = []
    if offset < total or not exact:
        ids = event_ids_in_order(session, selection, offset=start, limit=page_size + 1 + (offset - start),
                                 newest_first=newest_first, best_match=best_match)
    before = ids[:offset - start]
    ids = ids[offset - start:]
    more = len(ids) > page_size
    events = list_page_events(session, [*before, *ids[:page_size]], passages=passages)
    previous_year = None
    if before and events and events[0].id == before[0] and events[0].date_start:
        previous_year = int(events[0].date_start[:4])
    events = events[len(before):]
    return EventPage(events, total, page, page_size, total_exact=exact, more=more), previous_year


def year_counts(session: Session, selection: Selection, years: Sequence[int]) -> dict[int, int]:
    """Events per year under ``selection``, for ``years`` (the headings of a page)."""
    if selection.empty or not years:
        return {}
    if counts_kept(selection):
        rows = _db(session).execute(
            select(months_t.c.year, func.sum(months_t.c.n))
            .where(months_t.c.year.in_(sorted(set(years))), *_kept_where(months_t, selection.filters))
            .group_by(months_t.c.year)).all()
        return {year: int(count) for year, count in rows}
    src = source(selection)
    rows = _db(session).execute(src.select(src.year, func.count()).where(src.year.in_(sorted(set(years))))
                           .group_by(src.year)).all()
    return {year: count for year, count in rows}


def all_event_ids(session: Session, filters: EventFilters, *, newest_first: bool = False, best_match: bool = False,
                  limit: int | None = None) -> list[int]:
    return event_ids_in_order(session, filters, limit=limit, newest_first=newest_first, best_match=best_match)


def year_at_offset(session: Session, filters: EventFilters, offset: int, *,
                   newest_first: bool = False) -> int | None:
    """The year of the filtered event at position ``offset`` (0-based) in timeline order."""
    if offset < 0:
        return None
    ids = event_ids_in_order(session, filters, offset=offset, limit=1, newest_first=newest_first)
    return _db(session).scalar(select(Event.year).where(Event.id == ids[0])) if ids else None


# --- loading events ---------------------------------------------------------------------------

# The statements that load a page of events, built once: each execution only binds the ids.
IDS = bindparam("ids", expanding=True)
_EVENT_ROWS = (
    select(Event.id, Event.type, Event.subtype, Event.title, Event.date_start, Event.date_end,
           Event.date_precision, Event.date_phrase, Event.status, Event.confidence, Event.trip_id,
           Event.source_count, Place.name, Place.country, Event.review_status, Event.reviewed_at, Place.id)
    .outerjoin(Place, Place.id == Event.place_id).where(Event.id.in_(IDS))
)
_PARTICIPANT_ROWS = (
    select(EventActor.event_id, Actor.name, Actor.country, EventActor.role, EventActor.side, Actor.id)
    .join(Actor, Actor.id == EventActor.actor_id)
    .where(EventActor.event_id.in_(IDS))
    .order_by(EventActor.event_id, case((EventActor.side == "guest", 0), else_=1), Actor.country, Actor.name)
)
_TOPIC_ROWS = (
    select(EventTopic.event_id, Topic.slug, Topic.name, Topic.name_id)
    .join(Topic, Topic.id == EventTopic.topic_id)
    .where(EventTopic.event_id.in_(IDS))
    .order_by(EventTopic.event_id, Topic.name)
)
_SOURCE_ROWS = (  # the passages, their text cut out in SQL (characters, as Python counts them)
    select(Evidence.event_id, Evidence.start, Evidence.end, Evidence.kind,
           func.substr(Article.text, Evidence.start + 1, Evidence.end - Evidence.start),
           Article.id, Article.file_name, Article.title, Article.outlet, Article.published)
    .join(Article, Article.id == Evidence.article_id)
    .where(Evidence.event_id.in_(IDS))
    .order_by(Evidence.event_id, Article.published_date, Article.id, Evidence.start)
)
_PER_ARTICLE = (
    select(Evidence.event_id, Evidence.article_id, func.min(Evidence.start).label("start"),
           func.min(Evidence.end).label("end"))
    .where(Evidence.event_id.in_(IDS))
    .group_by(Evidence.event_id, Evidence.article_id)
    .subquery()
)
_STUB_ROWS = (  # one entry per reporting article, without passage text
    select(_PER_ARTICLE.c.event_id, _PER_ARTICLE.c.start, _PER_ARTICLE.c.end, Article.id,
           Article.file_name, Article.title, Article.outlet, Article.published)
    .join(Article, Article.id == _PER_ARTICLE.c.article_id)
    .order_by(_PER_ARTICLE.c.event_id, Article.id)
)


@dataclass(slots=True)
class TopicRef:
    slug: str
    name: str
    name_id: str | None  # Indonesian name


@dataclass(slots=True)
class Listed:
    """An event as the timeline lists it: the attributes of ``EventOut`` (participants and place as
    ``ParticipantOut``/``PlaceOut``-like objects) without pydantic's cost per object, plus the
    number of reporting articles and the topics' slugs and names."""

    id: int
    type: str
    subtype: str
    title: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    date_phrase: str | None
    planned: bool
    status: str  # review status
    reviewed_at: str | None
    confidence: float
    participants: list
    place: object | None
    topics: list[str]
    sources: list
    trip_id: int | None
    source_count: int
    topic_refs: list[TopicRef]


@dataclass(slots=True)
class _Person:
    name: str
    country: str
    role: str | None
    side: str
    id: int | None = None  # the actor's, for a link to their page


@dataclass(slots=True)
class _Place:
    name: str
    country: str
    id: int | None = None


@dataclass(slots=True)
class _ArticleRef:
    id: int
    file: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(slots=True)
class _Source:
    article: _ArticleRef
    start: int
    end: int
    text: str
    kind: str


PUBLIC = {"person": ParticipantOut.model_construct, "place": PlaceOut.model_construct,
          "article": ArticleRef.model_construct, "source": SourceOut.model_construct}
LIGHT = {"person": _Person, "place": _Place, "article": _ArticleRef, "source": _Source}


def _rows(session: Session, statement, ids: Sequence[int]):
    """Rows of a prebuilt statement for ``ids`` (Core: no ORM work on plain columns)."""
    return session.connection().execute(statement, {"ids": list(ids)})


def load_events(session: Session, ids: Sequence[int], *, with_sources: bool = True) -> list[EventOut]:
    """The public shape of events ``ids``, in that order, in five queries (sources: every passage,
    or one entry per reporting article without its text)."""
    return _load(session, ids, "full" if with_sources else "stubs", public=True)


def list_page_events(session: Session, ids: Sequence[int], *, passages: bool) -> list[Listed]:
    """Events ``ids`` for the timeline's cards: without sources, or with their passages."""
    return _load(session, ids, "full" if passages else "none", public=False)


def _load(session: Session, ids: Sequence[int], sources: str, *, public: bool) -> list:
    """Events ``ids`` in that order, with sources "full", "stubs" or "none"."""
    if not ids:
        return []
    make = PUBLIC if public else LIGHT
    rows = _rows(session, _EVENT_ROWS, ids).all()
    participants: dict[int, list] = defaultdict(list)
    person = make["person"]
    for event_id, name, country, role, side, actor_id in _rows(session, _PARTICIPANT_ROWS, ids).all():
        participants[event_id].append(person(name=name, country=country, role=role, side=side) if public
                                      else _Person(name, country, role, side, actor_id))
    topics: dict[int, list[TopicRef]] = defaultdict(list)
    for event_id, slug, name, name_id in _rows(session, _TOPIC_ROWS, ids).all():
        topics[event_id].append(TopicRef(slug, name, name_id))
    passages: dict[int, list] = defaultdict(list)
    if sources == "full":
        for event_id, start, end, kind, text, *article in _rows(session, _SOURCE_ROWS, ids).all():
            passages[event_id].append(make["source"](article=_article(make, *article), start=start, end=end,
                                                     text=text, kind=kind))
    elif sources == "stubs":
        for event_id, start, end, *article in _rows(session, _STUB_ROWS, ids).all():
            passages[event_id].append(make["source"](article=_article(make, *article), start=start, end=end,
                                                     text="", kind="statement"))
    by_id = {row[0]: row for row in rows}
    result = []
    for event_id in ids:
        row = by_id.get(event_id)
        if row is None:
            continue
        (_, type_, subtype, title, start, end, precision, phrase, status, confidence, trip_id, source_count,
         place_name, place_country, review_status, reviewed_at, place_id) = row
        planned, reviewed = status == "planned", _timestamp(reviewed_at)
        place = None
        if place_name is not None:
            place = make["place"](name=place_name, country=place_country) if public else \
                _Place(place_name, place_country, place_id)
        refs = topics.get(event_id, [])
        names = [t.name for t in refs]
        if public:
            result.append(EventOut.model_construct(
                id=event_id, type=type_, subtype=subtype, title=title, date_start=_iso(start, precision),
                date_end=_iso(end, precision), date_precision=precision, date_phrase=phrase, planned=planned,
                status=review_status, reviewed_at=reviewed, confidence=confidence, participants=participants.get(event_id, []), place=place, topics=names,
                sources=passages.get(event_id, []), trip_id=trip_id))
        else:
            result.append(Listed(event_id, type_, subtype, title, _iso(start, precision), _iso(end, precision),
                                 precision, phrase, planned, review_status, reviewed, confidence,
                                 participants.get(event_id, []), place, names,
                                 passages.get(event_id, []), trip_id, source_count, refs))
    return result


def _article(make: dict, article_id, file_name, title, outlet, published):
    return make["article"](id=article_id, file=file_name, title=title, outlet=outlet, published=published)


def _timestamp(value: dt.datetime | str | None) -> str | None:
    """A stored UTC time as ISO 8601 with a Z, to the second."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back the text it stored
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _iso(value: dt.date | None, precision: str | None) -> str | None:
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def get_event(session: Session, event_id: int, *, with_rejected: bool = False) -> EventOut | None:
    """One event; a rejected one only for editors (``with_rejected``)."""
    events = load_events(session, [event_id])
    if not events or (events[0].status == "rejected" and not with_rejected):
        return None
    return events[0]


def trip_events(session: Session, event: EventOut, *, with_rejected: bool = False) -> list[EventOut]:
    """The other events of the same trip (the visit and what happened during it)."""
    root = event.trip_id or (event.id if event.type == "visit" else None)
    if root is None:
        return []
    # the members' ids from the trip_id index alone: an OR with the visit's id, or any other column,
    # makes SQLite scan the events (most trip_ids are NULL, so its statistics rate the index poorly)
    members = _db(session).scalars(select(Event.id).where(Event.trip_id == root)).all()
    trip = [e for e in load_events(session, sorted({root, *members}), with_sources=False)
            if with_rejected or e.status != "rejected"]
    first_day = {4: "-01-01", 7: "-01", 10: ""}  # "2024" and "2024-07" sort as their first day
    trip.sort(key=lambda e: (e.date_start is None, (e.date_start or "") + first_day.get(len(e.date_start or ""), ""),
                             e.id))
    return [e for e in trip if e.id != event.id]


# --- articles ---------------------------------------------------------------------------------


def get_article(session: Session, article_id: int, *, with_rejected: bool = False) -> ArticleOut | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    shown = [] if with_rejected else [Event.review_status != "rejected"]
    event_ids = list(_db(session).scalars(
        select(Evidence.event_id).join(Event, Event.id == Evidence.event_id)
        .where(Evidence.article_id == article_id, *shown)
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


def article_highlights(session: Session, article_id: int, *, with_rejected: bool = False) -> list[Highlight]:
    shown = [] if with_rejected else [Event.review_status != "rejected"]
    rows = _db(session).execute(
        select(Evidence.id, Evidence.event_id, Evidence.start, Evidence.end, Evidence.kind, Event.title)
        .join(Event, Event.id == Evidence.event_id)
        .where(Evidence.article_id == article_id, *shown)
        .order_by(Evidence.start, Evidence.end.desc())
    ).all()
    return [Highlight(*row) for row in rows]


def article_count(session: Session) -> int:
    return _db(session).scalar(select(func.count()).select_from(Article)) or 0


# --- facets and the axis -----------------------------------------------------------------------------


@dataclass
class FacetCounts:
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def facet_counts(session: Session, filters: EventFilters | Selection, *, limit: int = FACET_LIMIT) -> FacetCounts:
    """Counts per value of each facet, under every active filter except the facet's own.

    One statement: the total and each facet grouped from its own source (app/filtering.py), with
    the labels joined after grouping.
    """
    selection = _selection(session, filters)
    branches = []
    shared = None  # the filtered events, built once, when each facet reading them would cost a search
    if counts_kept(selection):
        branches.append(select(literal("total"), func.cast(literal(None), String), func.cast(literal(None), String),
                               func.cast(func.coalesce(func.sum(months_t.c.n), 0), Integer))
                        .where(*_kept_where(months_t, selection.filters)))
    elif not selection.empty:
        src = source(selection)
        if selection.text is not None and not selection.text.few:
            place_id = src.place_id if src.place_id is not None else (
                select(Event.place_id).where(Event.id == src.event_id).scalar_subquery())
            shared = (src.select(src.event_id.label("id"), src.year.label("year"), src.type.label("type"),
                                 place_id.label("place_id"))
                      .cte("filtered").prefix_with("MATERIALIZED"))
            branches.append(select(literal("total"), func.cast(literal(None), String),
                                   func.cast(literal(None), String), func.count()).select_from(shared))
        else:
            branches.append(src.select(literal("total"), func.cast(literal(None), String),
                                       func.cast(literal(None), String), func.count()))
    for name in FACETS:
        rest = selection.without(name)
        if rest.empty:
            continue
        if shared is not None and not getattr(selection.filters, name) and name != "status":
            branches.append(_shared_branch(shared, name))
        else:
            branches.append(_facet_branch(selection, name))
    rows = _db(session).execute(union_all(*branches)).all() if branches else []
    total = 0
    found: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for facet, key, label, count in rows:
        if facet == "total":
            total = count
        else:
            found[facet].append(FacetValue.model_construct(value=key, label=label, count=count))
    for name, values in found.items():
        if name == "year":
            values.sort(key=lambda v: int(v.value), reverse=True)
            del values[limit * 4:]
        else:
            values.sort(key=lambda v: (-v.count, v.label))
            if name != "type":
                del values[limit:]
    return FacetCounts(total=total, facets=found)


def _facet_branch(selection: Selection, name: str) -> Select:
    """``(facet, value, label, events)`` rows of facet ``name``.

    Under no filter but years and types, from the kept counts (revision 0005); else grouped from
    the facet's source (app/filtering.py).
    """
    rest = selection.without(name)
    if counts_kept(rest) and name != "status":  # the kept counts have no review status: all are public
        return _kept_facet(rest.filters, name)
    src, key = facet_source(selection, name)
    if name in ("year", "type", "outlet", "language", "status"):
        return src.select(literal(name), func.cast(key, String).label("value"), func.cast(key, String).label("label"),
                          func.count()).where(key.is_not(None)).group_by(key)
    counts = (src.select(key.label("key"), func.count().label("n")).where(key.is_not(None)).group_by(key)
              .subquery(f"{name}_counts"))
    return _labelled(name, counts)


def _shared_branch(shared, name: str) -> Select:
    """Facet ``name`` grouped from the filtered events materialised once (``shared``: id, year,
    type, place_id); link tables are looked up by event ("+ 0": from the set into the table, not the
    other way round)."""
    if name in ("year", "type"):
        key = shared.c[name]
        return (select(literal(name), func.cast(key, String).label("value"), func.cast(key, String).label("label"),
                       func.count()).select_from(shared).where(key.is_not(None)).group_by(key))
    if name == "place":
        key = shared.c.place_id
    else:
        link = LINK_TABLES[name].alias(f"shared_{name}")
        on = link.c.event_id == shared.c.id + 0
        if name in ("outlet", "language"):
            on = on & (link.c.facet == name)
        key = link.c[LINK_KEYS[name]]
    grouped = select(key.label("key"), func.count().label("n")).select_from(shared)
    if name != "place":
        grouped = grouped.join(link, on)
    grouped = grouped.where(key.is_not(None)).group_by(key)
    if name in ("outlet", "language"):
        return grouped.with_only_columns(literal(name), key.label("value"), func.cast(key, String).label("label"),
                                         func.count())
    return _labelled(name, grouped.subquery(f"{name}_shared"))


def counts_kept(selection: Selection) -> bool:
    """Whether the kept counts answer for ``selection``: no filter but years and types."""
    return not selection.filters.without("year").without("type").active


def _kept_where(table, f: EventFilters) -> list:
    where = [table.c.year.in_(f.year)] if f.year else []
    return where + ([table.c.type.in_(f.type)] if f.type else [])


def _kept_facet(f: EventFilters, name: str) -> Select:
    n = func.cast(func.sum(months_t.c.n), Integer)
    if name in ("year", "type"):
        key = months_t.c[name]
        where = [*_kept_where(months_t, f), *([months_t.c.year != 0] if name == "year" else [])]
        return (select(literal(name), func.cast(key, String).label("value"), func.cast(key, String).label("label"), n)
                .where(*where).group_by(key).having(func.sum(months_t.c.n) > 0))
    values = facet_values_t.c
    summed = func.sum(values.n)
    if name in ("outlet", "language"):
        return (select(literal(name), values.value.label("value"), values.value.label("label"),
                       func.cast(summed, Integer))
                .where(values.facet == name, *_kept_where(facet_values_t, f)).group_by(values.value).having(summed > 0))
    counts = (select(func.cast(values.value, Integer).label("key"), summed.label("n"))
              .where(values.facet == name, *_kept_where(facet_values_t, f)).group_by(values.value)
              .having(summed > 0).subquery(f"{name}_kept"))
    return _labelled(name, counts)


def _labelled(name: str, counts) -> Select:
    """The counts of topic, place or actor ids with their slugs and names."""
    if name == "topic":
        return (select(literal(name), Topic.slug, Topic.name, func.cast(counts.c.n, Integer))
                .join_from(counts, Topic, Topic.id == counts.c.key))
    if name == "place":
        return (select(literal(name), Place.name.label("value"), Place.name.label("label"),
                       func.cast(counts.c.n, Integer))
                .join_from(counts, Place, Place.id == counts.c.key))
    # actors are counted by name: one name may stand for two actors (of two countries)
    return (select(literal(name), Actor.name.label("value"), Actor.name.label("label"),
                   func.cast(func.sum(counts.c.n), Integer))
            .join_from(counts, Actor, Actor.id == counts.c.key).group_by(Actor.name))


def year_range(session: Session) -> tuple[int, int] | None:
    """The first and last year of the dated events (two steps down the timeline index)."""
    low = select(func.min(Event.date_start)).scalar_subquery()
    high = select(func.max(Event.date_start)).scalar_subquery()
    low, high = _db(session).execute(select(low, high)).one()
    if low is None:
        return None
    return (low.year, high.year) if isinstance(low, dt.date) else (int(str(low)[:4]), int(str(high)[:4]))


def density(session: Session, filters: EventFilters | Selection) -> list[tuple[int, int | None, str, str, int]]:
    """(year, month, type, precision, count) of the filtered events, for the time axis."""
    selection = _selection(session, filters)
    if selection.empty:
        return []
    if counts_kept(selection):
        kept = months_t.c
        rows = _db(session).execute(
            select(kept.year, kept.month, kept.type, kept.date_precision, func.sum(kept.n))
            .where(kept.year != 0, *_kept_where(months_t, selection.filters))
            .group_by(kept.year, kept.month, kept.type, kept.date_precision).having(func.sum(kept.n) > 0)
        ).all()
        return [(year, month, t, p, int(c)) for year, month, t, p, c in rows]
    src = source(selection)
    month = month_of(selection.dialect, src.date_start)
    rows = _db(session).execute(
        src.select(src.year, month, src.type, src.date_precision, func.count())
        .where(src.year.is_not(None))
        .group_by(src.year, month, src.type, src.date_precision)
    ).all()
    return [(year, int(m) if m is not None else None, t, p, c) for year, m, t, p, c in rows]


# --- for the web pages ------------------------------------------------------------------------------


@dataclass
class TopicLabel:
    slug: str
    name: str
    name_id: str | None


def topic_labels(session: Session) -> dict[str, TopicLabel]:
    """Every topic by its (English) name: the taxonomy is small, one query."""
    rows = _db(session).execute(select(Topic.slug, Topic.name, Topic.name_id)).all()
    return {name: TopicLabel(slug, name, name_id) for slug, name, name_id in rows}


@dataclass
class EvidenceRef:
    evidence_id: int
    article_id: int
    start: int
    end: int


def event_evidence(session: Session, event_id: int) -> list[EvidenceRef]:
    """The evidence rows of one event, to link each quoted source to its passage in the article."""
    rows = _db(session).execute(
        select(Evidence.id, Evidence.article_id, Evidence.start, Evidence.end)
        .where(Evidence.event_id == event_id).order_by(Evidence.article_id, Evidence.start, Evidence.id)
    ).all()
    return [EvidenceRef(*row) for row in rows]


