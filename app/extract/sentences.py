"""Sentence spans of a normalised article text.

Scraped text has sentences glued without a space ("Kazakhstan.Serangkaian"), lines cut in the middle
of a sentence, titles and date lines without a full stop, and abbreviations with full stops
("Sept. 14", "U.S."). Rules, in order:

- a blank line, and a line break after sentence-final punctuation, always end a sentence;
- a line break ends a sentence unless the next line starts in lower case (a line cut mid-sentence);
- ``.``, ``!`` or ``?`` (optionally followed by closing quotes/brackets) end a sentence when the next
  non-blank character is upper case, a digit or an opening quote, unless the word before the full
  stop is a known abbreviation (abbreviations.yaml) or a single capital letter (an initial);
- a full stop glued to the next capitalised word ends a sentence when the word before it has at
  least three letters ("Kazakhstan.Serangkaian", but not "U.S.");
- a "sentence" longer than ``MAX_SENTENCE_CHARS`` (a page without punctuation, a table flattened into
  one line) is cut at the last clause mark (``;``, ``,``) before the limit, else at the last space, so
  that the work done per sentence stays bounded and the whole text is read in time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from app.extract.lexicon import load_lexicon, register_schema

register_schema("abbreviations", "text")

SentenceKind = Literal["body", "caption", "title"]

_CLOSERS = "\"')]»”’"
MAX_SENTENCE_CHARS = 1200
"""Longer than any sentence of news prose (the longest real ones run to about 700 characters)."""
_CLAUSE_CUT = re.compile(r"[;,]\s")
_END = re.compile(r"[.!?]+[\"')\]]*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    kind: SentenceKind = "body"
    index: int = 0


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(entry["text"].lower() for entry in load_lexicon("abbreviations"))


def _word_before(text: str, dot: int) -> str:
    i = dot
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:dot]


def _skip_closers_back(text: str, i: int) -> int:
    """Position before any closing brackets/quotes that end right at ``i`` ("(Kazakhstan).")."""
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    return i


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _word_before(text, dot)
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial
    return word.lower().rstrip(".") in _abbreviations()


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Logical lines: physical lines joined when the next one continues in lower case."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n", text):
        end = match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        line = text[start:end]
        if merged and line.strip() and line.lstrip()[:1].islower():
            prev_start, prev_end = merged[-1]
            prev = text[prev_start:prev_end].rstrip()
            if prev and prev[-1] not in ".!?:" + _CLOSERS:
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        nxt = stop
        while nxt < end and text[nxt] == " ":
            nxt += 1
        if nxt >= end:
            continue
        following = text[nxt]
        glued = nxt == stop
        if not (following.isupper() or following.isdigit() or following in "\"'(“‘"):
            continue
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        if glued and len(_word_before(text, _skip_closers_back(text, dot))) < 3:
            continue
        out.append((cursor, stop))
        cursor = nxt
    out.append((cursor, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``MAX_SENTENCE_CHARS``, at clause marks where possible."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max((m.end() for m in _CLAUSE_CUT.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit)),
                  default=None)
        if cut is None:
            space = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
            cut = space + 1 if space > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _line_spans(text):
        for sentence_start, sentence_end in _split_line(text, line_start, line_end):
            for start, end in _bounded(text, sentence_start, sentence_end):
                start, end = _trim(text, start, end)
                if end > start:
                    spans.append((start, end))
    return spans
