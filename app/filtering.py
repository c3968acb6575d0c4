"""How the timeline's filters become SQL: one index reads the matching events, the others are probed.

A request's filters are first *resolved* in one small query (topic slugs, actor and place names to
ids) and, with search words, one more (how many events the words match, counted up to
``TEXT_CAP``). Then every read of the filtered events (a page, a count, a facet, the axis) starts
from a *source*: one index, walked in timeline order —

* the link table of the one actor, topic, outlet or language chosen (the narrowest kind first; its
  rows carry their event's type, year and dates, revision 0004), or the events of the one place;
  on a person's page, that person's rows;
* else the events by type, or by date (a year is a range of ``date_start``);
* with search words that match few events, those events by id.

Every other filter is checked on each row the source yields: the event's own columns where the
source carries them, a primary-key probe of a link table (``EXISTS``), or, for search words that
match many events, membership in the matching ids (each set built once per statement).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    bindparam,
    exists,
    func,
    literal,
    select,
    union,
    union_all,
)
from sqlmodel import Session

from app import search
from app.models import Actor, Event, EventActor, EventSourceFacet, EventTopic, Evidence, Place, Topic

TEXT_CAP = 1000  # search words matching more events than this are counted as "1,000+"

events_t, evidence_t = Event.__table__, Evidence.__table__
LINK_TABLES = {"topic": EventTopic.__table__, "actor": EventActor.__table__,
               "outlet": EventSourceFacet.__table__, "language": EventSourceFacet.__table__}
LINK_KEYS = {"topic": "topic_id", "actor": "actor_id", "outlet": "value", "language": "value"}
# which single-valued filter reads the events, the narrowest kind first
DRIVER_ORDER = ("actor", "place", "topic", "outlet", "language")


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
    status: tuple[str, ...] = ()  # review status: unreviewed | verified | rejected
    with_rejected: bool = False  # an editor's view: rejected events are not hidden
    # every one of these took part (AND, unlike ``actor``): the events of a person's page
    with_actors: tuple[str, ...] = ()

    def without(self, name: str) -> EventFilters:
        return replace(self, **{name: () if name not in ("q", "date_from", "date_to") else None})

    @property
    def active(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class TextMatch:
    """Search words, and whether the events they match are few (``count`` of them, exactly)."""

    terms: tuple[str, ...]
    count: int  # matching events, counted up to TEXT_CAP + 1

    @property
    def few(self) -> bool:
        return self.count <= TEXT_CAP


@dataclass(frozen=True)
class Selection:
    """Filters with their names resolved to ids: what every read of the filtered events starts from."""

    filters: EventFilters
    dialect: str
    keys: dict[str, tuple] = field(default_factory=dict)  # topic/actor/place ids; outlet/language values
    text: TextMatch | None = None
    together: tuple[tuple[int, ...], ...] = ()  # the actor ids of each of ``filters.with_actors``

    @property
    def empty(self) -> bool:
        """A filter names nothing that exists: no event can match."""
        return any(getattr(self.filters, name) and not self.keys.get(name) for name in ("topic", "actor", "place")) \
            or len(self.together) < len(self.filters.with_actors) or not all(self.together)

    def without(self, name: str) -> Selection:
        keys = {key: values for key, values in self.keys.items() if key != name}
        return replace(self, filters=self.filters.without(name), keys=keys, text=None if name == "q" else self.text)


@dataclass
class Source:
    """Rows with one event each (``event_id``) and its filter columns, and the conditions on them."""

    table: FromClause
    event_id: ColumnElement
    type: ColumnElement
    year: ColumnElement
    date_start: ColumnElement
    date_last: ColumnElement
    date_precision: ColumnElement
    review_status: ColumnElement | None = None
    conditions: list = field(default_factory=list)
    link: str | None = None  # the facet whose link table this is, when it is one
    place_id: ColumnElement | None = None  # on the events table only

    def select(self, *columns) -> Select:
        return select(*columns).select_from(self.table).where(*self.conditions)


# The names filters use, to ids: one prebuilt statement per combination of named filters.
_NAMED = {"topic": (Topic.slug, Topic.id), "actor": (Actor.name, Actor.id), "place": (Place.name, Place.id)}
_LOOKUPS: dict[tuple[str, ...], Select] = {}


def _lookup(names: tuple[str, ...]):
    if names not in _LOOKUPS:
        parts = [select(literal(name).label("facet"), key.label("id"))
                 .where(column.in_(bindparam(name, expanding=True)))
                 for name, (column, key) in _NAMED.items() if name in names]
        _LOOKUPS[names] = union_all(*parts) if len(parts) > 1 else parts[0]
    return _LOOKUPS[names]


def select_events(session: Session, filters: EventFilters) -> Selection:
    """Resolve ``filters``: the ids their names stand for, and the size of the search words' match."""
    dialect = session.get_bind().dialect.name
    keys: dict[str, tuple] = {"outlet": filters.outlet, "language": filters.language}
    named = tuple(name for name in _NAMED if getattr(filters, name))
    if named:
        found: dict[str, list[int]] = {}
        params = {name: list(getattr(filters, name)) for name in named}
        for name, key in session.connection().execute(_lookup(named), params):
            found.setdefault(name, []).append(key)
        keys.update({name: tuple(sorted(ids)) for name, ids in found.items()})
    terms = tuple(search.search_terms(filters.q))
    text = None
    if terms:
        counted = session.connection().scalar(search.bounded_count(dialect, terms, TEXT_CAP + 1))
        text = TextMatch(terms, counted or 0)
    together = ()
    if filters.with_actors:
        ids: dict[str, list[int]] = {name: [] for name in filters.with_actors}
        for name, actor_id in session.connection().execute(
                select(Actor.name, Actor.id).where(Actor.name.in_(filters.with_actors))):
            ids[name].append(actor_id)
        together = tuple(tuple(sorted(found)) for found in ids.values())
    return Selection(filters, dialect, keys, text, together)


# --- the source of a selection ---------------------------------------------------------------------


def source(selection: Selection) -> Source:
    """Where the events of ``selection`` are read from, with every condition they must meet.

    Built once per selection (a page reads it three times: count, ids, year counts); each caller
    gets its own copy to extend.
    """
    built = selection.__dict__.get("_source")
    if built is None:
        built = _build_source(selection)
        object.__setattr__(selection, "_source", built)
    return replace(built, conditions=list(built.conditions))


def _build_source(selection: Selection) -> Source:
    f, keys = selection.filters, selection.keys
    text = selection.text
    if text is not None and text.few:
        # few matching events: read them by id, and check the rest on the events table
        src = _events_source()
        src.conditions.append(src.event_id.in_(_text_ids(selection)))
        driver = None
    else:
        driver = next((name for name in DRIVER_ORDER if len(keys.get(name) or ()) == 1), None)
        if driver != "actor" and selection.together:  # a person's own rows: as narrow as an actor
            driver = "together"
            src = _link_source("actor")
            src.conditions.append(src.table.c.actor_id.in_(selection.together[0]))
        elif driver == "place" or driver is None:
            src = _events_source()
            if driver == "place":
                src.conditions.append(src.place_id == keys["place"][0])
        else:
            src = _link_source(driver)
            src.conditions.append(_link_key(src.table, driver).in_(keys[driver]))
    src.conditions += _event_conditions(src, f)
    src.conditions += _together(src, selection, skip_first=driver == "together")
    for name in ("topic", "actor", "outlet", "language"):
        if getattr(f, name) and name != driver:
            src.conditions.append(_linked(src, name, keys[name]))
    if f.place and driver != "place":
        if src.place_id is not None:
            src.conditions.append(src.place_id.in_(keys["place"]))
        else:
            src.conditions.append(_place_probe(src, keys["place"]))
    if text is not None and not text.few:
        src.conditions.append(_text_probe(selection, src))
    return src


def _events_source() -> Source:
    c = events_t.c
    return Source(events_t, c.id, c.type, c.year, c.date_start, c.date_last, c.date_precision, c.review_status,
                  place_id=c.place_id)


def _link_source(name: str, alias: str | None = None) -> Source:
    table = LINK_TABLES[name].alias(alias) if alias else LINK_TABLES[name]
    c = table.c
    src = Source(table, c.event_id, c.type, c.year, c.date_start, c.date_last, c.date_precision, c.review_status,
                 link=name)
    if name in ("outlet", "language"):
        src.conditions.append(c.facet == name)
    return src


def _link_key(table: FromClause, name: str) -> ColumnElement:
    return table.c[LINK_KEYS[name]]


def _event_conditions(src: Source, f: EventFilters) -> list:
    """The filters on the event's own columns, as the source holds them."""
    conditions = []
    if f.year:
        conditions.append(src.year.in_(f.year))
        # a year is a range of date_start (they agree, app/ingest/store.py): the index's range
        conditions.append(src.date_start.between(dt.date(min(f.year), 1, 1), dt.date(max(f.year), 12, 31)))
    if f.type:
        conditions.append(src.type.in_(f.type))
    if f.date_from:
        # date_last is set whenever date_start is (app/ingest/merge.py), so no coalesce: indexable
        conditions.append(src.date_last >= f.date_from)
    if f.date_to:
        conditions.append(src.date_start <= f.date_to)
    if f.status:
        conditions.append(src.review_status.in_(f.status))
    if not f.with_rejected:  # rejected events leave every public view (revision 0006)
        conditions.append(src.review_status != "rejected")
    return conditions


def _linked(src: Source, name: str, values: tuple) -> ColumnElement:
    """The event has one of ``values`` in link table ``name``: a probe of its primary key."""
    link = LINK_TABLES[name].alias(f"{name}_probe")
    where = [link.c.event_id == src.event_id, _link_key(link, name).in_(values)]
    if name in ("outlet", "language"):
        where.insert(1, link.c.facet == name)
    return exists(select(literal(1)).select_from(link).where(*where))


def _together(src: Source, selection: Selection, *, skip_first: bool = False) -> list:
    """Each person of ``with_actors`` took part: a probe of the actors' link table per person."""
    groups = selection.together[1:] if skip_first else selection.together
    return [_linked(src, "actor", ids) for ids in groups]


def _place_probe(src: Source, place_ids: tuple) -> ColumnElement:
    """The event is at one of ``place_ids``, for a source without the place: a lookup by id."""
    event = events_t.alias("place_probe")
    return exists(select(literal(1)).select_from(event).where(event.c.id == src.event_id,
                                                              event.c.place_id.in_(place_ids)))


def _text_ids(selection: Selection) -> Select:
    """The ids of the events the search words match (their own text, or their articles')."""
    terms = selection.text.terms
    in_articles = search.article_ids_matching(selection.dialect, terms)
    return union(
        search.event_ids_matching(selection.dialect, terms),
        select(evidence_t.c.event_id).where(evidence_t.c.article_id.in_(in_articles),
                                            evidence_t.c.event_id.is_not(None)),
    )


def _text_probe(selection: Selection, src: Source) -> ColumnElement:
    """The event matches the search words: its id is in the (once-built) set of events whose own
    text matches, or one of its passages is in an article whose text does."""
    terms = selection.text.terms
    passage = evidence_t.alias("text_passage")
    in_articles = search.article_ids_matching(selection.dialect, terms)
    return src.event_id.in_(search.event_ids_matching(selection.dialect, terms)) | exists(
        select(literal(1)).select_from(passage).where(
            passage.c.event_id == src.event_id,
            # "+ 0": test each passage's article against the set, not the set against the index
            (passage.c.article_id + 0).in_(in_articles)))


# --- what a facet counts from ------------------------------------------------------------------


def facet_source(selection: Selection, name: str) -> tuple[Source, ColumnElement]:
    """The rows facet ``name`` groups (under every filter but its own) and the key it groups by.

    Link facets are grouped from their own link table
    when the other filters only concern the event's own columns (the table's copies answer them),
    else from the narrowest source joined to the link table by event.
    """
    rest = selection.without(name)
    if name in ("year", "type", "status"):
        src = source(rest)
        return src, {"year": src.year, "type": src.type, "status": src.review_status}[name]
    if name == "place":
        src = source(rest)
        if src.place_id is not None:
            return src, src.place_id
        event = events_t.alias("facet_event")
        src.table = src.table.join(event, event.c.id == src.event_id)
        return src, event.c.place_id
    f = rest.filters
    narrow = any(len(rest.keys.get(n) or ()) == 1 and getattr(f, n) for n in DRIVER_ORDER) or (
        rest.text is not None and rest.text.few) or bool(rest.together)
    if not narrow:
        src = _link_source(name, f"facet_{name}")
        src.conditions += _event_conditions(src, f)
        for other in ("topic", "actor", "outlet", "language"):
            if getattr(f, other):
                src.conditions.append(_linked(src, other, rest.keys[other]))
        if f.place:
            src.conditions.append(_place_probe(src, rest.keys["place"]))
        if rest.text is not None:
            src.conditions.append(_text_probe(rest, src))
        return src, _link_key(src.table, name)
    src = source(rest)
    link = LINK_TABLES[name].alias(f"facet_{name}")
    on = link.c.event_id == src.event_id
    if name in ("outlet", "language"):
        on = on & (link.c.facet == name)
    src.table = src.table.join(link, on)
    return src, _link_key(link, name)


def month_of(dialect: str, column: ColumnElement) -> ColumnElement:
    """The month of a date column; on SQLite (ISO text) cut from the string, far cheaper than strftime."""
    if dialect == "sqlite":
        return func.cast(func.substr(column, 6, 2), Integer)
    return func.extract("month", column)
