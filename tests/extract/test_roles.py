"""The place slot alone (``roles``): where a visit goes, who the visitor is, and where any other
event took place, on invented sentences in English and Indonesian."""

from __future__ import annotations

import pytest

from app.extract.clauses import read_clauses
from app.extract.document import read_document
from app.extract.frames import reference_of
from app.extract.references import read_references
from app.extract.roles import Roles, event_place, visit_roles
from app.extract.types import ParsedArticle, Span
from tests.extract.reading import PUBLISHED, context, people_of


def roles(text: str, language: str = "en") -> Roles:
    doc, said = people_of(text, language)
    clause = next(c for c in read_clauses(doc, said) if c.family == "visit")
    anaphoric = reference_of(doc, said.sentence, clause.triggers)
    return visit_roles(doc, said, clause.triggers, clause.people, anaphoric, context(doc))


def place(text: str, language: str = "en") -> str | None:
    doc, said = people_of(text, language)
    clause = next(c for c in read_clauses(doc, said) if c.family != "visit")
    found = event_place(doc, said, min(t.match.start for t in clause.triggers))
    return found.name if found else None


@pytest.mark.parametrize("text, language, destination, place_name", [
    ("Li Qiang visited Kazakhstan on Monday.", "en", "Kazakhstan", None),
    ("Li Qiang berkunjung ke Astana pada Senin (16/10).", "id", "Kazakhstan", "Astana"),
    ("Tokayev arrived in the Chinese capital, Beijing, on Monday.", "en", "China", "Beijing"),
])
def test_the_destination_is_the_state_or_place_after_the_visit_word(text, language, destination, place_name):
    found = roles(text, language)
    assert (found.destination, found.place.name if found.place else None) == (destination, place_name)
    assert found.guest_country == ("China" if destination == "Kazakhstan" else "Kazakhstan")


@pytest.mark.parametrize("text, language", [
    ("Wang Yi is in Kazakhstan on a working visit.", "en"),
    ("Wang Yi berada di Kazakhstan untuk kunjungan kerja.", "id"),
])
def test_the_destination_may_stand_between_the_visitor_and_the_visit_noun(text, language):
    assert roles(text, language).destination == "Kazakhstan"


@pytest.mark.parametrize("text, language", [
    ("Xi Jinping will continue his state visit to Uzbekistan.", "en"),
    ("Xi Jinping akan meneruskan lawatan ke Uzbekistan.", "id"),
])
def test_a_visit_to_a_third_country_is_dropped(text, language):
    found = roles(text, language)
    assert found.dropped == "visit to a third country (Uzbekistan)" and found.destination is None


@pytest.mark.parametrize("text, language", [
    ("Tokayev returned to Kazakhstan on Friday.", "en"),
    ("Tokayev kembali ke Kazakhstan pada Jumat (20/10).", "id"),
])
def test_going_home_is_no_visit(text, language):
    assert roles(text, language).dropped == "going home, not a visit"


@pytest.mark.parametrize("text, language", [
    ("Tokayev welcomed Li Qiang's visit.", "en"),
    ("Tokayev menyambut kunjungan Li Qiang.", "id"),
])
def test_a_visit_without_destination_goes_to_the_host_state(text, language):
    found = roles(text, language)
    assert found.destination == "Kazakhstan" and found.signals == ("destination_from_host",)


@pytest.mark.parametrize("text, language", [
    ("Wang Yi accompanied the state visit of Xi Jinping to Kazakhstan.", "en"),
    ("Wang Yi ikut dalam kunjungan kenegaraan Presiden Xi Jinping ke Astana.", "id"),
])
def test_the_visitor_named_with_the_visit_noun_is_the_only_guest(text, language):
    assert [p.name for p in roles(text, language).persons] == ["Xi Jinping"]


def test_an_arrival_without_destination_is_where_the_story_is_filed_from():
    text = "ASTANA\n\nLi Qiang, who arrived on Friday for a three-day stay, met Tokayev."
    doc = read_document(ParsedArticle(text=text, title=None, outlet=None, published=PUBLISHED, language="en",
                                      dateline=Span(0, 6)))
    ctx = context(doc)
    said = read_references(doc, doc.sentences[-1], ctx)
    clause = next(c for c in read_clauses(doc, said) if c.family == "visit")
    found = visit_roles(doc, said, clause.triggers, clause.people, None, ctx)
    assert (found.destination, found.place.name, found.signals) == ("Kazakhstan", "Astana",
                                                                     ("destination_from_dateline",))


@pytest.mark.parametrize("text, language, expected", [
    ("Wang Yi met Murat Nurtleu in Astana on Monday.", "en", "Astana"),
    ("Wang Yi bertemu Murat Nurtleu di Astana pada Senin (16/10).", "id", "Astana"),
    # a capital standing for its state places nothing
    ("Beijing supports the plan, Wang Yi told Murat Nurtleu at the meeting.", "en", None),
    # the place of an onward leg is not the meeting's
    ("Wang Yi bertemu Murat Nurtleu sebelum melanjutkan perjalanan ke Tashkent.", "id", None),
    ("Wang Yi met Murat Nurtleu before flying on to Tashkent.", "en", None),
])
def test_the_place_of_an_event_is_one_a_preposition_introduces_in_its_clause(text, language, expected):
    assert place(text, language) == expected
