"""The clauses pass alone (``read_clauses``): which trigger groups a sentence tells as events and
which people each concerns, on invented sentences in English and Indonesian."""

from __future__ import annotations

import pytest

from app.extract.clauses import read_clauses, relative_clauses, set_aside, since_clauses
from tests.extract.reading import people_of


def clauses(text: str, language: str = "en") -> list[tuple[str, list[str], set[str]]]:
    doc, said = people_of(text, language)
    return [(c.family, [t.text for t in c.triggers], {p.name for p in c.people}) for c in read_clauses(doc, said)]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi met Murat Nurtleu on the sidelines of the SCO summit in Bishkek on Friday.", "en"),
    ("Wang Yi bertemu dengan Menlu Kazakhstan Murat Nurtleu di sela KTT SCO di Bishkek pada Jumat (13/10).", "id"),
])
def test_a_summit_that_is_only_the_setting_of_a_meeting_is_no_clause(text, language):
    assert [family for family, _, _ in clauses(text, language)] == ["meeting"]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi and Murat Nurtleu attended a meeting of the Council of Foreign Ministers in Dushanbe on Friday.",
     "en"),
    ("Wang Yi dan Murat Nurtleu menghadiri pertemuan Dewan Menteri Luar Negeri di Dushanbe pada Jumat (20/10).",
     "id"),
])
def test_a_meeting_word_before_a_summit_name_is_part_of_the_summit(text, language):
    (family, triggers, _), = clauses(text, language)
    assert family == "summit" and len(triggers) == 2


@pytest.mark.parametrize("text, language", [
    ("Xi Jinping received a congratulatory message from Kassym-Jomart Tokayev.", "en"),
    ("Xi Jinping menerima pesan ucapan selamat dari Kassym-Jomart Tokayev.", "id"),
])
def test_a_weak_meeting_word_beside_a_message_is_no_meeting(text, language):
    assert [family for family, _, _ in clauses(text, language)] == ["message"]


@pytest.mark.parametrize("text, language", [
    ("Tokayev made a state visit to China in June 2017, and Li Keqiang visited Kazakhstan in December 2017.",
     "en"),
    ("Tokayev melakukan kunjungan kenegaraan ke Tiongkok pada Juni 2017, dan Li Keqiang mengunjungi Kazakhstan "
     "pada Desember 2017.", "id"),
])
def test_two_visits_each_beside_a_date_of_its_own_are_two_clauses_with_their_own_visitors(text, language):
    found = clauses(text, language)
    assert [(family, people) for family, _, people in found] == [
        ("visit", {"Kassym-Jomart Tokayev"}), ("visit", {"Li Keqiang"})]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi met Murat Nurtleu after Xi Jinping received Kassym-Jomart Tokayev.", "en"),
    ("Wang Yi bertemu Murat Nurtleu setelah Xi Jinping menerima Kassym-Jomart Tokayev.", "id"),
])
def test_a_subordinate_clause_naming_its_own_people_is_a_clause_of_its_own(text, language):
    assert [people for _, _, people in clauses(text, language)] == [
        {"Wang Yi", "Murat Nurtleu"}, {"Xi Jinping", "Kassym-Jomart Tokayev"}]


@pytest.mark.parametrize("text, language", [
    ("This is Xi Jinping's first trip to Astana since his visit in 2019.", "en"),
    ("Ini kunjungan pertama Xi Jinping ke Astana sejak kunjungannya pada 2019.", "id"),
])
def test_a_visit_after_since_is_an_earlier_visit_of_the_same_people(text, language):
    found = clauses(text, language)
    assert len(found) == 2 and all(family == "visit" and people == {"Xi Jinping"} for family, _, people in found)


@pytest.mark.parametrize("text, language, arrival, meeting", [
    ("Wang Yi, who arrived on Friday, met Murat Nurtleu on Saturday.", "en", "arrived", "met"),
    ("Wang Yi, yang tiba pada Jumat, bertemu Murat Nurtleu pada Sabtu.", "id", "tiba pada", "bertemu"),
])
def test_a_clause_told_inside_a_relative_clause_keeps_the_person_it_describes(text, language, arrival, meeting):
    assert clauses(text, language) == [("visit", [arrival], {"Wang Yi"}),
                                       ("meeting", [meeting], {"Wang Yi", "Murat Nurtleu"})]


@pytest.mark.parametrize("text, language, meeting", [
    ("Besides Xi Jinping, Tokayev also met Li Qiang.", "en", "met"),
    ("Selain Xi Jinping, Tokayev juga bertemu Li Qiang.", "id", "bertemu"),
])
def test_a_person_set_aside_by_another_of_the_same_side_takes_no_part(text, language, meeting):
    doc, said = people_of(text, language)
    assert set_aside(doc, doc.sentences[0], said.persons) == {"xi_jinping"}
    assert clauses(text, language) == [("meeting", [meeting], {"Kassym-Jomart Tokayev", "Li Qiang"})]


@pytest.mark.parametrize("text, language, relative, since", [
    ("Wang Yi, who arrived on Friday, met Murat Nurtleu.", "en", "who arrived on Friday", None),
    ("Tokayev, in office since 2019, met Wang Yi.", "en", None, "since 2019"),
    ("Tokayev, yang menjabat sejak 2019, bertemu Wang Yi.", "id", "yang menjabat sejak 2019", "sejak 2019"),
])
def test_relative_and_since_clauses_run_to_the_next_comma(text, language, relative, since):
    doc, _ = people_of(text, language)
    sentence = doc.sentences[0]
    spans = {doc.text_of(lo, hi).strip(", ") for lo, hi in relative_clauses(doc, sentence)}
    assert spans == ({relative} if relative else set())
    assert [doc.text_of(lo, hi) for lo, hi in since_clauses(doc, sentence)] == ([since] if since else [])
