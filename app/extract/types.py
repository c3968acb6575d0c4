"""The shapes extraction produces. Plain frozen dataclasses: no database, no web.

Every offset is a character offset into the article text exactly as stored, so that
``text[start:end]`` is the quoted passage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
EventType = Literal["visit", "meeting", "agreement"]
Status = Literal["reported", "planned"]

PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises on impossible dates

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the precision allows."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        if self.month is None:
            return dt.date(self.year, 12, 31)
        next_month = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    @classmethod
    def from_date(cls, value: dt.date, precision: Precision = "day") -> PartialDate:
        if precision == "year":
            return cls(value.year)
        if precision == "month":
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class ResolvedDate:
    """A date found in the text: the phrase that gave it and what it resolved to."""

    start: PartialDate
    end: PartialDate | None
    phrase: str
    span: Span | None = None
    rule: str = ""


@dataclass(frozen=True)
class Place:
    name: str  # canonical name from the gazetteer, e.g. "Astana"
    country: str  # English country name, e.g. "Kazakhstan"


@dataclass(frozen=True)
class Participant:
    name: str  # canonical name, e.g. "Kassym-Jomart Tokayev", or the state ("China") when no person
    country: str  # "China", "Kazakhstan", ...
    office: str | None = None  # office held on the event's date, e.g. "President of Kazakhstan"
    side: Literal["guest", "host", "participant"] = "participant"
    from_lexicon: bool = True


@dataclass(frozen=True)
class Passage:
    """A piece of the article that states (or supports) the event."""

    start: int
    end: int
    rule: str  # the pattern or lexicon entry that fired, for `timeline extract`
    kind: Literal["statement", "support"] = "statement"


@dataclass(frozen=True)
class ExtractedEvent:
    """One article's account of one event, after merging the sentences of that article."""

    type: EventType
    subtype: str
    participants: tuple[Participant, ...]
    passages: tuple[Passage, ...]
    date: ResolvedDate | None = None
    place: Place | None = None
    topics: tuple[str, ...] = ()  # topic slugs from the taxonomy
    status: Status = "reported"
    confidence: float = 0.5
    signals: tuple[str, ...] = ()  # named reasons behind the confidence


@dataclass(frozen=True)
class ParsedArticle:
    """An article's text with what its header and layout tell us."""

    text: str  # the stored original text
    title: str | None
    outlet: str | None
    published: PartialDate | None
    language: Literal["id", "en"]
    boilerplate: tuple[Span, ...] = ()  # kept out of extraction entirely
    captions: tuple[Span, ...] = ()  # support only
    dateline: Span | None = None  # the place part of "NUR SULTAN, KOMPAS.TV -"
    published_phrase: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def reference_date(self) -> PartialDate | None:
        """What relative and partial dates are resolved against: the publication date, else the
        year a copyright notice gives (a year only: it dates "2 Juli", never "Rabu")."""
        if self.published is not None:
            return self.published
        hint = self.extra.get("year_hint")
        return PartialDate(int(hint)) if hint else None
