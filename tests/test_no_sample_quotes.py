"""No line of code, comment or docstring, and no lexicon comment, repeats a sentence of a sample article.

The extractor is judged on articles it has never seen: a quoted sample sentence in the code is
knowledge of one article leaking into the rules (and third-party text copied into the repo). Examples
in comments and docstrings are invented. A run of ``QUOTE_WORDS`` consecutive words shared with any
article of the shared corpus, the seeds or the team's probe sets fails this test. Lexicon entries
themselves (official names of offices and bodies) are knowledge, not quotes, and are not checked.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from tests.shared_corpus import ROOT, SHARED_CORPUS

QUOTE_WORDS = 8
CODE_FOLDERS = ("app", "tests", "bench", "migrations")
SAMPLE_FOLDERS = [SHARED_CORPUS, SHARED_CORPUS.parent / "seeds", ROOT / "seeds",
                  *sorted(ROOT.glob("tests/probe*"))]
WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i:i + QUOTE_WORDS]) for i in range(len(words) - QUOTE_WORDS + 1)}


def sample_shingles() -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for folder in SAMPLE_FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.txt")):
            for shingle in shingles(path.read_text(encoding="utf-8", errors="replace")):
                found.setdefault(shingle, path.name)
    return found


def python_pieces(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each comment block, string literal and line of code of a Python file."""
    source = path.read_text(encoding="utf-8")
    pieces: list[tuple[int, str]] = list(enumerate(source.splitlines(), 1))
    block: list[str] = []
    block_line = 0
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            if not block:
                block_line = token.start[0]
            block.append(token.string.lstrip("# "))
            continue
        if token.type in (tokenize.NL, tokenize.NEWLINE) and block:
            continue
        if block:
            pieces.append((block_line, " ".join(block)))
            block = []
        if token.type == tokenize.STRING:
            pieces.append((token.start[0], token.string))
    if block:
        pieces.append((block_line, " ".join(block)))
    return pieces


def yaml_comments(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each block of comment lines of a YAML file (entries are not checked)."""
    pieces: list[tuple[int, str]] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        comment = re.search(r"(?:^|\s)#(.*)$", line)
        if comment:
            start = start or number
            block.append(comment.group(1))
        elif block:
            pieces.append((start, " ".join(block)))
            block, start = [], 0
    if block:
        pieces.append((start, " ".join(block)))
    return pieces


def code_files() -> list[Path]:
    files = [p for folder in CODE_FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    files += sorted((ROOT / "app").rglob("*.yaml"))
    return [p for p in files if "probe" not in p.parent.name]


def test_the_check_finds_a_quote(tmp_path):
    sample = shingles("one two three four five six seven eight nine ten")
    piece = "# as the text says: Two three four five six seven eight nine, it goes on"
    assert any(s in sample for s in shingles(piece))
    assert not any(s in sample for s in shingles("# two three four five six seven eight"))  # seven words


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"the shared corpus is not at {SHARED_CORPUS}")
def test_no_code_comment_or_docstring_quotes_a_sample_article():
    samples = sample_shingles()
    quotes = []
    for path in code_files():
        pieces = python_pieces(path) if path.suffix == ".py" else yaml_comments(path)
        for line, text in pieces:
            for shingle in shingles(text):
                if shingle in samples:
                    quotes.append(f"{path.relative_to(ROOT)}:{line}: '{' '.join(shingle)}' ({samples[shingle]})")
                    break
    assert quotes == [], "\n".join(sorted(set(quotes)))
