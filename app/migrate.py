"""Run Alembic migrations programmatically (`timeline migrate`, app start-up, tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from app.config import PROJECT_ROOT

FTS_TABLE_PREFIXES = ("event_fts", "article_fts")
# PostgreSQL's GIN indexes over tsvector expressions (revision 0007; before it, 0001's)
FTS_INDEXES = ("ix_event_search_terms", "ix_articles_terms", "ix_event_search_tsv", "ix_articles_tsv")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Full-text tables and indexes are managed by hand in the revisions, not compared with the models."""
    if type_ == "table" and name.startswith(FTS_TABLE_PREFIXES):
        return False
    return not (type_ == "index" and name in FTS_INDEXES)


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade_database(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade_database(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)
