"""The frames pass alone (``frame_of``): each slot a clause's frame gets from its own rule, on invented
sentences in English and Indonesian. Frames here are neither dated nor judged."""

from __future__ import annotations

import pytest

from app.extract.clauses import read_clauses
from app.extract.frames import Frame, kind_of, status_of, undocumented
from tests.extract.reading import frames_of, people_of


def one(text: str, language: str = "en", type_: str | None = None) -> Frame:
    found = [f for f in frames_of(text, language) if type_ is None or f.type == type_]
    assert len(found) == 1, [(f.type, f.rule) for f in found]
    return found[0]


@pytest.mark.parametrize("text, language, expected", [
    ("Tokayev made a state visit to Beijing.", "en", ("visit", "state_visit")),
    ("Tokayev tiba di Beijing untuk kunjungan kenegaraan.", "id", ("visit", "state_visit")),
    ("Wang Yi spoke with Murat Nurtleu by telephone.", "en", ("meeting", "phone_call")),
    ("Wang Yi and Murat Nurtleu signed a memorandum of understanding.", "en", ("agreement", "memorandum")),
    ("Wang Yi dan Murat Nurtleu menandatangani nota kesepahaman.", "id", ("agreement", "memorandum")),
])
def test_the_kind_is_the_most_specific_its_triggers_and_qualifiers_give(text, language, expected):
    doc, said = people_of(text, language)
    clause, = read_clauses(doc, said)
    kind = kind_of(clause, clause.triggers)
    assert (kind.type, kind.subtype) == expected


def test_an_issue_verb_without_a_document_states_no_signing():
    frame = one("Xi Jinping and Tokayev issued a joint call for peace.")
    reason = "no document named for an issue/adopt/enter-into-force verb"
    assert undocumented(frame.triggers, frame.documents) == reason
    assert (frame.verdict, frame.reason) == ("dropped", reason)


@pytest.mark.parametrize("text, language", [
    ("Xi Jinping did not meet Kassym-Jomart Tokayev during the forum.", "en"),
    ("Presiden Tokayev tidak bertemu dengan Xi Jinping selama forum itu.", "id"),
])
def test_a_negated_trigger_makes_a_negated_frame(text, language):
    assert one(text, language).negated


@pytest.mark.parametrize("text, language, planned", [
    ("Li Qiang will visit Kazakhstan next week.", "en", True),
    ("Li Qiang akan berkunjung ke Kazakhstan pekan depan.", "id", True),
    ("Li Qiang visited Kazakhstan last week.", "en", False),
    ("Li Qiang berkunjung ke Kazakhstan pekan lalu.", "id", False),
])
def test_the_status_is_planned_when_a_planned_cue_governs_the_first_trigger(text, language, planned):
    doc, said = people_of(text, language)
    clause, = read_clauses(doc, said)
    assert status_of(doc, said.sentence, clause.triggers, "visit").planned is planned


@pytest.mark.parametrize("text, language", [
    ("This is Xi Jinping's first trip to Astana since his visit in 2019.", "en"),
    ("Ini kunjungan pertama Xi Jinping ke Astana sejak kunjungannya pada 2019.", "id"),
])
def test_an_event_right_after_since_is_background(text, language):
    first, earlier = frames_of(text, language)
    assert not first.background and earlier.background and not earlier.planned


@pytest.mark.parametrize("text, language, expected", [
    ("Pertemuan tersebut berlangsung hangat.", "id", "demonstrative"),
    ("The talks were held in a warm atmosphere.", "en", "determiner"),
    ("After the talks, Wang Yi and Murat Nurtleu signed a memorandum.", "en", "sequel"),
    ("Usai pertemuan, Wang Yi dan Murat Nurtleu menandatangani nota kesepahaman.", "id", "sequel"),
    ("Wang Yi met Murat Nurtleu in Astana.", "en", None),
])
def test_the_reference_slot_says_how_a_trigger_points_back(text, language, expected):
    assert one(text, language, "meeting").anaphoric == expected


@pytest.mark.parametrize("text, language", [
    ("Wang Yi discussed preparations for the upcoming visit with Murat Nurtleu in Astana on Monday.", "en"),
    ("Wang Yi membahas persiapan kunjungan dengan Murat Nurtleu di Astana pada Senin (16/10).", "id"),
])
def test_a_visit_being_prepared_is_not_a_visit_of_the_sentences_people(text, language):
    visit = one(text, language, "visit")
    assert (visit.verdict, visit.reason) == ("dropped", "a visit being prepared, not one by the sentence's people")


def test_a_visit_being_prepared_that_names_its_visitor_stays():
    assert one("Wang Yi discussed preparations for his visit with Murat Nurtleu.", "en", "visit").verdict == "pending"


@pytest.mark.parametrize("text, language", [
    ("The two ministers discussed the ratification of the agreements.", "en"),
    ("Kedua menteri membahas ratifikasi perjanjian.", "id"),
])
def test_a_signing_noun_under_discussion_is_a_topic_of_talks(text, language):
    agreement = one(text, language, "agreement")
    assert (agreement.verdict, agreement.reason) == ("dropped", "a topic of talks, not a signing")


def test_frames_follow_the_sentences_and_carry_the_sentence_people():
    frames = frames_of("Wang Yi arrived in Astana on Monday. He met Murat Nurtleu.")
    assert [(f.sentence.index, f.type) for f in frames] == [(0, "visit"), (1, "meeting")]
    visit, meeting = frames
    assert (visit.destination, visit.guest_country, visit.place.name) == ("Kazakhstan", "China", "Astana")
    assert {p.name for p in meeting.persons} == {"Wang Yi", "Murat Nurtleu"}
    assert meeting.sentence_people.known == ["wang_yi", "murat_nurtleu", "wang_yi"]
