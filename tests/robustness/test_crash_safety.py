"""An ingest killed with SIGKILL midway leaves a sound database of whole articles, and a second
run finishes it to exactly what one uninterrupted run gives."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.migrate import upgrade_database
from app.synth import write_article_files

TIMELINE = Path(sys.executable).parent / "timeline"
FILES = 120


def _ingest(folder: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([TIMELINE, "ingest", str(folder), "--db", url, "-q"], capture_output=True, text=True,
                          timeout=600)


def _export(url: str) -> list[dict]:
    """Every event without database ids (which depend on the order rows were written in)."""
    run = subprocess.run([TIMELINE, "export", "--db", url], capture_output=True, text=True, check=True,
                         timeout=300)
    events = json.loads(run.stdout)["events"]
    for event in events:
        event.pop("id")
        event["trip"] = event.pop("trip_id") is not None
        for source in event["sources"]:
            source["article"].pop("id")
    return sorted(events, key=lambda e: json.dumps(e, sort_keys=True))


def _articles(path: Path) -> dict[str, tuple[int, int]]:
    """{content hash: (reports, passages)} of every article."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT a.content_hash, (SELECT count(*) FROM reports r WHERE r.article_id = a.id), "
            "(SELECT count(*) FROM evidence e WHERE e.article_id = a.id) FROM articles a").fetchall()
    return {digest: (reports, passages) for digest, reports, passages in rows}


@pytest.mark.slow
def test_sigkill_midway_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "articles"
    write_article_files(folder, FILES, seed=7)

    reference = tmp_path / "reference.db"
    upgrade_database(f"sqlite:///{reference}")
    assert _ingest(folder, f"sqlite:///{reference}").returncode == 0
    whole = _articles(reference)
    assert len(whole) == FILES

    crashed = tmp_path / "crashed.db"
    url = f"sqlite:///{crashed}"
    upgrade_database(url)
    process = subprocess.Popen([TIMELINE, "ingest", str(folder), "--db", url, "-q"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while stored < FILES // 4:
        assert process.poll() is None, "the ingest finished before it could be killed"
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{crashed}?mode=ro", uri=True, timeout=5) as db:
                stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(crashed) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM reports WHERE event_id IS NULL").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM evidence WHERE event_id IS NULL").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                          "(SELECT 1 FROM reports r WHERE r.event_id = e.id)").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                          "(SELECT 1 FROM event_search s WHERE s.event_id = e.id)").fetchone()[0] == 0
        derived = db.execute("SELECT event_id, facet, value FROM event_source_facets ORDER BY 1, 2, 3").fetchall()
        from_passages = db.execute(
            "SELECT DISTINCT e.event_id, 'language', a.language FROM evidence e JOIN articles a ON a.id = e.article_id "
            "UNION SELECT DISTINCT e.event_id, 'outlet', a.outlet FROM evidence e JOIN articles a "
            "ON a.id = e.article_id WHERE a.outlet IS NOT NULL ORDER BY 1, 2, 3").fetchall()
        assert derived == from_passages
    partial = _articles(crashed)
    assert FILES // 4 <= len(partial) < FILES
    for digest, counts in partial.items():  # every article stored holds all its reports and passages
        assert counts == whole[digest]

    rerun = _ingest(folder, url)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{FILES - len(partial)} new" in rerun.stdout
    assert _articles(crashed) == whole
    assert _export(url) == _export(f"sqlite:///{reference}")
