"""Every lexicon file loads through the one validating loader, and the knowledge in them is coherent:
aliases do not collide between different people, places or states, terms of office do not overlap
within a single-holder office, and every reference between files resolves."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import yaml

import app.extract.article  # noqa: F401  (registers its schemas)
import app.extract.dates  # noqa: F401
import app.extract.entities as entities
import app.extract.places as places
import app.extract.sentences  # noqa: F401
import app.extract.titles as titles
import app.extract.topics as topics
import app.extract.triggers as triggers
from app.extract.lexicon import SCHEMAS, LexiconError, all_lexicon_names, lexicon_path, load_lexicon, validate

MINE = ("actors", "offices", "countries", "places", "organizations", "triggers", "cues", "references", "roles",
        "name_stops", "abbreviations", "topics", "titles")


def _raw(name: str) -> dict:
    with lexicon_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _strings(value, path=""):
    """Every scalar in a lexicon with its path (to catch YAML turning 'No' or 'On' into booleans)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    else:
        yield path, value


# ----------------------------------------------------------------------------- loading


@pytest.mark.parametrize("name", all_lexicon_names())
def test_every_lexicon_loads_through_the_loader(name):
    assert name in SCHEMAS, f"{name}.yaml has no registered schema, so its entries are never checked"
    entries = load_lexicon(name)
    assert entries
    raw = _raw(name)
    assert str(raw["source"]).strip() and str(raw["gaps"]).strip()


def test_every_registered_schema_has_a_file():
    assert set(MINE) <= set(SCHEMAS)
    assert set(SCHEMAS) <= set(all_lexicon_names())


def test_loader_rejects_an_entry_without_a_required_key():
    with pytest.raises(LexiconError, match="lacks"):
        validate("actors", {"source": "s", "gaps": "g", "entries": [{"id": "x", "name": "X", "country": "China"}]})


@pytest.mark.parametrize("name", MINE)
def test_phrase_lists_hold_only_strings(name):
    list_keys = ("aliases", "short", "forms", "names", "demonyms", "metonyms", "phrases", "keywords", "pattern")
    for path, value in _strings(_raw(name)["entries"]):
        if any(f".{key}" in path for key in list_keys):
            assert isinstance(value, str), f"{name}{path} = {value!r} is not a string (quote it in YAML)"


# ----------------------------------------------------------------------------- actors and offices


def _norm(text: str) -> str:
    return " ".join(re.split(r"[\s\-]+", text.lower()))


def test_actor_aliases_do_not_collide_between_actors():
    owner: dict[str, str] = {}
    for actor in entities.actors().values():
        for alias in actor.aliases:
            key = _norm(alias)
            assert owner.setdefault(key, actor.id) == actor.id, f"{alias!r}: {owner[key]} and {actor.id}"


def test_family_names_are_not_full_aliases_of_someone():
    aliases = {_norm(a) for actor in entities.actors().values() for a in actor.aliases}
    for surname in entities.actors_by_short():
        assert _norm(surname) not in aliases, f"family name {surname!r} is also an alias"


def test_actor_offices_and_countries_exist():
    offices = entities.offices()
    states = entities.countries()
    for actor in entities.actors().values():
        assert actor.country in states, actor.id
        for term in actor.terms:
            assert term.office in offices, f"{actor.id}: unknown office {term.office}"
            assert term.end is None or term.start < term.end, f"{actor.id}: {term}"
            assert term.to is None or term.to in states, f"{actor.id}: {term.to}"
            assert term.start >= dt.date(1985, 1, 1)


def test_terms_do_not_overlap_within_a_single_holder_office():
    offices = entities.offices()
    terms: dict[tuple, list[tuple[str, entities.Term]]] = {}
    for actor in entities.actors().values():
        for term in actor.terms:
            if offices[term.office].multiple and term.office != "ambassador":
                continue
            terms.setdefault((term.office, actor.country, term.to), []).append((actor.id, term))
    checked = 0
    for key, held in terms.items():
        for (a, t1), (b, t2) in itertools.combinations(held, 2):
            end1, end2 = t1.end or dt.date.max, t2.end or dt.date.max
            assert not (t1.start < end2 and t2.start < end1), f"{key}: {a} {t1} overlaps {b} {t2}"
            checked += 1
    assert checked > 50


def test_offices_forms_do_not_collide_between_offices():
    owner: dict[str, str] = {}
    for office in entities.offices().values():
        for form in office.forms:
            key = _norm(form)
            assert owner.setdefault(key, office.id) == office.id, f"{form!r}: {owner[key]} and {office.id}"


def test_known_holders_on_dates():
    holder = entities.holder
    assert holder("president", "Kazakhstan", dt.date(2015, 6, 1)).name == "Nursultan Nazarbayev"
    assert holder("president", "Kazakhstan", dt.date(2019, 6, 1)).name == "Kassym-Jomart Tokayev"
    assert holder("head_of_government", "China", dt.date(2001, 1, 1)).name == "Zhu Rongji"
    assert holder("head_of_government", "China", dt.date(2023, 6, 1)).name == "Li Qiang"
    assert holder("foreign_minister", "China", dt.date(2023, 3, 1)).name == "Qin Gang"
    assert holder("foreign_minister", "Kazakhstan", dt.date(2017, 5, 1)).name == "Kairat Abdrakhmanov"
    assert holder("legislature_chair", "China", dt.date(2019, 9, 23)).name == "Li Zhanshu"
    assert holder("senate_chair", "Kazakhstan", dt.date(2010, 1, 1)).name == "Kassym-Jomart Tokayev"
    assert holder("deputy_head_of_government", "China", dt.date(2020, 1, 1)) is None  # several at once


# ----------------------------------------------------------------------------- states and places


def test_country_forms_do_not_collide_between_states():
    owner: dict[str, str] = {}
    for name, entry in entities.countries().items():
        for form in list(entry["names"]) + list(entry["demonyms"]):
            key = _norm(form)
            assert owner.setdefault(key, name) == name, f"{form!r}: {owner[key]} and {name}"


def test_place_aliases_do_not_collide_between_places():
    owner: dict[str, str] = {}
    for entry in places.gazetteer().entries:
        target = entry.get("city") or entry["name"]
        for alias in entry["aliases"]:
            key = _norm(str(alias))
            assert owner.setdefault(key, target) == target, f"{alias!r}: {owner[key]} and {target}"


def test_places_have_known_countries_and_venues_have_cities():
    states = entities.countries()
    cities = {e["name"] for e in places.gazetteer().entries}
    for entry in places.gazetteer().entries:
        assert entry["country"] in states, entry["name"]
        if entry.get("city"):
            assert entry["city"] in cities


def test_metonyms_are_places_of_the_same_state():
    by_alias = {_norm(str(a)): e["country"] for e in places.gazetteer().entries for a in e["aliases"]}
    for name, entry in entities.countries().items():
        for metonym in entry.get("metonyms") or ():
            assert by_alias.get(_norm(metonym)) == name, f"{metonym!r} is not a place of {name}"


def test_former_names_of_the_capital_resolve_to_astana():
    aliases = {_norm(str(a)) for e in places.gazetteer().entries if e["name"] == "Astana" for a in e["aliases"]}
    assert {"nur sultan", "akmola", "tselinograd", "akorda"} <= aliases


# ----------------------------------------------------------------------------- triggers, cues, roles


def test_triggers_are_typed_consistently():
    seen: dict[str, str] = {}
    for spec, entry in zip(triggers.trigger_specs(), load_lexicon("triggers")):
        assert spec.type in ("visit", "meeting", "agreement")
        assert spec.role in ("trigger", "modifier", "document")
        assert spec.strength in ("strong", "weak")
        assert spec.subtype in triggers.SUBTYPE_ORDER, spec.subtype
        assert set(entry["phrases"]) == {"id", "en"}
        for phrase in itertools.chain.from_iterable(entry["phrases"].values()):
            key = _norm(phrase)
            assert seen.setdefault(key, spec.type) == spec.type, f"{phrase!r} maps to two event types"


def test_cue_kinds_are_known():
    assert {c.kind for c in triggers.cue_specs()} <= {"planned", "background", "negation", "reporting",
                                                      "since", "invitation", "first_day", "last_day",
                                                      "sequel", "onward", "subordinate", "relative_clause",
                                                      "exclusion", "simultaneous", "during", "coordination",
                                                      "purpose", "relative_possessive", "discussion",
                                                      "preparation", "setting",
                                                      "relative_apposition", "sent_by", "sent_by_possessive", "additive",
                                                          "years_after", "at_that_time"}


def test_role_patterns_use_known_slots():
    slots = {"OFFICES", "COUNTRY", "TO", "NAME", "REGION"}
    for entry in entities.role_patterns():
        names = [e.rstrip("?") for e in entry["pattern"]]
        assert any(n in slots for n in names), entry["name"]
        assert "OFFICES" in names, entry["name"]
        assert entry["named"] == ("NAME" in names), entry["name"]
        for element in names:
            assert element in slots or element == element.lower(), f"{entry['name']}: {element}"


# ----------------------------------------------------------------------------- topics and titles


def test_topics_are_bilingual():
    for slug, entry in topics.topic_entries().items():
        assert re.fullmatch(r"[a-z][a-z-]*", slug)
        assert entry["name"]["en"] and entry["name"]["id"]
        assert entry["keywords"]["en"] and entry["keywords"]["id"]


def test_title_templates_cover_every_type_with_both_languages():
    templates = [e for e in load_lexicon("titles") if e["kind"] == "template"]
    for type_ in ("visit", "meeting", "agreement"):
        assert any(t["type"] == type_ and t["subtype"] == "*" for t in templates)
    allowed = {"a", "b", "a_short", "b_short", "guest", "host", "destination", "states", "place"}
    for template in templates:
        for key in ("en", "id", "place_en", "place_id"):
            if key in template:
                assert set(re.findall(r"{(\w+)}", template[key])) <= allowed, template
        assert ("place_en" in template) == ("place_id" in template)
    assert titles.event_title("visit", "visit", (), None)  # a template renders even without people
