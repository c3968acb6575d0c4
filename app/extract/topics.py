"""Topics of an event from the words of its own passages (topics.yaml)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from functools import cache

from app.extract.lexicon import load_lexicon, register_schema
from app.extract.tokens import Match, PhraseIndex, is_case_sensitive, make_doc, tokenize

register_schema("topics", "slug", "name", "keywords")


@cache
def topic_entries() -> dict[str, dict]:
    return {entry["slug"]: entry for entry in load_lexicon("topics")}


def topic_phrases():
    for slug, entry in topic_entries().items():
        for words in entry["keywords"].values():
            for word in words or ():
                yield f"topic|{slug}", str(word), is_case_sensitive(str(word))


@cache
def topic_index(language: str) -> PhraseIndex:
    return PhraseIndex(topic_phrases(), language)


def topics_in(ordered: list[Match], spans: Iterable[tuple[int, int]], starts: list[int] | None = None
              ) -> tuple[str, ...]:
    """Topic slugs whose keywords fall inside the token spans, most mentioned first; ``ordered`` by
    start, ``starts`` their starts (computed when not given)."""
    if starts is None:
        starts = [m.start for m in ordered]
    inside: set[int] = set()
    for start, end in spans:
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            if ordered[i].end <= end:
                inside.add(i)
    counts = Counter(ordered[i].label.split("|", 1)[1] for i in inside)
    order = list(topic_entries())
    return tuple(sorted(counts, key=lambda slug: (-counts[slug], order.index(slug))))


def topics_of_text(text: str, language: str = "en") -> tuple[str, ...]:
    """Topics of a free text (convenience for tests and tools)."""
    tokens = tokenize(text)
    matches = sorted(topic_index(language).find(make_doc(tokens, language)), key=lambda m: m.start)
    return topics_in(matches, [(0, len(tokens))])


def topic_name(slug: str, language: str = "en") -> str:
    names = topic_entries()[slug]["name"]
    return names.get(language, names["en"])
