"""General rules found while diagnosing the fifth probe set: going home is no visit, and the other
rules listed with their tests. Every text here is invented for the test."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events
from app.extract.types import ExtractedEvent


def events_of(text: str) -> list[ExtractedEvent]:
    return extract_events(parse_article(text, "test.txt"))


def of_type(events: list[ExtractedEvent], type_: str) -> list[ExtractedEvent]:
    return [e for e in events if e.type == type_]


def names(event: ExtractedEvent) -> set[str]:
    return {p.name for p in event.participants}


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
    "Kamis, 12 September 2019 09:00 WIB\nJudul berita\n\n"
    "Presiden Kazakhstan Kassym-Jomart Tokayev berpidato di Astana pekan lalu.\n"
    "Tokayev, yang menjabat presiden sejak Maret setelah Nursultan Nazarbayev mengundurkan diri, tiba di Beijing"
    " pada Rabu (11/9) untuk kunjungan kenegaraan.\n",
    "September 12, 2019\nHeadline\n\n"
    "Kazakh President Kassym-Jomart Tokayev spoke in Astana last week.\n"
    "Tokayev, who took office in March after Nursultan Nazarbayev resigned, arrived in Beijing on Wednesday"
    " for a state visit.\n",
])
def test_a_clause_opened_inside_a_relative_clause_ends_with_it(text):
    """"X, who ... after Y resigned, arrived": the subordinate clause about Y closes with the
    relative clause, and the arrival is X's."""
    visit, = of_type(events_of(text), "visit")
    assert names(visit) == {"Kassym-Jomart Tokayev"}
    assert visit.date.start.iso() == "2019-09-11"


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
