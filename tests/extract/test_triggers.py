"""Triggers and cues on golden sentences (invented, Indonesian and English): what type and subtype a
sentence states, and whether it is planned, background, negated or an invitation."""

from __future__ import annotations

import pytest

from app.extract.pipeline import analyse
from app.extract.triggers import most_specific, trigger_specs
from app.extract.types import ParsedArticle, PartialDate

PUBLISHED = PartialDate(2023, 10, 20)


def candidates(text: str, language: str = "id", published: PartialDate | None = PUBLISHED):
    article = ParsedArticle(text=text, title=None, outlet=None, published=published, language=language)
    return analyse(article).candidates


def kinds(text: str, language: str = "id") -> set[tuple[str, str]]:
    return {(c.type, c.subtype) for c in candidates(text, language)}


@pytest.mark.parametrize("text, language, expected", [
    ("Presiden Tokayev melakukan kunjungan kenegaraan ke Tiongkok pada Selasa (17/10).", "id",
     ("visit", "state_visit")),
    ("Perdana Menteri Li Qiang tiba di Almaty untuk kunjungan resmi pada Rabu (18/10).", "id",
     ("visit", "official_visit")),
    ("Kazakh Prime Minister Alikhan Smailov paid a working visit to China on Oct. 16.", "en",
     ("visit", "working_visit")),
    ("Wang Yi mengadakan pembicaraan dengan Murat Nurtleu di Beijing pada Senin (16/10).", "id",
     ("meeting", "talks")),
    ("Wang Yi held a phone conversation with Murat Nurtleu on Monday.", "en", ("meeting", "phone_call")),
    ("Li Qiang held talks with Alikhan Smailov via video link on Tuesday.", "en", ("meeting", "video_call")),
    ("Xi Jinping berbicara melalui telepon dengan Kassym-Jomart Tokayev pada Kamis (19/10).", "id",
     ("meeting", "phone_call")),
    ("On the sidelines of the forum in Beijing, Xi Jinping met Kassym-Jomart Tokayev on Oct. 17.", "en",
     ("meeting", "meeting_on_sidelines")),
    ("Xi Jinping dan Kassym-Jomart Tokayev menandatangani Pernyataan Bersama pada Selasa (17/10).", "id",
     ("agreement", "joint_statement")),
    ("China and Kazakhstan signed a memorandum of understanding on grain trade on Oct. 17.", "en",
     ("agreement", "memorandum")),
])
def test_golden_sentence_states_its_event(text, language, expected):
    assert expected in kinds(text, language)


@pytest.mark.parametrize("text, language", [
    ("Presiden Tokayev akan melakukan kunjungan kenegaraan ke Tiongkok pada akhir bulan ini.", "id"),
    ("Wang Yi dijadwalkan bertemu Murat Nurtleu di Astana pekan depan.", "id"),
    ("Xi Jinping is expected to visit Kazakhstan next month.", "en"),
    ("The forthcoming state visit of President Tokayev to China was on the agenda.", "en"),
])
def test_planned_cues_mark_the_statement_planned(text, language):
    found = candidates(text, language)
    assert found and all(c.planned for c in found)


@pytest.mark.parametrize("text, language", [
    ("Xi Jinping tiba di Astana pada Senin (16/10).", "id"),
    ("Wang Yi met Murat Nurtleu in Beijing on Monday.", "en"),
])
def test_reported_statements_are_not_planned(text, language):
    found = candidates(text, language)
    assert found and not any(c.planned for c in found)


def test_negation_drops_the_statement():
    found = candidates("Presiden Tokayev tidak bertemu dengan Xi Jinping selama forum itu.")
    assert found and all(c.verdict == "dropped" and c.reason == "negated" for c in found)


def test_an_invitation_is_not_a_visit():
    found = candidates("Xi Jinping invited Kassym-Jomart Tokayev to visit China at any convenient time.", "en")
    assert [c.reason for c in found if c.type == "visit"] == ["an invitation, not an event"]


def test_background_without_a_date_is_dropped_but_a_dated_one_is_kept():
    undated = candidates("Nazarbayev pernah berkunjung ke Tiongkok dua kali.")
    assert [c.reason for c in undated] == ["background without a date"]
    dated = candidates("The last time Li Qiang visited Kazakhstan was in March 2023.", "en")
    assert [(c.verdict, c.date.start.iso()) for c in dated] == [("complete", "2023-03")]


def test_issue_verb_needs_a_document():
    assert not [c for c in candidates("Xi Jinping dan Tokayev mengeluarkan seruan bersama.") if c.verdict == "complete"]
    assert ("agreement", "joint_statement") in kinds("Xi Jinping dan Tokayev mengeluarkan Deklarasi Bersama.")


def test_a_third_country_destination_is_not_a_china_kazakhstan_visit():
    found = candidates("Dari Kazakhstan, Xi Jinping melanjutkan kunjungan kenegaraan ke Uzbekistan.")
    assert [c.reason for c in found if c.type == "visit"] == ["visit to a third country (Uzbekistan)"]


def test_words_around_a_welcome_are_not_meetings():
    # welcoming someone's presence at a future event is neither a meeting nor a visit
    found = candidates("Li Qiang mengatakan Beijing akan menyambut kehadiran Smailov pada pameran dagang itu.")
    assert not [c for c in found if c.verdict == "complete"]


def test_most_specific_subtype_wins():
    assert most_specific(["meeting", "talks", "phone_call"]) == "phone_call"
    assert most_specific(["visit", "state_visit"]) == "state_visit"


def test_every_trigger_phrase_is_found_in_a_sentence():
    """Each trigger phrase (both languages) is recognised when it stands in a sentence."""
    from app.extract.document import PRIORITY, mention_index
    from app.extract.lexicon import load_lexicon
    from app.extract.tokens import longest_first, make_doc, tokenize

    for spec, entry in zip(trigger_specs(), load_lexicon("triggers")):
        for language, phrases in entry["phrases"].items():
            for phrase in phrases:
                tokens = tokenize(f"Kemudian {phrase} terjadi.")
                found = longest_first(mention_index(language).find(make_doc(tokens, language)), PRIORITY)
                labels = {m.label for m in found}
                assert any(label.startswith("trigger|") for label in labels), (phrase, labels)
