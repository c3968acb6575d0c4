"""Words of travel and of hosting that analyses use (issue 10): "flew to", "terbang ke" are visits;
"hosted", "menjamu" a person is a meeting; "the two men" are the two sides. Invented pages."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def found(text: str) -> list[tuple[str, str | None, frozenset[str]]]:
    return [(e.type, e.date.start.iso() if e.date else None, frozenset(p.name for p in e.participants))
            for e in extract_events(parse_article(text, "travel.txt"))]


@pytest.mark.parametrize("text", [
    "March 3, 2031\n\nAnalysis\n\nKazakh President Kassym-Jomart Tokayev flew to Beijing on 14 February 2031.\n",
    "3 Maret 2031\n\nAnalisis\n\nPresiden Kazakhstan Kassym-Jomart Tokayev terbang ke Beijing pada 14 Februari 2031.\n",
])
def test_flying_to_the_other_capital_is_a_visit(text):
    assert ("visit", "2031-02-14", frozenset({"Kassym-Jomart Tokayev"})) in found(text)


@pytest.mark.parametrize("text", [
    "March 3, 2031\n\nAnalysis\n\nChinese President Xi Jinping hosted Kazakh President Kassym-Jomart Tokayev "
    "in Beijing on 14 February 2031.\n",
    "3 Maret 2031\n\nAnalisis\n\nPresiden China Xi Jinping menjamu Presiden Kazakhstan Kassym-Jomart Tokayev "
    "di Beijing pada 14 Februari 2031.\n",
])
def test_hosting_a_person_is_a_meeting(text):
    assert ("meeting", "2031-02-14", frozenset({"Xi Jinping", "Kassym-Jomart Tokayev"})) in found(text)


def test_hosting_a_forum_is_no_meeting():
    text = ("March 3, 2031\n\nAnalysis\n\nAlmaty hosted a forum on logistics on 14 February 2031, with "
            "speakers from Kazakhstan and China.\n")
    assert [f for f in found(text) if f[0] == "meeting"] == []
