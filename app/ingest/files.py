"""Find article files and read them safely: every refusal names the file and the reason."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.ingest.names import UNDECODABLE, is_undecodable


@dataclass(frozen=True)
class ArticleFile:
    """A file read and decoded. ``html``: the text is a web page, whose article is taken out of it
    when the file is parsed (``app/ingest/html.py``); ``content_hash`` is that of the file's text."""

    path: Path
    text: str
    content_hash: str
    html: bool = False


class NotArticleText(ValueError):
    """The bytes cannot be taken as article text; the message says why."""


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str


def discover(paths: Iterable[str | Path], extensions: tuple[str, ...]) -> Iterator[Path | Rejected]:
    """Yield the files under ``paths`` (folders recursively, sorted), or why a path is skipped.

    Everything given or found that is not read is named with its reason: symbolic links (never
    followed: a scraper's folder should not lead the ingest elsewhere, nor round in a loop), a
    folder reached twice, a file listed twice, names that are not UTF-8, and a folder that holds
    no article file at all (a folder named ``x.txt`` is searched like any folder, and named when
    nothing is in it, since the user meant a file).
    """
    seen = _Seen()
    for raw in paths:
        path = Path(raw)
        if is_undecodable(path):
            yield Rejected(path, UNDECODABLE)
        elif path.is_symlink():
            yield Rejected(path, symlink_reason(path))
        elif path.is_dir():
            yield from _walk(path, extensions, seen)
        elif path.is_file():
            yield path if seen.first_file(path) else Rejected(path, LISTED_TWICE)
        elif not path.exists():
            yield Rejected(path, "no such file or folder")
        else:
            yield Rejected(path, "not a regular file")


LISTED_TWICE = "listed twice (read once)"


@dataclass
class _Seen:
    """Folders and files already listed in this run, by device and inode (the same under any name)."""

    folders: set[tuple[int, int]] = field(default_factory=set)
    files: set[tuple[int, int]] = field(default_factory=set)

    @staticmethod
    def _key(path: Path) -> tuple[int, int]:
        status = os.lstat(path)
        return status.st_dev, status.st_ino

    def first_folder(self, path: Path) -> bool:
        key = self._key(path)
        new = key not in self.folders
        self.folders.add(key)
        return new

    def first_file(self, path: Path) -> bool:
        key = self._key(path)
        new = key not in self.files
        self.files.add(key)
        return new


def symlink_reason(path: Path) -> str:
    """Why a symbolic link is skipped, saying where it leads when that matters (a loop, a folder)."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop of links this way
        return "symbolic link loop, not followed"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop, not followed"
        return "broken symbolic link, not followed"
    if target.is_dir():
        if path.parent.resolve().is_relative_to(target):
            return "symbolic link to a folder above it (a loop), not followed"
        return "symbolic link to a folder, not followed"
    return "symbolic link, not followed"


def _walk(folder: Path, extensions: tuple[str, ...], seen: _Seen) -> Iterator[Path | Rejected]:
    def on_error(error: OSError) -> None:
        failures.append(Rejected(Path(error.filename or folder), f"cannot list folder: {error.strerror}"))

    if not seen.first_folder(folder):
        yield Rejected(folder, "folder listed twice or inside another one given (searched once)")
        return
    failures: list[Rejected] = []
    found: list[Path | Rejected] = []
    file_like_folders: list[Path] = [folder] if folder.suffix.lower() in extensions else []
    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        here = Path(root)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if path.is_symlink():
                found.append(Rejected(path, symlink_reason(path)))
            elif is_undecodable(path):
                found.append(Rejected(path, UNDECODABLE + " (folder not searched)"))
            elif not seen.first_folder(path):
                found.append(Rejected(path, "folder reached twice (a loop of mounts), searched once"))
            else:
                kept.append(name)
                if path.suffix.lower() in extensions:
                    file_like_folders.append(path)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in extensions:
                continue
            if path.is_symlink():
                found.append(Rejected(path, symlink_reason(path)))
            elif is_undecodable(path):
                found.append(Rejected(path, UNDECODABLE))
            elif not seen.first_file(path):
                found.append(Rejected(path, LISTED_TWICE))
            else:
                found.append(path)
    files_found = [item for item in found if isinstance(item, Path)]
    for named_like_a_file in file_like_folders:  # the user may have meant a file: say it gave nothing
        if not any(path.is_relative_to(named_like_a_file) for path in files_found):
            found.append(Rejected(named_like_a_file, "a folder named like an article file, with no article "
                                                     f"files in it ({_kinds(extensions)})"))
    if not found and not failures:
        found.append(Rejected(folder, f"folder with no article files in it ({_kinds(extensions)})"))
    yield from found
    yield from failures


def _kinds(extensions: tuple[str, ...]) -> str:
    return "none ending in " + ", ".join(extensions)


FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder", stat.S_IFLNK: "a symbolic link"}


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({FILE_KINDS.get(stat.S_IFMT(mode), 'special file')})"


def read_article_file(path: Path, max_bytes: int, min_chars: int = 1) -> ArticleFile | Rejected:
    """Read one file as article text (or a web page), or say precisely why it cannot be one.

    Text with fewer than ``min_chars`` characters besides blanks is no article (a web page's
    article is measured once it is taken out, in ``app/ingest/html.py``).

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
    html = looks_like_html(text)
    if not html and (short := too_short(text, min_chars)):
        return Rejected(path, short)
    return ArticleFile(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), html)


def too_short(text: str, min_chars: int) -> str | None:
    """Why ``text`` is too short to be an article, or None."""
    length = len("".join(text.split()))
    if length >= min_chars:
        return None
    return f"too short to be an article: {length:,} characters besides blanks (minimum {min_chars:,})"


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
    if not text.strip():
        raise NotArticleText("empty file (only blanks)")
    if _control_ratio(text) > 0.05:
        raise NotArticleText("binary content (too many control characters)")
    return text


HTML_START = re.compile(
    r"""\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<\?xml|<!--|"""
    r"""<(?:html|head|body|meta|title|link|base|script|style|noscript|article|main|section|header|nav|"""
    r"""div|span|p|h[1-6]|ul|ol|table|figure|a|img|br|hr|blockquote)(?=[\s/>]))""",
    re.IGNORECASE | re.DOTALL)
"""A web page or a piece of one: a tag opens the file, after an XML prolog, comments or a doctype."""


def looks_like_html(text: str) -> bool:
    return HTML_START.match(text[:65536]) is not None


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below 32, less tab, newline, form feed, return


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(CONTROL_CHARACTERS.findall(sample)) / max(len(sample), 1)
