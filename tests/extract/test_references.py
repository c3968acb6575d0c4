"""The references pass alone (``read_references``): who a sentence's pair references and pronouns
point to, on invented sentences in English and Indonesian."""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract.people import Context
from app.extract.references import principal_states, read_references, sentence_time
from tests.extract.reading import document, people_of


@pytest.mark.parametrize("text, language", [
    ("Kazakh Foreign Minister Murat Nurtleu received Foreign Minister Wang Yi of China in Astana on Monday. "
     "The two ministers discussed trade.", "en"),
    ("Menlu Kazakhstan Murat Nurtleu bertemu Menlu China Wang Yi di Beijing pada Senin (16/10). "
     "Kedua menteri membahas perdagangan.", "id"),
    ("Kazakh Foreign Minister Murat Nurtleu received Foreign Minister Wang Yi of China in Astana on Monday. "
     "After the talks the ministers signed a consular agreement.", "en"),
    ("Menlu Kazakhstan Murat Nurtleu bertemu Menlu China Wang Yi di Beijing pada Senin (16/10). "
     "Seusai pembicaraan, para menteri menandatangani perjanjian konsuler.", "id"),
    ("Kazakh Foreign Minister Murat Nurtleu received Foreign Minister Wang Yi of China in Astana on Monday. "
     "Both officials signed a consular agreement.", "en"),
])
def test_a_pair_reference_points_to_the_last_people_named_of_each_side(text, language):
    _, said = people_of(text, language, sentence=1)
    assert said.pair_resolved
    assert {(p.name, p.via) for p in said.persons} == {("Wang Yi", "pair"), ("Murat Nurtleu", "pair")}


def test_the_two_countries_of_a_story_about_another_pair_are_not_china_and_kazakhstan():
    text = ("Chinese Foreign Minister Wang Yi met Mongolian Foreign Minister Battsetseg Batmunkh in Ulaanbaatar "
            "on Monday. The two countries signed a trade accord.")
    _, said = people_of(text, sentence=1)
    assert not said.pair_resolved
    assert said.persons == [] and said.states == []


def test_a_pair_of_states_adds_both_states():
    text = "Wang Yi met Murat Nurtleu in Astana on Monday. The two sides signed a memorandum."
    _, said = people_of(text, sentence=1)
    assert said.pair_resolved and said.states == ["China", "Kazakhstan"] and said.named_states == []


def test_the_states_a_sentence_names_are_the_pair_it_means():
    assert principal_states(Context(day=None), [], ["China", "Mongolia"]) == {"China", "Mongolia"}


@pytest.mark.parametrize("text, language", [
    ("Wang Yi arrived in Astana on Monday. He met Murat Nurtleu.", "en"),
    ("Wang Yi tiba di Astana pada Senin (16/10). Ia bertemu Murat Nurtleu.", "id"),
])
def test_a_sentence_opening_pronoun_is_the_subject_of_the_sentence_before(text, language):
    _, said = people_of(text, language, sentence=1)
    pronoun = [p for p in said.persons if p.via == "pronoun"]
    assert [p.name for p in pronoun] == ["Wang Yi"]
    assert list(said.pronouns.values()) == ["wang_yi"]


def test_a_pronoun_in_an_opening_phrase_points_forward_past_the_comma():
    doc, said = people_of("On the second day of his trip, Wang Yi met Murat Nurtleu.")
    (pos, key), = said.pronouns.items()
    assert doc.tokens[pos].text == "his" and key == "wang_yi"


@pytest.mark.parametrize("text, language", [
    ('"I met Murat Nurtleu today," Wang Yi said.', "en"),
    ('"Saya bertemu Murat Nurtleu hari ini," kata Wang Yi.', "id"),
])
def test_a_first_person_pronoun_is_the_speaker_of_the_reporting_verb(text, language):
    _, said = people_of(text, language)
    assert [p.name for p in said.persons if p.via == "speaker"] == ["Wang Yi"]


def test_a_sentence_is_remembered_for_the_sentences_after_it():
    doc = document("Wang Yi arrived in Astana on Monday.")
    ctx = Context(day=dt.date(2023, 10, 20))
    said = read_references(doc, doc.sentences[0], ctx)
    assert ctx.history == []  # reading a sentence does not change the context
    ctx.remember(said)
    assert [p.name for p in ctx.history] == ["Wang Yi"] and ctx.subject().name == "Wang Yi"
    assert ctx.sentence_people == {0: {"wang_yi"}}


@pytest.mark.parametrize("text, language, past", [
    ("Wang Yi visited Astana in March 2019.", "en", True),
    ("Wang Yi mengunjungi Astana pada Maret 2019.", "id", True),
    ("Wang Yi visited Astana on Monday.", "en", False),
])
def test_a_sentence_whose_dates_all_lie_long_before_publication_tells_of_the_past(text, language, past):
    doc = document(text, language)
    assert sentence_time(doc, doc.sentences[0], Context(day=None))[0] is past
