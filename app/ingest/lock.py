"""One ingest at a time per database: a second one waits for the first, then reports plainly.

Two ingests of the same files at once would race to store the same articles: on SQLite the second
waits on the write lock until its busy timeout and fails with "database is locked"; on PostgreSQL
the two trip over each other's unique keys. So an ingest first takes a lock of the database's own:
on SQLite an OS file lock beside the database file (``timeline.db.ingest-lock``, released by the
kernel when the process ends, however it ends), on PostgreSQL a session advisory lock (released
when its connection closes). The second ingest waits up to ``ingest_lock_wait_seconds``, then
reads the database as the first left it, so that files the first stored are "unchanged".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, text

ADVISORY_KEY = 0x74696D656C696E65  # "timeline" in ASCII: the key of the ingest lock on PostgreSQL
POLL_SECONDS = 0.25


class IngestBusy(RuntimeError):
    """Another ingest held the database for longer than this one would wait."""


def _busy(waited: float) -> IngestBusy:
    return IngestBusy(f"another ingest is still writing to this database after {waited:,.0f} s of waiting; "
                      "nothing was ingested: run this one again when it has finished")


@contextmanager
def ingest_lock(engine: Engine, wait_seconds: float,
                waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the database's ingest lock; call ``waiting`` once if another ingest holds it first."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            yield  # a private database: nobody else can write to it
            return
        with _file_lock(Path(database).with_name(Path(database).name + ".ingest-lock"), wait_seconds, waiting):
            yield
    elif engine.dialect.name == "postgresql":
        with _advisory_lock(engine, wait_seconds, waiting):
            yield
    else:
        yield


NOTICE = "another ingest is writing to this database: waiting for it to finish (at most {:,.0f} s)"


@contextmanager
def _file_lock(path: Path, wait_seconds: float, waiting: Callable[[str], None] | None) -> Iterator[None]:
    lock = FileLock(path, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting is not None:
            waiting(NOTICE.format(wait_seconds))
        began = time.monotonic()
        try:
            lock.acquire(timeout=wait_seconds, poll_interval=POLL_SECONDS)
        except Timeout:
            raise _busy(time.monotonic() - began) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _advisory_lock(engine: Engine, wait_seconds: float, waiting: Callable[[str], None] | None) -> Iterator[None]:
    with engine.connect() as conn:
        def try_lock() -> bool:
            taken = conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY})
            conn.commit()
            return bool(taken)

        if not try_lock():
            if waiting is not None:
                waiting(NOTICE.format(wait_seconds))
            began = time.monotonic()
            while not try_lock():
                if time.monotonic() - began > wait_seconds:
                    raise _busy(time.monotonic() - began)
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            conn.commit()
