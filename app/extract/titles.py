"""Event titles generated from parts, with the wording kept as data (titles.yaml, en and id)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from app.extract.entities import OFFICE_RANK, offices
from app.extract.lexicon import load_lexicon, register_schema
from app.extract.types import Participant, Place

register_schema("titles", "kind")

SIDE_ORDER = ("China", "Kazakhstan")


@cache
def _entries() -> tuple[dict, ...]:
    return load_lexicon("titles")


def _template(type_: str, subtype: str) -> dict:
    templates = [e for e in _entries() if e["kind"] == "template" and e["type"] == type_]
    for entry in templates:
        if entry["subtype"] == subtype:
            return entry
    for entry in templates:
        if entry["subtype"] == "*":
            return entry
    raise KeyError(f"no title template for {type_}/{subtype}")


def _country_name(country: str, language: str) -> str:
    for entry in _entries():
        if entry["kind"] == "country" and entry["name"] == country:
            return entry.get(language) or entry["en"]
    return country


def short_name(participant: Participant) -> str:
    """"Xi Jinping" stays whole (family name first); "Kassym-Jomart Tokayev" becomes "Tokayev"."""
    rules = {e["country"]: e["form"] for e in _entries() if e["kind"] == "short_name"}
    form = rules.get(participant.country, rules.get("*", "full"))
    if form == "last" and participant.name != participant.country:
        return participant.name.split()[-1]
    return participant.name


@cache
def _office_labels() -> tuple[tuple[str, int], ...]:
    """(English label, rank) of each ranked office: a stored title begins with its office's label."""
    return tuple((offices()[office].label["en"], rank) for rank, office in enumerate(OFFICE_RANK)
                 if office in offices())


def office_rank(title: str | None) -> int:
    """How senior the office of a title ("President of China") is: 0 for the highest, and after
    every ranked office for an unknown or missing one."""
    for label, rank in _office_labels():
        if title and (title == label or title.startswith(label + " of ")):
            return rank
    return len(OFFICE_RANK)


def _ordered(participants: Sequence[Participant]) -> list[Participant]:
    """China's people, then Kazakhstan's, then others; within each, people before states and the
    most senior office first, then by name: the same order whatever order the list came in, so that
    a title names the same people in every language and from every copy of the participants."""
    def rank(p: Participant) -> tuple:
        side = SIDE_ORDER.index(p.country) if p.country in SIDE_ORDER else len(SIDE_ORDER)
        return side, p.name == p.country, office_rank(p.office), p.name
    return sorted(participants, key=rank)


def _principals(people: list[Participant]) -> tuple[Participant | None, Participant | None]:
    """The two people a meeting's title names: the most senior of each side, or of one side when only
    one side has people (``people`` ordered by ``_ordered``)."""
    first = people[0] if people else None
    second = next((p for p in people[1:] if first is not None and p.country != first.country), None)
    if second is None and len(people) > 1:
        second = people[1]
    return first, second


def event_title(type: str, subtype: str, participants: Sequence[Participant], place: Place | None,
                language: str = "en") -> str:
    """A headline for an event, e.g. "Xi Jinping's state visit to Kazakhstan"."""
    template = _template(type, subtype)
    people = _ordered(participants)
    first, second = _principals(people)
    guests = [p for p in people if p.side == "guest"] or people[:1]
    hosts = [p for p in people if p.side == "host"]
    guest = guests[0] if guests else None
    destination = place.country if place else (hosts[0].country if hosts else None)
    if destination is None and guest is not None:
        others = [c for c in SIDE_ORDER if c != guest.country]
        destination = others[0] if others else ""
    values = {
        "a": first.name if first else _country_name("China", language),
        "b": second.name if second else _country_name("Kazakhstan", language),
        "a_short": short_name(first) if first else _country_name("China", language),
        "b_short": short_name(second) if second else _country_name("Kazakhstan", language),
        "guest": guest.name if guest else "",
        "host": hosts[0].name if hosts else "",
        "destination": _country_name(destination or "", language),
        "states": "–".join(_country_name(c, language) for c in SIDE_ORDER),
        "place": place.name if place else "",
    }
    text = template.get(language) or template["en"]
    title = text.format(**values)
    suffix = template.get(f"place_{language}")
    if suffix and place is not None:
        title += suffix.format(**values)
    return title
