"""Where the real corpus is read from, in place: ``../shared/corpus`` beside the checkout.

The articles are third-party news text the project does not redistribute, so tests read them where
CI keeps them and skip, with the reason, where they are absent. ``tests/heldback.txt`` names the
real articles kept back from development: they are scored, never read for failures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.evaluate import read_file_list

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("TIMELINE_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
HELD_BACK = read_file_list(ROOT / "tests" / "heldback.txt")
LANGUAGES = ("en", "id")

requires_corpus = pytest.mark.skipif(
    not (SHARED_CORPUS / "en").is_dir(),
    reason=f"the shared corpus is not at {SHARED_CORPUS} (CI has it beside the checkout; "
           "TIMELINE_SHARED_CORPUS names another place)")


def gold_path(part: str) -> Path:
    return SHARED_CORPUS / f"{part}.gold.jsonl"


def articles(lang: str, *, held_back: bool = False) -> list[Path]:
    """The development articles of a language, or its held-back ones."""
    folder = SHARED_CORPUS / lang
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.txt")) if (p.name in HELD_BACK) == held_back]


def manifest(lang: str) -> list[dict]:
    path = SHARED_CORPUS / f"{lang}.manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def negatives() -> set[str]:
    return {row["file"] for lang in LANGUAGES for row in manifest(lang) if row["kind"] == "negative"}
