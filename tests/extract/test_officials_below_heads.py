"""Officials below the heads of state and government (offices.yaml, actors.yaml): ministers by
portfolio, their deputies, heads of agencies, regional leaders, and the listed holders of such offices
on a date. Invented sentences and invented people, except where a listed actor is named on purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract import entities
from tests.extract.helpers import events_of, names, of_type
from tests.extract.reading import people_of


def meeting(text: str):
    found = of_type(events_of(text), "meeting")
    assert len(found) == 1, found
    return found[0]


def offices_of(event) -> dict[str, str]:
    return {p.name: p.office for p in event.participants}


@pytest.mark.parametrize("text, kazakh, chinese", [
    ("Kazinform\n12 March 2029\n\nEnergy talks\n\nKazakhstan's Minister of Energy Daulet Sarsenbekov met with "
     "Zhou Mingyuan, head of China's National Energy Administration, in Beijing on Monday.\n",
     ("Daulet Sarsenbekov", "Minister of Energy of Kazakhstan"),
     ("Zhou Mingyuan", "Administrator of the National Energy Administration of China")),
    ("ANTARA\n12 Maret 2029\n\nPembicaraan pertanian\n\nMenteri Pertanian Kazakhstan Daulet Sarsenbekov bertemu "
     "dengan Menteri Pertanian dan Urusan Pedesaan Tiongkok Zhou Mingyuan di Beijing pada Senin (11/3).\n",
     ("Daulet Sarsenbekov", "Minister of Agriculture of Kazakhstan"),
     ("Zhou Mingyuan", "Minister of Agriculture of China")),
])
def test_a_meeting_of_two_unlisted_ministers_is_read_with_their_offices(text, kazakh, chinese):
    found = meeting(text)
    assert offices_of(found) == dict([kazakh, chinese])
    assert all(not p.from_lexicon for p in found.participants)


@pytest.mark.parametrize("text, language", [
    ("Kazakh Vice Minister of Energy Daulet Sarsenbekov met Chinese Deputy Transport Minister Zhou Mingyuan.", "en"),
    ("Wakil Menteri Energi Kazakhstan Daulet Sarsenbekov bertemu Wakil Menteri Perhubungan Tiongkok Zhou Mingyuan.",
     "id"),
])
def test_a_deputy_minister_is_not_the_minister_whose_title_ends_his(text, language):
    _, said = people_of(text, language)
    assert {(p.name, p.country, p.offices) for p in said.persons} == {
        ("Daulet Sarsenbekov", "Kazakhstan", ("deputy_minister",)),
        ("Zhou Mingyuan", "China", ("deputy_minister",)),
    }


@pytest.mark.parametrize("text, language, office", [
    ("Almaty akim Daulet Sarsenbekov received Xinjiang Party Secretary Zhou Mingyuan.", "en", "xinjiang_party_secretary"),
    ("Akim Kazakhstan Daulet Sarsenbekov menerima Ketua Daerah Otonomi Uighur Xinjiang Zhou Mingyuan.", "id",
     "xinjiang_chair"),
])
def test_regional_leaders_are_read_with_their_state(text, language, office):
    _, said = people_of(text, language)
    assert {(p.name, p.country, p.offices) for p in said.persons} == {
        ("Daulet Sarsenbekov", "Kazakhstan", ("akim",)),
        ("Zhou Mingyuan", "China", (office,)),
    }


@pytest.mark.parametrize("text, language", [
    ("The Ministry of Energy of Kazakhstan signed a memorandum with China's National Energy Administration.", "en"),
    ("Kementerian Energi Kazakhstan menandatangani memorandum dengan Administrasi Energi Nasional Tiongkok.", "id"),
    ("The National Development and Reform Commission and the Kazakh Ministry of National Economy met in Astana.",
     "en"),
    ("Kementerian Pertanian Tiongkok dan Kementerian Ekonomi Nasional Kazakhstan bertemu di Astana.", "id"),
])
def test_a_ministry_or_an_agency_is_not_a_person(text, language):
    _, said = people_of(text, language)
    assert said.persons == [] and said.refs == []


@pytest.mark.parametrize("year, in_term", [(2016, True), (2011, False)])
def test_a_newly_listed_official_has_the_office_of_the_day(year, in_term):
    text = (f"Xinhua\n12 March {year}\n\nEnergy talks\n\nNur Bekri met with Kazakh Prime Minister Daulet Sarsenbekov "
            f"in Astana on 11 March.\n")
    person = next(p for p in meeting(text).participants if p.name == "Nur Bekri")
    assert person.from_lexicon and person.country == "China"
    held = "Administrator of the National Energy Administration of China"
    assert (person.office == held) is in_term
    if not in_term:
        assert person.office == "Chairman of the Xinjiang Uygur Autonomous Region of China"


@pytest.mark.parametrize("text, year, actor", [
    ("ANTARA\n12 Maret {year}\n\nPertemuan\n\nMenteri Energi Kazakhstan bertemu dengan Wakil Perdana Menteri "
     "Tiongkok Zhou Mingyuan di Beijing pada Senin (11/3).\n", 2017, "Kanat Bozumbayev"),
    ("Kazinform\n12 March {year}\n\nTalks\n\nChina's Minister of Public Security met with Kazakhstan's Minister of "
     "Internal Affairs Daulet Sarsenbekov in Astana on Monday.\n", 2019, "Zhao Kezhi"),
])
def test_an_unnamed_minister_is_the_listed_holder_on_the_day_and_no_one_outside_the_terms(text, year, actor):
    assert actor in names(meeting(text.format(year=year)))
    outside = text.format(year=1988)
    assert actor not in {name for event in events_of(outside) for name in names(event)}


def test_holders_of_the_new_offices_on_dates():
    holder = entities.holder
    assert holder("energy_minister", "Kazakhstan", dt.date(2017, 6, 1)).name == "Kanat Bozumbayev"
    assert holder("energy_minister", "Kazakhstan", dt.date(2020, 6, 1)).name == "Nurlan Nogayev"
    assert holder("oil_gas_minister", "Kazakhstan", dt.date(2011, 6, 1)).name == "Sauat Mynbayev"
    assert holder("ndrc_chair", "China", dt.date(2015, 6, 1)).name == "Xu Shaoshi"
    assert holder("xinjiang_party_secretary", "China", dt.date(2018, 6, 1)).name == "Chen Quanguo"
    assert holder("public_security_minister", "China", dt.date(2010, 6, 1)).name == "Meng Jianzhu"
    assert holder("defense_minister", "Kazakhstan", dt.date(2019, 6, 1)).name == "Nurlan Yermekbayev"
    assert holder("supreme_council_chair", "Kazakhstan", dt.date(1992, 6, 1)).name == "Serikbolsyn Abdildin"
    assert holder("cmc_vice_chair", "China", dt.date(2020, 1, 1)) is None  # several at once


def test_deputy_forms_are_made_from_the_portfolios():
    forms = set(entities.offices()["deputy_minister"].forms)
    assert {"Vice Minister of Commerce", "Deputy Energy Minister", "Wakil Menteri Pertanian"} <= forms
    assert "Vice Minister of Foreign Affairs" not in forms  # its own office, deputy_foreign_minister
