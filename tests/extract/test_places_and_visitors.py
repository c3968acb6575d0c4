"""Where events happen and who travels, on invented pages (issue 10, patterns 2, 5 and 6): the
dateline is where the report was filed, not the venue; calls and letters happen nowhere; a meeting
held during a visit is where the visit went; a place may be described before it is named; "visiting"
describes the visitor named after it; "the Chinese leader" is China's head of state."""

from __future__ import annotations

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def events(text: str):
    return extract_events(parse_article(text))


def of_type(found, type_):
    return [e for e in found if e.type == type_]


def test_the_dateline_city_is_not_where_a_meeting_took_place():
    text = ("Monday, 5 May 2025\n\nPresidents meet\n\n"
            "BEIJING, May 5 (Agency) -- Chinese President Xi Jinping met Kazakh President Kassym-Jomart "
            "Tokayev on Monday, the foreign ministry said.\n")
    meeting, = of_type(events(text), "meeting")
    assert meeting.place is None
    assert not of_type(events(text), "visit")  # no visit to the city the report was filed from


def test_a_video_call_has_no_place_even_under_a_dateline():
    for text in (
        "Tuesday, 9 April 2024\n\nPremiers talk\n\nASTANA (Agency) - Kazakh Prime Minister Olzhas Bektenov "
        "held talks with Chinese Premier Li Qiang via video link on Tuesday.\n",
        "Selasa, 9 April 2024\n\nPara PM berunding\n\nJAKARTA (Agency) - Perdana Menteri Kazakhstan Olzhas "
        "Bektenov mengadakan pembicaraan dengan Perdana Menteri China Li Qiang melalui tautan video di Astana "
        "pada Selasa.\n",
    ):
        meeting, = of_type(events(text), "meeting")
        assert meeting.place is None, text


def test_a_meeting_during_a_visit_is_where_the_visit_went():
    text = ("Wednesday, 12 March 2025\n\nPremier in Astana\n\n"
            "Chinese Premier Li Qiang arrived in the Kazakh capital of Astana on Wednesday for an official "
            "visit. Li Qiang met Kazakh Prime Minister Olzhas Bektenov on Wednesday to discuss transit.\n")
    found = events(text)
    visit, = of_type(found, "visit")
    meeting, = of_type(found, "meeting")
    assert visit.place.name == "Astana"
    assert meeting.place.name == "Astana"


def test_a_place_described_before_its_name_is_the_destination():
    text = ("Kamis, 6 Maret 2025\n\nMenlu tiba\n\n"
            "Menteri Luar Negeri China Wang Yi tiba di ibu kota Kazakhstan, Astana, pada Kamis untuk "
            "kunjungan resmi.\n")
    visit, = of_type(events(text), "visit")
    assert visit.place.name == "Astana"
    assert [p.name for p in visit.participants if p.side == "guest"] == ["Wang Yi"]


def test_visiting_describes_the_visitor_named_after_its_title():
    text = ("Tuesday, 8 April 2025\n\nMinisters meet\n\n"
            "ASTANA. Kazakh Foreign Minister Murat Nurtleu met with the visiting member of the State "
            "Council, Foreign Minister of China Wang Yi, the ministry reports.\n")
    found = events(text)
    visits = of_type(found, "visit")
    assert visits, found
    assert {p.name for p in visits[0].participants if p.side == "guest"} == {"Wang Yi"}


def test_the_chinese_leader_is_chinas_head_of_state_on_the_day():
    text = ("Wednesday, 3 July 2024\n\nLeader lands\n\n"
            "The Chinese leader landed in Astana on Wednesday for a state visit, accompanied by Foreign "
            "Minister Wang Yi.\n")
    visit, = of_type(events(text), "visit")
    assert "Xi Jinping" in {p.name for p in visit.participants if p.side == "guest"}


def test_a_place_told_with_this_visit_is_not_where_the_visit_went():
    for text in (
        ("Selasa, 6 Mei 2025\n\nKunjungan\n\nPerdana Menteri China Li Qiang tiba di ibu kota Kazakhstan "
         "pada Senin untuk kunjungan resmi. Rencana jalur kereta dari Aktau ke Almaty juga dibahas dalam "
         "kunjungan ini.\n"),
        ("Tuesday, 6 May 2025\n\nVisit\n\nChinese Premier Li Qiang arrived in the Kazakh capital on "
         "Monday for an official visit. A railway from Aktau to Almaty was also on the table during this visit.\n"),
    ):
        visit, = of_type(events(text), "visit")
        assert visit.place is None  # the capital of that year is not named, and Almaty is the railway's
