"""General rules added so that the extractor carries over to unseen outlets and years: header date
forms, clause-bound dates, receptions, sequels ("Usai pertemuan"), onward legs of a trip, separate
clauses with their own people, the host state as a party, planned clauses. Every text here is
invented for the test."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.dates import find_dates
from app.extract.pipeline import extract_events
from app.extract.types import PartialDate
from tests.extract.helpers import events_of, names, of_type


BODY_EN = ("Chinese Premier Li Keqiang held talks with Kazakh Prime Minister Askar Mamin in Beijing on Tuesday, "
           "discussing energy and transport cooperation.\n")

# --------------------------------------------------------------------------- header dates


@pytest.mark.parametrize("header, expected", [
    ("14.03.2011 09:12", "2011-03-14"),  # DD.MM.YYYY with a time
    ("Agency NEWSWIRE Vol. 7, No. 41, Part II, 5 May 2003", "2003-05-05"),  # issue numbering
    ("english.example.cn   2008-06-03 10:20:11", "2008-06-03"),  # a site's domain before the date
    ("By Jane Roe in Politics on 9 August 2016", "2016-08-09"),  # a byline carrying the date
])
def test_header_date_forms(header, expected):
    text = f"{header}\n\nTwo neighbours talk trade\n\n{BODY_EN}"
    assert parse_article(text).published == PartialDate.from_iso(expected)


def test_a_labelled_date_in_the_foot_is_the_publication_date():
    text = f"Two neighbours talk trade\n\n{BODY_EN}\nSource:Xinhua Published: 2016/4/12 8:01:33\n"
    assert parse_article(text).published == PartialDate(2016, 4, 12)


def test_a_date_line_after_a_byline_below_a_standfirst():
    text = ("Trade Ties Deepen\n\nBoth capitals want more rail freight, and the numbers are rising again.\n\n"
            f"By Ann Example\nJune 3, 2019\n\n{BODY_EN}")
    assert parse_article(text).published == PartialDate(2019, 6, 3)


def test_a_header_label_shaped_like_a_dateline_does_not_open_the_body():
    text = f"Some Daily Online -- English\nUPDATED: 10:05, March 4, 2008\n\nTwo neighbours talk trade\n\n{BODY_EN}"
    assert parse_article(text).published == PartialDate(2008, 3, 4)


def test_a_month_only_prefix_is_refined_by_a_date_line_of_that_month():
    text = f" date 2010-05\nSome Paper Online\nSelasa, 18 Mei 2010\n\nJudul berita dua negara\n\n{BODY_EN}"
    assert parse_article(text).published == PartialDate(2010, 5, 18)


def test_a_copyright_range_hints_its_last_year():
    text = f"{BODY_EN}\n© 2001-2009 Some Agency. All rights reserved\n"
    assert parse_article(text).extra["year_hint"] == 2009


def test_bracketed_button_rows_and_reading_time_are_boilerplate():
    text = f"waktu baca 4 menit\n\n{BODY_EN}\n[ Print ] [ Send to friend ] [ Discuss on forum ]\n"
    article = parse_article(text)
    for marker in ("[ Print ]", "waktu baca"):
        at = text.index(marker)
        assert any(s.start <= at < s.end for s in article.boilerplate), marker


# --------------------------------------------------------------------------- date forms


def test_dotted_and_year_first_slash_dates():
    assert [d.start.iso() for d in find_dates("pada 03.11.2015. Lalu 2015/11/9.")] == ["2015-11-03", "2015-11-09"]
    assert find_dates("versi 1.12.2006.5") == []


@pytest.mark.parametrize("text", ["pada Minggu untuk", "hari Minggu lalu", "Minggu (12/6)"])
def test_minggu_after_pada_or_hari_or_before_a_date_is_sunday(text):
    dates = find_dates(text, published=PartialDate(2022, 6, 14))
    assert dates and dates[0].start.first_day().isoweekday() == 7


def test_minggu_alone_is_not_a_weekday():
    assert find_dates("dalam satu Minggu ini", published=PartialDate(2022, 6, 14)) == []


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u00a0\u00a0", "  "])
def test_odd_spaces_inside_a_weekday_date(space):
    dates = find_dates(f"di Astana, Kamis{space}(9/6).", published=PartialDate(2022, 6, 10))
    assert [d.start.iso() for d in dates] == ["2022-06-09"]


# --------------------------------------------------------------------------- triggers and people


def test_signing_by_affixing_signatures_makes_an_agreement_beside_the_talks():
    text = ("Selasa, 8 Maret 2011\n\nDua Negara Sepakat\n\n"
            "Usai perundingan di Astana, Senin (7/3), Presiden Hu Jintao dan Presiden Nursultan Nazarbayev "
            "membubuhkan tanda tangan pada Deklarasi Bersama tentang kerja sama energi.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2011-03-07" and agreement.subtype == "joint_statement"


@pytest.mark.parametrize("sentence", [
    "Kazakh Foreign Minister Erlan Idrissov was received by Chinese Vice President Li Yuanchao in Beijing on Monday.",
    "Chinese Premier Li Keqiang received Kazakh Prime Minister Serik Akhmetov in Beijing on Monday.",
])
def test_receptions_are_meetings(sentence):
    meeting, = of_type(events_of(f"Tuesday, 9 April 2013\n\nTalks in Beijing\n\n{sentence}\n"), "meeting")
    assert meeting.date.start.iso() == "2013-04-08"


def test_an_unlisted_given_name_before_a_known_surname_is_that_person():
    text = ("Thursday, 7 May 2009\n\nMinisters meet\n\nChinese Foreign Minister Yang Jiechi met Kazakh Foreign "
            "Minister Kanat Saudabayev in Beijing on Wednesday, and Kassymzhomart Tokayev attended.\n")
    meeting, = of_type(events_of(text), "meeting")
    assert "Kassymzhomart" not in names(meeting)


def test_a_sentence_opening_pronoun_is_the_previous_subject():
    text = ("Tuesday, 12 June 2018\n\nKazakh leader in China\n\n"
            "Kazakh President Nursultan Nazarbayev arrived in Beijing on Sunday at the invitation of Xi Jinping.\n"
            "On Monday, he met with Premier Li Keqiang to discuss railway projects.\n")
    meetings = of_type(events_of(text), "meeting")
    assert any(names(m) >= {"Nursultan Nazarbayev", "Li Keqiang"} and "Xi Jinping" not in names(m) for m in meetings)


# --------------------------------------------------------------------------- clauses and sequels


def test_after_the_meeting_attaches_to_that_meeting_and_dates_the_signing():
    text = ("Sabtu, 12 Mei 2001\n\nKunjungan ke Astana\n\n"
            "ASTANA -- Presiden Jiang Zemin tiba di Astana, Rabu (9/5), untuk kunjungan kenegaraan dan disambut "
            "Presiden Nursultan Nazarbayev.\n"
            "Keesokan harinya, Kamis (10/5), kedua presiden melakukan pembicaraan di istana.\n"
            "Usai pertemuan, Jiang dan Nazarbayev menandatangani perjanjian kerja sama ekonomi.\n")
    events = events_of(text)
    meeting, = of_type(events, "meeting")
    assert meeting.date.start.iso() == "2001-05-10"
    agreement, = of_type(events, "agreement")
    assert agreement.date.start.iso() == "2001-05-10"


def test_a_subordinate_clause_with_its_own_people_is_its_own_meeting():
    text = ("Jumat, 20 Oktober 2017\n\nPM bertemu\n\n"
            "Perdana Menteri China Li Keqiang bertemu Perdana Menteri Kazakhstan Bakytzhan Sagintayev di Sochi, "
            "Kamis (19/10).\n"
            "Pertemuan kedua perdana menteri digelar tidak lama setelah Presiden Kazakhstan Nursultan Nazarbayev "
            "bertemu Presiden China Xi Jinping di Beijing bulan lalu.\n")
    meetings = of_type(events_of(text), "meeting")
    assert sorted(tuple(sorted(names(m))) for m in meetings) == [
        ("Bakytzhan Sagintayev", "Li Keqiang"), ("Nursultan Nazarbayev", "Xi Jinping")]


def test_an_onward_leg_is_part_of_the_same_visit_and_not_the_meeting_place():
    text = ("Rabu, 15 Juni 2011\n\nKunjungan\n\n"
            "BEIJING - Presiden Kazakhstan Nursultan Nazarbayev tiba di Beijing, Senin (13/6), untuk kunjungan "
            "kenegaraan.\n"
            "Hari ini Nazarbayev dijadwalkan bertemu Perdana Menteri Wen Jiabao, sebelum melanjutkan perjalanan "
            "ke Shanghai.\n")
    events = events_of(text)
    visit, = of_type(events, "visit")
    assert visit.date.start.iso() == "2011-06-13"
    meeting, = of_type(events, "meeting")
    assert meeting.place is None or meeting.place.name != "Shanghai"


def test_an_official_signing_in_the_other_state_has_the_host_as_party():
    text = ("date 2008-09-02\n\nPipa minyak\n\n"
            "Perjanjian pembangunan jalur pipa itu diteken saat Presiden Nursultan Nazarbayev mengunjungi "
            "Beijing pada April lalu.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2008-04"


def test_a_visit_told_in_a_relative_clause_shares_the_month_of_the_sentence_date():
    text = ("Wednesday, 16 May 2012\n\nTalks\n\n"
            "ASTANA - Kazakh Foreign Minister Yerzhan Kazykhanov held talks with China's Foreign Minister Yang Jiechi "
            "on May 15 in Astana, where the Chinese minister arrived to attend a regional conference.\n")
    visit, = of_type(events_of(text), "visit")
    assert visit.date.start.iso() == "2012-05"


def test_two_reports_of_one_visit_on_neighbouring_days_are_one_visit_from_the_arrival():
    text = ("Tuesday, 6 September 2016\n\nVisit\n\n"
            "BEIJING, Sept. 6 -- Chinese President Xi Jinping and visiting Kazakh President Nursultan Nazarbayev "
            "on Tuesday signed a joint statement.\n"
            "Nazarbayev arrived in Beijing Sunday for a three-day state visit.\n")
    visit, = of_type(events_of(text), "visit")
    assert visit.date.start.iso() == "2016-09-04"


def test_a_date_in_a_planned_clause_lies_ahead():
    text = ("Monday, 4 July 2011\n\nSummit ahead\n\n"
            "Hu Jintao and Nazarbayev will join leaders of Russia and Uzbekistan on Wednesday for a summit "
            "of the Shanghai Cooperation Organization.\n")
    events = events_of(text)
    assert events and all(e.date.start.iso() == "2011-07-06" and e.status == "planned" for e in events)


def test_a_summit_name_does_not_place_the_meeting():
    text = ("Astana (ANTARA) - Menteri Luar Negeri China Wang Yi mengadakan pembicaraan dengan Menteri Luar Negeri "
            "Kazakhstan Erlan Idrissov di Astana, Selasa (2/6). Keduanya membahas persiapan KTT Shanghai.\n")
    article = parse_article(text)
    article = type(article)(**{**article.__dict__, "published": PartialDate(2015, 6, 3)})
    events = extract_events(article)
    assert not any(e.type == "visit" and e.place and e.place.name == "Shanghai" for e in events)


@pytest.mark.parametrize("sentence", [
    "Kazakh President Nursultan Nazarbayev received a letter from Chinese President Hu Jintao on Monday.",
    "Presiden Kazakhstan Nursultan Nazarbayev menerima bantuan dari Presiden China Hu Jintao, Senin (8/4).",
])
def test_receiving_a_thing_is_not_a_meeting(sentence):
    assert of_type(events_of(f"Tuesday, 9 April 2013\n\nNews of the day\n\n{sentence}\n"), "meeting") == []


def test_a_signing_abroad_with_a_third_state_named_has_no_host_party():
    text = ("date 2008-09-02\n\nPerjanjian\n\n"
            "Perjanjian dengan Rusia itu diteken saat Presiden Nursultan Nazarbayev mengunjungi Beijing "
            "pada April lalu.\n")
    assert of_type(events_of(text), "agreement") == []


def test_a_short_dateline_paragraph_still_opens_the_body():
    text = "Two sides sign deals\n\nBEIJING (Xinhua) -- The two sides signed deals.\n\nMore text follows here today.\n"
    article = parse_article(text)
    assert article.title == "Two sides sign deals" and article.dateline is not None
