"""The gazetteer: places with their country, aliases and former names (places.yaml).

Venues (palaces, halls, airports, universities) are entries of their own that resolve to their
city, so that "Istana Akorda" places an event in Astana and "Nazarbayev University" or "Nursultan
Nazarbayev International Airport" is read as a place, never as the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.extract.lexicon import load_lexicon, register_schema
from app.extract.tokens import cased_variants
from app.extract.types import Place

register_schema("places", "name", "country", "aliases", "kind")


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[dict, ...]

    def place(self, index: int) -> Place:
        entry = self.entries[index]
        return Place(entry.get("city") or entry["name"], entry["country"])

    def kind(self, index: int) -> str:
        return self.entries[index]["kind"]


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(load_lexicon("places"))


def place_phrases():
    """(label, phrase, case-sensitive) for the matcher. One-word names are matched capitalised only."""
    for index, entry in enumerate(gazetteer().entries):
        for alias in entry["aliases"]:
            alias = str(alias)
            if " " in alias:
                yield f"place|{index}", alias, False
            else:
                for variant in cased_variants(alias):
                    yield f"place|{index}", variant, True


def place_for_label(value: str) -> Place:
    return gazetteer().place(int(value))
