"""General rules found while diagnosing the fifth probe set: going home is no visit, and the other
rules listed with their tests. Every text here is invented for the test."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.types import PartialDate
from tests.extract.helpers import events_of, names, of_type


@pytest.mark.parametrize("text", [
    "Kamis, 12 September 2019 09:00 WIB\nJudul berita\n\n"
    "Presiden Kazakhstan Kassym-Jomart Tokayev juga bertemu Perdana Menteri China Li Keqiang pada Kamis (12/9)"
    " sebelum kembali ke Nur-Sultan.\n",
    "September 12, 2019\nHeadline\n\n"
    "Kazakh President Kassym-Jomart Tokayev also met Chinese Premier Li Keqiang on Thursday before returning"
    " to Nur-Sultan.\n",
])
def test_going_home_after_a_meeting_is_no_visit_of_the_person_met(text):
    events = events_of(text)
    assert [e for e in of_type(events, "visit") if "Li Keqiang" in names(e)] == []
    meeting, = of_type(events, "meeting")
    assert names(meeting) == {"Kassym-Jomart Tokayev", "Li Keqiang"}


@pytest.mark.parametrize("text", [
    "Senin, 3 Juli 2023 10:00 WIB\nJudul berita\n\nPresiden China Xi Jinping kembali ke Kazakhstan pada Minggu (2/7).\n",
    "July 3, 2023\nHeadline\n\nChinese President Xi Jinping returned to Kazakhstan on Sunday.\n",
])
def test_returning_to_the_other_state_is_still_a_visit(text):
    visit, = of_type(events_of(text), "visit")
    assert names(visit) >= {"Xi Jinping"}


@pytest.mark.parametrize("text", [
    "Kamis, 22 September 2022 09:00 WIB\nJudul berita\n\n"
    "Perdana Menteri Kazakhstan Alikhan Smailov berpidato di Astana pekan lalu.\n"
    "Smailov, yang menjabat perdana menteri sejak Januari setelah Askar Mamin diberhentikan, tiba di Beijing"
    " pada Rabu (21/9) untuk kunjungan resmi.\n",
    "September 22, 2022\nHeadline\n\n"
    "Kazakh Prime Minister Alikhan Smailov spoke in Astana last week.\n"
    "Smailov, who took office in January after Askar Mamin was dismissed, arrived in Beijing on Wednesday"
    " for an official visit.\n",
])
def test_a_clause_opened_inside_a_relative_clause_ends_with_it(text):
    """"X, who ... after Y was dismissed, arrived": the subordinate clause about Y closes with the
    relative clause, and the arrival is X's."""
    visit, = of_type(events_of(text), "visit")
    assert names(visit) == {"Alikhan Smailov"}
    assert visit.date.start.iso() == "2022-09-21"


@pytest.mark.parametrize("text", [
    "Kamis, 12 September 2019 09:00 WIB\nJudul berita\n\n"
    "Hari ini, Presiden Kazakhstan Kassym-Jomart Tokayev bertemu Perdana Menteri China Li Keqiang"
    " sebelum mengunjungi sejumlah perusahaan teknologi.\n",
    "September 12, 2019\nHeadline\n\n"
    "Kazakh President Kassym-Jomart Tokayev met Chinese Premier Li Keqiang today before visiting"
    " several technology companies.\n",
])
def test_the_subject_travels_in_a_before_clause(text):
    """"X met Y before visiting ...": X is the visitor, not Y."""
    for visit in of_type(events_of(text), "visit"):
        assert {p.name for p in visit.participants if p.side == "guest"} == {"Kassym-Jomart Tokayev"}


@pytest.mark.parametrize("text", [
    "July 4, 2024\nHeadline\n\nKazakh Prime Minister Alikhan Smailov paid an official visit to China in March 2023,"
    " and in September 2023 he took part in an expo in Urumqi, where he held a separate meeting with Chinese"
    " Premier Li Qiang.\n",
    "Kamis, 4 Juli 2024 10:00 WIB\nJudul berita\n\nPerdana Menteri Kazakhstan Alikhan Smailov melakukan kunjungan"
    " resmi ke China pada Maret 2023, dan pada September 2023 ia menghadiri pameran di Urumqi, di mana ia"
    " mengadakan pertemuan terpisah dengan Perdana Menteri China Li Qiang.\n",
])
def test_a_where_clause_takes_the_date_of_the_clause_right_before_it(text):
    meetings = [e for e in of_type(events_of(text), "meeting") if "Li Qiang" in names(e)]
    assert [m.date.start.iso() for m in meetings] == ["2023-09"]


@pytest.mark.parametrize("text", [
    "July 3, 2024\nHeadline\n\nKazakh President Kassym-Jomart Tokayev held talks with Chinese President Xi Jinping"
    " at the Akorda in Astana on Wednesday.\nThe two presidents also attended the opening of a new container"
    " train route via video link.\n",
    "Rabu, 3 Juli 2024 10:00 WIB\nJudul berita\n\nPresiden Kazakhstan Kassym-Jomart Tokayev mengadakan pembicaraan"
    " dengan Presiden China Xi Jinping di Istana Akorda pada Rabu (3/7).\nKedua presiden juga mengikuti"
    " upacara peluncuran rute kereta kontainer baru melalui tautan video.\n",
])
def test_a_ceremony_joined_by_video_link_does_not_make_talks_a_video_call(text):
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.subtype == "talks"


@pytest.mark.parametrize("text", [
    "November 10, 2023\nHeadline\n\nMeanwhile, Mazhilis Speaker Yerlan Koshanov on Wednesday met Shohrat Zakir,"
    " NPC Standing Committee vice-chairman, who is in Kazakhstan for an official visit.\n",
    "Jumat, 10 November 2023 10:00 WIB\nJudul berita\n\nSelanjutnya, Ketua Mazhilis Yerlan Koshanov pada Rabu (8/11)"
    " menerima Wakil Ketua Komite Tetap Kongres Rakyat Nasional China Shohrat Zakir yang berada di Astana untuk"
    " kunjungan resmi.\n",
])
def test_an_npc_vice_chairman_and_a_sentence_adverb_before_a_title(text):
    """NPC Standing Committee vice-chairmen are Chinese officials; "Meanwhile, Speaker X" names X only."""
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Yerlan Koshanov", "Shohrat Zakir"}
    assert meeting.date.start.iso() == "2023-11-08"
    visit, = of_type(events_of(text), "visit")
    assert {p.name for p in visit.participants if p.side == "guest"} == {"Shohrat Zakir"}


def test_menyambangi_is_a_visit():
    text = ("Rabu, 18 Juni 2025 05:49 WIB\nJudul berita\n\nPerdana Menteri China Li Qiang menyambangi Shymkent pada"
            " April lalu. Dalam kunjungan itu, Li Qiang juga diterima oleh Presiden Kazakhstan Kassym-Jomart Tokayev.\n")
    events = events_of(text)
    visit, = of_type(events, "visit")
    assert names(visit) >= {"Li Qiang"} and visit.date.start.iso() == "2025-04"
    meeting, = of_type(events, "meeting")
    assert names(meeting) == {"Li Qiang", "Kassym-Jomart Tokayev"} and meeting.date.start.iso() == "2025-04"


def test_datang_ke_is_a_visit():
    text = ("Selasa, 14 Juni 2011 06:35 WIB\nJudul berita\n\nPada November 2010, Perdana Menteri China Wen Jiabao datang"
            " ke Almaty untuk membuka forum bisnis kedua negara.\n")
    visit, = of_type(events_of(text), "visit")
    assert {p.name for p in visit.participants if p.side == "guest"} == {"Wen Jiabao"}
    assert visit.date.start.iso() == "2010-11"


@pytest.mark.parametrize("header", ["March 2, 1997, Sunday, AM cycle", "March 2, 1997, Sunday, BC cycle"])
def test_a_wire_cycle_label_does_not_hide_the_header_date(header):
    text = (f"Some Wire Service\n\n{header}\n\nHEADLINE: Kazakh Leader Flies to Beijing\n\n"
            "President Nursultan Nazarbayev of Kazakhstan flew into Beijing on Sunday for talks on oil.\n")
    assert parse_article(text).published == PartialDate(1997, 3, 2)


@pytest.mark.parametrize("text", [
    "10 November 2023, 09:12\nHeadline\n\nThe Kazakhstan-China agreement on visa-free travel for citizens enters"
    " into force today, November 10, according to the foreign ministry in Astana.\n",
    "Jumat, 10 November 2023 09:12 WIB\nJudul berita\n\nPerjanjian antara Kazakhstan dan China tentang pembebasan"
    " visa mulai berlaku hari ini, 10 November, kata Kementerian Luar Negeri Kazakhstan.\n",
])
def test_an_agreement_entering_into_force_today(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2023-11-10"


@pytest.mark.parametrize("text", [
    "Selasa, 24 Desember 2002 08:41 WIB\nJudul berita\n\nHari ini Presiden Kazakhstan Nursultan Nazarbayev dijadwalkan"
    " bertemu Perdana Menteri Zhu Rongji dan Wakil Presiden China Hu Jintao.\n",
    "December 24, 2002\nHeadline\n\nKazakh President Nursultan Nazarbayev is due to meet Premier Zhu Rongji and"
    " Chinese Vice President Hu Jintao today.\n",
])
def test_one_meeting_per_pair_when_each_person_listed_has_a_title(text):
    meetings = of_type(events_of(text), "meeting")
    assert sorted(sorted(names(m)) for m in meetings) == [["Hu Jintao", "Nursultan Nazarbayev"],
                                                          ["Nursultan Nazarbayev", "Zhu Rongji"]]
