"""Reading article files: every refusal names its reason; good text comes through as it is."""

import codecs
import os

import pytest

from app.ingest.files import ArticleFile, Rejected, discover, read_article_file

LIMIT = 1_000_000


def read(path):
    return read_article_file(path, LIMIT)


def test_utf8_text_is_read_as_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rabu, 10 Juli 2024\n\nXi tiba di Astana.\u00a0", encoding="utf-8")
    result = read(path)
    assert isinstance(result, ArticleFile)
    assert result.text == "Rabu, 10 Juli 2024\n\nXi tiba di Astana.\u00a0"
    assert len(result.content_hash) == 64


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\xe9 in Almaty".encode("latin-1"), "not valid UTF-8"),
        (b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10", "control characters"),
    ],
)
def test_bad_content_is_refused_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = read(path)
    assert isinstance(result, Rejected)
    assert reason in result.reason


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Xi bertemu Tokayev".encode("utf-16-le"))
    result = read(path)
    assert isinstance(result, ArticleFile) and result.text == "Xi bertemu Tokayev"


def test_too_large_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    result = read_article_file(path, 1000)
    assert isinstance(result, Rejected) and "too large" in result.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    assert "permission denied" in read(path).reason


def test_discover_walks_folders_sorted_and_skips_symlinks(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "1.txt")
    found = list(discover([tmp_path, tmp_path / "missing.txt"], (".txt",)))
    paths = [f for f in found if not isinstance(f, Rejected)]
    rejected = {f.path.name: f.reason for f in found if isinstance(f, Rejected)}
    assert [p.name for p in paths] == ["1.txt", "2.txt"]
    assert "symbolic link" in rejected["link.txt"]
    assert "no such file" in rejected["missing.txt"]


def test_a_text_under_the_minimum_length_is_no_article(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("x\n", encoding="utf-8")
    result = read_article_file(path, LIMIT, min_chars=100)
    assert isinstance(result, Rejected)
    assert "too short to be an article: 1 characters" in result.reason and "minimum 100" in result.reason
    path.write_text("Astana talks. " * 10, encoding="utf-8")
    assert isinstance(read_article_file(path, LIMIT, min_chars=100), ArticleFile)


@pytest.mark.parametrize("text, html", [
    ("<!DOCTYPE html><html><body>x</body></html>", True),
    ("<!-- scraped 2024-07-03 -->\n<!doctype html>\n<html lang=en>", True),
    ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("\ufeff  <p>Talks in Astana on Monday.</p>", True),
    ('<meta http-equiv="refresh" content="0; url=/news/1">', True),
    ("<div class=story><h1>Talks</h1>", True),
    ("Talks in Astana <script>alert(1)</script> on Monday", False),
    ("<Xi Jinping> arrived in Astana", False),
    ("Astana, 3 July.\n\n<p> is how paragraphs are marked", False),
])
def test_a_web_page_is_told_from_text_by_how_it_opens(tmp_path, text, html):
    path = tmp_path / "a.txt"
    path.write_text(text + " Talks in Astana between the two presidents." * 3, encoding="utf-8")
    result = read(path)
    assert isinstance(result, ArticleFile) and result.html is html


def test_discover_names_every_path_it_skips(tmp_path):
    top = tmp_path / "top"
    (top / "news").mkdir(parents=True)
    (top / "news" / "a.txt").write_text("x")
    (top / "to-news").symlink_to(top / "news")  # a folder link
    (top / "news" / "up").symlink_to(top)  # a loop back to the top
    (top / "self.txt").symlink_to(top / "self.txt")  # a link to itself
    (top / "gone.txt").symlink_to(top / "missing")  # a broken link
    (top / "story.txt").mkdir()  # a folder named like an article, empty
    (top / "caf\udce9.txt".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_text("x")
    (tmp_path / "empty").mkdir()
    found = list(discover([top, tmp_path / "empty", top / "news" / "a.txt"], (".txt",)))
    paths = [f for f in found if not isinstance(f, Rejected)]
    rejected = {str(f.path.relative_to(tmp_path)): f.reason for f in found if isinstance(f, Rejected)}
    assert paths == [top / "news" / "a.txt"]
    assert rejected["top/to-news"] == "symbolic link to a folder, not followed"
    assert rejected["top/news/up"] == "symbolic link to a folder above it (a loop), not followed"
    assert rejected["top/self.txt"] == "symbolic link loop, not followed"
    assert rejected["top/gone.txt"] == "broken symbolic link, not followed"
    assert rejected["top/story.txt"].startswith("a folder named like an article file, with no article files")
    assert rejected["empty"].startswith("folder with no article files in it")
    assert rejected["top/news/a.txt"] == "listed twice (read once)"
    assert "not valid UTF-8" in rejected["top/caf\udce9.txt"] and "rename it" in rejected["top/caf\udce9.txt"]
    assert len(found) == len(paths) + len(rejected)
