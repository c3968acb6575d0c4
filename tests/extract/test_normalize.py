"""Normalisation and the exact way back to original offsets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract.normalize import normalize


def test_odd_spaces_become_plain_spaces():
    assert normalize("Xi\u00a0Jinping\u202fdan\u2009Tokayev").text == "Xi Jinping dan Tokayev"


def test_curly_quotes_become_straight():
    assert normalize("\u201cKami\u201d kata \u2018dia\u2019 \u00abya\u00bb").text == "\"Kami\" kata 'dia' \"ya\""


def test_soft_hyphens_and_zero_width_characters_disappear():
    assert normalize("Kaza\u00adkh\u200bstan\ufeff\u200d").text == "Kazakhstan"


def test_blank_runs_collapse_but_lines_stay():
    assert normalize("a  \t b\r\n\r\nc\n  d").text == "a b\n\nc\n d"


def test_text_without_anything_to_change_is_unchanged():
    text = "Presiden Xi Jinping tiba di Astana.\nIa disambut Tokayev."
    norm = normalize(text)
    assert norm.text == text
    assert norm.span_to_original(8, 18) == (8, 18)


def test_span_maps_back_to_the_matching_original_passage():
    text = "Presiden\u00a0\u00a0Xi  Jinping \u201ctiba\u201d di\u00adAstana"
    norm = normalize(text)
    for match in re.finditer(r"\S+", norm.text):
        start, end = norm.span_to_original(*match.span())
        assert normalize(text[start:end]).text == match.group()
    start, end = norm.span_to_original(norm.text.index("Xi"), norm.text.index("Jinping") + len("Jinping"))
    assert text[start:end] == "Xi  Jinping"


def test_span_ending_after_a_collapsed_run_covers_the_whole_run():
    text = "a   b"
    norm = normalize(text)
    assert norm.text == "a b"
    assert norm.span_to_original(0, 2) == (0, 4)
    assert norm.span_to_original(1, 3) == (1, 5)
    assert norm.to_original(2) == 4


def test_leading_and_trailing_edits():
    text = "  \u200bab  "
    norm = normalize(text)
    assert norm.text == " ab "
    start, end = norm.span_to_original(1, 3)
    assert text[start:end] == "ab"
    assert norm.span_to_original(0, len(norm.text)) == (0, len(text))


def test_empty_text():
    norm = normalize("")
    assert norm.text == ""
    assert norm.span_to_original(0, 0) == (0, 0)


ALPHABET = st.sampled_from(list("ab. \n\t\r") + ["\u00a0", "\u202f", "\u00ad", "\u200b", "\u201c", "\u2019", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_every_word_maps_back_exactly(text):
    norm = normalize(text)
    for match in re.finditer(r"[^\s]+", norm.text):
        start, end = norm.span_to_original(*match.span())
        assert 0 <= start <= end <= len(text)
        assert normalize(text[start:end]).text == match.group()


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_offsets_are_monotonic(text):
    norm = normalize(text)
    starts = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert starts == sorted(starts)
    start, end = norm.span_to_original(0, len(norm.text))
    assert normalize(text[start:end]).text == norm.text
