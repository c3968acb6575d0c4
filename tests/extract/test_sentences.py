"""Sentence splitting, and the bound on a sentence's length that keeps reading linear."""

from __future__ import annotations

from app.extract.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_sentences_end_at_full_stops_before_capitals():
    text = "The ministers met in Astana. They signed two accords. Talks go on."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The ministers met in Astana.", "They signed two accords.", "Talks go on."]


def test_a_text_without_punctuation_is_cut_into_bounded_pieces_that_cover_it():
    text = "the delegation visited the border crossing and inspected the cargo terminal " * 120
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    covered = "".join(text[a:b] for a, b in spans).replace(" ", "")
    assert covered == text.replace(" ", "")


def test_an_overlong_sentence_is_cut_at_a_clause_mark():
    clause = "the two sides agreed to expand rail freight through the border crossing at the dry port, "
    text = clause * 30
    first_start, first_end = split_sentences(text)[0]
    assert text[first_start:first_end].endswith(",")


def test_a_long_but_real_sentence_stays_whole():
    text = ("On the sidelines of the summit, the two presidents, who had last met in the spring, discussed "
            "trade, transit corridors, energy supplies and the security of the shared border, and agreed "
            "that their foreign ministers would prepare a joint statement for the autumn visit.")
    assert split_sentences(text) == [(0, len(text))]
