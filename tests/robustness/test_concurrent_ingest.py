"""Two ingests of the same files at once: the second waits for the first and then finds its files
stored; one that waits in vain says so plainly. Never a raw SQL error, never a file stored twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from app.db import make_engine
from app.ingest.lock import ingest_lock
from app.models import Article

ROOT = Path(__file__).resolve().parents[2]
TIMELINE = Path(sys.executable).parent / "timeline"


def _ingest(folder: Path, url: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([TIMELINE, "ingest", str(folder), "--db", url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **env})


def _articles(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Article))
    engine.dispose()
    return count


def test_two_ingests_at_once_store_each_file_once(tmp_path, db_url):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    runs = [_ingest(folder, db_url), _ingest(folder, db_url)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    summaries = sorted(out.strip().splitlines()[-1] for out, _ in outputs)
    assert summaries == ["0 new, 5 unchanged, 0 failed", "5 new, 0 unchanged, 0 failed"]
    errors = "".join(err for _, err in outputs)
    assert "Error" not in errors and "Traceback" not in errors and "failed:" not in errors
    assert _articles(db_url) == 5


def test_an_ingest_that_waits_in_vain_says_so_and_stores_nothing(tmp_path, db_url):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    engine = make_engine(db_url)
    with ingest_lock(engine, wait_seconds=0):  # another ingest, as far as the command can tell
        run = _ingest(folder, db_url, TIMELINE_INGEST_LOCK_WAIT_SECONDS="1")
        out, err = run.communicate(timeout=300)
    engine.dispose()
    assert run.returncode == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith("another ingest is writing to this database: waiting for it to finish")
    assert lines[-1].startswith("not ingested: another ingest is still writing to this database after")
    assert "Traceback" not in err and out == ""
    assert _articles(db_url) == 0
