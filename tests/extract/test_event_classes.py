"""Classes of article and sentence the extractor must read on any outlet and in any year: header date
rows in unseen forms, menu rows and mastheads, recalled events dated by month, agreements signed in a
clause joined to a dated one, "since"/"when" clauses, frames ("during the visit"), pairs of people,
clauses whose people take no part in the main event. Every text here is invented for the test (real
office holders, made-up sentences and dates)."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.dates import find_dates
from app.extract.entities import holder
from app.extract.types import ExtractedEvent, PartialDate
from tests.extract.helpers import events_of, names, of_type


def dated(events: list[ExtractedEvent]) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted((e.type, e.date.start.iso(), tuple(sorted(names(e)))) for e in events)


BODY_EN = ("Chinese Vice Premier Han Zheng held talks with Kazakh Prime Minister Askar Mamin in Beijing on "
           "Tuesday, discussing grain exports and railway freight.\n")
BODY_ID = ("Wakil Perdana Menteri China Han Zheng mengadakan pembicaraan dengan Perdana Menteri Kazakhstan "
           "Askar Mamin di Beijing, Selasa, membahas ekspor gandum dan angkutan kereta.\n")


# --------------------------------------------------------------------------- header date rows


@pytest.mark.parametrize("row, expected", [
    ("Updated 08:05, 04-Mar-2020", "2020-03-04"),  # day-month abbreviation-year with hyphens
    ("2020-03-04T08:05:00+06:00", "2020-03-04"),  # ISO timestamp
    ("Mar 4, 2020 8:05 AM", "2020-03-04"),
    ("04/03/2020 - 08:05", "2020-03-04"),  # day first with a time after a dash
    ("Diterbitkan: Rabu, 4 Maret 2020", "2020-03-04"),
    ("Last updated on 4 March 2020", "2020-03-04"),
    ("Posted on March 4, 2020", "2020-03-04"),
    ("4.3.2020", "2020-03-04"),  # dotted with a one-digit month
    ("2020年3月4日", "2020-03-04"),
    ("Rina Wulandari, Jurnalis · Rabu 4 Maret 2020 08:05 WIB", "2020-03-04"),  # reporter and date on one row
    ("BY STAFF REPORTER in WORLD on 4 MARCH 2020", "2020-03-04"),  # a byline in capitals
    ("Dewi Lestari | Dunia | 4 Maret 2020", "2020-03-04"),
])
def test_header_rows_with_a_full_date_give_the_publication_date(row, expected):
    text = f"{row}\n\nDua negara bahas perdagangan biji-bijian\n\n{BODY_ID}"
    assert parse_article(text).published == PartialDate.from_iso(expected)


def test_a_headline_that_names_a_date_is_not_a_date_row():
    text = f"Ministers to meet again on 4 March 2020 in Astana\n\n{BODY_EN}"
    assert parse_article(text).published is None


def test_a_headline_ending_in_a_quoted_word_does_not_open_the_body():
    text = (f"Steppe Herald\n\nEnvoys Praise Grain Corridor As 'Lifeline'\n\nMarch 4, 2020 08:05 GMT\n\n{BODY_EN}")
    article = parse_article(text)
    assert article.published == PartialDate(2020, 3, 4)
    assert article.title == "Envoys Praise Grain Corridor As 'Lifeline'"


@pytest.mark.parametrize("header", [
    "Home | World | Business | Sport | Video",
    "Beranda | Nasional | Dunia | Ekonomi",
    "Politics | Central Asia",
])
def test_menu_rows_and_section_labels_are_not_the_title(header):
    text = f"Steppe Herald\n{header}\n\nPremiers discuss grain corridor in Beijing\n\n{BODY_EN}"
    assert parse_article(text).title == "Premiers discuss grain corridor in Beijing"


# --------------------------------------------------------------------------- dates in the body


def test_a_month_modifier_does_not_reach_across_a_full_stop():
    dates = find_dates("Forum itu digelar pada 8-9 Mei.\n\nIni adalah forum kedua.", published=PartialDate(2021, 5, 1))
    assert [(d.phrase, d.start.iso(), d.end.iso()) for d in dates] == [("8-9 Mei", "2021-05-08", "2021-05-09")]


@pytest.mark.parametrize("text, expected", [
    ("from 3 to 5 June last year", ("2019-06-03", "2019-06-05")),
    ("pada 3-5 Juni tahun lalu", ("2019-06-03", "2019-06-05")),
    ("pada 3 Juni tahun lalu", ("2019-06-03", None)),
])
def test_days_of_a_month_with_a_relative_year(text, expected):
    date, = find_dates(text, published=PartialDate(2020, 4, 10))
    assert (date.start.iso(), date.end.iso() if date.end else None) == expected


@pytest.mark.parametrize("phrase", ["this afternoon", "this morning", "sore ini", "tadi pagi"])
def test_parts_of_the_publication_day(phrase):
    date, = find_dates(f"talks {phrase}", published=PartialDate(2020, 4, 10))
    assert date.start.iso() == "2020-04-10"


def test_the_same_day_is_the_day_of_the_event_told_before_not_of_an_aside():
    text = ("Friday, 10 April 2020\n\nPremiers meet\n\n"
            "Chinese Premier Li Keqiang held talks with Kazakh Prime Minister Askar Mamin in Beijing on Thursday.\n"
            "Mamin, who arrived on Wednesday, recalled the floods of Monday in the north of his country.\n"
            "On the same day, Chinese Foreign Minister Wang Yi met Kazakh Foreign Minister Mukhtar Tileuberdi.\n")
    meetings = dated(of_type(events_of(text), "meeting"))
    assert ("meeting", "2020-04-09", ("Mukhtar Tileuberdi", "Wang Yi")) in meetings


# --------------------------------------------------------------------------- agreements joined to a dated clause


@pytest.mark.parametrize("text", [
    ("Thursday, 5 November 2015\n\nPremiers in Astana\n\n"
     "On Wednesday, Chinese Premier Li Keqiang and Kazakh Prime Minister Karim Massimov held talks and "
     "witnessed the signing of eleven cooperation documents.\n"),
    ("Kamis, 5 November 2015\n\nPerdana menteri bertemu\n\n"
     "Di Astana, Rabu lalu, PM China Li Keqiang dan PM Kazakhstan Karim Massimov "
     "mengadakan pembicaraan dan menyaksikan penandatanganan sebelas dokumen kerja sama.\n"),
])
def test_a_signing_coordinated_with_dated_talks_takes_their_day(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2015-11-04"
    assert names(agreement) >= {"Li Keqiang", "Karim Massimov"}


@pytest.mark.parametrize("text, type_, expected", [
    (("Monday, 12 October 2015\n\nRecollection\n\n"
      "Kazakh President Nursultan Nazarbayev visited Shanghai in May, where he met Chinese President Xi Jinping.\n"),
     "meeting", "2015-05"),
    (("Senin, 12 Oktober 2015\n\nKilas balik\n\n"
      "Presiden Nursultan Nazarbayev pernah berkunjung ke China pada Mei 2010, saat kedua negara meneken "
      "perjanjian pembangunan jalan tol.\n"),
     "agreement", "2010-05"),
    (("Senin, 12 Oktober 2015\n\nKilas balik\n\n"
      "Agustus lalu, Perdana Menteri Li Keqiang melakukan kunjungan resmi ke Astana, yang menghasilkan "
      "sekitar 20 dokumen kerja sama.\n"),
     "agreement", "2015-08"),
])
def test_an_event_in_a_when_or_where_clause_takes_the_date_of_the_clause_before(text, type_, expected):
    found = of_type(events_of(text), type_)
    assert [e.date.start.iso() for e in found] == [expected]


def test_a_noun_the_when_clause_refers_to_is_not_an_event():
    text = ("Monday, 16 May 2022\n\nSpeakers\n\n"
            "Maulen Ashimbayev and Li Zhanshu held a video conference in April, during which the two speakers "
            "agreed to cooperate in the ratification of agreements on transport.\n")
    assert of_type(events_of(text), "agreement") == []


def test_a_meeting_on_the_sidelines_takes_the_day_of_the_summit():
    text = ("Rabu, 19 Oktober 2022\n\nPM bertemu\n\n"
            "Perdana Menteri China Li Keqiang bertemu Perdana Menteri Kazakhstan Alikhan Smailov di sela "
            "pertemuan Dewan Kepala Pemerintahan SCO di Tashkent, Uzbekistan, kemarin.\n")
    meetings = dated(of_type(events_of(text), "meeting"))
    assert ("meeting", "2022-10-18", ("Alikhan Smailov", "Li Keqiang")) in meetings


# --------------------------------------------------------------------------- since / when


@pytest.mark.parametrize("text", [
    ("Selasa, 3 Mei 2016\n\nKunjungan\n\n"
     "Perjalanan ini akan menjadi kunjungan pertama Xi ke Kazakhstan sejak lawatan kenegaraannya pada Oktober 2014.\n"),
    ("Tuesday, 3 May 2016\n\nVisit\n\n"
     "It will be Xi Jinping's first trip to Kazakhstan since his state visit to Astana in October 2014.\n"),
])
def test_an_event_named_after_since_is_dated_by_its_own_date_and_is_past(text):
    visits = [e for e in of_type(events_of(text), "visit") if e.date.start.iso() == "2014-10"]
    assert len(visits) == 1 and visits[0].status == "reported" and "Xi Jinping" in names(visits[0])


def test_since_a_date_when_someone_visited_dates_that_visit():
    text = ("Sabtu, 4 Juni 2016\n\nPersiapan\n\n"
            "Persiapan kunjungan itu sudah dimulai sejak bulan lalu, ketika Menteri Luar Negeri China Wang Yi "
            "berkunjung ke Astana.\n")
    visit, = of_type(events_of(text), "visit")
    assert visit.date.start.iso() == "2016-05" and names(visit) == {"Wang Yi"}


def test_since_taking_office_does_not_swallow_the_date_of_the_visits():
    text = ("Sabtu, 4 Juni 2016\n\nKunjungan\n\n"
            "Perdana Menteri China Li Keqiang telah mengunjungi Kazakhstan dua kali sejak dilantik, masing-masing "
            "pada tahun 2014 dan 2015.\n")
    assert of_type(events_of(text), "visit")


def test_people_named_in_a_since_clause_are_not_visitors():
    text = ("Rabu, 18 Mei 2022\n\nKunjungan\n\n"
            "Ketua Senat Kazakhstan Maulen Ashimbayev hari ini memulai kunjungan resmi ke China, lawatan "
            "pertamanya sejak menggantikan Dariga Nazarbayeva pada Mei 2020.\n")
    visit, = of_type(events_of(text), "visit")
    assert names(visit) == {"Maulen Ashimbayev"} and visit.date.start.iso() == "2022-05-18"


# --------------------------------------------------------------------------- status and earlier events


def test_an_event_dated_after_publication_is_planned():
    text = ("Sabtu, 25 Mei 2019\n\nRencana\n\n"
            "Presiden Kazakhstan Kassym-Jomart Tokayev menghadiri forum ekonomi sekaligus melakukan kunjungan "
            "kenegaraan ke China pekan depan.\n")
    visit, = of_type(events_of(text), "visit")
    assert visit.status == "planned"


def test_the_tense_of_the_head_trigger_decides_planned():
    text = ("Friday, 24 March 2006\n\nMinisters\n\n"
            "Earlier this month, Kazakh Foreign Minister Kassym-Jomart Tokayev paid a working visit to Beijing, "
            "where he held talks with China's Foreign Minister Li Zhaoxing on preparations for the president's "
            "visit.\n")
    visit, = of_type(events_of(text), "visit")
    assert visit.status == "reported" and visit.date.start.iso() == "2006-03"


def test_the_sides_of_the_story_are_not_the_parties_of_an_earlier_signing():
    text = ("Thursday, 12 November 2020\n\nPremiers\n\n"
            "Chinese Premier Li Keqiang and Kazakh Prime Minister Askar Mamin held talks by video link on "
            "Wednesday.\n"
            "The sides reviewed the roadmap on grain trade, signed in Nur-Sultan in August, as well as a list "
            "of joint projects.\n")
    agreements = of_type(events_of(text), "agreement")
    assert not any(names(a) & {"Li Keqiang", "Askar Mamin"} for a in agreements)


def test_the_border_agreement_of_an_earlier_visit_has_that_visitor():
    text = ("Saturday, 4 July 1998\n\nBorder\n\n"
            "ALMATY -- Jiang Zemin and Nursultan Nazarbayev met here today.\n"
            "The new protocol completes the accord both sides signed in April 1994 during "
            "Premier Li Peng's visit to Almaty.\n")
    agreement = [e for e in of_type(events_of(text), "agreement") if e.date.start.iso() == "1994-04"]
    assert agreement and "Jiang Zemin" not in names(agreement[0]) and "Li Peng" in names(agreement[0])


def test_talks_referred_to_as_known_are_the_talks_of_the_lead():
    text = ("Thursday, 9 June 2011\n\nPresidents\n\n"
            "Presidents Hu Jintao of China and Nursultan Nazarbayev of Kazakhstan on Wednesday signed a joint "
            "declaration in Astana.\n"
            "After the talks, Hu said the two countries would expand energy cooperation.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Hu Jintao", "Nursultan Nazarbayev"} and meeting.date.start.iso() == "2011-06-08"


def test_the_lead_is_found_below_a_long_header():
    header = "\n".join(["Steppe Herald", "Home | World | Business | Sport", "Asia", "Rabu, 13 Mei 2020",
                        "Rep: Ani Putri / Red: Budi", "Foto: ilustrasi", "Menteri bertemu lagi"])
    text = (f"{header}\n\n"
            "Menlu China Wang Yi bertemu Menlu Kazakhstan Mukhtar Tileuberdi di "
            "Urumqi, Selasa (12/5).\n"
            "Kedua menteri juga membahas pembukaan kembali penerbangan.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.date.start.iso() == "2020-05-12"


# --------------------------------------------------------------------------- who takes part


def test_the_two_leaders_are_the_two_the_sentence_names():
    text = ("Senin, 20 Agustus 2007\n\nKunjungan balasan\n\n"
            "Menlu China Yang Jiechi bertemu Menlu Kazakhstan Marat Tazhin, Minggu "
            "(19/8).\n"
            "Lawatan Hu kali ini merupakan balasan atas kunjungan Nazarbayev ke Beijing pada Desember tahun lalu, "
            "ketika kedua pemimpin menandatangani strategi kerja sama abad ke-21.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2006-12"
    assert names(agreement) == {"Hu Jintao", "Nursultan Nazarbayev"}


@pytest.mark.parametrize("text", [
    ("Friday, 14 September 2001\n\nMinisters\n\n"
     "On Thursday, Chinese Foreign Minister Tang Jiaxuan, who is travelling with Premier Zhu Rongji, met "
     "Kazakh Foreign Minister Yerlan Idrissov in Astana.\n"),
    ("Jumat, 14 September 2001\n\nMenlu bertemu\n\n"
     "Kamis (13/9), Menteri Luar Negeri China Tang Jiaxuan, yang mendampingi Perdana Menteri Zhu Rongji, "
     "bertemu Menteri Luar Negeri Kazakhstan Yerlan Idrissov di Astana.\n"),
])
def test_people_inside_a_relative_clause_take_no_part_in_the_main_event(text):
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Tang Jiaxuan", "Yerlan Idrissov"} and meeting.date.start.iso() == "2001-09-13"


@pytest.mark.parametrize("text", [
    ("Rabu, 11 Mei 2022\n\nJadwal\n\n"
     "Selain Xi Jinping, Presiden Kassym-Jomart Tokayev dijadwalkan pula bertemu Perdana Menteri Li Keqiang "
     "pada Kamis, 12 Mei.\n"),
    ("Wednesday, 11 May 2022\n\nSchedule\n\n"
     "Besides Xi Jinping, President Kassym-Jomart Tokayev will also meet Premier Li Keqiang on Thursday.\n"),
])
def test_a_person_set_aside_by_besides_is_not_in_the_meeting(text):
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Kassym-Jomart Tokayev", "Li Keqiang"}


def test_besides_without_a_replacement_adds_a_participant():
    text = ("Senin, 2 Desember 2024\n\nPertemuan menlu\n\n"
            "Selain Wang Yi, turut hadir dalam pertemuan di Chengdu, Minggu (1/12), Menteri Luar Negeri "
            "Kazakhstan Murat Nurtleu.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Wang Yi", "Murat Nurtleu"}


def test_a_departure_in_a_before_clause_is_the_traveller_s_alone():
    text = ("Selasa, 19 Oktober 1993\n\nKunjungan\n\n"
            "Perdana Menteri Li Peng akan menerima tamunya itu Kamis pagi, sebelum Presiden "
            "Nursultan Nazarbayev bertolak ke Guangzhou.\n")
    for visit in of_type(events_of(text), "visit"):
        assert "Li Peng" not in names(visit)


@pytest.mark.parametrize("text", [
    ("Wednesday, 13 June 2024\n\nFM in Astana\n\n"
     "Wang Yi and Kazakh President Kassym-Jomart Tokayev met in Astana on Tuesday.\n"
     "During the visit, Wang met Tokayev and Deputy Premier and Foreign Minister Murat Nurtleu.\n"),
    ("Rabu, 13 Juni 2024\n\nMenlu di Astana\n\n"
     "Menlu China Wang Yi berkunjung ke Astana pada Mei lalu.\n"
     "Dalam lawatan itu, Wang bertemu Presiden Tokayev dan Wakil Perdana Menteri sekaligus "
     "Menteri Luar Negeri Murat Nurtleu.\n"),
])
def test_one_person_meeting_two_named_counterparts_makes_two_meetings(text):
    pairs = {tuple(sorted(names(m))) for m in of_type(events_of(text), "meeting")}
    assert ("Kassym-Jomart Tokayev", "Wang Yi") in pairs and ("Murat Nurtleu", "Wang Yi") in pairs


def test_during_the_visit_dates_the_sentence_by_that_visit():
    text = ("Rabu, 13 Juni 2024\n\nMenlu di Astana\n\n"
            "Menlu China Wang Yi berkunjung ke Astana pada Mei lalu.\n"
            "Dalam lawatan itu, Wang bertemu Presiden Kassym-Jomart Tokayev.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.date.start.iso() == "2024-05"


def test_someone_attending_is_not_a_second_counterpart():
    text = ("Thursday, 7 May 2009\n\nMinisters\n\n"
            "Chinese Foreign Minister Yang Jiechi met Kazakh Foreign Minister Kanat Saudabayev in Beijing on "
            "Wednesday, and Senate Chairman Kassym-Jomart Tokayev attended the dinner.\n")
    assert len(of_type(events_of(text), "meeting")) == 1


# --------------------------------------------------------------------------- visits: destination, triggers, host


@pytest.mark.parametrize("text", [
    ("Friday, 14 March 2014\n\nPremier\n\n"
     "Chinese Vice Premier Zhang Gaoli is in Kazakhstan on a two-day official visit on March 13-14.\n"),
    ("Jumat, 14 Maret 2014\n\nWakil PM\n\n"
     "Wakil Perdana Menteri China Zhang Gaoli berada di Kazakhstan untuk kunjungan resmi pada 13-14 Maret.\n"),
])
def test_a_destination_named_before_the_visit_noun(text):
    visit, = of_type(events_of(text), "visit")
    assert visit.date.start.iso() == "2014-03-13" and "Zhang Gaoli" in names(visit)


@pytest.mark.parametrize("text", [
    "Chinese Vice President Li Yuanchao arrived in the Kazakh capital on Sunday for an official visit.\n",
    "Wakil Presiden China Li Yuanchao tiba di ibu kota Kazakhstan pada Minggu untuk kunjungan resmi.\n",
])
def test_the_capital_of_a_state_is_a_destination_in_that_state(text):
    visit, = of_type(events_of(f"Monday, 16 June 2014\n\nVice president abroad\n\n{text}"), "visit")
    assert visit.date.start.iso() == "2014-06-15"


def test_a_visit_to_an_embassy_goes_to_no_state():
    text = ("Monday, 16 June 2014\n\nEmbassy\n\n"
            "Kazakh Foreign Minister Yerlan Idrissov paid a visit to the Chinese embassy on Sunday.\n")
    assert of_type(events_of(text), "visit") == []


@pytest.mark.parametrize("text", [
    ("Friday, 20 May 2016\n\nTransit\n\n"
     "Chinese Premier Li Keqiang stopped in Almaty on Thursday on his way to Europe and met Prime Minister "
     "Karim Massimov.\n"),
    ("Jumat, 20 Mei 2016\n\nTransit\n\n"
     "Perdana Menteri China Li Keqiang singgah di Almaty, Kamis (19/5), dalam perjalanan ke Eropa dan bertemu "
     "Perdana Menteri Karim Massimov.\n"),
])
def test_a_stopover_is_a_visit(text):
    visit, = of_type(events_of(text), "visit")
    assert visit.date.start.iso() == "2016-05-19" and "Li Keqiang" in names(visit)


def test_two_trips_in_one_sentence_with_their_own_dates_are_two_visits():
    text = ("Friday, 5 July 2024\n\nTrips\n\n"
            "Tokayev made a state visit to China from 8 to 10 March last year, and returned to Beijing in "
            "November for an investment forum.\n")
    assert dated(of_type(events_of(text), "visit")) == [
        ("visit", "2023-03-08", ("Kassym-Jomart Tokayev",)), ("visit", "2023-11", ("Kassym-Jomart Tokayev",))]


def test_going_home_is_no_visit():
    text = ("Friday, 5 July 2024\n\nBack home\n\n"
            "President Kassym-Jomart Tokayev returned to Astana on Thursday after the summit.\n")
    assert of_type(events_of(text), "visit") == []


@pytest.mark.parametrize("text", [
    ("Rabu, 8 Juni 2016\n\nSambutan\n\n"
     "Perdana Menteri China Li Keqiang disambut oleh Perdana Menteri Kazakhstan Karim Massimov di bandara "
     "Astana, Selasa (7/6).\n"),
    ("Wednesday, 8 June 2016\n\nWelcome\n\n"
     "Chinese Premier Li Keqiang was welcomed by Kazakh Prime Minister Karim Massimov at the airport in Astana "
     "on Tuesday.\n"),
])
def test_the_person_who_welcomes_is_the_host(text):
    visit, = of_type(events_of(text), "visit")
    guests = {p.name for p in visit.participants if p.side == "guest"}
    assert guests == {"Li Keqiang"} and visit.place is not None and visit.place.country == "Kazakhstan"


@pytest.mark.parametrize("text", [
    ("Rabu, 8 Juni 2016\n\nTiba di Astana\n\n"
     "Perdana Menteri China Li Keqiang tiba di Astana, Selasa (7/6), untuk kunjungan resmi. Ia disambut di "
     "bandara oleh Wakil Perdana Menteri Pertama Kazakhstan Bakytzhan Sagintayev.\n"),
    ("Wednesday, 8 June 2016\n\nArrival in Astana\n\n"
     "Chinese Premier Li Keqiang arrived in Astana on Tuesday for an official visit. He was greeted at the "
     "airport by Kazakh First Deputy Prime Minister Bakytzhan Sagintayev.\n"),
])
def test_who_greets_a_visitor_at_the_airport_is_a_host_not_a_guest(text):
    visit, = of_type(events_of(text), "visit")
    guests = {p.name for p in visit.participants if p.side == "guest"}
    assert guests == {"Li Keqiang"} and visit.place is not None and visit.place.country == "Kazakhstan"


# --------------------------------------------------------------------------- places


def test_the_place_of_a_later_clause_does_not_place_the_meeting():
    text = ("Jumat, 8 Mei 2015\n\nSinggah\n\n"
            "Di ibu kota Kazakhstan itu, Presiden Xi Jinping menggelar pembicaraan dengan Presiden Nursultan "
            "Nazarbayev, Kamis (7/5), sebelum terbang ke Moskow.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.place is None or meeting.place.name != "Moscow"


@pytest.mark.parametrize("sentence, place", [
    ("Kedua presiden menandatangani rencana kerja sama yang diusung Beijing, Jumat (2/9).", None),
    ("The two presidents signed the plan on Friday after talks in the capital, Astana.", "Astana"),
])
def test_a_capital_standing_for_its_state_places_nothing(sentence, place):
    text = (f"Monday, 5 September 2016\n\nPlan signed\n\n"
            f"Chinese President Xi Jinping met Kazakh President Nursultan Nazarbayev on Friday.\n{sentence}\n")
    agreement, = of_type(events_of(text), "agreement")
    assert (agreement.place.name if agreement.place else None) == place


# --------------------------------------------------------------------------- office holders across the years


@pytest.mark.parametrize("office, country, day, name", [
    ("foreign_minister", "Kazakhstan", "1996-05-01", "Kassym-Jomart Tokayev"),
    ("foreign_minister", "Kazakhstan", "2000-05-01", "Yerlan Idrissov"),
    ("foreign_minister", "Kazakhstan", "2010-05-01", "Kanat Saudabayev"),
    ("foreign_minister", "Kazakhstan", "2012-05-01", "Yerzhan Kazykhanov"),
    ("foreign_minister", "Kazakhstan", "2017-05-01", "Kairat Abdrakhmanov"),
    ("foreign_minister", "Kazakhstan", "2019-05-01", "Beibut Atamkulov"),
    ("foreign_minister", "China", "2005-05-01", "Li Zhaoxing"),
    ("foreign_minister", "China", "2023-05-01", "Qin Gang"),
    ("head_of_government", "Kazakhstan", "2000-05-01", "Kassym-Jomart Tokayev"),
    ("head_of_government", "Kazakhstan", "2002-09-01", "Imangali Tasmagambetov"),
    ("head_of_government", "Kazakhstan", "2005-05-01", "Daniyal Akhmetov"),
    ("head_of_government", "Kazakhstan", "2013-05-01", "Serik Akhmetov"),
    ("head_of_government", "China", "2001-05-01", "Zhu Rongji"),
    ("legislature_chair", "China", "2016-05-01", "Zhang Dejiang"),
    ("senate_chair", "Kazakhstan", "2003-05-01", "Oralbay Abdykarimov"),
    ("senate_chair", "Kazakhstan", "2009-05-01", "Kassym-Jomart Tokayev"),
    ("mazhilis_chair", "Kazakhstan", "2002-05-01", "Zharmakhan Tuyakbay"),
])
def test_the_holder_of_an_office_on_a_day(office, country, day, name):
    import datetime as dt

    found = holder(office, country, dt.date.fromisoformat(day))
    assert found is not None and found.name == name


def test_an_unnamed_office_holder_is_resolved_on_the_event_s_date():
    text = ("Rabu, 15 Mei 2003\n\nParlemen\n\n"
            "Ketua Komite Tetap Kongres Rakyat Nasional China Wu Bangguo bertemu Ketua Senat Kazakhstan di "
            "Beijing, Selasa (14/5).\n")
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Wu Bangguo", "Oralbay Abdykarimov"}


@pytest.mark.parametrize("credit", ["(Xinhua/Li Wei)", "Foto: Li Wei/Xinhua"])
def test_a_family_name_with_a_given_name_after_it_is_not_the_office_holder(credit):
    text = ("Kamis, 4 Juli 2024\n\nPresiden bertemu\n\n"
            "Presiden China Xi Jinping bertemu Presiden Kazakhstan Kassym-Jomart Tokayev di Astana, Rabu (3/7).\n"
            f"Kedua presiden berjabat tangan sebelum pertemuan. {credit}\n")
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Xi Jinping", "Kassym-Jomart Tokayev"}


def test_a_bare_family_name_is_the_one_namesake_in_office_on_the_article_s_day():
    text = ("Monday, 20 August 2007\n\nVisit\n\n"
            "Hu arrived in Astana on Saturday for a state visit to Kazakhstan.\n")
    visit, = of_type(events_of(text), "visit")
    assert names(visit) == {"Hu Jintao"}


@pytest.mark.parametrize("text", [
    ("Monday, 12 October 2015\n\nRecollection\n\n"
     "When Chinese President Xi Jinping visited Astana in September 2013, the two presidents signed a joint "
     "declaration on the new Silk Road.\n"),
    ("Senin, 12 Oktober 2015\n\nKilas balik\n\n"
     "Ketika Presiden China Xi Jinping berkunjung ke Astana pada September 2013, kedua presiden menandatangani "
     "deklarasi bersama tentang Jalur Sutra baru.\n"),
])
def test_a_main_clause_after_a_when_clause_has_its_date(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2013-09"


@pytest.mark.parametrize("text, expected", [
    ("Last year in June, Kazakh Senate Chairman Kassym-Jomart Tokayev visited Beijing.", "2018-06"),
    ("Tahun lalu pada bulan Juni, Ketua Senat Kazakhstan Kassym-Jomart Tokayev berkunjung ke Beijing.", "2018-06"),
])
def test_a_relative_year_before_the_month_dates_the_recalled_visit(text, expected):
    visit, = of_type(events_of(f"Wednesday, 25 September 2019\n\nRecollection\n\n{text}\n"), "visit")
    assert visit.date.start.iso() == expected
    tokayev, = [p for p in visit.participants if p.name == "Kassym-Jomart Tokayev"]
    assert tokayev.office == "Chairman of the Senate of Kazakhstan"


@pytest.mark.parametrize("opening, expected, counterpart", [
    ("Yesterday", "2019-09-24", "Mukhtar Tileuberdi"), ("Kemarin", "2019-09-24", "Mukhtar Tileuberdi"),
    ("Last year in June", "2018-06", "Kairat Abdrakhmanov")])
def test_a_relative_date_opening_a_paragraph_after_a_short_line(opening, expected, counterpart):
    text = ("Wednesday, 25 September 2019\n\nMinisters\n\n"
            f"{opening}, Chinese Foreign Minister Wang Yi met his Kazakh counterpart in Beijing.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.date.start.iso() == expected and names(meeting) == {"Wang Yi", counterpart}


def test_titles_of_an_event_known_to_the_year_are_read_nearest_to_publication():
    text = ("Saturday, 9 November 2019\n\nRecollection\n\n"
            "Earlier this year Kassym-Jomart Tokayev made a state visit to China.\n")
    visit, = of_type(events_of(text), "visit")
    tokayev, = visit.participants
    assert tokayev.office == "President of Kazakhstan"
