"""A folder of hostile files through `timeline ingest`: each refusal named with its reason, good
files stored exactly as they came and shown escaped, nothing half-stored, limits as settings."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select
from sqlmodel import Session

from app.config import Settings
from app.db import make_engine
from app.ingest import pipeline
from app.ingest.pipeline import ingest_paths
from app.models import Article, Event, Evidence, Report
from tests.conftest import live_server

TIMELINE = Path(sys.executable).parent / "timeline"

GOOD_EN = ("Kazakhstan and China hold talks\n\n"
           "ASTANA, May 12, 2021 (Test Wire) -- Kassym-Jomart Tokayev held talks with Xi Jinping in Astana on "
           "May 12, 2021, discussing trade and investment.\n")
HOSTILE = ("Tokayev and Xi meet <script>window.__pwned=1</script>\n\n"
           "ASTANA, May 13, 2021 (Test Wire) -- Kassym-Jomart Tokayev held talks with Xi Jinping in Astana on "
           'May 13, 2021 "><img src=x onerror="window.__pwned=2"> and said {{ 7*7 }} {% if 1 %}yes{% endif %} '
           "${7*7} <!-- comment --> </textarea></main>\n")


def _hostile_folder(folder: Path) -> dict[str, str]:
    """Write the folder; return {file name: the part of the reason the CLI must print} for refusals."""
    folder.mkdir()
    refused = {}

    def bad(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        refused[name] = reason

    bad("binary.txt", bytes(range(256)) * 40, "binary")
    bad("empty.txt", b"", "empty")
    bad("blank.txt", b" \n\t\r\n", "empty")
    bad("latin1-windows-1252.txt", "Caf\xe9 \u201cquoted\u201d in Almaty".encode("cp1252"), "not valid UTF-8")
    bad("invalid-utf8.txt", b"Astana \xff\xfe\xfd talks", "not valid UTF-8")
    bad("nul-bytes.txt", b"Astana talks\x00\x00 on May 12", "NUL")
    bad("page.txt", b"<!DOCTYPE html>\n<html><head><title>x</title></head><body>Astana</body></html>", "HTML")
    bad("page2.txt", b"  <html lang=en><body><p>Xi in Astana</p></body></html>", "HTML")
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB, sparse: refused on its size, never read
        handle.truncate(50 * 1024 * 1024)
    refused["huge.txt"] = "too large"
    os.symlink("/etc/passwd", folder / "link.txt")
    refused["link.txt"] = "symbolic link"
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would block: must be refused unread
    refused["pipe.txt"] = "not a regular file"
    (folder / "folder.txt").mkdir()  # a folder named like an article is searched, not read
    (folder / "folder.txt" / "inner.txt").write_text(GOOD_EN.replace("May 12", "June 2"), encoding="utf-8")
    if os.geteuid() != 0:
        bad("unreadable.txt", b"Astana talks", "permission denied")
        os.chmod(folder / "unreadable.txt", 0)

    (folder / "good-en.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "good-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD_EN.replace("May 12", "May 20")
                                            .encode("utf-16-le"))
    (folder / "good-bom.txt").write_bytes(codecs.BOM_UTF8 + GOOD_EN.replace("May 12", "May 21").encode())
    (folder / "long-line.txt").write_text("Astana talks " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4")  # not an article extension: not even listed
    return refused


@pytest.mark.slow
def test_hostile_folder_through_the_cli(tmp_path, sqlite_url):
    folder = tmp_path / "hostile"
    refused = _hostile_folder(folder)
    run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode != 0, "a batch with refused files must fail"

    reasons = {}
    *lines, recap = run.stderr.splitlines()
    assert recap.startswith(f"{len(refused)} failed, listed above: ")
    for line in lines:
        assert line.startswith("failed: "), line
        path, _, reason = line.removeprefix("failed: ").partition(".txt: ")
        reasons[Path(path + ".txt").name] = reason
    assert set(reasons) == set(refused)
    for name, expected in refused.items():
        assert expected.lower() in reasons[name].lower(), (name, reasons[name])
    assert "6 new" in run.stdout and f"{len(refused)} failed" in run.stdout

    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        stored = {a.file_name: a for a in session.scalars(select(Article))}
    engine.dispose()
    assert set(stored) == {"good-en.txt", "good-utf16.txt", "good-bom.txt", "long-line.txt", "hostile.txt",
                           "inner.txt"}
    # exactly the decoded text: no BOM, nothing trimmed, escaped or normalised
    assert stored["good-en.txt"].text == GOOD_EN
    assert stored["good-utf16.txt"].text == GOOD_EN.replace("May 12", "May 20")
    assert stored["good-bom.txt"].text == GOOD_EN.replace("May 12", "May 21")
    assert stored["hostile.txt"].text == HOSTILE
    assert len(stored["long-line.txt"].text) == len("Astana talks ") + 1024 * 1024 + 1

    # the hostile article is shown as text: its markup escaped, its template syntax not evaluated
    with live_server(sqlite_url) as server, server.client() as client:
        response = client.get(f"/articles/{stored['hostile.txt'].id}")
        api = client.get(f"/api/articles/{stored['hostile.txt'].id}")
    assert response.status_code == 200
    assert api.json()["text"] == HOSTILE
    page = BeautifulSoup(response.text, "html.parser")
    for script in page.find_all("script"):
        assert script.get("src", "").startswith(("/static/", "/vendor/")), script
        assert not script.string or "__pwned" not in script.string
    assert not page.find_all("img", attrs={"onerror": True})
    assert not [tag for tag in page.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    shown = page.get_text()
    for piece in ("<script>window.__pwned=1</script>", '"><img src=x onerror="window.__pwned=2">', "{{ 7*7 }}",
                  "{% if 1 %}yes{% endif %}", "</textarea></main>"):
        assert piece in shown
    assert "49" not in shown


def test_a_failure_mid_article_leaves_no_rows_of_it(tmp_path, db_url, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    for day in (10, 11, 12):
        (folder / f"a-{day}.txt").write_text(GOOD_EN.replace("May 12", f"May {day}"), encoding="utf-8")
    real_new_reports, real_recluster, current = pipeline.new_reports, pipeline.recluster, []

    def noting_new_reports(article, extracted):
        current[:] = [article.file_name]
        return real_new_reports(article, extracted)

    def failing_recluster(conn, reports, released):
        live = real_recluster(conn, reports, released)  # the article, its reports and events are written
        if current == ["a-11.txt"]:
            raise RuntimeError("disk on fire")
        return live

    monkeypatch.setattr(pipeline, "new_reports", noting_new_reports)
    monkeypatch.setattr(pipeline, "recluster", failing_recluster)
    engine = make_engine(db_url)
    summary = ingest_paths(engine, [folder], settings=Settings(database_url=db_url))
    assert [p.name for p, _ in summary.failed] == ["a-11.txt"]
    assert "RuntimeError: disk on fire" in summary.failed[0][1]
    assert sorted(p.name for p in summary.new) == ["a-10.txt", "a-12.txt"]
    with Session(engine) as session:
        names = set(session.scalars(select(Article.file_name)))
        article_ids = set(session.scalars(select(Article.id)))
        orphans = [
            session.scalar(select(func.count()).select_from(Report).where(Report.article_id.not_in(article_ids))),
            session.scalar(select(func.count()).select_from(Evidence).where(Evidence.article_id.not_in(article_ids))),
            session.scalar(select(func.count()).select_from(Report).where(Report.event_id.is_(None))),
        ]
        events = session.scalar(select(func.count()).select_from(Event))
    engine.dispose()
    assert names == {"a-10.txt", "a-12.txt"}
    assert orphans == [0, 0, 0]
    assert events >= 2


def test_file_size_and_batch_limits_are_settings(tmp_path, sqlite_url):
    folder = tmp_path / "articles"
    folder.mkdir()
    for day in range(10, 15):
        (folder / f"a-{day}.txt").write_text(GOOD_EN.replace("May 12", f"May {day}"), encoding="utf-8")
    (folder / "a-99-big.txt").write_text(GOOD_EN + "x" * 5000, encoding="utf-8")

    defaults = Settings()
    assert defaults.max_file_bytes == 5_000_000 and defaults.max_batch_files == 100_000

    engine = make_engine(sqlite_url)
    small = Settings(database_url=sqlite_url, max_file_bytes=2_000, max_batch_files=4)
    summary = ingest_paths(engine, [folder], settings=small)
    engine.dispose()
    failed = {p.name: reason for p, reason in summary.failed}
    assert [p.name for p in summary.new] == ["a-10.txt", "a-11.txt", "a-12.txt", "a-13.txt"]
    assert set(failed) == {"a-14.txt", "a-99-big.txt"}
    assert "over the batch limit (4 files)" in failed["a-14.txt"]
    assert "over the batch limit" in failed["a-99-big.txt"]

    # the same limits from the environment, through the command
    env = {**os.environ, "TIMELINE_MAX_FILE_BYTES": "2000"}
    run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 1
    assert "a-99-big.txt: too large" in run.stderr and "limit 2,000" in run.stderr
    assert "1 new" in run.stdout  # a-14 now; a-10..a-13 unchanged


def _failure_lines(stderr: str) -> dict[str, str]:
    """{printed path: reason} of the ``failed:`` lines (a path never holds ": " once escaped here)."""
    found = {}
    for line in stderr.splitlines():
        if line.startswith("failed: "):
            path, _, reason = line.removeprefix("failed: ").rpartition(".txt: ")
            found[path.rsplit("/", 1)[-1] + ".txt"] = reason
    return found


def test_hostile_names_pages_and_links_through_the_cli(tmp_path, sqlite_url):
    from tests.ingest.html_pages import SAVED_PAGE

    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "forged\nfailed: other.txt").write_bytes(b"")  # would forge a report line if printed raw
    (folder / "\x1b]0;owned\x07title.txt").write_bytes(b"")  # a terminal escape sequence
    odd = os.fsencode(folder) + b"/caf\xe9.txt"  # a name that is not UTF-8
    with open(odd, "wb") as handle:
        handle.write(GOOD_EN.encode())
    (folder / "one.txt").write_text("x", encoding="utf-8")
    (folder / "commented.txt").write_text("<!-- scraped -->\n" + SAVED_PAGE, encoding="utf-8")
    (folder / "elsewhere").symlink_to(tmp_path)  # a folder link that leads back above: a loop
    run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url], capture_output=True, timeout=300)
    stderr = run.stderr.decode("utf-8")  # the command's own output is always UTF-8, whatever the names
    assert run.returncode == 1 and "Traceback" not in stderr
    printed = stderr.splitlines()
    assert len(printed) == 6 and printed[-1].startswith("5 failed, listed above: ")
    assert all(line.isprintable() for line in printed)
    failures = _failure_lines(stderr)
    assert failures["forged\\nfailed: other.txt"] == "empty file"
    assert failures["\\x1b]0;owned\\x07title.txt"] == "empty file"
    assert "not valid UTF-8" in failures["caf\\xe9.txt"] and "rename it" in failures["caf\\xe9.txt"]
    assert failures["one.txt"].startswith("too short to be an article")
    assert any(line.endswith("/elsewhere: symbolic link to a folder above it (a loop), not followed")
               for line in printed)
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        stored = {a.file_name: a for a in session.scalars(select(Article))}
    engine.dispose()
    assert set(stored) == {"commented.txt"}
    assert stored["commented.txt"].title == "Tokayev and Xi hold talks in Astana"
    assert "scraped" not in stored["commented.txt"].text


@pytest.mark.slow
def test_megabyte_files_are_ingested_or_refused_within_the_budget(tmp_path, sqlite_url):
    """1 MB of article-like text, with and without line breaks, and one sentence repeated to 30,000
    characters: each is stored or named "too slow to extract" after the budget, and the files
    after them go in (the pytest timeout guards the "within seconds")."""
    from app.synth import long_article_text

    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "a-lines.txt").write_text(long_article_text(1_000_000, line_breaks=True), encoding="utf-8")
    (folder / "b-one-line.txt").write_text(long_article_text(1_000_000, line_breaks=False), encoding="utf-8")
    sentence = "Xi Jinping visited Astana on 3 July 2024 and met Tokayev "
    (folder / "c-repeated.txt").write_text(sentence * (30_000 // len(sentence)), encoding="utf-8")
    (folder / "d-good.txt").write_text(GOOD_EN, encoding="utf-8")
    env = {**os.environ, "TIMELINE_EXTRACT_TIMEOUT_SECONDS": "3"}
    run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url, "--workers", "2"],
                         capture_output=True, text=True, env=env, timeout=240)
    failures = _failure_lines(run.stderr)
    assert all(reason.startswith("too slow to extract: stopped after 3 s") for reason in failures.values()), failures
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        stored = set(session.scalars(select(Article.file_name)))
    engine.dispose()
    assert "d-good.txt" in stored
    assert stored | set(failures) == {"a-lines.txt", "b-one-line.txt", "c-repeated.txt", "d-good.txt"}
    assert run.returncode == (1 if failures else 0)


@pytest.mark.slow
def test_an_article_of_a_thousand_reports_is_stored_whole(tmp_path, sqlite_url):
    """Generated text reporting well over a thousand events within the budget: clustering them with
    the stored events stays inside the database's limits (no statement too deep to run)."""
    from app.synth import long_article_text

    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "long.txt").write_text(long_article_text(400_000, line_breaks=True), encoding="utf-8")
    env = {**os.environ, "TIMELINE_EXTRACT_TIMEOUT_SECONDS": "600"}
    run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        reports = session.scalar(select(func.count()).select_from(Report))
    engine.dispose()
    assert reports > 1000


def test_a_writer_outside_the_ingest_gets_a_plain_reason_not_a_sql_error(tmp_path, sqlite_url, monkeypatch):
    """Something else (not an ingest: a hand-run sqlite3 shell) holds SQLite's write lock past the busy
    timeout: the file is named with a reason a user can act on, and the batch ends normally."""
    import sqlite3

    from app.config import get_settings

    monkeypatch.setenv("TIMELINE_SQLITE_BUSY_TIMEOUT_MS", "300")
    get_settings.cache_clear()
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    holder.execute("BEGIN IMMEDIATE")
    try:
        engine = make_engine(sqlite_url)
        summary = ingest_paths(engine, [folder], settings=Settings(database_url=sqlite_url,
                                                                   sqlite_busy_timeout_ms=300))
        engine.dispose()
    finally:
        holder.rollback()
        holder.close()
        get_settings.cache_clear()
    [(path, reason)] = summary.failed
    assert path.name == "a.txt"
    assert reason == ("not stored: the database stayed locked by another writer for more than 0.3 s; "
                      "ingest this file again")
