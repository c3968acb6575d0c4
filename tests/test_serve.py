"""`timeline serve` as a user runs it: several workers, one killed, the server still answering."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.migrate import upgrade_database
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (the arbiter's workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def wait_until(condition, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_a_killed_worker_is_replaced_and_the_server_keeps_answering(tmp_path):
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    upgrade_database(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--db", url, "--port", str(port),
                               "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_until(lambda: answers(f"{base}/api/events"), what="the server to answer")
        wait_until(lambda: len(children(server.pid)) == 2, what="two workers")
        workers = children(server.pid)
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: len(children(server.pid) - workers) == 1 and len(children(server.pid)) == 2,
                   what="a new worker in the place of the killed one")
        assert victim not in children(server.pid)
        with httpx.Client(base_url=base, timeout=10) as client:  # new connections reach both workers
            statuses = [client.get("/api/events", headers={"Connection": "close"}).status_code for _ in range(20)]
        assert statuses == [200] * 20
        assert server.poll() is None

        server.send_signal(signal.SIGTERM)  # a graceful stop: the arbiter and its workers end
        assert server.wait(timeout=45) == 0
        assert not children(server.pid)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
