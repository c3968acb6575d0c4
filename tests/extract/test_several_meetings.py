"""One clause, several meetings: a visitor who meets people of the other side one after another, and a
later "meeting between" two other people that must not be merged into the first. Invented texts (real
office holders, made-up sentences and dates)."""

from __future__ import annotations

import pytest

from tests.extract.helpers import events_of, names, of_type

RESPECTIVELY = {
    "en": ("Vice Premier talks in Astana\n\n"
           "ASTANA, March 15, 2021 - Chinese Vice Premier Hu Chunhua met respectively in Astana with President "
           "Kassym-Jomart Tokayev and Prime Minister Askar Mamin of Kazakhstan, and held talks on trade with "
           "First Deputy Prime Minister Alikhan Smailov.\n"),
    "id": ("Wakil PM China di Astana\n\n"
           "ASTANA, 15 Maret 2021 - Wakil Perdana Menteri China Hu Chunhua di Astana bertemu secara terpisah "
           "dengan Presiden Kazakhstan Kassym-Jomart Tokayev dan Perdana Menteri Askar Mamin, serta mengadakan "
           "pembicaraan soal perdagangan dengan Wakil Perdana Menteri Pertama Alikhan Smailov.\n"),
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_person_met_after_a_further_meeting_word_has_a_meeting_of_their_own(language):
    meetings = of_type(events_of(RESPECTIVELY[language]), "meeting")
    pairs = sorted(tuple(sorted(names(m))) for m in meetings)
    assert pairs == [
        ("Alikhan Smailov", "Hu Chunhua"),
        ("Askar Mamin", "Hu Chunhua"),
        ("Hu Chunhua", "Kassym-Jomart Tokayev"),
    ]
    assert {m.date.start.iso() for m in meetings} == {"2021-03-15"}


def test_people_joined_without_a_meeting_word_between_them_stay_in_one_meeting():
    text = ("Talks in Beijing\n\nBEIJING, May 4, 2021 - Chinese Premier Li Keqiang met Kazakh Prime Minister "
            "Askar Mamin, who came with a delegation of business leaders, in Beijing on Tuesday.\n")
    meetings = of_type(events_of(text), "meeting")
    assert [names(m) for m in meetings] == [{"Li Keqiang", "Askar Mamin"}]


PLANNED_BETWEEN = {
    "en": ("Foreign minister in Astana\n\n"
           "ASTANA, April 6, 2017 - Chinese Foreign Minister Wang Yi met President Nursultan Nazarbayev in "
           "Astana on Thursday. Wang said his trip was to prepare the meeting between President Xi Jinping and "
           "President Nursultan Nazarbayev later in 2017.\n"),
    "id": ("Menlu China di Astana\n\n"
           "ASTANA, 6 April 2017 - Menteri Luar Negeri China Wang Yi bertemu Presiden Nursultan Nazarbayev di "
           "Astana pada Kamis. Wang mengatakan kunjungannya untuk mempersiapkan pertemuan antara Presiden Xi "
           "Jinping dan Presiden Nursultan Nazarbayev pada 2017.\n"),
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_meeting_between_two_other_people_is_not_the_meeting_just_told(language):
    meetings = of_type(events_of(PLANNED_BETWEEN[language]), "meeting")
    told = [m for m in meetings if m.date.start.iso() == "2017-04-06"]
    assert [names(m) for m in told] == [{"Wang Yi", "Nursultan Nazarbayev"}]


@pytest.mark.parametrize("text", [
    ("Ties\n\nWednesday, 2 July 1997\n\nFive years after the two states opened relations in January 1992, "
     "China and Kazakhstan signed a treaty on friendship.\n"),
    ("Hubungan\n\nRabu, 2 Juli 1997\n\nLima tahun setelah kedua negara membuka hubungan pada Januari 1992, China "
     "dan Kazakhstan menandatangani perjanjian persahabatan.\n"),
])
def test_a_date_inside_years_after_belongs_to_that_clause(text):
    agreements = of_type(events_of(text), "agreement")
    assert [a.date.start.iso()[:4] for a in agreements] == ["1997"]
