"""File names as a terminal or a log may show them: one line, no control characters, no forged lines.

A file name is bytes to the kernel: it may hold a newline (which would print as a second, forged
report line), a terminal escape, a right-to-left override, or bytes that are no UTF-8 at all
(Python keeps those as lone surrogates, which cannot even be printed). ``shown`` writes every such
character as a backslash escape, and a backslash as two, so that the printed name is one line and
says exactly which name it was, as ``ls --quoting-style=escape`` does.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
"""Control, format (bidi overrides, zero-width), surrogate, private use, line and paragraph separators."""


def _escaped(char: str) -> str:
    code = ord(char)
    if char in ESCAPES:
        return ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by Python as a lone surrogate
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) in HIDDEN_CATEGORIES:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def shown(path: Path | str) -> str:
    """``path`` as one printable line: control characters, odd bytes and backslashes escaped."""
    text = str(path)
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escaped(char) for char in text)


def is_undecodable(path: Path | str) -> bool:
    """The name holds bytes that are not UTF-8: it can be neither stored nor shown as it is."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


UNDECODABLE = "the name is not valid UTF-8 (its odd bytes shown as \\xNN); rename it to ingest it"
