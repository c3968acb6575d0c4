"""The timeline page's view model: cards grouped by year, facets, chips, axis, paging, exports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlmodel import Session

from app import queries, search
from app.models import EventOut, FacetValue
from app.queries import EventFilters, EventPage
from app.web import axis as axis_view
from app.web.cache import cached, overview_key
from app.web.htmx import highlight
from app.web.i18n import gettext, language_name
from app.web.labels import display_title, facet_label, type_label
from app.web.links import Here, path_with_args

FACET_ORDER = ("type", "year", "topic", "actor", "place", "outlet", "language")
FACET_SHOWN = 8  # options listed per facet (the rest behind "more")
FACET_FETCH = 12
SNIPPET_CHARS = 160
EXPORT_FORMATS = (("csv", "CSV"), ("json", "JSON"), ("ics", "iCalendar"), ("timelinejs", "TimelineJS"))


@dataclass
class Card:
    event: EventOut
    title: str
    url: str
    topics: list[tuple[str, str]]  # (slug, label)
    source_count: int
    outlet_count: int
    snippet: Markup | None = None
    matched: bool = False  # the search words show in the title, names or place
    trip: tuple[str, str] | None = None  # (title, url) of the visit this event happened during


@dataclass
class YearGroup:
    year: int | None
    cards: list[Card]
    continued: bool = False
    count: int | None = None


@dataclass
class Option:
    value: str
    label: str
    count: int | None
    active: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option]
    more: list[Option] = field(default_factory=list)

    @property
    def active_count(self) -> int:
        return sum(1 for option in [*self.options, *self.more] if option.active)


@dataclass
class Chip:
    facet: str
    label: str
    url: str


def topic_label(label: queries.TopicLabel | None, fallback: str, language: str) -> str:
    if label is None:
        return fallback
    return (label.name_id if language == "id" and label.name_id else label.name)


def make_cards(events: list[EventOut], *, here: Here, language: str, topics: dict[str, queries.TopicLabel],
               pattern: re.Pattern | None, visits: dict[int, EventOut] | None = None) -> list[Card]:
    back = here.filter_args() + tuple((k, v) for k, v in here.args if k == "sort")
    back_qs = path_with_args("", back).lstrip("?")
    back_args = [("back", back_qs)] if back_qs else []
    visits = visits or {}
    cards = []
    for event in events:
        url = path_with_args(f"/events/{event.id}", back_args)
        card_topics = [(topics[name].slug if name in topics else name,
                        topic_label(topics.get(name), name, language)) for name in event.topics]
        articles = {s.article.id: s.article.outlet for s in event.sources}
        title = display_title(event, language)
        shown = [title, *(p.name for p in event.participants), event.place.name if event.place else ""]
        cards.append(Card(
            event=event, title=title, url=url, topics=card_topics,
            source_count=len(articles), outlet_count=len({o for o in articles.values() if o}),
            snippet=_snippet(event, pattern),
            matched=pattern is not None and any(pattern.search(text) for text in shown),
        ))
        visit = visits.get(event.trip_id) if event.trip_id else None
        if visit is not None:
            cards[-1].trip = (display_title(visit, language), path_with_args(f"/events/{visit.id}", back_args))
    return cards


def _snippet(event: EventOut, pattern: re.Pattern | None) -> Markup | None:
    """The first passage the search words occur in, cut around the first match and highlighted."""
    if pattern is None:
        return None
    for source in event.sources:
        match = pattern.search(source.text or "")
        if match is None:
            continue
        text = " ".join(source.text.split())
        match = pattern.search(text)
        if match is None:
            continue
        start = max(0, match.start() - SNIPPET_CHARS // 3)
        end = min(len(text), start + SNIPPET_CHARS)
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < match.start() else start
        piece = text[start:end]
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return Markup(prefix) + highlight(piece, pattern) + Markup(suffix)
    return None


def group_by_year(cards: list[Card], previous_year: int | None, year_counts: dict[int, int]) -> list[YearGroup]:
    groups: list[YearGroup] = []
    for card in cards:
        year = int(card.event.date_start[:4]) if card.event.date_start else None
        if not groups or groups[-1].year != year:
            groups.append(YearGroup(year=year, cards=[], continued=not groups and year == previous_year,
                                    count=year_counts.get(year) if year else None))
        groups[-1].cards.append(card)
    return groups


# --- facets and chips -------------------------------------------------------------------------


def _option_label(name: str, value: FacetValue, language: str, topics_by_slug: dict[str, queries.TopicLabel]) -> str:
    if name == "type":
        return type_label(value.value)
    if name == "language":
        return language_name(value.value, language)
    if name == "topic":
        return topic_label(topics_by_slug.get(value.value), value.label, language)
    return value.label


def build_facets(counts: queries.FacetCounts, filters: EventFilters, here: Here, language: str,
                 topics_by_slug: dict[str, queries.TopicLabel]) -> list[Facet]:
    facets = []
    for name in FACET_ORDER:
        values = counts.facets.get(name, [])
        if name == "year":
            values = sorted(values, key=lambda v: v.value, reverse=True)
        selected = {str(v) for v in getattr(filters, name)}
        options = [
            Option(value=v.value, label=_option_label(name, v, language, topics_by_slug), count=v.count,
                   active=v.value in selected, url=here.toggle(name, v.value))
            for v in values
        ]
        listed = {o.value for o in options}
        for value in sorted(selected - listed):  # a chosen value outside the top list stays visible
            options.insert(0, Option(value=value, label=_chip_value_label(name, value, language, topics_by_slug),
                                     count=None, active=True, url=here.remove(name, value)))
        if not options:
            continue
        shown, more = options[:FACET_SHOWN], options[FACET_SHOWN:]
        facets.append(Facet(name=name, label=facet_label(name), options=shown, more=more))
    return facets


def _chip_value_label(name: str, value: str, language: str, topics_by_slug: dict[str, queries.TopicLabel]) -> str:
    if name == "type":
        return type_label(value)
    if name == "language":
        return language_name(value, language)
    if name == "topic":
        return topic_label(topics_by_slug.get(value), value.replace("_", " "), language)
    return value


def build_chips(filters: EventFilters, here: Here, language: str,
                topics_by_slug: dict[str, queries.TopicLabel]) -> list[Chip]:
    chips = []
    if filters.q:
        chips.append(Chip(gettext("Search"), f"“{filters.q}”", here.without("q")))
    for name in FACET_ORDER:
        for value in getattr(filters, name):
            chips.append(Chip(facet_label(name), _chip_value_label(name, str(value), language, topics_by_slug),
                              here.remove(name, value)))
    if filters.date_from:
        chips.append(Chip(gettext("From"), filters.date_from.isoformat(), here.without("from")))
    if filters.date_to:
        chips.append(Chip(gettext("To"), filters.date_to.isoformat(), here.without("to")))
    return chips


# --- the whole view ---------------------------------------------------------------------------



@dataclass
class TimelineView:
    page: EventPage
    groups: list[YearGroup]
    newest_first: bool
    filters: EventFilters
    facets: list[Facet] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    axis: axis_view.Axis | None = None
    exports: list[tuple[str, str, str]] = field(default_factory=list)  # (format, label, url)
    next_url: str | None = None
    previous_url: str | None = None
    clear_url: str = "/"
    first_index: int = 0
    last_index: int = 0
    pattern: re.Pattern | None = None  # the search words, to highlight

    @property
    def hidden_filters(self) -> list[tuple[str, str]]:
        """The facet filters as hidden form fields, so the search form keeps them."""
        return [(name, str(value)) for name in FACET_ORDER for value in getattr(self.filters, name)]


def build_timeline(session: Session, filters: EventFilters, here: Here, *, language: str, page: int,
                   page_size: int, newest_first: bool, with_overview: bool) -> TimelineView:
    """One page of the timeline; with the facets, chips and axis unless only more items are wanted."""
    pattern = search.highlight_pattern(filters.q)
    result = queries.list_events(session, filters, page=page, page_size=page_size, newest_first=newest_first,
                                 with_sources=pattern is not None)
    topics = queries.topic_labels(session)
    topics_by_slug = {label.slug: label for label in topics.values()}
    trip_ids = sorted({e.trip_id for e in result.events if e.trip_id})
    visits = {v.id: v for v in queries.load_events(session, trip_ids, with_sources=False)} if trip_ids else {}
    cards = make_cards(result.events, here=here, language=language, topics=topics, pattern=pattern, visits=visits)
    offset = (page - 1) * page_size
    previous_year = None
    if page > 1:  # so that a year running on from the page before gets no second heading
        previous_year = queries.year_at_offset(session, filters, offset - 1, newest_first=newest_first)

    view = TimelineView(page=result, groups=[], newest_first=newest_first, filters=filters,
                        clear_url=here.cleared(), first_index=offset + 1 if cards else 0,
                        last_index=offset + len(cards), pattern=pattern)
    if with_overview:
        counts = cached(overview_key(session, "facets", filters),
                        lambda: queries.facet_counts(session, filters, limit=FACET_FETCH))
        # the year facet ignores the year filter, which changes no chosen year's own count
        year_counts = {int(v.value): v.count for v in counts.facets.get("year", [])}
        view.facets = build_facets(counts, filters, here, language, topics_by_slug)
        view.chips = build_chips(filters, here, language, topics_by_slug)
        view.axis = axis_view.build_axis(session, filters, here, language)
        view.exports = [(fmt, label, here.to("/export", format=fmt)) for fmt, label in EXPORT_FORMATS]
    else:
        year_counts = queries.year_counts(session, filters)
    view.groups = group_by_year(cards, previous_year, year_counts)
    if result.next_page:
        view.next_url = here.replace(page=result.next_page)
    if page > 1:
        view.previous_url = here.replace(page=page - 1 if page > 2 else None)
    return view
