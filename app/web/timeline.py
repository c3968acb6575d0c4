"""The timeline page's view model: cards grouped by year, chips, paging, exports; facets and axis.

A view is built in parts, because a filter change must answer fast: the *results* (count, chips,
cards, pager) come first; the *facets* and the *axis* are each requested from the same URL by a
placeholder in the results (``HX-Target: facets`` / ``axis``). The whole page, as a browser
without JavaScript gets it, has every part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape
from sqlmodel import Session

from app import profiles, queries, search
from app.models import EventOut, FacetValue
from app.queries import EventFilters, EventPage, Selection
from app.undated import count_undated
from app.web import axis as axis_view
from app.web.htmx import highlight
from app.web.i18n import country_name, format_number, format_partial, format_share, gettext, language_name, ngettext
from app.web.labels import (
    REVIEW_BADGES,
    by_seniority,
    display_title,
    facet_label,
    precision_label,
    review_label,
    subtype_label,
    type_label,
)
from app.web.links import FILTER_KEYS, Here, path_with_args

FACET_ORDER = ("status", "type", "year", "topic", "actor", "place", "outlet", "language")
FACET_SHOWN = 8  # options listed per facet (the rest behind "more")
FACET_FETCH = 12
SNIPPET_CHARS = 160
EXPORT_FORMATS = (("csv", "CSV"), ("json", "JSON"), ("ics", "iCalendar"), ("timelinejs", "TimelineJS"))
EXPORT_KEYS = (*FILTER_KEYS, "sort")  # an export is the view: its filters, in its order
PARTS = ("results", "facets", "axis")  # what the whole page has; "items" is the next page's cards alone




@dataclass
class Card:
    """One event on the timeline. The pieces that repeat across cards (dates, kinds, counts) are made
    here once per page as escaped HTML; the links to its people, place and topics are written by the
    template (_event_cards.html)."""

    event: queries.Listed
    title: Markup
    url: str
    when: Markup  # <time datetime=…>3–5 Jul 2024</time>, and the precision when not a day
    kind: Markup  # type, subtype (English only), planned
    meta: Markup  # number of sources, confidence
    people: list = field(default_factory=list)  # the participants that are people (not states named as parties)
    place_then: str | None = None  # the place's name at the time of the event (Nur-Sultan in 2020)
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


def make_cards(events: list[queries.Listed], *, here: Here, language: str, pattern: re.Pattern | None,
               visits: dict[int, queries.Listed] | None = None) -> list[Card]:
    back = here.filter_args() + tuple((k, v) for k, v in here.args if k == "sort")
    back_qs = path_with_args("", back).lstrip("?")
    suffix = f"?{path_with_args('', [('back', back_qs)]).lstrip('?')}" if back_qs else ""
    visits = visits or {}
    pieces = _Pieces(language)
    cards = []
    for event in events:
        title = display_title(event, language)
        place_then = place_name_then(event)
        # where a reader sees the search words on the card (else it says they are in an article)
        shown = [title, *(p.name for p in event.participants), event.place.name if event.place else "", place_then or "",
                 *(name for t in event.topic_refs for name in (t.name, t.name_id) if name)]
        card = Card(
            event=event, title=highlight(title, pattern), url=f"/events/{event.id}{suffix}",
            when=pieces.when(event.date_start, event.date_end, event.date_precision),
            kind=pieces.kind(event.type, event.subtype, event.planned, event.status),
            meta=pieces.meta(event),
            people=[p for p in by_seniority(event.participants) if p.name != p.country],
            place_then=place_then,
            snippet=_snippet(event, pattern),
            matched=pattern is not None and any(pattern.search(text) for text in shown),
        )
        visit = visits.get(event.trip_id) if event.trip_id else None
        if visit is not None:
            card.trip = (display_title(visit, language), f"/events/{visit.id}{suffix}")
        cards.append(card)
    return cards


class _Pieces:
    """The parts of cards that repeat across a page (dates, kinds, countries, counts), each made once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.made: dict[tuple, Markup] = {}

    def _once(self, key: tuple, make) -> Markup:
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = make()
        return found

    def when(self, start: str | None, end: str | None, precision: str | None) -> Markup:
        def make() -> Markup:
            label = escape(format_partial(start, self.language, end))
            html = f'<time datetime="{escape(start)}">{label}</time>' if start else f"<span>{label}</span>"
            if precision and precision != "day":
                html += f'\n<span class="precision">{escape(precision_label(precision))}</span>'
            return Markup(html)

        return self._once(("when", start, end, precision), make)

    def kind(self, type_: str, subtype: str, planned: bool, status: str) -> Markup:
        def make() -> Markup:
            t = escape(type_)
            html = (f'<span class="type type--{t}"><span class="shape shape--{t}" aria-hidden="true"></span>'
                    f"{escape(type_label(type_))}</span>")
            if self.language == "en" and subtype and subtype != type_:
                html += f'<span class="card__subtype">{escape(subtype_label(subtype))}</span>'
            if planned:
                html += f'<span class="badge badge--planned">{escape(gettext("Planned"))}</span>'
            if status in REVIEW_BADGES:
                html += f'<span class="badge badge--{status}">{escape(gettext(REVIEW_BADGES[status]))}</span>'
            return Markup(html)

        return self._once(("kind", type_, subtype, planned, status), make)

    def country(self, name: str) -> Markup:
        return self._once(("country", name), lambda: escape(country_name(name, self.language)))

    def meta(self, event: queries.Listed) -> Markup:
        sources = self._once(("sources", event.source_count), lambda: escape(
            ngettext("%(num)s source", "%(num)s sources", event.source_count) % {"num": event.source_count}))
        confidence = self._once(("confidence", event.confidence), lambda: escape(
            gettext("confidence %(value)s") % {"value": format_share(event.confidence, self.language)}))
        return Markup(f'<span class="card__sources">{sources}</span>\n'
                      f'<span class="card__confidence">{confidence}</span>')


def first_day(iso: str | None) -> dt.date | None:
    """The first day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def place_name_then(event) -> str | None:
    """The name the event's place bore when the event began (its own name when it kept it)."""
    if event.place is None:
        return None
    return profiles.name_on(event.place.name, first_day(event.date_start))


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
    if name == "status":
        return review_label(value.value)
    if name == "type":
        return type_label(value.value)
    if name == "language":
        return language_name(value.value, language)
    if name == "topic":
        return topic_label(topics_by_slug.get(value.value), value.label, language)
    if name == "actor":  # a state named as a party ("China") in the interface language; people keep their names
        return country_name(value.label, language)
    return value.label


def build_facets(counts: queries.FacetCounts, filters: EventFilters, here: Here, language: str,
                 topics_by_slug: dict[str, queries.TopicLabel], scope: Scope | None = None) -> list[Facet]:
    facets = []
    for name in FACET_ORDER:
        if scope is not None and name in scope.hidden:
            continue
        values = [v for v in counts.facets.get(name, []) if scope is None or (name, v.value) != scope.own]
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
    if name == "status":
        return review_label(value)
    if name == "type":
        return type_label(value)
    if name == "language":
        return language_name(value, language)
    if name == "topic":
        return topic_label(topics_by_slug.get(value), value.replace("_", " "), language)
    if name in ("actor", "with"):
        return country_name(value, language)
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
    for value in filters.with_actors:
        chips.append(Chip(facet_label("with"), _chip_value_label("with", value, language, topics_by_slug),
                          here.remove("with", value)))
    if filters.date_from:
        chips.append(Chip(gettext("From"), filters.date_from.isoformat(), here.without("from")))
    if filters.date_to:
        chips.append(Chip(gettext("To"), filters.date_to.isoformat(), here.without("to")))
    return chips


# --- the whole view ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a page about one person, place or topic fixes: only its events are listed.

    ``field``/``value`` set one filter of ``EventFilters`` (the user's own value of it is dropped);
    ``arg`` is the same as a query-string argument, for the exports and the link to the timeline;
    ``hidden`` facets are not offered (an event has one place: a second one would empty the page);
    ``own`` is the facet option of the subject itself, not offered on its own page.
    """

    field: str
    value: str
    arg: tuple[str, str]
    hidden: tuple[str, ...] = ()
    own: tuple[str, str] | None = None

    def apply(self, filters: EventFilters) -> tuple[EventFilters, EventFilters]:
        """(the user's filters without the fixed one, the filters the page lists by)."""
        user = replace(filters, **{self.field: ()})
        return user, replace(user, **{self.field: (self.value,)})


@dataclass
class TimelineView:
    filters: EventFilters
    newest_first: bool
    ranked: bool = False  # the best match first: one list, not grouped by year
    page: EventPage | None = None
    groups: list[YearGroup] = field(default_factory=list)
    facets: list[Facet] | None = None  # None: not built (the placeholder asks for them)
    chips: list[Chip] = field(default_factory=list)
    axis: axis_view.Axis | None = None
    axis_built: bool = False  # the axis was built (it is None for an empty database)
    exports: list[tuple[str, str, str]] = field(default_factory=list)  # (format, label, url)
    next_url: str | None = None
    previous_url: str | None = None
    clear_url: str = "/"
    here_url: str = "/"  # this view's URL: where the placeholders fetch the facets and the axis
    first_index: int = 0
    last_index: int = 0
    pattern: re.Pattern | None = None  # the search words, to highlight
    count_label: str = ""  # "1,234 events", "1,000+ events", "No events"
    range_total: str = ""  # "1,234", "1,000+"
    title: str = ""  # the document's title for this view
    suggestion: tuple[str, str] | None = None  # (search words, URL) that find events when these find none
    action: str = "/"  # where the search form goes: this page
    axis_wanted: bool = True  # the timeline's overview (a page about one subject has its own chart)
    network_url: str | None = None  # who met whom among these events
    undated: int = 0  # reports that could not be dated (the timeline says so, and links to them)

    @property
    def hidden_filters(self) -> list[tuple[str, str]]:
        """The facet filters as hidden form fields, so the search form keeps them."""
        return [(name, str(value)) for name in FACET_ORDER for value in getattr(self.filters, name)] + [
            ("with", value) for value in self.filters.with_actors]


def build_timeline(session: Session, filters: EventFilters, here: Here, *, language: str, page: int,
                   page_size: int, newest_first: bool, best_match: bool = False,
                   parts: tuple[str, ...] = PARTS, scope: Scope | None = None) -> TimelineView:
    """The parts of the timeline view asked for: "results" (or "items": the cards alone), "facets", "axis".

    ``best_match``: with search words, the best match first (else date order). With a ``scope`` (a
    page about one person, place or topic), the events are that subject's, the chips and the search
    form carry only the reader's own filters, and there is no overview axis.
    """
    listed = filters
    if scope is not None:
        filters, listed = scope.apply(filters)
    selection = queries.select_events(session, listed)
    pattern = search.highlight_pattern(filters.q)
    view = TimelineView(filters=filters, newest_first=newest_first, ranked=best_match and pattern is not None,
                        clear_url=here.cleared(), here_url=here.url, pattern=pattern, action=here.path,
                        axis_wanted=scope is None)
    # topic names for the facets, and for the chips of chosen topics (the cards bring their own)
    wanted = "facets" in parts or ("results" in parts and filters.topic)
    topics_by_slug = {label.slug: label for label in queries.topic_labels(session).values()} if wanted else {}
    if "results" in parts or "items" in parts:
        _build_results(session, selection, view, here, language=language, page=page, page_size=page_size,
                       topics_by_slug=topics_by_slug, chips="results" in parts, scope=scope)
    if "results" in parts and scope is None:
        view.undated = count_undated(session)
    if "facets" in parts:
        counts = queries.facet_counts(session, selection, limit=FACET_FETCH)
        view.facets = build_facets(counts, filters, here, language, topics_by_slug, scope)
    if "axis" in parts and scope is None:
        view.axis = axis_view.build_axis(session, selection, here, language)
        view.axis_built = True
    return view


def _build_results(session: Session, selection: Selection, view: TimelineView, here: Here, *, language: str,
                   page: int, page_size: int, topics_by_slug: dict[str, queries.TopicLabel], chips: bool,
                   scope: Scope | None = None) -> None:
    result, previous_year = queries.timeline_page(session, selection, page=page, page_size=page_size,
                                                  newest_first=view.newest_first, passages=view.pattern is not None,
                                                  best_match=view.ranked)
    trip_ids = sorted({e.trip_id for e in result.events if e.trip_id})
    visits = {v.id: v for v in queries.list_page_events(session, trip_ids, passages=False)}
    cards = make_cards(result.events, here=here, language=language, pattern=view.pattern, visits=visits)
    offset = (page - 1) * page_size
    years = sorted({int(c.event.date_start[:4]) for c in cards if c.event.date_start})
    if view.ranked:  # one list in order of relevance: no year headings to count for
        year_counts = {}
    elif not result.total_exact:  # counting each year would cost what the bound spares
        year_counts = {}
    elif len(selection.filters.year) == 1:  # the one year chosen: the total
        year_counts = {selection.filters.year[0]: result.total}
    else:
        year_counts = queries.year_counts(session, selection, years)
    view.page = result
    if view.ranked:
        view.groups = [YearGroup(year=None, cards=cards)] if cards else []
    else:
        view.groups = group_by_year(cards, previous_year, year_counts)
    view.first_index = offset + 1 if cards else 0
    view.last_index = offset + len(cards)
    if result.next_page:
        view.next_url = here.replace(page=result.next_page)
    if page > 1:
        view.previous_url = here.replace(page=page - 1 if page > 2 else None)
    if result.total == 0 and view.filters.q and chips:
        words = queries.did_you_mean(session, selection.filters)  # under the page's scope too
        view.suggestion = (words, here.replace(q=words)) if words else None
    if chips:
        view.chips = build_chips(view.filters, here, language, topics_by_slug)
        fixed = {scope.arg[0]: scope.arg[1]} if scope is not None else {}
        view.exports = [(fmt, label, here.to("/export", keep=EXPORT_KEYS, format=fmt, **fixed))
                        for fmt, label in EXPORT_FORMATS]
        view.network_url = here.to("/network", **fixed)
    if result.total_exact:
        view.range_total = format_number(result.total, language)
        view.count_label = (ngettext("%(num)s event", "%(num)s events", result.total) % {"num": view.range_total}
                            if result.total else gettext("No events"))
    else:  # counted up to a bound: "1,000+"
        view.range_total = format_number(result.total - 1, language) + "+"
        view.count_label = gettext("%(num)s events") % {"num": view.range_total}
    site = gettext("China–Kazakhstan diplomatic timeline")
    filtered = gettext("Filtered timeline")
    view.title = f"{filtered} ({view.range_total}) – {site}" if view.chips else site
