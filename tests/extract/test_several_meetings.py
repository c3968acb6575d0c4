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


@pytest.mark.parametrize("text", [
    ("Talks in Astana\n\nASTANA, June 6, 2017 - Chinese Vice Premier Zhang Gaoli on Tuesday met with Prime Minister "
     "Bakytzhan Sagintayev and with Senate Chairman Kassym-Jomart Tokayev.\n"),
    ("Pembicaraan di Astana\n\nASTANA, 6 Juni 2017 - Wakil Perdana Menteri China Zhang Gaoli pada Selasa bertemu "
     "dengan Perdana Menteri Bakytzhan Sagintayev dan dengan Ketua Senat Kassym-Jomart Tokayev.\n"),
])
def test_with_a_and_with_b_is_a_list_of_two_meetings(text):
    meetings = of_type(events_of(text), "meeting")
    assert sorted(tuple(sorted(names(m))) for m in meetings) == [
        ("Bakytzhan Sagintayev", "Zhang Gaoli"), ("Kassym-Jomart Tokayev", "Zhang Gaoli")]


def test_putting_names_to_a_statement_is_signing_it():
    text = ("Leaders sign\n\nASTANA, June 6, 2017 - President Xi Jinping and President Nursultan Nazarbayev on "
            "Tuesday put their names to a joint statement on trade.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert names(agreement) == {"Xi Jinping", "Nursultan Nazarbayev"}


@pytest.mark.parametrize("text", [
    ("Leaders in Astana\n\nSaturday, 10 June 2017\n\nPresident Xi Jinping arrived in Astana on Wednesday at the invitation of "
     "President Nursultan Nazarbayev. "
     "The two presidents spent Thursday together at the residence. After long talks, the leaders signed a "
     "joint statement.\n"),
    ("Pemimpin di Astana\n\nSabtu, 10 Juni 2017\n\nPresiden Xi Jinping tiba di Astana pada Rabu atas undangan "
     "Presiden Nursultan Nazarbayev. Kedua presiden menghabiskan hari Kamis bersama di kediaman resmi. Usai "
     "pembicaraan panjang, kedua pemimpin menandatangani pernyataan bersama.\n"),
])
def test_the_day_of_a_sentence_that_tells_no_event_dates_the_next_one_about_the_same_pair(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2017-06-08"


@pytest.mark.parametrize("sentence", [
    "Chinese Foreign Minister Wang Yi conferred with Kazakh Foreign Minister Murat Nurtleu in Astana on Monday.",
    "Chinese Foreign Minister Wang Yi sat down with Kazakh Foreign Minister Murat Nurtleu in Astana on Monday.",
    "On Monday Chinese Foreign Minister Wang Yi was received in Almaty by Kazakh President Kassym-Jomart Tokayev.",
    "Pada hari Senin Menlu China Wang Yi bertukar pikiran dengan Menlu Kazakhstan Murat Nurtleu di Almaty.",
    "Pada hari Senin Menlu China Wang Yi diterima di Almaty oleh Presiden Kazakhstan Kassym-Jomart Tokayev.",
])
def test_more_ways_to_say_two_officials_met(sentence):
    text = f"Talks\n\nTuesday, 21 May 2024\n\n{sentence}\n"
    meeting, = of_type(events_of(text), "meeting")
    assert "Wang Yi" in names(meeting) and meeting.date.start.iso() == "2024-05-20"


@pytest.mark.parametrize("verb", ["inked", "signed off on"])
def test_more_ways_to_say_a_document_was_signed(verb):
    text = (f"Deal\n\nTuesday, 21 May 2024\n\nOn Monday Chinese Foreign Minister Wang Yi and Kazakh Foreign "
            f"Minister Murat Nurtleu {verb} a consular agreement in Astana.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert names(agreement) == {"Wang Yi", "Murat Nurtleu"}


@pytest.mark.parametrize("text", [
    ("Talks\n\nWednesday, 27 April 1994\n\nChinese Premier Li Peng met Kazakh Prime Minister Sergey Tereshchenko "
     "on Tuesday. They discussed grain, which last year made up half of the trade.\n"),
    ("Pembicaraan\n\nRabu, 27 April 1994\n\nPerdana Menteri China Li Peng bertemu Perdana Menteri Kazakhstan "
     "Sergey Tereshchenko pada Selasa. Mereka membahas gandum, yang tahun lalu mencapai separuh perdagangan.\n"),
])
def test_a_relative_clause_about_the_topic_of_talks_does_not_date_them(text):
    meeting, = of_type(events_of(text), "meeting")
    assert meeting.date.start.iso() == "1994-04-26"


def test_an_all_capitals_headline_word_is_not_a_name():
    text = ("KAZAKH PRESIDENT OPENS BEIJING TRIP WITH TALKS\n\nTuesday, 18 May 2004\n\n"
            "Kazakh President Nursultan Nazarbayev arrived in Beijing on Monday for a state visit.\n")
    visits = of_type(events_of(text), "visit")
    assert [names(v) for v in visits] == [{"Nursultan Nazarbayev"}]


@pytest.mark.parametrize("text", [
    ("Pipeline\n\nFriday, 21 May 2004\n\nOn 17 May President Nursultan Nazarbayev held talks with President Hu "
     "Jintao for two hours, after which the two presidents watched ministers ink a pipeline agreement.\n"),
    ("Pipa minyak\n\nJumat, 21 Mei 2004\n\nPada 17 Mei Presiden Nursultan Nazarbayev mengadakan pembicaraan dengan "
     "Presiden Hu Jintao selama dua jam, setelah itu kedua presiden menyaksikan penandatanganan perjanjian pipa.\n"),
])
def test_what_follows_after_which_happened_on_the_day_of_the_clause_before(text):
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2004-05-17"


def test_a_when_clause_after_a_colon_dates_the_main_clause():
    text = ("History\n\nMonday, 5 March 2012\n\nThe ties grew fast: when Chinese leader Hu Jintao came on a state visit to "
            "Astana in July 2005, the two presidents signed a joint declaration on partnership.\n")
    agreement, = of_type(events_of(text), "agreement")
    assert agreement.date.start.iso() == "2005-07"


@pytest.mark.parametrize("text", [
    ("Talks\n\nThursday, 2 October 2008\n\nPresident Nursultan Nazarbayev flew to Beijing on Wednesday to meet "
     "Premier Wen Jiabao. The two leaders had met before in the Chinese capital in August, as Nazarbayev came for a sports "
     "event.\n"),
    ("Pembicaraan\n\nKamis, 2 Oktober 2008\n\nPresiden Nursultan Nazarbayev terbang ke Beijing pada Rabu untuk "
     "bertemu Perdana Menteri Wen Jiabao. Kedua pemimpin sebelumnya bertemu di ibu kota China pada Agustus, ketika "
     "Nazarbayev datang untuk acara olahraga.\n"),
])
def test_a_pair_reference_keeps_a_person_named_later_in_another_clause(text):
    meetings = [m for m in of_type(events_of(text), "meeting") if m.date.start.iso() == "2008-08"]
    assert [names(m) for m in meetings] == [{"Nursultan Nazarbayev", "Wen Jiabao"}]


@pytest.mark.parametrize("text", [
    ("Anniversary\n\nTuesday, 3 January 2023\n\nThe First President of Kazakhstan, Nursultan Nazarbayev, made his "
     "first trip to Beijing in 1993, and a year later the two countries signed a border treaty.\n"),
    ("Peringatan\n\nSelasa, 3 Januari 2023\n\nPresiden Pertama Kazakhstan, Nursultan Nazarbayev, melawat ke Beijing "
     "untuk pertama kalinya pada 1993, dan setahun kemudian China dan Kazakhstan meneken perjanjian perbatasan.\n"),
])
def test_a_title_given_after_the_fact_and_a_year_later(text):
    events = events_of(text)
    assert [v.date.start.iso() for v in of_type(events, "visit")] == ["1993"]
    assert [a.date.start.iso() for a in of_type(events, "agreement")] == ["1994"]


@pytest.mark.parametrize("sentence", [
    "On Monday Chinese Commerce Minister Wang Wentao and Kazakh Deputy Prime Minister Serik Zhumangarin co-chaired "
    "a session of the trade committee in Astana.",
    "Menteri Perdagangan China Wang Wentao dan Wakil Perdana Menteri Kazakhstan Serik Zhumangarin memimpin bersama "
    "sidang komite perdagangan di Astana pada hari Senin.",
])
def test_two_officials_who_chair_a_session_together_meet(sentence):
    text = f"Trade\n\nTuesday, 8 October 2024\n\n{sentence}\n"
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Wang Wentao", "Serik Zhumangarin"} and meeting.date.start.iso() == "2024-10-07"



@pytest.mark.parametrize("sentence", [
    "On Tuesday Xi Jinping, the Chinese leader, and his Kazakh peer Kassym-Jomart Tokayev approved a joint "
    "statement on partnership.",
    "Pada hari Selasa Xi Jinping, pemimpin China, dan mitranya Kassym-Jomart Tokayev menyepakati pernyataan "
    "bersama tentang kemitraan.",
])
def test_approving_a_joint_statement_is_an_agreement(sentence):
    text = f"Statement\n\nWednesday, 17 May 2023\n\n{sentence}\n"
    agreement, = of_type(events_of(text), "agreement")
    assert names(agreement) == {"Xi Jinping", "Kassym-Jomart Tokayev"} and agreement.date.start.iso() == "2023-05-16"


def test_agreeing_on_a_list_of_documents_to_sign_is_no_signing():
    text = ("Preparations\n\nFriday, 25 April 2025\n\nThe two foreign ministers agreed on a list of documents to be "
            "signed during the coming visit of President Xi Jinping.\n")
    assert of_type(events_of(text), "agreement") == []
