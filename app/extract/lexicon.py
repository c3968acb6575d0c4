"""One validating loader for every lexicon file under ``app/extract/lexicons/``.

Each file is YAML with a header and entries::

    source: where the content comes from (and how to extend it)
    gaps: what is known to be missing or approximate
    entries:
      - {...}

``SCHEMAS`` names, for each file, the keys every entry must carry. An ``excluded`` list,
when present, holds entries taken out, each with ``date`` and ``reason``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"

# file stem -> keys each entry must have
SCHEMAS: dict[str, tuple[str, ...]] = {}


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or an entry lacks a required key."""


def register_schema(name: str, *required_keys: str) -> None:
    SCHEMAS[name] = tuple(required_keys)


def lexicon_path(name: str, directory: Path | None = None) -> Path:
    return (directory or LEXICON_DIR) / f"{name}.yaml"


def validate(name: str, data: Any) -> list[dict]:
    """Check header and entries of one parsed lexicon file; return its entries."""
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: top level must be a mapping")
    for key in ("source", "gaps", "entries"):
        if key not in data:
            raise LexiconError(f"{name}: header key {key!r} missing")
    entries = data["entries"]
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{name}: 'entries' must be a non-empty list")
    required = SCHEMAS.get(name, ())
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise LexiconError(f"{name}: entry {index} is not a mapping")
        missing = [key for key in required if key not in entry]
        if missing:
            raise LexiconError(f"{name}: entry {index} lacks {', '.join(missing)}")
    for index, item in enumerate(data.get("excluded") or []):
        if not isinstance(item, dict) or not {"date", "reason"} <= set(item):
            raise LexiconError(f"{name}: excluded item {index} needs 'date' and 'reason'")
    return entries


@cache
def load_lexicon(name: str, directory: Path | None = None) -> tuple[dict, ...]:
    """Entries of lexicon ``name``, validated; cached for the life of the process."""
    path = lexicon_path(name, directory)
    if not path.is_file():
        raise LexiconError(f"{name}: no lexicon file at {path}")
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return tuple(validate(name, data))


def all_lexicon_names(directory: Path | None = None) -> list[str]:
    return sorted(path.stem for path in (directory or LEXICON_DIR).glob("*.yaml"))
