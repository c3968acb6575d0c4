"""Regional cities, regions, border crossings and venues of the gazetteer (places.yaml), on invented
pages in both languages: a visit to a Kazakh regional centre or a Chinese provincial capital is
placed there; a region as a destination gives its country; a venue gives its city; a region shares
its bare name with its centre only as the city; a compass direction or a company named after a
province is no place."""

from __future__ import annotations

import datetime as dt

from app.extract.places import gazetteer
from app.profiles import name_on
from tests.extract.helpers import events_of, of_type


def _visit(text):
    visits = of_type(events_of(text), "visit")
    assert visits, text
    return visits[0]


def test_a_visit_to_a_kazakh_regional_centre_is_a_visit_to_kazakhstan_placed_there():
    for text, city in (
        ("Monday, 10 March 2025\n\nVice premier tours region\n\n"
         "Chinese Vice Premier Ding Xuexiang visited Taldykorgan on Monday to inspect a joint agricultural "
         "park.\n", "Taldykorgan"),
        ("Tuesday, 11 March 2025\n\nMinister in the west\n\n"
         "Chinese Commerce Minister Wang Wentao arrived in Uralsk on Tuesday for a working trip.\n", "Oral"),
        ("Senin, 10 Maret 2025\n\nWapremier berkunjung\n\n"
         "Wakil Perdana Menteri China Ding Xuexiang berkunjung ke Kyzylorda pada Senin untuk meninjau "
         "proyek kilang bersama.\n", "Kyzylorda"),
    ):
        visit = _visit(text)
        assert (visit.place.name, visit.place.country) == (city, "Kazakhstan"), text


def test_a_visit_to_a_chinese_provincial_capital_is_placed_there():
    for text, city in (
        ("Selasa, 15 April 2025\n\nPM Kazakhstan di Gansu\n\n"
         "Perdana Menteri Kazakhstan Olzhas Bektenov tiba di Lanzhou pada Selasa untuk kunjungan kerja "
         "selama dua hari.\n", "Lanzhou"),
        ("Wednesday, 16 April 2025\n\nMinister in Yunnan\n\n"
         "Kazakh Foreign Minister Murat Nurtleu arrived in Kunming on Wednesday for a two-day visit.\n",
         "Kunming"),
        ("Thursday, 17 April 2025\n\nMinister near the border\n\n"
         "Kazakh Foreign Minister Murat Nurtleu visited Ghulja on Thursday, meeting local traders.\n",
         "Yining"),
    ):
        visit = _visit(text)
        assert (visit.place.name, visit.place.country) == (city, "China"), text


def test_a_region_as_destination_gives_its_country():
    for text, region, country in (
        ("Friday, 18 April 2025\n\nMinister in the northwest\n\n"
         "Kazakh Foreign Minister Murat Nurtleu arrived in Gansu Province on Friday for a working visit.\n",
         "Gansu", "China"),
        ("Jumat, 18 April 2025\n\nMenlu di Xinjiang\n\n"
         "Menteri Luar Negeri Kazakhstan Murat Nurtleu tiba di Daerah Otonomi Xinjiang pada Jumat untuk "
         "kunjungan kerja.\n", "Xinjiang", "China"),
        ("Monday, 21 April 2025\n\nVice premier on the Caspian\n\n"
         "Chinese Vice Premier Ding Xuexiang visited Mangystau Region on Monday to tour a port.\n",
         "Mangystau Region", "Kazakhstan"),
        ("Senin, 21 April 2025\n\nDubes ke Atyrau\n\n"
         "Wakil Perdana Menteri China Ding Xuexiang berkunjung ke Provinsi Atyrau pada Senin untuk "
         "meninjau kilang minyak.\n", "Atyrau Region", "Kazakhstan"),
    ):
        visit = _visit(text)
        assert (visit.place.name, visit.place.country) == (region, country), text


def test_a_venue_gives_its_city():
    for text, city in (
        ("Tuesday, 22 April 2025\n\nMinisters meet\n\n"
         "Chinese Foreign Minister Wang Yi met Kazakh Foreign Minister Murat Nurtleu at the Diaoyutai "
         "State Guest House on Tuesday.\n", "Beijing"),
        ("Rabu, 23 April 2025\n\nMenlu disambut\n\n"
         "Pada Rabu di Bandara Internasional Almaty, Wang Yi selaku Menlu China bertemu Murat Nurtleu, "
         "Menlu Kazakhstan.\n", "Almaty"),
        ("Thursday, 24 April 2025\n\nLeaders meet\n\n"
         "Kazakh President Kassym-Jomart Tokayev met Chinese Premier Li Qiang at the Independence Palace "
         "on Thursday.\n", "Astana"),
    ):
        meeting, = of_type(events_of(text), "meeting")
        assert meeting.place is not None and meeting.place.name == city, text


def test_the_bare_name_a_region_shares_with_its_centre_is_the_city():
    by_alias = {str(a).lower(): gazetteer().place(i) for i, e in enumerate(gazetteer().entries)
                for a in e["aliases"]}
    assert by_alias["atyrau"].name == "Atyrau"
    assert by_alias["atyrau region"].name == "Atyrau Region"
    assert by_alias["pavlodar"].name == "Pavlodar"
    assert by_alias["wilayah pavlodar"].name == "Pavlodar Region"
    assert by_alias["aksu"].country == "Kazakhstan"
    assert by_alias["akesu"].country == "China"
    assert by_alias["jilin"].name == "Jilin"  # the province; the city is "Jilin City"
    assert "oral" not in by_alias and "altay" not in by_alias and "abai" not in by_alias


def test_konaev_bore_the_name_kapchagay_before_2022():
    assert name_on("Konaev", dt.date(2015, 6, 1)) == "Kapchagay"
    assert name_on("Konaev", dt.date(2024, 6, 1)) == "Konaev"
    visit = _visit("Monday, 2 June 2025\n\nVice premier by the reservoir\n\n"
                   "Chinese Vice Premier Ding Xuexiang visited Kapchagay on Monday to see a solar plant.\n")
    assert (visit.place.name, visit.place.country) == ("Konaev", "Kazakhstan")


def test_a_compass_direction_or_a_company_named_after_a_province_is_no_place():
    text = ("Kamis, 5 Juni 2025\n\nKomisi bersidang\n\n"
            "Wakil Perdana Menteri China Ding Xuexiang dan Wakil Perdana Menteri Kazakhstan Serik Zhumangarin "
            "menandatangani protokol kerja sama pada Kamis, termasuk proyek pabrik pupuk di wilayah "
            "Kazakhstan barat.\n")
    for event in events_of(text):
        assert event.place is None or event.place.name != "West Kazakhstan Region", event
    text = ("Friday, 6 June 2025\n\nPremiers talk\n\n"
            "Kazakh Prime Minister Olzhas Bektenov and Chinese Premier Li Qiang held talks on Friday and "
            "witnessed the signing of a deal with China Guangdong Nuclear Power Corporation on fuel supplies.\n")
    for event in events_of(text):
        assert event.place is None or event.place.name != "Guangdong", event
