"""The data version: one number, raised in the same transaction as every write.

A response cache may key on it: equal versions, equal data. Every stored article and every
correction raises it (app/ingest/pipeline.py, app/curation/).
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update
from sqlmodel import Session

from app.models import DataVersion

version_t = DataVersion.__table__
_CURRENT = select(version_t.c.version).where(version_t.c.id == 1)  # built once: read on every request


def data_version(session: Session | Connection) -> int:
    """The current data version (0 for a database nothing was written to)."""
    conn = session.connection() if isinstance(session, Session) else session
    return conn.scalar(_CURRENT) or 0


def bump_data_version(conn: Connection) -> None:
    conn.execute(update(version_t).where(version_t.c.id == 1).values(version=version_t.c.version + 1))
