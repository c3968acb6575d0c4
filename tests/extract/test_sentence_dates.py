"""The first dating step alone (``date_sentence``): which date of a sentence each of its frames takes,
on invented one-sentence texts in English and Indonesian (published Friday 20 October 2023)."""

from __future__ import annotations

import pytest

from app.extract.frames import read_frames
from app.extract.sentence_dates import claim_dates, date_sentence
from tests.extract.reading import context, document


def dated(text: str, language: str = "en") -> list[tuple[str, str | None, str | None, list[str]]]:
    """(type, date, source, signals) of each frame of a one-sentence text, dated by its sentence only."""
    doc = document(text, language)
    frames = read_frames(doc, context(doc))
    date_sentence(doc, frames)
    return [(f.type, f.date.start.iso() if f.date else None, f.date_source, f.signals) for f in frames]


@pytest.mark.parametrize("text, language", [
    ("Xi Jinping visited Kazakhstan in May 2019, and Li Qiang visited Kazakhstan in September 2019.", "en"),
    ("Xi Jinping berkunjung ke Kazakhstan pada Mei 2019, dan Li Qiang berkunjung ke Kazakhstan pada "
     "September 2019.", "id"),
])
def test_each_date_is_claimed_by_the_nearest_frame(text, language):
    doc = document(text, language)
    frames = read_frames(doc, context(doc))
    claims = claim_dates(doc, frames).claimed
    assert [[c.date.start.iso() for c in claimed] for claimed in claims] == [["2019-05"], ["2019-09"]]
    assert [date for _, date, _, _ in dated(text, language)] == ["2019-05", "2019-09"]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi met Murat Nurtleu in Astana, the ministry's spokesman said on Wednesday.", "en"),
    ("Wang Yi bertemu Murat Nurtleu di Astana, kata juru bicara kementerian itu pada Rabu (18/10).", "id"),
])
def test_the_date_of_the_report_is_not_the_events(text, language):
    assert dated(text, language) == [("meeting", None, None, [])]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi is scheduled to meet Murat Nurtleu on Tuesday.", "en"),
    ("Wang Yi dijadwalkan bertemu Murat Nurtleu pada Selasa.", "id"),
])
def test_a_weekday_in_a_planned_clause_lies_ahead(text, language):
    assert dated(text, language) == [("meeting", "2023-10-24", "sentence", [])]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi met Murat Nurtleu on Monday and signed a memorandum.", "en"),
    ("Wang Yi bertemu Murat Nurtleu pada Senin (16/10) dan menandatangani nota kesepahaman.", "id"),
])
def test_one_clause_has_one_day(text, language):
    assert dated(text, language) == [("meeting", "2023-10-16", "sentence", []),
                                     ("agreement", "2023-10-16", "sentence", [])]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi visited Astana on 16 October, where he met Murat Nurtleu.", "en"),
    ("Wang Yi berkunjung ke Astana pada 16 Oktober, ketika ia bertemu Murat Nurtleu.", "id"),
])
def test_a_clause_joined_by_a_word_of_simultaneity_takes_the_date_of_the_clause_before(text, language):
    assert dated(text, language) == [("visit", "2023-10-16", "sentence", []),
                                     ("meeting", "2023-10-16", "sentence", ["date_of_clause_before"])]


@pytest.mark.parametrize("text, language", [
    ("Wang Yi held talks with Murat Nurtleu in Astana on 16 October, where the minister had arrived for a "
     "two-day stay.", "en"),
    ("Wang Yi mengadakan pembicaraan dengan Murat Nurtleu di Astana pada 16 Oktober, tempat menteri itu tiba "
     "untuk kunjungan dua hari.", "id"),
])
def test_a_visit_is_under_way_on_the_day_of_the_event_its_sentence_dates(text, language):
    (_, talks_date, talks_source, _), (visit_type, visit_date, visit_source, _) = dated(text, language)
    assert (talks_date, talks_source) == ("2023-10-16", "sentence")
    assert (visit_type, visit_date, visit_source) == ("visit", "2023-10-16", "shared")


@pytest.mark.parametrize("text, language", [
    ("President Tokayev met Xi Jinping in March 1993.", "en"),
    ("Presiden Tokayev bertemu Xi Jinping pada Maret 1993.", "id"),
])
def test_a_date_before_a_named_office_was_held_is_not_the_events(text, language):
    assert dated(text, language) == [("meeting", None, None, [])]
