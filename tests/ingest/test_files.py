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
