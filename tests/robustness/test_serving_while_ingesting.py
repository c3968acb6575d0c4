"""Readers of a live server get no errors and no half-written events while another process ingests."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.db import make_engine
from app.synth import synthesize, write_article_files
from tests.conftest import live_server

TIMELINE = Path(sys.executable).parent / "timeline"


@pytest.mark.slow
def test_readers_see_only_whole_events_during_an_ingest(tmp_path, sqlite_url):
    engine = make_engine(sqlite_url)
    synthesize(engine, events=300, articles=80, seed=3)
    engine.dispose()
    folder = tmp_path / "articles"
    write_article_files(folder, 60, seed=11)

    problems: list[str] = []
    seen = {"requests": 0, "totals": set()}
    done = threading.Event()

    def read(client, path: str, headers: dict | None = None):
        response = client.get(path, headers=headers or {})
        seen["requests"] += 1
        if response.status_code != 200:
            problems.append(f"{path}: HTTP {response.status_code}")
            return None
        return response

    def reader(server) -> None:
        with server.client() as client:
            while not done.is_set():
                response = read(client, "/api/events?sort=newest&page_size=100")
                if response is not None:
                    body = response.json()
                    seen["totals"].add(body["total"])
                    for event in body["events"]:
                        if not event["sources"] or not event["participants"] or not event["title"]:
                            problems.append(f"half-written event {event['id']}: {event}")
                        for source in event["sources"]:
                            if len(source["text"]) != source["end"] - source["start"]:
                                problems.append(f"event {event['id']}: passage cut wrong")
                read(client, "/api/facets")
                read(client, "/?sort=newest", {"HX-Request": "true"})

    with live_server(sqlite_url) as server:
        readers = [threading.Thread(target=reader, args=(server,)) for _ in range(3)]
        for thread in readers:
            thread.start()
        try:
            run = subprocess.run([TIMELINE, "ingest", str(folder), "--db", sqlite_url, "-q"], capture_output=True,
                                 text=True, timeout=600)
        finally:
            done.set()
            for thread in readers:
                thread.join(timeout=60)
    assert run.returncode == 0, run.stderr
    assert "60 new" in run.stdout
    assert problems == []
    assert seen["requests"] > 30
    assert len(seen["totals"]) > 1, "the readers should have seen the ingest's events arrive"
