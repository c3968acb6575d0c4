"""Marking what a search found in the words as written.

The index matched stems, aliases and the other language's names of an event; the reader sees
titles, names and passages as written. The highlighter takes each word of a display text and marks
it when its stem (in either language) is one the query asked for, or, for the last word typed, when
it starts with it. A query that names a whole phrase of a vocabulary group (a spelling of a person
or place, a type, subtype, topic or state in either language, app/search/vocabulary.py) also marks
the other phrases of that group: "Tokaev" marks "Kassym-Jomart Tokayev", "kunjungan kenegaraan"
marks "state visit".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from app.search import vocabulary
from app.search.query import PREFIX_MIN, search_terms
from app.search.stemming import LANGUAGES, WORD, fold, query_stems, stem


class Highlighter:
    """Finds the words of a text that the search words stand for (``re.Pattern``'s ``search`` and
    ``finditer``, so that the page's highlight filter takes either)."""

    def __init__(self, terms: list[str]) -> None:
        self.wanted: set[str] = {s for term in terms for s in query_stems(term)}
        self.prefix = terms[-1] if terms and len(terms[-1]) >= PREFIX_MIN else None
        for group in _groups_named(frozenset(self.wanted)):
            self.wanted.update(s for phrase in group for s in phrase.stems)
        self._decided: dict[str, bool] = {}  # a page repeats its words: each is judged once

    def matches(self, word: str) -> bool:
        decided = self._decided.get(word)
        if decided is None:
            folded = word.lower() if word.isascii() else fold(word)
            decided = self._decided[word] = (
                (self.prefix is not None and folded.startswith(self.prefix))
                or any(stem(folded, language) in self.wanted for language in LANGUAGES))
        return decided

    def finditer(self, text: str) -> Iterator[re.Match]:
        return (match for match in WORD.finditer(text) if self.matches(match.group()))

    def search(self, text: str) -> re.Match | None:
        return next(self.finditer(text), None)


def highlight_pattern(query: str | None) -> Highlighter | None:
    """What to mark for ``query``; None without search words."""
    terms = search_terms(query)
    return Highlighter(terms) if terms else None


@cache
def _phrases_by_stem() -> dict[str, list[tuple[frozenset[str], int]]]:
    """Each group phrase's stems, under each of its stems, with the group's index in ``all_groups``."""
    found: dict[str, list[tuple[frozenset[str], int]]] = {}
    for index, group in enumerate(vocabulary.all_groups()):
        for phrase in group:
            stems = frozenset(phrase.stems)
            for value in stems:
                found.setdefault(value, []).append((stems, index))
    return found


def _groups_named(wanted: frozenset[str]) -> list[vocabulary.Group]:
    """The groups one of whose phrases has all its stems among ``wanted``."""
    groups = vocabulary.all_groups()
    indexes = {index for value in wanted for stems, index in _phrases_by_stem().get(value, ()) if stems <= wanted}
    return [groups[index] for index in sorted(indexes)]
