"""What the index knows about words beyond the articles: names in every spelling, and what events
are called in both interface languages.

Nothing here is a list of its own; each fact is read from where the rest of the project keeps it:

* people's spellings: the aliases of ``actors.yaml`` (``app.extract.entities.actors``);
* places' spellings: the aliases of the ``places.yaml`` entries that are the place itself (a city,
  a capital, a region; not a palace or an airport named after someone) (``app.extract.places``);
* event types: the interface's labels (``app/web/labels.py``) and their Indonesian translations in
  the gettext catalogue (``app/locales``);
* subtypes: their name, and the phrases that alone state an event of that subtype in
  ``triggers.yaml``, for every subtype but the plainest of each type (a visit, a meeting, a
  signing: their phrases are everyday verbs);
* topics: the English and Indonesian names of ``topics.yaml`` (``app.taxonomy``);
* the two states' names in each language, and whole event titles in each language: ``titles.yaml``
  (``app.extract.titles.event_title``).

A *group* is a set of phrases that name one thing (one person, one place, one type, subtype, topic
or state), each phrase with its language; the index adds an event's groups to its stemmed text, and
the highlighter marks every phrase of a group that a query names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from app.extract.entities import actors
from app.extract.lexicon import load_lexicon
from app.extract.places import gazetteer
from app.extract.titles import event_title
from app.extract.triggers import SUBTYPE_ORDER, trigger_specs
from app.extract.types import Participant, Place
from app.search.stemming import NEUTRAL, stems
from app.taxonomy import topic_names

PLACE_ITSELF = ("city", "capital", "region", "border_crossing")  # places.yaml kinds that name the place


@dataclass(frozen=True)
class Phrase:
    text: str
    language: str  # "en", "id", or NEUTRAL for names

    @property
    def stems(self) -> tuple[str, ...]:
        return _phrase_stems(self.text, self.language)


@cache
def _phrase_stems(text: str, language: str) -> tuple[str, ...]:
    return tuple(stems(text, language))


Group = tuple[Phrase, ...]


# --- people and places ----------------------------------------------------------------------------


@cache
def _people() -> dict[str, Group]:
    found: dict[str, list[Phrase]] = {}
    for actor in actors().values():
        phrases = found.setdefault(actor.name, [Phrase(actor.name, NEUTRAL)])
        phrases += [Phrase(str(alias), NEUTRAL) for alias in actor.aliases]
    return {name: _unique(phrases) for name, phrases in found.items()}


@cache
def _places() -> dict[str, Group]:
    found: dict[str, list[Phrase]] = {}
    for entry in gazetteer().entries:
        if entry.get("city") or entry["kind"] not in PLACE_ITSELF:
            continue
        phrases = found.setdefault(entry["name"], [Phrase(entry["name"], NEUTRAL)])
        phrases += [Phrase(str(alias), NEUTRAL) for alias in entry["aliases"]]
    return {name: _unique(phrases) for name, phrases in found.items()}


def person(name: str) -> Group:
    """Every spelling of a person the lexicon knows (the name alone for anyone else)."""
    return _people().get(name) or (Phrase(name, NEUTRAL),)


def place(name: str) -> Group:
    return _places().get(name) or (Phrase(name, NEUTRAL),)


@cache
def country(name: str) -> Group:
    """A state's name in each language (titles.yaml), or its English name alone."""
    for entry in load_lexicon("titles"):
        if entry["kind"] == "country" and entry["name"] == name:
            return _unique([Phrase(str(entry[language]), language) for language in ("en", "id") if entry.get(language)])
    return (Phrase(name, "en"),)


# --- what events are called -----------------------------------------------------------------------


@cache
def event_type(type_: str) -> Group:
    from app.config import get_settings
    from app.web.i18n import load_translations
    from app.web.labels import TYPE_LABELS

    label = TYPE_LABELS.get(type_, type_)
    indonesian = load_translations(get_settings().locales_dir, "id").gettext(label)
    return _unique([Phrase(label, "en"), Phrase(indonesian, "id")])


@cache
def subtype(type_: str, name: str) -> Group:
    """The subtype's name and, unless it is the plainest of its type, the phrases that state it."""
    phrases = [Phrase(name.replace("_", " "), "en")] if name != type_ else []
    if name == _plainest(type_):
        return _unique(phrases)
    entries = load_lexicon("triggers")
    for spec in trigger_specs():
        if spec.type == type_ and spec.subtype == name and _states_alone(spec):
            for language, listed in entries[spec.index]["phrases"].items():
                phrases += [Phrase(str(text), language) for text in listed or ()]
    return _unique(phrases)


def _plainest(type_: str) -> str | None:
    """The least specific subtype of a type (the last of SUBTYPE_ORDER among its triggers)."""
    names = {spec.subtype for spec in trigger_specs() if spec.type == type_}
    ranked = [name for name in SUBTYPE_ORDER if name in names]
    return ranked[-1] if ranked else None


def _states_alone(spec) -> bool:
    """A phrase that names the event by itself, needing no document, person or direction beside it."""
    return spec.strength == "strong" and not (spec.needs_document or spec.person_object or spec.person_subject
                                              or spec.host_after or spec.returning or spec.arrival)


@cache
def topic(slug: str) -> Group:
    english, indonesian = topic_names(slug)
    return _unique([Phrase(english, "en"), *([Phrase(indonesian, "id")] if indonesian else [])])


def titles(type_: str, subtype_: str, participants: Sequence[Participant], where: Place | None) -> Group:
    """The event's title in each interface language."""
    return tuple(Phrase(event_title(type_, subtype_, participants, where, language=language), language)
                 for language in ("en", "id"))


# --- every group, for the highlighter and suggestions ---------------------------------------------------


def name_groups() -> tuple[Group, ...]:
    """Every person and place the lexicons know, each group's first phrase its canonical name."""
    return (*_people().values(), *_places().values())


@cache
def all_groups() -> tuple[Group, ...]:
    """Every group the lexicons define: people, places, states, types, subtypes, topics."""
    groups: list[Group] = list(name_groups())
    groups += [country(entry["name"]) for entry in load_lexicon("titles") if entry["kind"] == "country"]
    for type_ in sorted({spec.type for spec in trigger_specs()}):
        groups.append(event_type(type_))
        groups += [subtype(type_, name) for name in sorted({s.subtype for s in trigger_specs() if s.type == type_})]
    groups += [topic(entry["slug"]) for entry in load_lexicon("topics")]
    return tuple(group for group in groups if group)


def _unique(phrases: Sequence[Phrase]) -> Group:
    seen, kept = set(), []
    for phrase in phrases:
        key = (phrase.text.casefold(), phrase.language)
        if phrase.text and key not in seen:
            seen.add(key)
            kept.append(phrase)
    return tuple(kept)
