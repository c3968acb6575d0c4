"""The overview time axis above the list: density per year and month, one lane per event type.

Drawn server-side from ``queries.density`` (counts grouped in SQL, never one mark per event):

* events known to the day are counted into solid month bars;
* events known only to the month are lighter bars covering their month (a span, not a point);
* events known only to the year are a band across the whole year.

Over more than twenty years the bars count quarters instead of months (choosing years zooms in).

The scale runs over whole years: the data's first to last year, or the years the date filters
select (so one selected year shows its twelve months). Year and month labels are real links.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session

from app import queries
from app.models import EVENT_TYPES
from app.queries import EventFilters, Selection
from app.web.i18n import format_number, month_names, ngettext
from app.web.labels import type_label, type_plural
from app.web.links import Here

LANE_HEIGHT = 30
LANE_GAP = 6
BAND_HEIGHT = 4
MAX_YEARS = 80
MONTH_GAP = 0.2  # share of a bin's width left empty between bars
MONTH_BINS_MAX_YEARS = 20  # longer spans are drawn in quarters (select years to see months)


@dataclass
class Lane:
    type: str
    label: str
    top: float
    day_path: str = ""
    month_path: str = ""
    year_path: str = ""
    total: int = 0


@dataclass
class Tick:
    label: str
    url: str
    count: int
    description: str
    active: bool = False
    minor: bool = False


@dataclass
class Axis:
    start: dt.date
    end: dt.date  # exclusive
    lanes: list[Lane]
    years: list[Tick]
    months: list[Tick] = field(default_factory=list)
    height: int = 3 * LANE_HEIGHT + 2 * LANE_GAP
    width: int = 12
    gridlines: list[float] = field(default_factory=list)
    bar_width: float = 0.8
    lane_height: int = LANE_HEIGHT

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def _domain(session: Session, filters: EventFilters) -> tuple[int, int] | None:
    full = queries.year_range(session)
    if full is None:
        return None
    low, high = full
    if filters.year:
        low, high = min(filters.year), max(filters.year)
    if filters.date_from:
        low = max(low, filters.date_from.year) if not filters.year else low
    if filters.date_to:
        high = min(high, filters.date_to.year) if not filters.year else high
    if low > high:
        low, high = full
    if high - low >= MAX_YEARS:
        low = high - MAX_YEARS + 1
    return low, high


def build_axis(session: Session, selection: Selection, here: Here, language: str) -> Axis | None:
    filters = selection.filters
    domain = _domain(session, filters)
    if domain is None:
        return None
    first, last = domain
    years_shown = last - first + 1
    # x is counted in months from the first January; bars are stroked lines one bin wide, so that
    # the drawing stays a few kilobytes whatever the number of events
    bin_months = 1 if years_shown <= MONTH_BINS_MAX_YEARS else 3

    day_bins: dict[tuple[str, int], int] = defaultdict(int)
    month_bins: dict[tuple[str, int], int] = defaultdict(int)
    year_bins: dict[tuple[str, int], int] = defaultdict(int)
    per_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_month: dict[int, int] = defaultdict(int)
    rows = queries.density(session, selection)
    for year, month, type_, precision, count in rows:
        if not first <= year <= last:
            continue
        per_year[year][type_] += count
        if precision == "year" or month is None:
            year_bins[(type_, year)] += count
            continue
        slot = ((year - first) * 12 + month - 1) // bin_months
        (month_bins if precision == "month" else day_bins)[(type_, slot)] += count
        if years_shown == 1:
            per_month[month] += count

    stacked: dict[tuple[str, int], int] = defaultdict(int)
    for key, count in [*day_bins.items(), *month_bins.items()]:
        stacked[key] += count
    peak = max(stacked.values(), default=1)
    peak_year = max(year_bins.values(), default=1)
    bar_room = LANE_HEIGHT - BAND_HEIGHT - 3

    def height(count: int) -> int:
        return max(2, round(math.sqrt(count / peak) * bar_room))

    lanes = []
    for index, type_ in enumerate(EVENT_TYPES):
        top = index * (LANE_HEIGHT + LANE_GAP)
        baseline = top + LANE_HEIGHT - BAND_HEIGHT - 1
        lane = Lane(type=type_, label=type_plural(type_), top=top)
        day_parts, month_parts, year_parts = [], [], []
        for (t, slot), total in sorted(stacked.items()):
            if t != type_:
                continue
            centre = (slot + 0.5) * bin_months
            exact = day_bins.get((t, slot), 0)
            full = height(total)
            exact_height = round(full * exact / total)
            if exact:
                day_parts.append(f"M{centre:g} {baseline}v-{exact_height}")
            if total > exact:
                month_parts.append(f"M{centre:g} {baseline - exact_height}v-{full - exact_height}")
        for (t, year), count in sorted(year_bins.items()):
            if t != type_:
                continue
            thickness = max(1.5, round(BAND_HEIGHT * math.sqrt(count / peak_year), 1))
            left = (year - first) * 12 + 0.15
            year_parts.append(f"M{left:g} {top + LANE_HEIGHT - thickness:g}h11.7v{thickness:g}h-11.7z")
        lane.day_path, lane.month_path, lane.year_path = "".join(day_parts), "".join(month_parts), "".join(year_parts)
        lane.total = sum(per_year[y][type_] for y in per_year)
        lanes.append(lane)

    many = last - first + 1 > 12
    years = []
    for year in range(first, last + 1):
        counts = per_year.get(year, {})
        total = sum(counts.values())
        years.append(Tick(
            label=str(year),
            url=here.replace(year=year, from_=None, to=None),
            count=total,
            description=_describe(str(year), counts, language),
            active=year in filters.year,
            minor=many and year % 5 != 0 and year not in (first, last),
        ))
    months = []
    if first == last:
        names = month_names(language)
        for month in range(1, 13):
            month_start = dt.date(first, month, 1)
            month_end = dt.date(first + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            count = per_month.get(month, 0)
            months.append(Tick(
                label=names[month],
                url=here.replace(year=None, from_=month_start.isoformat(), to=month_end.isoformat()),
                count=count,
                description=f"{names[month]} {first}: " + ngettext("%(num)s event", "%(num)s events", count)
                % {"num": format_number(count, language)},
                active=filters.date_from == month_start and filters.date_to == month_end,
            ))
    gridlines = [12 * (year - first) for year in range(first + 1, last + 1)]
    if first == last:
        gridlines = list(range(1, 12))
    return Axis(start=dt.date(first, 1, 1), end=dt.date(last + 1, 1, 1), lanes=lanes, years=years, months=months,
                gridlines=gridlines, width=12 * years_shown, bar_width=round(bin_months * (1 - MONTH_GAP), 2))


def _rect(left: float, top: float, width: float, height: float) -> str:
    return f"M{left:g} {top:g}h{width:g}v{height:g}h{-width:g}z"


def _describe(label: str, counts: dict[str, int], language: str) -> str:
    total = sum(counts.values())
    head = ngettext("%(num)s event", "%(num)s events", total) % {"num": format_number(total, language)}
    parts = [f"{type_label(t)}: {format_number(counts[t], language)}" for t in EVENT_TYPES if counts.get(t)]
    return f"{label}: {head}" + (f" ({', '.join(parts)})" if parts else "")
