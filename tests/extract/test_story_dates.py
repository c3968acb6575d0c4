"""The date of the story an article opens with (issue 10, pattern 3): an opening sentence that tells an
event without a date tells the news of the day; a month recalled in a later sentence ("this
September" in a November article) is not that event's date. Invented articles in both languages."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def meeting_dates(text: str) -> list[str]:
    return [e.date.start.iso() for e in extract_events(parse_article(text, "story.txt"))
            if e.type == "meeting" and e.date is not None]


@pytest.mark.parametrize("text", [
    ("date 2031-11-04\n\nPremiers confer\n\nBISHKEK. On the sidelines of a regional forum, Kazakh Prime "
     "Minister Olzhas Bektenov met with Li Qiang, Premier of the State Council of China.\n\n"
     "\u00abThe declaration our presidents signed during the state visit to Beijing this September opened a "
     "new stage,\u00bb Bektenov said.\n"),
    ("date 2031-11-04\n\nPara PM bertemu\n\nBISHKEK. Di sela forum regional, Perdana Menteri Kazakhstan "
     "Olzhas Bektenov bertemu dengan Li Qiang, Perdana Menteri Dewan Negara China.\n\n"
     "\u00abDeklarasi yang ditandatangani presiden kami saat kunjungan kenegaraan ke Beijing pada bulan "
     "September lalu membuka babak baru,\u00bb kata Bektenov.\n"),
])
def test_an_undated_opening_is_the_news_of_the_day_not_a_month_recalled_after_it(text):
    assert meeting_dates(text) == ["2031-11"]


def test_a_later_sentence_still_dates_an_undated_opening_with_a_day():
    text = ("date 2031-11-04\n\nPremiers confer\n\nBISHKEK. Kazakh Prime Minister Olzhas Bektenov met with "
            "Li Qiang, Premier of the State Council of China.\n\nThe two premiers talked on 3 November "
            "about railways.\n")
    assert meeting_dates(text) == ["2031-11-03"]


@pytest.mark.parametrize("text, expected", [
    ("Leaders confer in Urumqi\n\nTrade between the neighbours reached $40 billion in 2027 and grew again in the "
     "first half of 2028. Kazakh President Kassym-Jomart Tokayev held talks with Xi Jinping in Urumqi on "
     "June 3.\n", "2028-06-03"),
    ("Para pemimpin bertemu di Urumqi\n\nPerdagangan kedua negara mencapai 40 miliar dolar pada 2027 dan naik "
     "lagi pada semester pertama 2028. Presiden Kazakhstan Kassym-Jomart Tokayev mengadakan pembicaraan dengan "
     "Xi Jinping di Urumqi pada 3 Juni.\n", "2028-06-03"),
    ("Leaders confer in Urumqi\n\nTrade between the neighbours rose in 2026, reached $40 billion in 2027 and "
     "should double by 2035. Kazakh President Kassym-Jomart Tokayev held talks with Xi Jinping in Urumqi on June 3.\n",
     "2027-06-03"),
])
def test_an_undated_page_telling_of_years_takes_the_latest_not_a_target(text, expected):
    assert meeting_dates(text) == [expected]
