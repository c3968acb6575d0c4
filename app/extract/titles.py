"""Event titles generated from parts, with the wording kept as data (titles.yaml, en and id)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

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


def _ordered(participants: Sequence[Participant]) -> list[Participant]:
    def rank(p: Participant) -> int:
        return SIDE_ORDER.index(p.country) if p.country in SIDE_ORDER else len(SIDE_ORDER)
    return sorted(participants, key=rank)


def event_title(type: str, subtype: str, participants: Sequence[Participant], place: Place | None,
                language: str = "en") -> str:
    """A headline for an event, e.g. "Xi Jinping's state visit to Kazakhstan"."""
    template = _template(type, subtype)
    people = _ordered(participants)
    first = people[0] if people else None
    second = people[1] if len(people) > 1 else None
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
