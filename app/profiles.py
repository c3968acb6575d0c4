"""What the lexicons know of the people and places the pages are about: a person's aliases and
terms of office (actors.yaml, offices.yaml), a city's former names and when it bore them
(places.yaml), and the office a stored title ("Minister of Foreign Affairs of China") stands for.

Read-only views of the extractor's data files (loaded by its one validating loader), for the web.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from app.extract.entities import actors, countries, office_title, offices
from app.extract.lexicon import load_lexicon

CITY_KINDS = ("city", "capital", "region", "border_crossing")


@dataclass(frozen=True)
class NamePeriod:
    """A name a place bore from ``since`` (None: from before any record) until ``until`` (exclusive)."""

    name: str
    since: dt.date | None
    until: dt.date | None
    approx: bool = False

    def covers(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class OfficeTerm:
    office: str  # office id (offices.yaml)
    start: dt.date
    end: dt.date | None  # None: still in office
    to: str | None = None  # the state an ambassador is accredited to
    approx: bool = False


@dataclass(frozen=True)
class ActorProfile:
    name: str
    country: str
    aliases: tuple[str, ...]
    terms: tuple[OfficeTerm, ...]  # latest first


def _day(value) -> dt.date | None:
    return None if value is None else value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@cache
def _former() -> dict[str, tuple[NamePeriod, ...]]:
    found = {}
    for entry in load_lexicon("places"):
        if entry.get("former") and entry["kind"] in CITY_KINDS:
            found[entry["name"]] = tuple(
                NamePeriod(item["name"], _day(item.get("since")), _day(item.get("until")), bool(item.get("approx")))
                for item in entry["former"])
    return found


def former_names(place: str) -> tuple[NamePeriod, ...]:
    """The earlier names of a place (by its canonical name), oldest first; () when it kept its name."""
    return _former().get(place, ())


def name_on(place: str, day: dt.date | None) -> str:
    """The name ``place`` bore on ``day`` ("Nur-Sultan" for Astana in 2020); its own name otherwise."""
    if day is not None:
        for period in former_names(place):
            if period.covers(day):
                return period.name
    return place


@cache
def _profiles() -> dict[tuple[str, str], ActorProfile]:
    found = {}
    for actor in actors().values():
        terms = sorted((OfficeTerm(t.office, t.start, t.end, t.to, t.approx) for t in actor.terms),
                       key=lambda t: (t.end is None, t.end or dt.date.max, t.start), reverse=True)
        found[(actor.name, actor.country)] = ActorProfile(actor.name, actor.country, actor.aliases, tuple(terms))
    return found


def actor_profile(name: str, country: str) -> ActorProfile | None:
    """What actors.yaml knows of a person (None for people it does not list)."""
    return _profiles().get((name, country))


@cache
def _titles(country: str) -> dict[str, tuple[str, str | None]]:
    """Every English title an office of ``country`` is stored as → (office id, accrediting state)."""
    states = [None, *countries()]
    return {office_title(office, country, to): (office, to) for office in offices() for to in states}


def office_of(title: str | None, country: str | None) -> tuple[str, str | None] | None:
    """The office (and accrediting state) a stored title stands for, or None when it is not one of ours."""
    if not title or not country:
        return None
    return _titles(country).get(title)


def office_label(office: str, language: str) -> str:
    """An office's name in ``language`` ("Menteri Luar Negeri"), without its state."""
    spec = offices().get(office)
    return spec.label.get(language, spec.label["en"]) if spec else office
