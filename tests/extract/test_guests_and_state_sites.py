"""References to a visitor ("the Chinese guest", "tamunya"), pairs named by role ("the heads of the
delegations"), and pages published by a body of one of the two states, whose bare titles ("the Head of
State") are that state's. Invented texts (real office holders, made-up sentences and dates)."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from tests.extract.helpers import events_of, names, of_type

GUEST = {
    "en": ("Talks in Astana\n\nWednesday, 14 October 2015\n\nASTANA - Kazakh Foreign Minister Yerlan Idrissov held "
           "talks with Chinese Foreign Minister Wang Yi in Astana on Tuesday. Later, Prime Minister Karim Massimov "
           "received the Chinese guest.\n"),
    "id": ("Pembicaraan di Astana\n\nRabu, 14 Oktober 2015\n\nASTANA - Menteri Luar Negeri Kazakhstan Yerlan Idrissov "
           "mengadakan pembicaraan dengan Menteri Luar Negeri China Wang Yi di Astana, Selasa (13/10). Kemudian "
           "Perdana Menteri Karim Massimov menerima tamu dari China itu.\n"),
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_guest_is_the_visitor_last_named(language):
    meetings = of_type(events_of(GUEST[language]), "meeting")
    assert sorted(tuple(sorted(names(m))) for m in meetings) == [
        ("Karim Massimov", "Wang Yi"), ("Wang Yi", "Yerlan Idrissov")]


@pytest.mark.parametrize("text", [
    ("Talks\n\nWednesday, 14 October 2015\n\nASTANA - Kazakh Defence Minister Imangali Tasmagambetov held talks "
     "with Chinese Defence Minister Chang Wanquan on Tuesday. After the meeting the heads of the delegations "
     "signed a plan of military cooperation.\n"),
    ("Pembicaraan\n\nRabu, 14 Oktober 2015\n\nASTANA - Menteri Pertahanan Kazakhstan Imangali Tasmagambetov "
     "mengadakan pembicaraan dengan Menteri Pertahanan China Chang Wanquan, Selasa (13/10). Usai pembicaraan, "
     "kedua ketua delegasi menandatangani rencana kerja sama militer.\n"),
])
def test_the_heads_of_the_delegations_are_the_two_principals(text):
    agreement, = of_type(events_of(text), "agreement")
    assert names(agreement) == {"Imangali Tasmagambetov", "Chang Wanquan"}


STATE_SITE = ("MINISTRY OF TRADE AND INTEGRATION, KAZAKHSTAN\nNews | Contacts | Documents\n\n"
              "Minister meets Chinese delegation\n\n14.10.2015\n\n"
              "Minister of Energy Vladimir Shkolnik received the Chinese delegation led by Nur Bekri in Astana "
              "on Tuesday. In the evening the Head of State hosted the Chinese guest.\n")


def test_a_page_headed_by_a_state_body_is_that_states_own():
    assert parse_article(STATE_SITE).extra.get("outlet_country") == "Kazakhstan"
    embassy = "Embassy of China in Astana\n\n" + STATE_SITE.split("\n", 1)[1]
    assert parse_article(embassy).extra.get("outlet_country") == "China"
    assert parse_article(STATE_SITE.split("\n", 1)[1]).extra.get("outlet_country") is None


def test_the_head_of_state_on_a_state_site_receives_the_guest():
    meetings = of_type(events_of(STATE_SITE), "meeting")
    assert ("Nur Bekri", "Nursultan Nazarbayev") in {tuple(sorted(names(m))) for m in meetings}


@pytest.mark.parametrize("text, month", [
    ("Ministers talk\n\nWednesday, 15 October 2008\n\nOn Tuesday Kazakh Foreign Minister Marat Tazhin spoke by "
     "phone with Chinese Foreign Minister Yang Jiechi. The two ministers agreed to hold a round of talks in "
     "Astana in December.\n", "2008-12"),
    ("Menlu bicara\n\nRabu, 15 Oktober 2008\n\nMenlu Kazakhstan Marat Tazhin berbicara lewat telepon dengan Menlu "
     "China Yang Jiechi, Selasa (14/10). Kedua menteri sepakat menggelar pembicaraan di Astana pada Desember.\n",
     "2008-12"),
])
def test_talks_agreed_for_a_month_lie_ahead(text, month):
    talks = [m for m in of_type(events_of(text), "meeting") if m.subtype != "phone_call"]
    assert [(m.date.start.iso(), m.status) for m in talks] == [(month, "planned")]


def test_a_you_might_also_like_list_is_navigation():
    text = ("Ministers talk\n\nWednesday, 15 October 2008\n\nOn Tuesday Kazakh Foreign Minister Marat Tazhin spoke "
            "by phone with Chinese Foreign Minister Yang Jiechi about transit trade.\n\nYou might also like:\n"
            "Premier Wen Jiabao holds talks with Karim Massimov in Beijing (12 November 2007)\n"
            "Kazakh grain exports reach record high\n")
    assert [m.subtype for m in events_of(text)] == ["phone_call"]


@pytest.mark.parametrize("text", [
    ("Regional talks\n\nThursday, 16 May 2024\n\nTALDYKORGAN - Akim of Zhetysu region Beibit Saparov on Wednesday "
     "received in his office a delegation headed by Liu Wenbo, vice chairman of the Xinjiang Uygur Autonomous "
     "Region.\n"),
    ("Pembicaraan daerah\n\nKamis, 16 Mei 2024\n\nTALDYKORGAN - Akim Wilayah Zhetysu, Beibit Saparov, pada Rabu "
     "(15/5) menerima di kantornya delegasi yang dipimpin Liu Wenbo, Wakil Ketua Daerah Otonomi Uighur "
     "Xinjiang.\n"),
])
def test_a_regional_head_receives_a_delegation_led_by_a_named_official(text):
    meeting, = of_type(events_of(text), "meeting")
    assert names(meeting) == {"Beibit Saparov", "Liu Wenbo"}
    assert meeting.date.start.iso() == "2024-05-15"


@pytest.mark.parametrize("text", [
    ("Grain trade\n\nThursday, 20 March 2025\n\nKazakh Agriculture Minister Nurlan Abenov held a video call with "
     "Chinese Vice Minister of Agriculture Sun Wei on Tuesday. The barley protocol was signed last month in "
     "Beijing. At that time Abenov travelled to Beijing on a working visit.\n"),
    ("Perdagangan gandum\n\nKamis, 20 Maret 2025\n\nMenteri Pertanian Kazakhstan Nurlan Abenov melakukan "
     "konferensi video dengan Wakil Menteri Pertanian China Sun Wei, Selasa (18/3). Protokol jelai diteken bulan "
     "lalu di Beijing. Saat itu Abenov berkunjung ke Beijing.\n"),
])
def test_a_surname_alone_is_the_official_named_before_and_at_that_time_takes_the_date_before(text):
    visit, = of_type(events_of(text), "visit")
    assert names(visit) >= {"Nurlan Abenov"}
    assert visit.date.start.iso() == "2025-02"


@pytest.mark.parametrize("text", [
    ("Border accord\n\nFriday, 26 April 1996\n\nIn Shanghai, China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan "
     "signed a pact on military trust along their shared frontier on Friday.\n"),
    ("Perjanjian perbatasan\n\nJumat, 26 April 1996\n\nDi Shanghai, China, Rusia, Kazakhstan, Kirgistan dan "
     "Tajikistan meneken pakta kepercayaan militer di sepanjang perbatasan bersama, Jumat.\n"),
])
def test_a_document_signed_by_a_list_of_states_is_not_bilateral(text):
    assert of_type(events_of(text), "agreement") == []


@pytest.mark.parametrize("text", [
    ("Reception\n\nFriday, 13 September 2024\n\nOn Thursday President Kassym-Jomart Tokayev received Liu Guozhong, a "
     "Vice Premier of the State Council from China. Tokayev recalled how Chinese President Xi Jinping came on a state visit "
     "to Astana in July 2024. The Chinese guest is in Kazakhstan to chair a cooperation committee.\n"),
    ("Penerimaan\n\nJumat, 13 September 2024\n\nPresiden Kassym-Jomart Tokayev menerima Liu Guozhong, Wakil Perdana "
     "Menteri Dewan Negara China, Kamis (12/9). Tokayev mengenang kunjungan kenegaraan Presiden China Xi Jinping ke "
     "Astana pada Juli 2024. Tamu dari China itu berada di Kazakhstan untuk memimpin komite kerja sama.\n"),
])
def test_the_guest_is_the_visitor_of_the_day_not_one_recalled(text):
    events = events_of(text)
    meeting, = of_type(events, "meeting")
    assert names(meeting) == {"Kassym-Jomart Tokayev", "Liu Guozhong"}
    visitors = {tuple(sorted(names(v))) for v in of_type(events, "visit") if v.date.start.iso() >= "2024-09"}
    assert any("Liu Guozhong" in pair for pair in visitors) and not any("Xi Jinping" in pair for pair in visitors)


@pytest.mark.parametrize("text", [
    ("Denial\n\nSaturday, 22 February 2025\n\nThe Kazakh foreign ministry denied reports by a news site claiming that "
     "President Kassym-Jomart Tokayev will fly to Beijing next month for talks with President Xi Jinping.\n"),
    ("Bantahan\n\nSabtu, 22 Februari 2025\n\nKementerian Luar Negeri Kazakhstan membantah kabar dari sebuah situs "
     "berita yang menyebut Presiden Kassym-Jomart Tokayev pada bulan depan akan berkunjung ke China untuk bertemu "
     "Presiden Xi Jinping.\n"),
])
def test_a_denied_report_of_a_visit_is_no_event(text):
    assert events_of(text) == []


def test_a_blog_header_posted_on_a_date_with_a_category_gives_the_date():
    text = ("Notes on Eurasia\nDiposting: 20 Juni 2025 | Kategori: Asia Tengah | 3 komentar\n\nCatatan dari Astana\n\n"
            "Presiden Xi Jinping bertemu Presiden Kassym-Jomart Tokayev di Astana pada Senin lalu.\n")
    assert parse_article(text).published.iso() == "2025-06-20"


@pytest.mark.parametrize("text", [
    ("Diplomacy\n\nWednesday, 15 January 2025\n\nOn Tuesday Chinese Foreign Minister Wang Yi spoke by phone with "
     "Kazakh Foreign Minister Murat Nurtleu. The same day, the Ambassador of Kazakhstan to Indonesia, Daniyar "
     "Seitkali, met an Indonesian foreign ministry director in Jakarta to discuss a joint commission of the two "
     "countries.\n"),
    ("Diplomasi\n\nRabu, 15 Januari 2025\n\nMenlu China Wang Yi berbicara lewat telepon dengan Menlu Kazakhstan "
     "Murat Nurtleu, Selasa (14/1). Pada hari itu juga, Duta Besar Kazakhstan untuk Indonesia, Daniyar Seitkali, "
     "bertemu seorang direktur Kementerian Luar Negeri di Jakarta untuk membahas komisi bersama kedua negara.\n"),
])
def test_the_two_countries_of_an_envoy_to_a_third_state_are_his_and_that_state(text):
    meetings = of_type(events_of(text), "meeting")
    assert [names(m) for m in meetings] == [{"Wang Yi", "Murat Nurtleu"}]


@pytest.mark.parametrize("text", [
    ("Customs\n\nThursday, 20 February 2025\n\nKazakh Finance Minister Madi Takiyev received Chinese Vice Minister "
     "of Commerce Li Fei in Astana on Wednesday. Li and Takiyev also signed a memorandum on customs.\n"),
    ("Bea cukai\n\nKamis, 20 Februari 2025\n\nMenteri Keuangan Kazakhstan Madi Takiyev menerima Wakil Menteri "
     "Perdagangan China Li Fei di Astana, Rabu (19/2). Li dan Takiyev juga meneken memorandum bea cukai.\n"),
])
def test_a_family_name_stands_for_the_unlisted_official_named_before_not_a_listed_namesake(text):
    article_people = {p.name for e in events_of(text) for p in e.participants}
    assert not article_people & {"Li Keqiang", "Li Qiang", "Li Peng", "Li Zhanshu", "Li Yuanchao"}


@pytest.mark.parametrize("text", [
    ("Embassy\n\nFriday, 10 November 2023\n\nChinese Ambassador to Kazakhstan Zhang Xiao travelled to Karaganda on "
     "Tuesday, where he visited a coal plant built with Chinese loans.\n"),
    ("Kedutaan\n\nJumat, 10 November 2023\n\nDuta Besar China untuk Kazakhstan Zhang Xiao berkunjung ke Karaganda "
     "pada Selasa untuk meninjau pabrik batu bara yang dibangun dengan pinjaman China.\n"),
])
def test_an_ambassador_travelling_within_the_country_he_is_posted_to_makes_no_visit(text):
    assert of_type(events_of(text), "visit") == []
