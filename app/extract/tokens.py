"""Tokens and phrase matching: one fast tokenizer, spaCy PhraseMatchers built once per language.

spaCy's own tokenizer for Indonesian is slow on long texts (≈15 ms for 7 KB), so tokens come from
one regular expression and are handed to spaCy as a ready ``Doc``; the ``PhraseMatcher`` then does
the lexicon look-ups. Patterns are tokenized by the same function, so a phrase matches exactly when
its tokens appear in sequence.

Tokenizing rules (chosen so lexicon phrases and text agree):
- words are runs of letters/digits with inner apostrophes ("Xi'an", "didn't");
- a possessive "'s" is its own token ("China's" → "China", "'s");
- every other non-space character is a token on its own ("Nur-Sultan" → "Nur", "-", "Sultan").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[^\w\s]|_", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets into the (normalised) text the tokens were made from
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with character offsets (see module docstring for the rules)."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if len(word) > 2 and word[-2:].lower() == "'s":
            tokens.append(Token(word[:-2], start, end - 2))
            tokens.append(Token(word[-2:], end - 2, end))
        else:
            tokens.append(Token(word, start, end))
    return tokens


def phrase_tokens(phrase: str) -> list[str]:
    return [token.text for token in tokenize(phrase)]


@cache
def nlp_for(language: str):
    """A blank spaCy pipeline for the language (only its vocabulary is used)."""
    return spacy.blank("id" if language == "id" else "en")


def make_doc(tokens: list[Token], language: str) -> Doc:
    nlp = nlp_for(language)
    words = [token.text for token in tokens] or [" "]
    return Doc(nlp.vocab, words=words, spaces=[True] * len(words))


def is_case_sensitive(phrase: str) -> bool:
    """Short all-capital forms (PM, AS, EU, I) and single proper names match only as written."""
    letters = phrase.replace(".", "")
    return letters.isupper() and len(letters) <= 4


@dataclass(frozen=True)
class Match:
    label: str
    start: int  # token indices, end exclusive
    end: int


class PhraseIndex:
    """Phrases (label, text, cased) → a pair of spaCy PhraseMatchers (LOWER and ORTH)."""

    def __init__(self, phrases: Iterable[tuple[str, str, bool]], language: str) -> None:
        nlp = nlp_for(language)
        self.vocab = nlp.vocab
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower: dict[str, list[Doc]] = {}
        orth: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str, bool]] = set()
        for label, text, cased in phrases:
            words = phrase_tokens(text)
            if not words:
                continue
            key = (label, " ".join(words) if cased else " ".join(words).lower(), cased)
            if key in seen:
                continue
            seen.add(key)
            target = orth if cased else lower
            target.setdefault(label, []).append(Doc(nlp.vocab, words=words, spaces=[True] * len(words)))
        for label, docs in lower.items():
            self._lower.add(label, docs)
        for label, docs in orth.items():
            self._orth.add(label, docs)
        self.size = len(seen)

    def find(self, doc: Doc) -> list[Match]:
        strings = self.vocab.strings
        found = [Match(strings[m], s, e) for m, s, e in self._lower(doc)]
        found += [Match(strings[m], s, e) for m, s, e in self._orth(doc)]
        return found


def cased_variants(name: str) -> list[str]:
    """A proper name as listed, Capitalised and UPPER CASE (headlines)."""
    return list(dict.fromkeys([name, name[:1].upper() + name[1:], name.upper()]))


def longest_first(matches: list[Match], priority: dict[str, int]) -> list[Match]:
    """Non-overlapping matches: longer spans win; on equal spans the lower priority number wins."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), priority.get(m.label.split("|", 1)[0], 99), m.start))
    taken: list[Match] = []
    used = bytearray(max((m.end for m in matches), default=0))
    for match in ordered:
        if any(used[match.start:match.end]):
            continue
        taken.append(match)
        for i in range(match.start, match.end):
            used[i] = 1
    return sorted(taken, key=lambda m: m.start)
