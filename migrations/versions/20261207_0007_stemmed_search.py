"""stemmed search: a column of stems indexed next to the original words

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 09:00:00

``event_search.stems`` and ``articles.stems`` hold the stems of the words beside them, and for an
event also what it is called in both interface languages and every spelling of its people and
places (app/search/index.py). Both texts are indexed together:

* SQLite: the FTS5 tables get a ``stems`` column next to the original ones (``event_fts(body,
  stems)``, ``article_fts(title, text, stems)``), kept in step by the same kind of triggers as before;
* PostgreSQL: one GIN index per table over a weighted ``tsvector``, the original words weighted
  A and the stems B (the expressions app/search/query.py matches and ranks with).

The upgrade computes the stems of the rows already stored (``app.search.index.rebuild``, which
``timeline reindex`` also runs), before the indexes are built over them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"


def _event_fts(columns: list[str]) -> list[str]:
    names, new, old = ", ".join(columns), ", ".join(f"new.{c}" for c in columns), ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE event_fts USING fts5({names}, content='event_search', content_rowid='event_id', "
        f"{TOKENIZER})",
        f"CREATE TRIGGER event_search_ai AFTER INSERT ON event_search BEGIN "
        f"INSERT INTO event_fts(rowid, {names}) VALUES (new.event_id, {new}); END",
        f"CREATE TRIGGER event_search_ad AFTER DELETE ON event_search BEGIN "
        f"INSERT INTO event_fts(event_fts, rowid, {names}) VALUES ('delete', old.event_id, {old}); END",
        f"CREATE TRIGGER event_search_au AFTER UPDATE ON event_search BEGIN "
        f"INSERT INTO event_fts(event_fts, rowid, {names}) VALUES ('delete', old.event_id, {old}); "
        f"INSERT INTO event_fts(rowid, {names}) VALUES (new.event_id, {new}); END",
        "INSERT INTO event_fts(event_fts) VALUES ('rebuild')",
    ]


def _article_fts(columns: list[str]) -> list[str]:
    names = ", ".join(columns)

    def values(row: str) -> str:
        return ", ".join(f"coalesce({row}.title, '')" if c == "title" else f"{row}.{c}" for c in columns)

    return [
        f"CREATE VIRTUAL TABLE article_fts USING fts5({names}, content='articles', content_rowid='id', {TOKENIZER})",
        f"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN "
        f"INSERT INTO article_fts(rowid, {names}) VALUES (new.id, {values('new')}); END",
        f"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN "
        f"INSERT INTO article_fts(article_fts, rowid, {names}) VALUES ('delete', old.id, {values('old')}); END",
        f"CREATE TRIGGER articles_au AFTER UPDATE OF {names} ON articles BEGIN "
        f"INSERT INTO article_fts(article_fts, rowid, {names}) VALUES ('delete', old.id, {values('old')}); "
        f"INSERT INTO article_fts(rowid, {names}) VALUES (new.id, {values('new')}); END",
        "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
    ]


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_au", "DROP TRIGGER IF EXISTS articles_ad", "DROP TRIGGER IF EXISTS articles_ai",
    "DROP TABLE IF EXISTS article_fts",
    "DROP TRIGGER IF EXISTS event_search_au", "DROP TRIGGER IF EXISTS event_search_ad",
    "DROP TRIGGER IF EXISTS event_search_ai", "DROP TABLE IF EXISTS event_fts",
]
# The expressions app/search/query.py matches with (tests/search check that the planner uses these indexes).
POSTGRES_STEMMED = [
    "CREATE INDEX ix_event_search_terms ON event_search USING gin "
    "((setweight(to_tsvector('simple', body), 'A') || setweight(to_tsvector('simple', stems), 'B')))",
    "CREATE INDEX ix_articles_terms ON articles USING gin "
    "((setweight(to_tsvector('simple', coalesce(title, '') || ' ' || text), 'A') "
    "|| setweight(to_tsvector('simple', stems), 'B')))",
]
POSTGRES_STEMMED_DROP = ["DROP INDEX IF EXISTS ix_articles_terms", "DROP INDEX IF EXISTS ix_event_search_terms"]
POSTGRES_PLAIN = [  # revision 0001's indexes
    "CREATE INDEX ix_event_search_tsv ON event_search USING gin (to_tsvector('simple', body))",
    "CREATE INDEX ix_articles_tsv ON articles USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text))",
]
POSTGRES_PLAIN_DROP = ["DROP INDEX IF EXISTS ix_articles_tsv", "DROP INDEX IF EXISTS ix_event_search_tsv"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    from app.search.index import rebuild

    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_DROP if sqlite else POSTGRES_PLAIN_DROP)
    # plain ADD COLUMN (not a batch copy of the tables): both databases add a column with a default in place
    for table in ("event_search", "articles"):
        op.add_column(table, sa.Column("stems", sa.Text(), nullable=False, server_default=""))
    rebuild(op.get_bind())
    if sqlite:
        _run(_event_fts(["body", "stems"]) + _article_fts(["title", "text", "stems"]))
    else:
        _run(POSTGRES_STEMMED)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_DROP if sqlite else POSTGRES_STEMMED_DROP)
    for table in ("articles", "event_search"):
        op.drop_column(table, "stems")
    if sqlite:
        _run(_event_fts(["body"]) + _article_fts(["title", "text"]))
    else:
        _run(POSTGRES_PLAIN)
