"""The pages about one person, place or topic: what the lexicons know of it, its events per year, and
its events with the timeline's cards, filters and paging (the timeline's view, scoped to it).

Each page is its own template extending listing.html (the timeline's layout); a filter change asks
for the same blocks the timeline's does (results, then facets), from the same URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from sqlmodel import Session

from app import profiles, subjects
from app.db import SessionDep
from app.models import Actor, Place, Topic
from app.params import FiltersDep, SortParam
from app.queries import EventFilters
from app.web.i18n import country_name, format_number, gettext, ngettext
from app.web.labels import office_name, role_label
from app.web.links import Here, path_with_args
from app.web.page import Page, PageDep
from app.web.routes import FormQueryRoute, IdPath, PageParam, timeline_block
from app.web.timeline import Scope, TimelineView, build_timeline, topic_label

router = APIRouter(route_class=FormQueryRoute, include_in_schema=False)

TopicKey = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$")]
CHART_WIDTH, CHART_HEIGHT, CHART_TOP = 400, 80, 6  # the chart's viewBox, and room above the bars for counts
BLOCK_PARTS = {"page": ("results", "facets"), "results": ("results",), "page_items": ("items",),
               "facets": ("facets",), "axis": ()}


# --- the events-per-year chart -------------------------------------------------------------------


@dataclass
class YearBar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    url: str
    label: str  # "2022: 5 events", the link's name
    active: bool


@dataclass
class YearChart:
    """Events per year as a plain SVG bar chart; each bar links to that year on this page."""

    bars: list[YearBar]
    ticks: list[tuple[float, int, str]]  # (x, year, text-anchor): the first and last labels kept inside
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    total: int = 0

    @property
    def caption(self) -> str:
        first, last = self.bars[0].year, self.bars[-1].year
        return gettext("Events per year, %(first)s–%(last)s") % {"first": first, "last": last}


def year_chart(counts: dict[int, int], here: Here, active: tuple[int, ...], language: str) -> YearChart | None:
    """Bars for every year from the first to the last with events (empty years too: a true axis)."""
    if not counts:
        return None
    first, last = min(counts), max(counts)
    years = list(range(first, last + 1))
    slot = CHART_WIDTH / len(years)
    width = max(1.0, min(slot * 0.72, 40.0))
    peak = max(counts.values())
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        height = (CHART_HEIGHT - CHART_TOP) * count / peak
        label = ngettext("%(year)s: %(num)s event", "%(year)s: %(num)s events", count) % {
            "year": year, "num": format_number(count, language)}
        bars.append(YearBar(year, count, round(index * slot + (slot - width) / 2, 2), round(CHART_HEIGHT - height, 2),
                            round(width, 2), round(height, 2), here.toggle("year", year), label, year in active))
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if len(years) / s <= 8)
    shown = [(index, year) for index, year in enumerate(years) if year % step == 0 or index in (0, len(years) - 1)]
    if len(shown) > 2 and shown[-1][1] - shown[-2][1] <= step / 2:  # the last label would touch the one before
        del shown[-2]
    if len(shown) > 2 and shown[1][1] - shown[0][1] <= step / 2:  # and the first
        del shown[1]
    ticks = []
    for index, year in shown:
        x, anchor = index * slot + slot / 2, "middle"
        if index == 0:
            x, anchor = index * slot + (slot - width) / 2, "start"
        elif index == len(years) - 1:
            x, anchor = index * slot + (slot + width) / 2, "end"
        ticks.append((round(x, 2), year, anchor))
    return YearChart(bars, ticks, total=sum(counts.values()))


# --- what the pages say of their subject ------------------------------------------------------------


@dataclass
class Term:
    label: str  # the office in the interface language, with its state
    start: dt.date
    end: dt.date | None
    approx: bool


@dataclass
class FormerName:
    name: str
    since: dt.date | None
    until: dt.date | None
    approx: bool


@dataclass
class Profile:
    """The head of a subject's page."""

    kind: str  # actor | place | topic
    name: str
    heading: str  # the page's h1
    country: str | None = None  # in the interface language
    is_state: bool = False  # an actor that is a state named as a party
    aliases: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    current: list[str] = field(default_factory=list)  # the offices held today (terms without an end)
    roles: list[str] = field(default_factory=list)  # offices the sources give, for people the lexicon lacks
    former: list[FormerName] = field(default_factory=list)
    chart: YearChart | None = None
    timeline_url: str = "/"  # the same events on the timeline


def actor_profile(session: Session, actor: Actor, language: str, *, with_rejected: bool = False) -> Profile:
    is_state = actor.name == actor.country
    profile = Profile("actor", actor.name, country_name(actor.name, language) if is_state else actor.name,
                      country=country_name(actor.country, language), is_state=is_state)
    known = profiles.actor_profile(actor.name, actor.country)
    if known is not None:
        profile.aliases = [a for a in known.aliases if a != actor.name]
        profile.terms = [Term(office_name(t.office, actor.country, t.to, language), t.start, t.end, t.approx)
                         for t in known.terms]
        profile.current = [t.label for t in profile.terms if t.end is None]
    elif not is_state:
        profile.roles = [role_label(role, actor.country, language) for role in subjects.roles_of(session, actor.id,
                                                                                     with_rejected=with_rejected)]
    return profile


def place_profile(place: Place, language: str) -> Profile:
    profile = Profile("place", place.name, place.name, country=country_name(place.country, language))
    profile.former = [FormerName(p.name, p.since, p.until, p.approx) for p in profiles.former_names(place.name)]
    return profile


def topic_profile(topic: Topic, language: str) -> Profile:
    name = topic_label(topic, topic.slug, language)
    return Profile("topic", topic.slug, name)


# --- the pages ---------------------------------------------------------------------------------------


def _show(request: Request, session: Session, page_: Page, filters: EventFilters, *, template: str,
          heading: str, profile: Profile | None, scope: Scope, page: int, sort: SortParam):
    """The page (or the block of it an HTMX request wants), the subject's events under ``filters``;
    ``profile`` only for the whole page."""
    block = timeline_block(page_)
    settings = request.app.state.settings
    filters = replace(filters, with_rejected=page_.editor)  # rejected events: for editors only, as on the timeline
    view = build_timeline(session, filters, page_.here, language=page_.language, page=page,
                          page_size=settings.page_size, parts=BLOCK_PARTS[block], scope=scope, **sort.order)
    context = {"view": view, "sort": sort.value, "profile": profile}
    if profile is not None:
        _, listed = scope.apply(EventFilters(with_rejected=page_.editor))
        profile.chart = year_chart(subjects.events_per_year(session, listed), page_.here, filters.year,
                                   page_.language)
        profile.timeline_url = path_with_args("/", [scope.arg])
    view.title = _title(heading, view)
    return page_.render(template, context, block=None if block == "page" else block, vary_target=True)


def _title(heading: str, view: TimelineView) -> str:
    site = gettext("China–Kazakhstan diplomatic timeline")
    return f"{heading} ({view.range_total}) – {site}" if view.chips else f"{heading} – {site}"


@router.get("/actors/{actor_id}")
async def show_actor(request: Request, actor_id: IdPath, session: SessionDep, filters: FiltersDep, page_: PageDep,
                     page: PageParam = 1, sort: SortParam = SortParam.oldest):
    """A person (or a state named as a party): offices and terms, events per year, their events."""
    actor = subjects.get_actor(session, actor_id)
    if actor is None:
        raise HTTPException(status_code=404, detail=gettext("There is no person %(id)s.") % {"id": actor_id})
    scope = Scope("with_actors", actor.name, ("with", actor.name), own=("actor", actor.name))
    profile = actor_profile(session, actor, page_.language, with_rejected=page_.editor) \
        if timeline_block(page_) == "page" else None
    heading = country_name(actor.name, page_.language) if actor.name == actor.country else actor.name
    return _show(request, session, page_, filters, template="actor.html", heading=heading, profile=profile,
                 scope=scope, page=page, sort=sort)


@router.get("/places/{place_id}")
async def show_place(request: Request, place_id: IdPath, session: SessionDep, filters: FiltersDep, page_: PageDep,
                     page: PageParam = 1, sort: SortParam = SortParam.oldest):
    """A place: its former names and when it bore them, events per year, the events held there."""
    place = subjects.get_place(session, place_id)
    if place is None:
        raise HTTPException(status_code=404, detail=gettext("There is no place %(id)s.") % {"id": place_id})
    scope = Scope("place", place.name, ("place", place.name), hidden=("place",))
    profile = place_profile(place, page_.language) if timeline_block(page_) == "page" else None
    return _show(request, session, page_, filters, template="place.html", heading=place.name, profile=profile,
                 scope=scope, page=page, sort=sort)


@router.get("/topics/{key}")
async def show_topic(request: Request, key: TopicKey, session: SessionDep, filters: FiltersDep, page_: PageDep,
                     page: PageParam = 1, sort: SortParam = SortParam.oldest):
    """A topic (by its slug, or its id): events per year, the events about it."""
    topic = subjects.get_topic(session, key)
    if topic is None:
        raise HTTPException(status_code=404, detail=gettext("There is no topic %(id)s.") % {"id": key})
    scope = Scope("topic", topic.slug, ("topic", topic.slug), hidden=("topic",))
    profile = topic_profile(topic, page_.language) if timeline_block(page_) == "page" else None
    return _show(request, session, page_, filters, template="topic.html",
                 heading=topic_label(topic, topic.slug, page_.language), profile=profile, scope=scope, page=page,
                 sort=sort)
