"""The document the passes read: cues and mentions indexed per sentence once, offsets converted."""

from __future__ import annotations

from tests.extract.reading import document


def test_cues_and_mentions_are_indexed_by_sentence():
    doc = document("Wang Yi will visit Astana next week. He did not meet Tokayev, the ministry said.")
    first, second = doc.sentences
    assert {c.kind for c in doc.cues_in(first)} >= {"planned"}
    assert "planned" not in {c.kind for c in doc.cues_in(second)}
    kinds = [c.kind for c in doc.cues_in(second, "reporting", "negation")]  # kind by kind, in that order
    assert set(kinds) == {"reporting", "negation"} and kinds == sorted(kinds, reverse=True)
    assert all(second.tok_start <= c.start < second.tok_end for c in doc.cues_in(second))
    assert {m.label.split("|")[0] for m in doc.mentions_in(first)} >= {"actor", "trigger", "place"}
    assert all(first.tok_start <= m.start < first.tok_end for m in doc.mentions_in(first))


def test_a_cue_kind_is_found_in_a_token_range():
    doc = document("Li Qiang akan berkunjung ke Astana. Ia tidak bertemu Tokayev.")
    negation = doc.cues_by_kind["negation"][0]
    assert doc.has_cue("negation", negation.start, negation.start + 1)
    assert not doc.has_cue("negation", 0, negation.start)


def test_token_and_original_offsets_convert_both_ways():
    text = "Wang Yi met Murat Nurtleu."
    doc = document(text)
    met = next(i for i, t in enumerate(doc.tokens) if t.text == "met")
    assert doc.orig_offset(met) == text.index("met")
    assert doc.token_at(text.index("met")) == met
    assert doc.tokens_between(text.index("Wang"), text.index("Murat")) == 2  # "Yi", "met"
