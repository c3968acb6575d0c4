"""The per-file time budget: a file whose parsing and extraction take too long is named "too slow to
extract" and skipped, its worker is replaced, and the rest of the batch goes in, in order."""

from __future__ import annotations

import time

from app.config import Settings
from app.ingest import pipeline
from app.ingest.pipeline import ingest_paths

ARTICLE = ("Kazakhstan and China hold talks\n\n"
           "ASTANA, May {day}, 2021 (Test Wire) -- Kassym-Jomart Tokayev held talks with Xi Jinping in Astana "
           "on May {day}, 2021, discussing trade and investment.\n")


def _batch(folder, names):
    folder.mkdir()
    for day, name in enumerate(names, start=10):
        (folder / name).write_text(ARTICLE.format(day=day), encoding="utf-8")


def _stalling(monkeypatch, seconds):
    """Parsing a file whose name says "stall" takes ``seconds`` (the workers, forked after this, inherit it)."""
    real = pipeline.parse_file

    def parse_file(article_file, min_chars=1):
        if "stall" in article_file.path.name:
            time.sleep(seconds)
        return real(article_file, min_chars)

    monkeypatch.setattr(pipeline, "parse_file", parse_file)


def test_a_file_over_the_budget_is_skipped_and_the_batch_goes_on(tmp_path, db_url, engine, monkeypatch):
    _stalling(monkeypatch, 120)
    _batch(tmp_path / "batch", ["a.txt", "b-stall.txt", "c.txt", "d-stall.txt", "e.txt"])
    seen = []
    settings = Settings(database_url=db_url, extract_timeout_seconds=1.5)
    summary = ingest_paths(engine, [tmp_path / "batch"], settings=settings, workers=1,
                           progress=lambda path, outcome, reason: seen.append((path.name, outcome, reason)))
    # one worker: after each stalled file it must have been replaced for the next file to go in
    assert [(name, outcome) for name, outcome, _ in seen] == [
        ("a.txt", "new"), ("b-stall.txt", "failed"), ("c.txt", "new"), ("d-stall.txt", "failed"), ("e.txt", "new")]
    reasons = dict((path.name, reason) for path, reason in summary.failed)
    assert set(reasons) == {"b-stall.txt", "d-stall.txt"}
    assert all(reason.startswith("too slow to extract: stopped after 1.5 s") for reason in reasons.values())
    assert summary.failure_counts() == {"too slow to extract": 2}


def test_without_workers_the_budget_does_not_apply(tmp_path, db_url, engine, monkeypatch):
    """``workers=0`` extracts in this process (for a debugger): nothing can stop a file there."""
    _stalling(monkeypatch, 2)
    _batch(tmp_path / "batch", ["a.txt", "b-stall.txt"])
    settings = Settings(database_url=db_url, extract_timeout_seconds=0.5)
    summary = ingest_paths(engine, [tmp_path / "batch"], settings=settings, workers=0)
    assert sorted(p.name for p in summary.new) == ["a.txt", "b-stall.txt"] and not summary.failed


def test_a_worker_that_dies_is_named_and_replaced(tmp_path, db_url, engine, monkeypatch):
    import os

    real = pipeline.parse_file

    def dying(article_file, min_chars=1):
        if "crash" in article_file.path.name:
            os._exit(3)
        return real(article_file, min_chars)

    monkeypatch.setattr(pipeline, "parse_file", dying)
    _batch(tmp_path / "batch", ["a.txt", "b-crash.txt", "c.txt"])
    summary = ingest_paths(engine, [tmp_path / "batch"], settings=Settings(database_url=db_url), workers=1)
    assert [p.name for p in summary.new] == ["a.txt", "c.txt"]
    [(path, reason)] = summary.failed
    assert path.name == "b-crash.txt" and reason.startswith("the extraction process died")
