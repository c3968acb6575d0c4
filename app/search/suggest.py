""""Did you mean …": for search words that find nothing, the nearest spelling the search knows.

The spellings it knows are the words of every vocabulary group (people and places in all their
spellings, the names of types, subtypes, topics and states in both languages: app/search/vocabulary.py)
and of the names of the people and places stored. Each search word that finds no event alone is
replaced by the closest known word that does (difflib's similarity ratio, at least ``CUTOFF``); a
word of one person's or place's spellings is suggested as its canonical name ("Tokajev": Kassym-Jomart
Tokayev, "Pekin": Beijing). The suggestion is made only if the new words, with the other filters,
find events.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import replace
from functools import cache

from sqlalchemy import select, union
from sqlmodel import Session

from app.models import Actor, Place
from app.search import query, vocabulary
from app.search.stemming import WORD, fold

CUTOFF = 0.75
CANDIDATES = 4  # known words tried for each word that finds nothing


def did_you_mean(session: Session, filters, count) -> str | None:
    """Search words like ``filters.q`` that find events under the same filters, or None.

    ``count(filters)``: how many events filters select (the caller's counting, bounded or not).
    """
    typed = WORD.findall(unicodedata.normalize("NFKC", filters.q or ""))[:query.MAX_TERMS]
    if not typed:
        return None
    dialect = session.get_bind().dialect.name
    known = None
    words, changed = [], False
    for word in typed:
        if _finds(session, dialect, fold(word)):
            words.append(word)
            continue
        known = known if known is not None else _known_words(session)
        better = next((known[c] for c in difflib.get_close_matches(fold(word), list(known), CANDIDATES, CUTOFF)
                       if c != fold(word) and _finds(session, dialect, c)), None)
        if better is None:
            return None
        words.append(better)
        changed = True
    if not changed:
        return None
    suggestion = " ".join(words)
    return suggestion if count(replace(filters, q=suggestion)) else None


def _finds(session: Session, dialect: str, term: str) -> bool:
    return bool(session.connection().scalar(query.bounded_count(dialect, [term], 1)))


def _known_words(session: Session) -> dict[str, str]:
    """Every word the search knows a spelling of: folded → as written."""
    names = session.connection().scalars(union(select(Actor.name), select(Place.name))).all()
    known = dict(_lexicon_words())
    for name in names:
        for word in WORD.findall(name):
            known.setdefault(fold(word), word)
    return known


@cache
def _lexicon_words() -> tuple[tuple[str, str], ...]:
    """(folded word, as suggested) of every word of the vocabulary groups longer than two letters."""
    canonical: dict[str, set[str]] = {}  # a word of people's and places' spellings: their canonical names
    for group in vocabulary.name_groups():
        for phrase in group:
            for word in WORD.findall(phrase.text):
                canonical.setdefault(fold(word), set()).add(group[0].text)
    found: dict[str, str] = {}
    for group in vocabulary.all_groups():
        for phrase in group:
            for word in WORD.findall(phrase.text):
                names = canonical.get(fold(word), ())
                if len(word) > 2:
                    found.setdefault(fold(word), next(iter(names)) if len(names) == 1 else word)
    return tuple(found.items())
