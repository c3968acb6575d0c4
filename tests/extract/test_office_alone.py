"""A title standing alone on a state's own pages (issue 10, pattern 2): "The Head of State received
..." on a Kazakh site is Kazakhstan's president on the event's day; the same words in a third country's
paper ("Presiden menerima ...") are that country's own president, and name no one here. Invented pages."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def meetings(text: str) -> list:
    return [e for e in extract_events(parse_article(text, "alone.txt")) if e.type == "meeting"]


@pytest.mark.parametrize("masthead, year, president", [
    ("akorda.kz", 2029, "Kassym-Jomart Tokayev"),
    ("The Astana Times", 2012, "Nursultan Nazarbayev"),
])
def test_the_head_of_state_on_a_kazakh_site_is_kazakhstans_president_that_day(masthead, year, president):
    text = (f"{masthead}\n12 March {year}\n\nA guest from Beijing\n\nThe Head of State received Chinese Foreign "
            f"Minister Wang Yi at the Akorda on 11 March. The sides went over the trade figures.\n")
    found = meetings(text)
    assert len(found) == 1 and {p.name for p in found[0].participants} == {"Wang Yi", president}


def test_a_bare_title_in_a_third_countrys_paper_names_no_one_here():
    text = ("Kompas.com\n12 Maret 2029\n\nTamu dari Beijing\n\nPresiden menerima Menteri Luar Negeri China Wang "
            "Yi di Istana Merdeka, Jakarta, pada 11 Maret. Keduanya membahas angka perdagangan.\n")
    assert meetings(text) == []


def test_a_head_of_state_in_lower_case_is_no_one():
    text = ("akorda.kz\n12 March 2029\n\nA guest from Beijing\n\nA former head of state received Chinese Foreign "
            "Minister Wang Yi in Almaty on 11 March.\n")
    assert meetings(text) == []
