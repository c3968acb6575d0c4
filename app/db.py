"""Database engine and sessions. SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, create_engine, event
from sqlmodel import Session

from app.config import get_settings


def is_sqlite(engine_or_url) -> bool:
    url = getattr(engine_or_url, "url", engine_or_url)
    return str(url).startswith("sqlite")


def _apply_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer nor it them, so the site serves while an ingest runs.
    # synchronous=NORMAL: a killed process loses nothing committed; a power cut may lose the
    # last commits, never the database's consistency.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={get_settings().sqlite_busy_timeout_ms}")
    cursor.execute("PRAGMA cache_size=-32768")  # 32 MiB of page cache per connection
    cursor.execute("PRAGMA mmap_size=1073741824")  # read the file through the OS page cache, up to 1 GiB
    cursor.execute("PRAGMA temp_store=MEMORY")  # GROUP BY and DISTINCT b-trees stay in memory
    cursor.close()


def refresh_statistics(db: Engine | Connection) -> None:
    """Let the query planner see the tables as they now are (after an ingest or a bulk load).

    SQLite plans joins from ``sqlite_stat1``; without it, or with figures from an empty database,
    it may walk 100,000 events where it could look up a few hundred. ``analysis_limit`` keeps this
    to milliseconds at any size (sampled statistics are enough to choose an index). Given a
    connection, it must not be in a transaction: the statistics are committed at once.
    """
    with db.begin() as began:  # an engine's begin() gives a connection, a connection's a transaction
        conn = began if isinstance(db, Engine) else db
        if db.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=2000")
        conn.exec_driver_sql("ANALYZE")


BULK_CHECKPOINT_PAGES = 10_000  # 40 MB of 4 KiB pages


@contextmanager
def bulk_writing(conn: Connection) -> Iterator[Connection]:
    """``conn`` commits many transactions in a row: on SQLite, let its WAL grow to 10,000 pages between checkpoints.

    A checkpoint copies every page changed since the last one into the database file. Each article
    changes the same count-table, index and full-text pages; checkpointing every 1,000 pages (the
    default) copied them ten times as often, ~12% of the CPU time of an ingest. Durability is the
    same (a transaction is durable once in the WAL); the WAL file grows to ~40 MB meanwhile.
    """
    if conn.dialect.name != "sqlite":
        yield conn
        return
    default = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}")
    conn.commit()
    try:
        yield conn
    finally:
        conn.rollback()
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(default)}")
        conn.commit()


def make_engine(url: str | None = None) -> Engine:
    url = url or get_settings().database_url
    if is_sqlite(url):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=False
        )
        event.listen(engine, "connect", _apply_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@cache
def engine_for(url: str) -> Engine:
    """One engine per URL for the life of the process."""
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for one request (async, like the handlers: see app/web/routes.py)."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
