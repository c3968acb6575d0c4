"""The `timeline` command, run as a user runs it: a subprocess on a real database file."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_corpus import gold_path, requires_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TIMELINE = [sys.executable, "-m", "app.cli"]


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*TIMELINE, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def seeded(db):
    result = run("ingest", SEEDS, "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def test_ingest_twice_ingests_nothing_new(db):
    first = run("ingest", SEEDS, "--db", db)
    assert first.returncode == 0
    assert first.stdout.strip().splitlines()[-1] == "5 new, 0 unchanged, 0 failed"
    export_before = run("export", "--db", db).stdout
    second = run("ingest", SEEDS, "--db", db)
    assert second.stdout.strip().splitlines()[-1] == "0 new, 5 unchanged, 0 failed"
    assert run("export", "--db", db).stdout == export_before


def test_bad_files_are_named_and_the_rest_goes_in(db, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEEDS / "002_13f10bd7a51f9bbb.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "latin1.txt").write_bytes("Presiden Tokayev di Almaty, caf\xe9".encode("latin-1"))
    result = run("ingest", folder, tmp_path / "missing.txt", "--db", db)
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1] == "1 new, 0 unchanged, 4 failed"
    failures = dict(line.removeprefix("failed: ").rsplit(": ", 1) for line in result.stderr.splitlines()
                    if line.startswith("failed: "))
    assert set(map(lambda p: Path(p).name, failures)) == {"empty.txt", "binary.txt", "latin1.txt", "missing.txt"}
    reasons = {Path(p).name: r for p, r in failures.items()}
    assert "empty" in reasons["empty.txt"] and "UTF-8" in reasons["latin1.txt"]
    assert "binary" in reasons["binary.txt"] and "no such file" in reasons["missing.txt"]
    events = json.loads(run("export", "--db", db).stdout)["events"]
    assert events and all(s["article"]["file"] == "good.txt" for e in events for s in e["sources"])


def test_export_json_follows_the_contract(seeded):
    events = json.loads(run("export", "--format", "json", "--db", seeded).stdout)["events"]
    assert events
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for event in events:
        assert event["type"] in {"visit", "meeting", "agreement"}
        assert event["date_precision"] in {"day", "month", "year", None}
        if event["date_start"]:
            assert len(event["date_start"]) == {"year": 4, "month": 7, "day": 10}[event["date_precision"]]
        assert all(set(p) >= {"name", "country", "role"} for p in event["participants"])
        assert event["place"] is None or set(event["place"]) >= {"name", "country"}
        for source in event["sources"]:
            assert set(source["article"]) >= {"id", "file", "title", "outlet", "published"}
            assert source["text"] == texts[source["article"]["file"]][source["start"]:source["end"]]


def test_export_csv_has_one_row_per_event(seeded):
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", seeded).stdout)))
    events = json.loads(run("export", "--db", seeded).stdout)["events"]
    assert [int(r["id"]) for r in rows] == [e["id"] for e in events]
    assert rows[0]["title"] == events[0]["title"]


def test_extract_explains_one_article():
    result = run("extract", SEEDS / "001_2a54ab0cdfdf7b75.txt", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)
    human = run("extract", SEEDS / "001_2a54ab0cdfdf7b75.txt")
    assert "Tokayev" in human.stdout


def test_extract_refuses_a_bad_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", tmp_path / "empty.txt")
    assert result.returncode == 1 and "empty" in result.stderr


@requires_corpus
def test_evaluate_prints_scores():
    result = run("evaluate", gold_path("seeds"), SEEDS)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("P=") and "F1=" in last and "exact_date=" in last


def test_evaluate_scores_only_the_listed_files_and_hides_differences(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "kept.txt").write_text(
        "Monday, 3 March 2025\n\nLeaders meet in the capital\n\n"
        "ASTANA, March 3 - Kazakh President Kassym-Jomart Tokayev held talks with Chinese Premier "
        "Li Qiang in Astana on Monday, the presidential press office said.\n", encoding="utf-8")
    (articles / "left-out.txt").write_text("Tuesday, 4 March 2025\n\nNothing\n\nNo event here at all.\n",
                                           encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "G1", "type": "meeting", "date_start": "2025-03-03",
                                "participants": ["Kassym-Jomart Tokayev", "Li Qiang"],
                                "files": ["kept.txt"], "required": True}) + "\n"
                    + json.dumps({"id": "G2", "type": "visit", "date_start": "2025-03-04",
                                  "participants": ["Li Qiang"], "files": ["left-out.txt"],
                                  "required": True}) + "\n", encoding="utf-8")
    listing = tmp_path / "held.txt"
    listing.write_text("# held back\nsomewhere/left-out.txt\n", encoding="utf-8")

    excluded = run("evaluate", gold, articles, "--exclude", listing)
    assert excluded.returncode == 0, excluded.stderr
    assert "files: 1;" in excluded.stdout and "R=1.000" in excluded.stdout  # G2 is not counted as missed

    only = run("evaluate", gold, articles, "--only", listing, "--scores-only")
    assert only.returncode == 0, only.stderr
    assert "files: 1;" in only.stdout and "R=0.000" in only.stdout
    assert "missed" not in only.stdout and "G2" not in only.stdout


def test_migrate_creates_the_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    result = run("migrate", "--db", url)
    assert result.returncode == 0 and (tmp_path / "m.db").exists()


def test_extract_reads_a_web_page(tmp_path):
    from tests.ingest.html_pages import REDIRECT, SAVED_PAGE

    (tmp_path / "talks.html").write_text(SAVED_PAGE, encoding="utf-8")
    result = run("extract", tmp_path / "talks.html", "--json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["title"] == "Tokayev and Xi hold talks in Astana" and article["published"] == "2024-07-03"
    (tmp_path / "moved.html").write_text(REDIRECT, encoding="utf-8")
    refused = run("extract", tmp_path / "moved.html")
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("moved.html: an HTML redirect page (meta refresh), not an article")


def test_failures_are_printed_with_the_progress_bar(tmp_path, db):
    """On a terminal the bar runs, and each failure is printed above it as plain text (a name that
    looks like markup stays as it is), then counted by reason."""
    import pty
    import re

    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEEDS / "002_13f10bd7a51f9bbb.txt", folder / "good.txt")
    (folder / "[bold red]loud.txt").write_bytes(b"")
    (folder / "short.txt").write_text("x")
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", "TERM": "xterm"}
    process = subprocess.Popen([*TIMELINE, "ingest", str(folder), "--db", db], stdout=subprocess.PIPE,
                               stderr=follower, cwd=ROOT, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout, _ = process.communicate(timeout=300)
    os.close(leader)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", b"".join(chunks).decode("utf-8", "replace"))
    assert process.returncode == 1
    assert re.search(r"failed: \S*/\[bold red\]loud\.txt: empty file", screen)
    assert re.search(r"failed: \S*/short\.txt: too short to be an article", screen)
    assert "2 failed, listed above: 1 empty file, 1 too short to be an article" in screen
    assert stdout.decode().strip().splitlines()[-1] == "1 new, 0 unchanged, 2 failed"


def _data_version(url: str) -> int:
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT version FROM data_version").fetchone()[0]


def test_reindex_and_synth_raise_the_data_version(seeded):
    """Both rewrite what pages show (search results, events): a response cache keyed on the data
    version must not serve what it kept before."""
    before = _data_version(seeded)
    assert before >= 5  # one per stored article
    result = run("reindex", "--db", seeded)
    assert result.returncode == 0, result.stderr
    assert _data_version(seeded) == before + 1
    result = run("synth", "--events", "20", "--articles", "5", "--db", seeded)
    assert result.returncode == 0, result.stderr
    assert _data_version(seeded) == before + 2
