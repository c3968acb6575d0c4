"""Shared fixtures: real SQLite files migrated from scratch, a live server over loopback."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, make_url, text

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.migrate import upgrade_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


POSTGRES_URL = os.environ.get("TIMELINE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _postgres_database(admin_url: str, name: str):
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return admin


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A fresh database migrated from scratch: a SQLite file, and PostgreSQL when configured."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'timeline.db'}"
        upgrade_database(url)
        yield url
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _postgres_database(POSTGRES_URL, name)
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """For tests about SQLite itself (WAL, integrity_check, crash safety)."""
    url = f"sqlite:///{tmp_path / 'timeline.db'}"
    upgrade_database(url)
    return url


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The real app under uvicorn in a thread, answering real HTTP on a loopback port."""

    def __init__(self, database_url: str, **settings: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = Settings(database_url=database_url, **settings)
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def forget_responses(self) -> None:
        """Empty the server's response cache (for a test that patches the code under it)."""
        cache = getattr(self.server.config.app.state, "response_cache", None)
        if cache is not None:
            cache.store.clear()


def live_server(database_url: str) -> LiveServer:
    return LiveServer(database_url)
