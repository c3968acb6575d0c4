"""Find article files and read them safely: every refusal names the file and the reason."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HTML_SIGNS = re.compile(rb"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    text: str
    content_hash: str


class NotArticleText(ValueError):
    """The bytes cannot be taken as article text; the message says why."""


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str


def discover(paths: Iterable[str | Path], extensions: tuple[str, ...]) -> Iterator[Path | Rejected]:
    """Yield the files under ``paths`` (folders recursively, sorted), or why a path is refused.

    Symbolic links are not followed: a scraper's folder should not lead the ingest elsewhere.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_symlink():
            yield Rejected(path, "symbolic link, not followed")
        elif path.is_dir():
            yield from _walk(path, extensions)
        elif path.is_file():
            yield path
        elif not path.exists():
            yield Rejected(path, "no such file or folder")
        else:
            yield Rejected(path, "not a regular file")


def _walk(folder: Path, extensions: tuple[str, ...]) -> Iterator[Path | Rejected]:
    def on_error(error: OSError) -> None:
        failures.append(Rejected(Path(error.filename or folder), f"cannot list folder: {error.strerror}"))

    failures: list[Rejected] = []
    found: list[Path | Rejected] = []
    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() not in extensions:
                continue
            if path.is_symlink():
                found.append(Rejected(path, "symbolic link, not followed"))
            else:
                found.append(path)
    yield from found
    yield from failures


FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder", stat.S_IFLNK: "a symbolic link"}


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({FILE_KINDS.get(stat.S_IFMT(mode), 'special file')})"


def read_article_file(path: Path, max_bytes: int) -> ArticleFile | Rejected:
    """Read one file as article text, or say precisely why it cannot be one.

    Only regular files are opened, without following a symbolic link and without blocking (a
    FIFO named ``x.txt`` would otherwise hang the ingest), and never more than ``max_bytes + 1``.
    """
    try:
        refusal = _not_regular(os.lstat(path).st_mode)
        if refusal:
            return Rejected(path, refusal)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())  # the file opened, not the name looked at above
            refusal = _not_regular(status.st_mode)
            if refusal:
                return Rejected(path, refusal)
            if status.st_size > max_bytes:
                return Rejected(path, f"too large: {status.st_size:,} bytes (limit {max_bytes:,})")
            data = handle.read(max_bytes + 1)
    except PermissionError:
        return Rejected(path, "permission denied")
    except OSError as error:
        return Rejected(path, f"cannot read: {error.strerror or error}")
    if len(data) > max_bytes:
        return Rejected(path, f"too large: more than {max_bytes:,} bytes")
    try:
        text = decode_article_bytes(data)
    except NotArticleText as error:
        return Rejected(path, str(error))
    return ArticleFile(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest())


def decode_article_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused, not guessed."""
    if not data.strip():
        raise NotArticleText("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise NotArticleText(f"invalid UTF-16 at byte {error.start}")
    else:
        if b"\x00" in data:
            raise NotArticleText("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise NotArticleText(f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})")
    if "\x00" in text:
        raise NotArticleText("binary file (contains NUL characters)")
    if HTML_SIGNS.match(text.encode("utf-8", "ignore")[:2048]):
        raise NotArticleText("an HTML page, not article text")
    if not text.strip():
        raise NotArticleText("empty file (only blanks)")
    if _control_ratio(text) > 0.05:
        raise NotArticleText("binary content (too many control characters)")
    return text


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below 32, less tab, newline, form feed, return


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(CONTROL_CHARACTERS.findall(sample)) / max(len(sample), 1)
