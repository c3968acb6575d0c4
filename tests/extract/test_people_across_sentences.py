"""Participants across sentences (issue 10, pattern 2): "they" / "mereka" are the two sides of the
sentence before; a call whose sentence names one side is with the counterpart the sentence before
named; "they" of anyone else adds no one. Invented sentences in both languages."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def events(text: str):
    return extract_events(parse_article(text))


def names(event) -> set[str]:
    return {p.name for p in event.participants}


@pytest.mark.parametrize("text", [
    ("Tuesday, 2 April 2024\n\nPremiers meet\n\nASTANA - Kazakh Prime Minister Olzhas Bektenov met Chinese "
     "Premier Li Qiang in Astana on Tuesday. They also signed an agreement on water resources.\n"),
    ("Selasa, 2 April 2024\n\nPara PM bertemu\n\nASTANA - Perdana Menteri Kazakhstan Olzhas Bektenov bertemu "
     "Perdana Menteri China Li Qiang di Astana pada Selasa. Mereka juga menandatangani perjanjian tentang "
     "sumber daya air.\n"),
])
def test_they_are_the_two_sides_of_the_sentence_before(text):
    signing = [e for e in events(text) if e.type == "agreement"]
    assert signing and {"Olzhas Bektenov", "Li Qiang"} <= names(signing[0])


def test_they_of_anyone_else_adds_no_one():
    text = ("Tuesday, 2 April 2024\n\nProtests\n\nALMATY - Thousands of farmers gathered in the square on "
            "Monday. They signed a petition to the government on water prices.\n")
    assert not [e for e in events(text) if e.type == "agreement"]


@pytest.mark.parametrize("text", [
    ("Monday, 8 January 2024\n\nSupport\n\nBEIJING - After the floods, China's top diplomat Wang Yi "
     "conveyed sympathy to Kazakh Foreign Minister Murat Nurtleu in a message on Monday. Wang said in a phone "
     "call that China stands ready to help.\n"),
    ("Senin, 8 Januari 2024\n\nDukungan\n\nBEIJING - Pada Senin, Menteri Luar Negeri China Wang Yi mengirim "
     "pesan dukungan kepada mitranya dari Kazakhstan, Murat Nurtleu, setelah banjir. Wang mengatakan dalam "
     "percakapan telepon bahwa China siap membantu.\n"),
])
def test_a_call_is_with_the_counterpart_the_sentence_before_named(text):
    calls = [e for e in events(text) if e.type == "meeting" and e.subtype == "phone_call"]
    assert calls and {"Wang Yi", "Murat Nurtleu"} <= names(calls[0])


@pytest.mark.parametrize("text", [
    ("Beijing, 5 March 2031\n\nTalks\n\nWang Yi met President Kassym-Jomart Tokayev of Kazakhstan at Astana on "
     "4 March 2031 and passed on President Xi Jinping's warm greetings to his host.\n"),
    ("Beijing, 5 March 2031\n\nTalks\n\nWang Yi met President Kassym-Jomart Tokayev of Kazakhstan at Astana on "
     "4 March 2031 and conveyed the warm greetings of President Xi Jinping.\n"),
    ("Jakarta, 5 Maret 2031\n\nPertemuan\n\nMenlu China Wang Yi bertemu Presiden Kazakhstan Kassym-Jomart "
     "Tokayev di Astana pada 4 Maret 2031 dan menyampaikan salam dari Presiden Xi Jinping.\n"),
])
def test_who_sent_greetings_is_not_in_the_room(text):
    meeting = [e for e in events(text) if e.type == "meeting"]
    assert meeting and names(meeting[0]) == {"Wang Yi", "Kassym-Jomart Tokayev"}
