"""Whole articles (invented, in the layout of scraped news) through ``extract_events``: one event per
real event, passages pointing into the original text, dates from the right phrase, both sides
required, nothing from boilerplate, captions only as support."""

from __future__ import annotations


from app.extract.article import parse_article
from app.extract.pipeline import explain, extract_events, format_explanation
from app.extract.types import ExtractedEvent, ParsedArticle, PartialDate


def events_of(text: str, name: str = "test.txt") -> list[ExtractedEvent]:
    return extract_events(parse_article(text, name))


def by_type(events: list[ExtractedEvent], type_: str) -> list[ExtractedEvent]:
    return [e for e in events if e.type == type_]


def names(event: ExtractedEvent) -> set[str]:
    return {p.name for p in event.participants}


VISIT_ID = (
    "date 2023-10-20\n"
    "Xi Jinping Tiba di Astana\n\n"
    "ASTANA, KOMPAS.TV - Presiden China Xi Jinping tiba di Astana pada Kamis (19/10) untuk kunjungan\u00a0kenegaraan"
    " ke Kazakhstan atas undangan Presiden Kassym-Jomart Tokayev.\n"
    "Presiden China Xi Jinping (kiri) berjabat tangan dengan Presiden Tokayev di Istana Akorda, Astana,"
    " 19 Oktober 2023. (Xinhua/Li Ming)\n"
    "Kedua presiden kemudian mengadakan pembicaraan resmi mengenai kerja sama energi dan gas alam.\n"
    "Seusai pembicaraan, kedua kepala negara menandatangani Pernyataan Bersama, lalu menyaksikan penyerahan"
    " sejumlah dokumen kerja sama.\n"
    "Sementara itu, jumlah wisatawan dan penerbangan langsung antara kedua negara terus bertambah.\n"
    "Baca juga: Xi Jinping bertemu Tokayev di Beijing tahun lalu\n"
)


def test_an_indonesian_visit_article_gives_visit_talks_and_statement_once_each():
    events = events_of(VISIT_ID)
    assert sorted(e.type for e in events) == ["agreement", "meeting", "visit"]
    visit, = by_type(events, "visit")
    assert visit.subtype == "state_visit" and visit.date.start.iso() == "2023-10-19"
    assert {(p.name, p.side) for p in visit.participants} == {("Xi Jinping", "guest"),
                                                              ("Kassym-Jomart Tokayev", "host")}
    assert visit.place.name == "Astana" and visit.status == "reported"
    meeting, = by_type(events, "meeting")
    assert meeting.subtype == "talks" and names(meeting) == {"Xi Jinping", "Kassym-Jomart Tokayev"}
    assert meeting.date.start.iso() == "2023-10-19"
    agreement, = by_type(events, "agreement")
    assert agreement.subtype == "joint_statement"


def test_passages_point_into_the_original_text_with_its_odd_spaces():
    events = events_of(VISIT_ID)
    visit, = by_type(events, "visit")
    quoted = [VISIT_ID[p.start:p.end] for p in visit.passages]
    assert any("kunjungan\u00a0kenegaraan" in q for q in quoted)
    assert all(p.rule.startswith("trigger:") for p in visit.passages)


def test_boilerplate_never_creates_or_feeds_an_event():
    for event in events_of(VISIT_ID):
        for passage in event.passages:
            assert "Baca juga" not in VISIT_ID[passage.start:passage.end]
        assert event.date.start.year == 2023


def test_a_caption_supports_an_event_stated_in_the_body():
    meeting, = by_type(events_of(VISIT_ID), "meeting")
    kinds = {VISIT_ID[p.start:p.end][:12]: p.kind for p in meeting.passages}
    assert "support" in kinds.values() and "statement" in kinds.values()


def test_a_caption_alone_creates_nothing():
    text = ("date 2023-10-20\nPameran dagang dibuka\n\n"
            "Pameran dagang internasional dibuka di Almaty pada Jumat dengan ratusan peserta dari berbagai negara.\n"
            "Presiden China Xi Jinping (kiri) berjabat tangan dengan Presiden Tokayev di Astana,"
            " 17 Oktober 2023. (Xinhua/Li Ming)\n")
    assert events_of(text) == []


def test_topics_come_from_the_events_own_passages():
    meeting, = by_type(events_of(VISIT_ID), "meeting")
    assert "energy" in meeting.topics
    assert "visas-tourism" not in meeting.topics  # tourism is mentioned, but not about the talks


def test_events_with_a_third_country_only_are_not_events():
    text = ("date 2022-09-16\nPutin meets Xi\n\n"
            "SAMARKAND - Russian President Vladimir Putin met Chinese President Xi Jinping for talks on Thursday"
            " on the sidelines of a summit in Uzbekistan.\n"
            "Separately, Kazakh Foreign Minister Mukhtar Tileuberdi met European Union officials in Brussels on"
            " Wednesday.\n")
    assert events_of(text) == []


def test_two_meetings_with_different_counterparts_stay_apart():
    text = ("date 2016-04-12\nChinese Premier in Astana\n\n"
            "ASTANA - Premier Li Keqiang held talks on Monday with Kazakh Prime Minister Karim Massimov.\n"
            "Li also met Kazakh President Nursultan Nazarbayev on Monday.\n")
    meetings = by_type(events_of(text), "meeting")
    assert sorted(sorted(names(m)) for m in meetings) == [["Karim Massimov", "Li Keqiang"],
                                                          ["Li Keqiang", "Nursultan Nazarbayev"]]
    assert {m.date.start.iso() for m in meetings} == {"2016-04-11"}


def test_a_back_reference_does_not_create_a_second_call():
    text = ("date 2024-03-06\nPercakapan telepon\n\n"
            "BEIJING - Menteri Luar Negeri Wang Yi melakukan percakapan telepon dengan Menteri Luar Negeri Kazakhstan"
            " Murat Nurtleu pada Selasa (5/3).\n"
            "Percakapan telepon tersebut berlangsung sehari setelah Presiden Xi Jinping menerima surat dari"
            " Presiden Kassym-Jomart Tokayev.\n")
    calls = [e for e in events_of(text) if e.subtype == "phone_call"]
    assert len(calls) == 1 and names(calls[0]) == {"Wang Yi", "Murat Nurtleu"}
    assert calls[0].date.start.iso() == "2024-03-05" and len(calls[0].passages) == 2


def test_a_date_of_the_announcement_is_not_the_date_of_the_visit():
    text = ("date 2023-10-10\nRencana kunjungan\n\n"
            "BEIJING - Presiden Kazakhstan Kassym-Jomart Tokayev akan melakukan kunjungan kenegaraan ke Tiongkok"
            " pada 17 Oktober, kata Kementerian Luar Negeri Tiongkok, Senin (9/10).\n")
    visit, = events_of(text)
    assert visit.status == "planned" and visit.date.start.iso() == "2023-10-17"


def test_an_undated_reported_event_takes_the_month_of_publication():
    text = ("date 2021-06-03\nTelephone conversation\n\n"
            "Kazakh Prime Minister Askar Mamin had a telephone conversation with Chinese Premier Li Keqiang,"
            " the government press service said.\n")
    call, = events_of(text)
    assert call.date.start.iso() == "2021-06" and call.date.rule == "publication"
    assert "date_from_publication" in call.signals


def test_an_event_without_any_date_is_left_out_but_explained():
    text = ("Kazakh Prime Minister Askar Mamin had a telephone conversation with Chinese Premier Li Keqiang,"
            " the government press service said.\n")
    article = ParsedArticle(text=text, title=None, outlet=None, published=None, language="en")
    assert extract_events(article) == []
    undated, = explain(article)["events"]
    assert undated["date"] is None and not undated["kept"] and "no_date" in undated["signals"]
    dated, = events_of("date 2021-06-03\nCall\n\n" + text)
    assert dated.date is not None and dated.confidence > undated["confidence"]


def test_a_copyright_year_dates_partial_dates_when_there_is_no_date_line():
    text = ("ASTANA - Presiden Kazakhstan Kassym-Jomart Tokayev bertemu Presiden Tiongkok Xi Jinping pada"
            " Rabu (17/5) di Astana.\nCopyright \u00a9 ANTARA 2023\n")
    meeting, = [e for e in events_of(text) if e.type == "meeting"]
    assert meeting.date.start.iso() == "2023-05-17"


def test_an_unnamed_office_holder_is_the_holder_on_the_event_date():
    text = ("date 2015-05-21\nKunjungan Perdana Menteri\n\n"
            "BEIJING - Perdana Menteri Kazakhstan tiba di Beijing pada Rabu (20/5) untuk kunjungan resmi dan bertemu"
            " Perdana Menteri Tiongkok di Balai Agung Rakyat.\n")
    events = events_of(text)
    visit, = by_type(events, "visit")
    assert names(visit) == {"Karim Massimov", "Li Keqiang"}
    guest = next(p for p in visit.participants if p.side == "guest")
    assert guest.name == "Karim Massimov" and guest.office == "Prime Minister of Kazakhstan"
    assert visit.place.name == "Beijing"


def test_a_person_only_known_from_a_role_pattern_takes_part():
    text = ("date 2024-02-15\nDefence talks\n\n"
            "ASTANA - Kazakh Defence Minister Daulet Sarsenbekov held talks with Chinese Defence Minister Dong Jun"
            " in Astana on Wednesday.\n")
    meeting, = by_type(events_of(text), "meeting")
    unknown = next(p for p in meeting.participants if p.name == "Daulet Sarsenbekov")
    assert not unknown.from_lexicon and unknown.country == "Kazakhstan"
    assert "person_from_role_pattern" in meeting.signals


def test_a_meeting_in_the_other_country_implies_a_visit():
    text = ("date 2023-05-19\nXi meets Tokayev\n\n"
            "XI'AN - Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Xi'an on Wednesday.\n")
    visit, = by_type(events_of(text), "visit")
    assert {(p.name, p.side) for p in visit.participants} >= {("Kassym-Jomart Tokayev", "guest")}
    # the visit's own day is not stated: it is known to the month of the meeting
    assert "derived_from_meeting" in visit.signals and visit.date.start.iso() == "2023-05"


def test_a_background_recap_without_a_date_is_not_an_event_but_the_news_is():
    text = ("date 2024-07-04\nTalks in Astana\n\n"
            "ASTANA - Chinese leader Xi Jinping held talks with President Kassym-Jomart Tokayev of Kazakhstan on"
            " Wednesday.\n"
            "Xi had previously visited Kazakhstan several times.\n")
    events = events_of(text)
    assert "meeting" in [e.type for e in events]
    for event in events:
        assert all("previously" not in text[p.start:p.end] for p in event.passages)


def test_confidence_is_bounded_and_explained():
    for event in events_of(VISIT_ID):
        assert 0 < event.confidence <= 1 and event.signals


def test_explain_names_the_rule_and_the_reason_for_each_candidate():
    text = VISIT_ID.replace("Baca juga:", "Presiden Tokayev tidak bertemu Putin pekan ini.\nBaca juga:")
    article = parse_article(text, "x.txt")
    report = explain(article)
    assert len(report["events"]) == 3
    assert any(c["verdict"] != "complete" and c["reason"] for c in report["candidates"])
    text = format_explanation(article, report)
    assert "trigger:visit/state_visit" in text and "negated" in text


def test_published_date_is_used_for_relative_dates():
    text = ("date 2024-01-10\nCall\n\n"
            "Wang Yi held a phone call with Murat Nurtleu on Monday.\n")
    call, = events_of(text)
    assert call.date.start == PartialDate(2024, 1, 8)


def test_within_a_multi_day_visit_an_undated_meeting_keeps_the_month_or_the_stated_day():
    text = ("date 2018-06-12\nState visit\n\n"
            "BEIJING - Kazakh President Nursultan Nazarbayev made a state visit to China on June 6-8 at the"
            " invitation of President Xi Jinping.\n"
            "The two presidents held talks on trade.\n"
            "On the first day of his visit, Nazarbayev met Premier Li Keqiang.\n")
    events = events_of(text)
    visit, = by_type(events, "visit")
    assert (visit.date.start.iso(), visit.date.end.iso()) == ("2018-06-06", "2018-06-08")
    dates = {frozenset(names(m)): m.date.start.iso() for m in by_type(events, "meeting")}
    assert dates[frozenset({"Xi Jinping", "Nursultan Nazarbayev"})] == "2018-06"
    assert dates[frozenset({"Li Keqiang", "Nursultan Nazarbayev"})] == "2018-06-06"


def test_an_ambassador_meeting_in_the_host_country_is_not_a_visit():
    text = ("date 2020-10-15\nAmbassador meets minister\n\n"
            "NUR-SULTAN - Chinese Ambassador Zhang Xiao met Kazakh Foreign Minister Mukhtar Tileuberdi in"
            " Nur-Sultan on Wednesday.\n")
    events = events_of(text)
    assert [e.type for e in events] == ["meeting"]
    assert {p.office for p in events[0].participants} >= {"Ambassador of China to Kazakhstan"}


def test_a_running_total_of_agreements_is_not_a_signing():
    text = ("date 2021-03-02\nTrade ties\n\n"
            "China and Kazakhstan have signed more than fifty agreements since 1992, officials said.\n")
    assert events_of(text) == []


def test_an_older_indonesian_visit_with_talks_and_a_same_clause_signing():
    text = ("date 2004-05-18\nPresiden China Kunjungi Kazakhstan\n\n"
            "ASTANA (ANTARA) - Presiden China Hu Jintao tiba di Astana pada Senin (17/5) untuk kunjungan kenegaraan"
            " ke Kazakhstan.\n"
            "Kedua kepala negara mengadakan pembicaraan pada Selasa dan menandatangani sebuah deklarasi bersama.\n"
            "Dalam kunjungan itu, Hu juga dijadwalkan bertemu dengan Perdana Menteri Daniyal Akhmetov.\n")
    events = events_of(text)
    visit, = by_type(events, "visit")
    assert names(visit) == {"Hu Jintao"} and visit.date.start.iso() == "2004-05-17"
    agreement, = by_type(events, "agreement")
    assert agreement.date.start.iso() == "2004-05-18" and agreement.subtype == "joint_statement"
    planned = [m for m in by_type(events, "meeting") if m.status == "planned"]
    assert [sorted(names(m)) for m in planned] == [["Daniyal Akhmetov", "Hu Jintao"]]


def test_a_kazakhstan_russia_article_mentioning_china_gives_nothing():
    text = ("date 2021-09-16\nTokayev meets Putin\n\n"
            "MOSCOW - Kazakh President Kassym-Jomart Tokayev held talks with Russian President Vladimir Putin in the"
            " Kremlin on Wednesday.\n"
            "The two leaders also discussed cooperation with China within the SCO.\n"
            "Tokayev earlier met Chinese businessmen in Almaty.\n")
    assert events_of(text) == []
