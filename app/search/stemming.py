"""Words to index terms, the same way for the text that is indexed and for the words of a query.

Text is folded as SQLite's FTS5 tokenizer (``unicode61 remove_diacritics 2``) folds it: accents
removed, lower case, letters and digits make words and everything else separates them. Each word
is then reduced to its stem by the stemmer of its language: Sastrawi (a root-word dictionary and
the Indonesian affix rules, PySastrawi) for Indonesian, Snowball (PyStemmer) for English. Names and
other words of no particular language go through the English stemmer, which only cuts English
endings. A query's language is not known, so each of its words is stemmed both ways and matches
either stem (``query_stems``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from app.extract.lexicon import LexiconError, load_lexicon

LANGUAGES = ("en", "id")
NEUTRAL = "en"  # the stemmer of names, places and other words of no particular language
WORD = re.compile(r"[^\W_]+")
PLAIN = re.compile(r"[a-z]+")  # the words Sastrawi's rules apply to
DATA_DIR = Path(__file__).parent  # stemming.yaml: the changes to Sastrawi's root words
CHANGE_KEYS = ("root", "change", "reason")


def fold(text: str) -> str:
    """Lower case without accents ("Ürümqi" → "urumqi")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def words(text: str | None) -> list[str]:
    """The folded words of ``text``, as the full-text index splits them."""
    return WORD.findall(fold(text)) if text else []


@cache
def _english():
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def _indonesian():
    """Sastrawi's stemmer over its root-word list, with this project's changes (stemming.yaml)."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    roots = set(StemmerFactory().get_words())
    for entry in root_changes():
        if entry["change"] == "add":
            roots.add(str(entry["root"]))
        else:
            roots.discard(str(entry["root"]))
    return Stemmer(ArrayDictionary(sorted(roots)))


def root_changes() -> tuple[dict, ...]:
    """The entries of stemming.yaml, read by the lexicons' loader (which checks the header)."""
    entries = load_lexicon("stemming", DATA_DIR)
    for index, entry in enumerate(entries):
        if any(key not in entry for key in CHANGE_KEYS) or entry["change"] not in ("add", "remove"):
            raise LexiconError(f"stemming: entry {index} needs {', '.join(CHANGE_KEYS)} (change: add | remove)")
    return entries


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of one folded word in ``language`` ("id" or "en"; anything else: English)."""
    if language == "id":
        if len(word) <= 3 or not PLAIN.fullmatch(word):
            return word
        return _indonesian().stem_singular_word(word) or word
    return _english().stemWord(word)


def stems(text: str | None, language: str) -> list[str]:
    """The stems of the words of ``text``, in order."""
    return [stem(word, language) for word in words(text)]


def query_stems(word: str) -> tuple[str, ...]:
    """The stems a query word may have in the index: its Indonesian and its English stem."""
    found = []
    for language in LANGUAGES:
        value = stem(word, language)
        if value not in found:
            found.append(value)
    return tuple(found)
