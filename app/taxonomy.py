"""Display names of topics, read from the topic taxonomy lexicon (app/extract/lexicons/topics.yaml)."""

from __future__ import annotations

from functools import cache

from app.extract.lexicon import load_lexicon


@cache
def _names() -> dict[str, tuple[str, str | None]]:
    names = {}
    for entry in load_lexicon("topics"):
        label = entry.get("name") or {}
        if isinstance(label, str):
            label = {"en": label}
        names[entry["slug"]] = (label.get("en") or entry["slug"], label.get("id"))
    return names


def topic_slugs() -> tuple[str, ...]:
    """Every topic of the taxonomy, in its order."""
    return tuple(_names())


def topic_names(slug: str) -> tuple[str, str | None]:
    """(English name, Indonesian name) of a topic; the slug itself when the taxonomy lacks it."""
    return _names().get(slug, (slug.replace("_", " "), None))
