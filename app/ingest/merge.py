"""Cross-article merging, as pure functions over report summaries.

Reports (one article's account of an event) about the same real event become one event:
same type, compatible dates, at least one shared participant, never two reports of the same
article; for meetings, no side whose people the two reports name differently (Hu Jintao meeting
Nazarbayev and Hu Jintao meeting Tasmagambetov on one day are two meetings) and no two different
cities (talks in Astana and a meeting in Samarkand in the same month are two meetings). Clustering is complete-linkage in a fixed order that depends only on the reports
themselves (precision, date, article hash, ordinal), so the result does not depend on the
order in which articles were ingested.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.extract.types import PRECISION_RANK

GENERIC_SUBTYPES = {"", "other", "visit", "meeting", "agreement"}
# A visit lasts days and reports date it by arrival, by a day during it or by departure:
# reports of one visit may name dates this many days apart.
VISIT_SLACK = dt.timedelta(days=3)


@dataclass(frozen=True)
class ReportKey:
    """What merging needs to know of a report."""

    id: int
    type: str
    article_key: str  # stable across databases: the article's content hash
    ordinal: int
    date_start: dt.date | None
    date_last: dt.date | None
    precision: str | None
    names: frozenset[str] = field(default_factory=frozenset)
    sides: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (country, name) of each person
    city: str | None = None  # the place when it is finer than a country
    mode: str = ""  # meetings: in_person | remote | multilateral (see triggers.meeting_mode)
    single_day: bool = True  # a day, not a range of days

    @property
    def order(self) -> tuple:
        dated = self.date_start is not None
        return (
            not dated,
            -PRECISION_RANK.get(self.precision or "", -1),
            not self.single_day,
            self.date_start or dt.date.max,
            self.article_key,
            self.ordinal,
        )


def compatible(a: ReportKey, b: ReportKey) -> bool:
    """Could ``a`` and ``b`` be two accounts of one event?"""
    if a.type != b.type or a.mode != b.mode or a.article_key == b.article_key:
        return False
    if a.date_start is None or b.date_start is None:
        return False
    slack = VISIT_SLACK if a.type == "visit" else dt.timedelta(0)
    if a.date_start > (b.date_last or b.date_start) + slack or b.date_start > (a.date_last or a.date_start) + slack:
        return False
    if not a.names & b.names:
        return False
    if a.type != "meeting":
        return True
    return _same_counterparts(a, b) and (a.city is None or b.city is None or a.city == b.city)


def _same_counterparts(a: ReportKey, b: ReportKey) -> bool:
    """Each country both reports name people of has at least one of them in common."""
    for country in {c for c, _ in a.sides} & {c for c, _ in b.sides}:
        if not {n for c, n in a.sides if c == country} & {n for c, n in b.sides if c == country}:
            return False
    return True


def cluster_reports(reports: Iterable[ReportKey]) -> list[list[ReportKey]]:
    """Group reports into events. Deterministic for a given set of reports."""
    clusters: list[list[ReportKey]] = []
    for report in sorted(reports, key=lambda r: r.order):
        candidates = [c for c in clusters if all(compatible(report, member) for member in c)]
        if candidates:
            best = max(candidates, key=lambda c: (_shared_names(report, c), len(c), -clusters.index(c)))
            best.append(report)
        else:
            clusters.append([report])
    return clusters


def _shared_names(report: ReportKey, cluster: Sequence[ReportKey]) -> int:
    return len(report.names & frozenset().union(*(member.names for member in cluster)))


def date_last(start: dt.date | None, end: dt.date | None, precision: str | None) -> dt.date | None:
    """The last day an event dated ``start``..``end`` at ``precision`` may cover."""
    if start is None:
        return None
    last = end or start
    if precision == "year":
        return dt.date(last.year, 12, 31)
    if precision == "month":
        following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return last


def visit_span(days: Sequence[tuple[dt.date, dt.date | None]]) -> tuple[dt.date, dt.date | None]:
    """The days a visit covers, from its day-precision reports: first start to last day."""
    start = min(first for first, _ in days)
    last = max(end or first for first, end in days)
    return start, (last if last > start else None)


def pick_subtype(subtypes: Sequence[str]) -> str:
    """The most frequent specific subtype, else the most frequent one."""
    specific = [s for s in subtypes if s not in GENERIC_SUBTYPES]
    pool = specific or list(subtypes)
    counts = Counter(pool)
    return max(pool, key=lambda s: (counts[s], -pool.index(s)))


def combined_confidence(confidences: Iterable[float]) -> float:
    """Independent reports strengthen each other (noisy-or), capped below certainty."""
    doubt = 1.0
    for value in confidences:
        doubt *= 1.0 - min(max(value, 0.0), 1.0)
    return round(min(1.0 - doubt, 0.99), 3)
