"""Text normalisation with an exact way back to the original offsets.

Matching always runs on the normalised text; whatever is stored points into the original.
``normalize`` is length-preserving for characters replaced one for one (NBSP and other odd
spaces become a space, curly quotes become straight ones) and changes lengths only where runs
of blanks collapse to one space, ``\\r\\n`` becomes ``\\n``, and invisible characters (soft
hyphen, zero-width characters, BOM) disappear. Line breaks are kept: article parsing is line based.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_ONE_FOR_ONE: dict[str, str] = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u205f": " ", "\u3000": " ", "\t": " ", "\x0b": " ", "\x0c": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
}
_SPECIAL = re.compile("[" + "".join(_ONE_FOR_ONE) + "]")

# The edits that change the length. Kept as separate simple patterns (each starts with a fixed
# character) because the regex engine scans those far faster than one alternation.
_BLANKS = re.compile(r" {2,}")
_CARRIAGE = re.compile(r"\r\n?")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def _one_for_one(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    return _SPECIAL.sub(lambda match: _ONE_FOR_ONE[match.group()], text)


def _edits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` of every length-changing edit, in text order."""
    edits: list[tuple[int, int, str]] = []
    if "  " in text:
        edits += [(m.start(), m.end(), " ") for m in _BLANKS.finditer(text)]
    if "\r" in text:
        edits += [(m.start(), m.end(), "\n") for m in _CARRIAGE.finditer(text)]
    if _INVISIBLE.search(text) is not None:
        edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    edits.sort()
    return edits


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus the unchanged runs that tie it to the original.

    ``_runs`` holds ``(norm_start, orig_start, length)`` for every stretch copied unchanged
    (or replaced one for one); the gaps between runs are the edited places.
    """

    text: str
    original: str
    _norm_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]
    _lengths: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Original offset of normalised offset ``i`` taken as the *start* of a passage."""
        if not self._norm_starts:
            return 0 if i <= 0 else len(self.original)
        k = bisect_right(self._norm_starts, i) - 1
        if k < 0:
            return 0
        ns, os_, ln = self._norm_starts[k], self._orig_starts[k], self._lengths[k]
        if i < ns + ln:
            return os_ + (i - ns)
        # i sits in (or at the start of) the edited stretch after run k: start it there
        return os_ + ln

    def end_to_original(self, i: int) -> int:
        """Original offset of normalised offset ``i`` taken as the (exclusive) *end* of a passage."""
        if not self._norm_starts:
            return len(self.original) if i > 0 else 0
        k = bisect_left(self._norm_starts, i) - 1
        if k < 0:
            return self._orig_starts[0] if i > 0 else 0
        ns, os_, ln = self._norm_starts[k], self._orig_starts[k], self._lengths[k]
        if i <= ns + ln:
            return os_ + (i - ns)
        # i lies past run k inside an edit: include the whole edited stretch
        if k + 1 < len(self._orig_starts):
            return self._orig_starts[k + 1]
        return len(self.original)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` in the original such that ``original[start:end]`` is the passage."""
        if end <= start:
            point = self.to_original(start)
            return point, point
        return self.to_original(start), self.end_to_original(end)


def normalize(text: str) -> NormalizedText:
    """Normalise spaces, quotes and invisible characters; keep a map back to ``text``."""
    translated = _one_for_one(text)
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    lengths: list[int] = []
    norm_pos = 0
    orig_pos = 0
    for start, end, replacement in _edits(translated):
        if start > orig_pos:
            norm_starts.append(norm_pos)
            orig_starts.append(orig_pos)
            lengths.append(start - orig_pos)
            pieces.append(translated[orig_pos:start])
            norm_pos += start - orig_pos
        pieces.append(replacement)
        norm_pos += len(replacement)
        orig_pos = end
    if orig_pos < len(translated):
        norm_starts.append(norm_pos)
        orig_starts.append(orig_pos)
        lengths.append(len(translated) - orig_pos)
        pieces.append(translated[orig_pos:])
    return NormalizedText(
        text="".join(pieces),
        original=text,
        _norm_starts=tuple(norm_starts),
        _orig_starts=tuple(orig_starts),
        _lengths=tuple(lengths),
    )
