"""The migrations build exactly the schema the models describe, and go down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables)
from app.db import make_engine
from app.migrate import downgrade_database, include_object, upgrade_database


def drift(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object,
                                                         "render_as_batch": True})
        found = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    return found


def test_no_drift_between_the_models_and_the_migrations(db_url):
    assert drift(db_url) == []


def test_the_read_path_revisions_go_down_and_up_keeping_the_counts(engine, db_url):
    from tests.factories import Mention, add_article

    add_article(engine, file_name="a.txt", published="2024-07-03",
                text="Astana. Xi Jinping held talks with Tokayev today.",
                mentions=[Mention("meeting", "talks", "2024-07-03", "Xi Jinping held talks with Tokayev",
                                  topics=("energy",))])
    downgrade_database(db_url, "0003")
    upgrade_database(db_url)
    assert drift(db_url) == []
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT type, year, month, date_precision, n FROM event_month_counts")).all()
        topics = conn.execute(text("SELECT facet, value, year, type, n FROM facet_value_counts "
                                   "WHERE facet = 'topic'")).all()
        copies = conn.execute(text("SELECT type, year, date_start FROM event_topics")).all()
    assert [tuple(r) for r in kept] == [("meeting", 2024, 7, "day", 1)]
    assert [tuple(r)[2:] for r in topics] == [(2024, "meeting", 1)]
    assert [(t, y, str(d)) for t, y, d in copies] == [("meeting", 2024, "2024-07-03")]
