"""Rules found while diagnosing the extra events of the fifth probe set: what is only talked about,
prepared or the setting of a meeting states no event of its own. Every text here is invented."""

from __future__ import annotations

import pytest

from tests.extract.helpers import events_of, names, of_type


@pytest.mark.parametrize("text", [
    "March 6, 2024\nHeadline\n\nKazakh Foreign Minister Murat Nurtleu and Wang Yi of China on"
    " Tuesday discussed transport links and the signing of an extradition treaty.\n",
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nMenteri Luar Negeri Kazakhstan Murat Nurtleu dan Menteri Luar"
    " Negeri China Wang Yi pada Selasa (5/3) membahas penandatanganan perjanjian ekstradisi.\n",
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nMenteri Luar Negeri Kazakhstan Murat Nurtleu bertemu Menteri Luar"
    " Negeri China Wang Yi di Astana pada Selasa (5/3). Kedua menteri membahas jalur transportasi, ratifikasi"
    " perjanjian bilateral dan pariwisata.\n",
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nMenteri Luar Negeri Kazakhstan Murat Nurtleu bertemu Menteri Luar"
    " Negeri China Wang Yi di Astana pada Selasa (5/3). Dalam pertemuan itu, penandatanganan perjanjian ekstradisi"
    " antara Nurtleu dan Wang juga dibahas.\n",
])
def test_an_agreement_under_discussion_is_no_signing(text):
    events = events_of(text)
    assert of_type(events, "agreement") == []
    assert len(of_type(events, "meeting")) == 1


@pytest.mark.parametrize("text", [
    "March 6, 2024\nHeadline\n\nKazakh Foreign Minister Murat Nurtleu and Wang Yi of China discussed"
    " transport links in Astana on Tuesday and signed an agreement on tourism.\n",
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nMenteri Luar Negeri Kazakhstan Murat Nurtleu dan Menteri Luar"
    " Negeri China Wang Yi membahas jalur transportasi di Astana pada Selasa (5/3) dan menandatangani perjanjian"
    " pariwisata.\n",
])
def test_discussing_and_then_signing_is_still_a_signing(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2024-03-05"


@pytest.mark.parametrize("text", [
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nPekan lalu, Menteri Luar Negeri China Wang Yi dan Menteri Luar"
    " Negeri Kazakhstan Murat Nurtleu menggelar pembicaraan telepon untuk mematangkan agenda kunjungan.\n",
    "March 6, 2024\nHeadline\n\nLast week, Chinese Foreign Minister Wang Yi and Kazakh Foreign Minister Murat Nurtleu"
    " held a phone call to prepare the agenda of the visit to Beijing.\n",
])
def test_preparing_a_visit_is_no_visit_of_those_who_prepare_it(text):
    events = events_of(text)
    assert of_type(events, "visit") == []
    call, = of_type(events, "meeting")
    assert names(call) == {"Wang Yi", "Murat Nurtleu"}


@pytest.mark.parametrize("text", [
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nMenteri Luar Negeri China Wang Yi melakukan kunjungan kerja ke"
    " Astana pada Selasa (5/3) untuk mempersiapkan kunjungan kenegaraan mendatang.\n",
    "March 6, 2024\nHeadline\n\nChinese Foreign Minister Wang Yi paid a working visit to Astana on Tuesday to prepare"
    " the upcoming state visit.\n",
])
def test_a_visit_made_to_prepare_another_is_still_a_visit(text):
    visits = of_type(events_of(text), "visit")
    assert any("Wang Yi" in names(v) and v.date.start.iso() == "2024-03-05" for v in visits)


@pytest.mark.parametrize("text", [
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nPresiden China Xi Jinping dan Presiden Kazakhstan"
    " Tokayev bertemu di Bishkek pada Selasa (5/3) di sela KTT Organisasi Kerja Sama Shanghai.\n",
    "March 6, 2024\nHeadline\n\nChinese President Xi Jinping and Kazakh President Tokayev met in Bishkek"
    " on Tuesday, on the sidelines of the regional SCO summit.\n",
    "March 6, 2024\nHeadline\n\nChinese President Xi Jinping and Kazakh President Tokayev last met on"
    " Tuesday in Bishkek at a summit of the SCO.\n",
])
def test_a_summit_where_two_leaders_met_is_no_second_event(text):
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Xi Jinping", "Kassym-Jomart Tokayev"}
    assert meeting.date.start.iso() == "2024-03-05"


@pytest.mark.parametrize("text", [
    "Rabu, 6 Maret 2024 10:00 WIB\nJudul berita\n\nPresiden China Xi Jinping dan Presiden Kazakhstan"
    " Tokayev menghadiri KTT Organisasi Kerja Sama Shanghai di Bishkek pada Selasa (5/3).\n",
    "March 6, 2024\nHeadline\n\nChinese President Xi Jinping and Kazakh President Tokayev attended the"
    " Shanghai Cooperation Organisation summit in Bishkek on Tuesday.\n",
])
def test_a_summit_the_two_attend_is_still_reported(text):
    summit, = of_type(events_of(text), "meeting")
    assert summit.subtype == "summit"


@pytest.mark.parametrize("text", [
    "December 24, 2002\nHeadline\n\nToday Kazakh President Nursultan Nazarbayev is due to meet Hu Jintao, the vice"
    " president who became the party's general secretary last month and will succeed Jiang Zemin in March.\n",
    "Selasa, 24 Desember 2002 08:41 WIB\nJudul berita\n\nHari ini Presiden Kazakhstan Nursultan Nazarbayev dijadwalkan"
    " bertemu Hu Jintao, Sekretaris Jenderal Partai Komunis yang bulan lalu terpilih dan akan menggantikan Jiang Zemin pada"
    " Maret.\n",
])
def test_a_relative_clause_after_an_apposition_keeps_its_date_and_people(text):
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Nursultan Nazarbayev", "Hu Jintao"}
    assert meeting.date.start.iso() == "2002-12-24"


@pytest.mark.parametrize("text", [
    "Rabu, 18 Juni 2025 10:00 WIB\nJudul berita\n\nPresiden China Xi Jinping tiba di Astana pada Senin, 16 Juni, untuk"
    " kunjungan kenegaraan sekaligus menghadiri KTT kedua China-Asia Tengah.\n",
    "June 18, 2025\nHeadline\n\nChinese President Xi Jinping arrived in Astana on Monday for a state visit and to"
    " attend the China-Central Asia Summit.\n",
])
def test_a_summit_attended_on_the_same_trip_does_not_take_the_arrival_day(text):
    events = events_of(text)
    assert [e for e in of_type(events, "meeting") if e.date and e.date.start.iso() == "2025-06-16"] == []
    visit, = of_type(events, "visit")
    assert visit.date.start.iso() == "2025-06-16"
