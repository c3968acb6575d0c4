"""curation: accounts, corrections kept apart from extraction, review status, a data version

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 18:00:00

* ``users``, ``api_tokens`` (SHA-256 of each token), ``sign_in_attempts`` (failed sign-ins, for
  rate limiting across worker processes) and ``instance_secrets`` (the session signing key, made on
  first use when the settings name none).
* ``corrections`` and ``correction_articles``: every editor's change, keyed to the passages it
  concerns (article content hash, span, text), replayed after each ingest (app/curation/).
* ``events`` gain ``review_status`` (unreviewed | verified | rejected), ``reviewed_at``,
  ``review_note``, ``version`` (raised by every change: a stale save is a conflict) and
  ``created_by`` (the split or addition that made the event). ``review_status`` is copied into the
  link rows like the other filter columns (revision 0004) and ends every timeline index, so that
  hiding rejected events (every public read) is checked inside the index.
* ``evidence.report_id`` may be null: a passage an editor chose has no report, but its correction
  (``evidence.correction_id``).
* The count triggers of revision 0005 count only events that are not rejected: the kept counts
  are the public ones.
* ``data_version``: one row, raised in the transaction of every write; ``app.curation.data_version``.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LINKS = [("event_topics", "'topic'", "topic_id"), ("event_actors", "'actor'", "actor_id"),
         ("event_source_facets", "{row}.facet", "value")]
LINK_INDEXES = {"event_topics": ("ix_event_topics_timeline", ["topic_id"]),
                "event_actors": ("ix_event_actors_timeline", ["actor_id"]),
                "event_source_facets": ("ix_event_source_facets_timeline", ["facet", "value"])}
TIMELINE = ["date_start", "event_id", "type", "year", "date_precision", "date_last"]
EVENT_INDEXES = {
    "ix_events_timeline": ["date_start", "id", "type", "year", "date_precision", "date_last", "place_id"],
    "ix_events_type_timeline": ["type", "date_start", "id", "year", "date_precision", "date_last", "place_id"],
    "ix_events_place_timeline": ["place_id", "date_start", "id", "type", "year", "date_precision", "date_last"],
    "ix_events_facets": ["id", "year", "type", "date_start", "date_precision", "place_id", "date_last"],
}
STRING = sqlmodel.sql.sqltypes.AutoString()


# --- the count triggers (revision 0005), public events only ------------------------------------------


def _sqlite_triggers(public: bool) -> list[str]:
    month = "coalesce(CAST(substr({row}.date_start, 6, 2) AS INTEGER), 0)"

    def counted(row: str) -> str:
        return f"{row}.review_status <> 'rejected'" if public else "1"

    def count_month(row: str, step: str) -> str:
        if step == "+ 1":
            return (f"INSERT INTO event_month_counts (type, year, month, date_precision, n) "
                    f"SELECT {row}.type, coalesce({row}.year, 0), {month.format(row=row)}, "
                    f"coalesce({row}.date_precision, ''), 1 WHERE {counted(row)} "
                    f"ON CONFLICT (type, year, month, date_precision) DO UPDATE SET n = n + 1;")
        return (f"UPDATE event_month_counts SET n = n - 1 WHERE {counted(row)} AND type = {row}.type "
                f"AND year = coalesce({row}.year, 0) AND month = {month.format(row=row)} "
                f"AND date_precision = coalesce({row}.date_precision, '');")

    def count_value(row: str, step: str, facet: str, key: str, when: str = "1") -> str:
        facet, value, when = facet.format(row=row), f"CAST({row}.{key} AS TEXT)", f"{when} AND {counted(row)}"
        if step == "+ 1":
            return (f"INSERT INTO facet_value_counts (facet, value, year, type, n) "
                    f"SELECT {facet}, {value}, coalesce({row}.year, 0), {row}.type, 1 WHERE {when} "
                    f"ON CONFLICT (facet, value, year, type) DO UPDATE SET n = n + 1;")
        return (f"UPDATE facet_value_counts SET n = n - 1 WHERE {when} AND facet = {facet} AND value = {value} "
                f"AND year = coalesce({row}.year, 0) AND type = {row}.type;")

    def place(row: str, step: str) -> str:
        return count_value(row, step, "'place'", "place_id", f"{row}.place_id IS NOT NULL")

    columns = "type, year, date_start, date_precision, place_id" + (", review_status" if public else "")
    statements = [
        f"CREATE TRIGGER events_counts_ai AFTER INSERT ON events BEGIN {count_month('new', '+ 1')} "
        f"{place('new', '+ 1')} END",
        f"CREATE TRIGGER events_counts_ad AFTER DELETE ON events BEGIN {count_month('old', '- 1')} "
        f"{place('old', '- 1')} END",
        f"CREATE TRIGGER events_counts_au AFTER UPDATE OF {columns} ON events "
        f"BEGIN {count_month('old', '- 1')} {place('old', '- 1')} "
        f"{count_month('new', '+ 1')} {place('new', '+ 1')} END",
    ]
    for table, facet, key in LINKS:
        statements += [
            f"CREATE TRIGGER {table}_counts_ai AFTER INSERT ON {table} BEGIN "
            f"{count_value('new', '+ 1', facet, key)} END",
            f"CREATE TRIGGER {table}_counts_ad AFTER DELETE ON {table} BEGIN "
            f"{count_value('old', '- 1', facet, key)} END",
            f"CREATE TRIGGER {table}_counts_au AFTER UPDATE ON {table} BEGIN "
            f"{count_value('old', '- 1', facet, key)} {count_value('new', '+ 1', facet, key)} END",
        ]
    return statements


def _postgres_triggers(public: bool) -> list[str]:
    month = "coalesce(CAST(EXTRACT(MONTH FROM {row}.date_start) AS INTEGER), 0)"

    def count_month(row: str, step: int) -> str:
        return (f"INSERT INTO event_month_counts AS c (type, year, month, date_precision, n) VALUES "
                f"({row}.type, coalesce({row}.year, 0), {month.format(row=row)}, coalesce({row}.date_precision, ''), "
                f"{step}) ON CONFLICT (type, year, month, date_precision) DO UPDATE SET n = c.n + {step};")

    def count_value(row: str, step: int, facet: str, key: str) -> str:
        return (f"INSERT INTO facet_value_counts AS c (facet, value, year, type, n) VALUES "
                f"({facet.format(row=row)}, CAST({row}.{key} AS TEXT), coalesce({row}.year, 0), {row}.type, {step}) "
                f"ON CONFLICT (facet, value, year, type) DO UPDATE SET n = c.n + {step};")

    def only_counted(row: str, statements: str) -> str:
        return f"IF {row}.review_status <> 'rejected' THEN {statements} END IF;" if public else statements

    def body(statements_for) -> str:
        return (f"BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN {only_counted('OLD', statements_for('OLD', -1))} "
                f"END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN {only_counted('NEW', statements_for('NEW', 1))} "
                f"END IF; RETURN NULL; END")

    def event_counts(row: str, step: int) -> str:
        place = count_value(row, step, "'place'", "place_id")
        return f"{count_month(row, step)} IF {row}.place_id IS NOT NULL THEN {place} END IF;"

    columns = "type, year, date_start, date_precision, place_id" + (", review_status" if public else "")
    statements = [
        f"CREATE FUNCTION count_events() RETURNS trigger LANGUAGE plpgsql AS $$ {body(event_counts)} $$",
        f"CREATE TRIGGER events_counts AFTER INSERT OR DELETE OR UPDATE OF {columns} "
        "ON events FOR EACH ROW EXECUTE FUNCTION count_events()",
    ]
    for table, facet, key in LINKS:
        statements += [
            f"CREATE FUNCTION count_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"{body(lambda row, step, facet=facet, key=key: count_value(row, step, facet, key))} $$",
            f"CREATE TRIGGER {table}_counts AFTER INSERT OR DELETE OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION count_{table}()",
        ]
    return statements


def _drop_triggers(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return ["DROP TRIGGER IF EXISTS events_counts ON events", "DROP FUNCTION IF EXISTS count_events()",
                *(s for table, _, _ in LINKS for s in (f"DROP TRIGGER IF EXISTS {table}_counts ON {table}",
                                                       f"DROP FUNCTION IF EXISTS count_{table}()"))]
    return [f"DROP TRIGGER IF EXISTS {table}_counts_{when}" for table in ("events", *(t for t, _, _ in LINKS))
            for when in ("ai", "ad", "au")]


def _create_triggers(public: bool) -> None:
    dialect = op.get_bind().dialect.name
    for statement in _postgres_triggers(public) if dialect == "postgresql" else _sqlite_triggers(public):
        op.execute(statement)


# --- the tables ------------------------------------------------------------------------------------------


def _create_account_tables() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", STRING, nullable=False),
        sa.Column("role", STRING, nullable=False),
        sa.Column("password_hash", STRING, nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", STRING, nullable=False),
        sa.Column("label", STRING, nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", STRING, nullable=False),
        sa.Column("address", STRING, nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sign_in_attempts_name", "sign_in_attempts", ["username", "at"])
    op.create_index("ix_sign_in_attempts_address", "sign_in_attempts", ["address", "at"])
    op.create_table(
        "instance_secrets",
        sa.Column("name", STRING, nullable=False),
        sa.Column("value", STRING, nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")


def _create_correction_tables() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", STRING, nullable=False),
        sa.Column("anchors", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("note", STRING, nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reverts_id", sa.Integer(), nullable=True),
        sa.Column("reverted_by", sa.Integer(), nullable=True),
        sa.Column("applies", sa.Boolean(), nullable=False),
        sa.Column("stale_reason", STRING, nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("other_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reverts_id"], ["corrections.id"]),
        sa.ForeignKeyConstraint(["reverted_by"], ["corrections.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])
    op.create_index("ix_corrections_other_event_id", "corrections", ["other_event_id"])
    op.create_table(
        "correction_articles",
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", STRING, nullable=False),
        sa.Column("file_name", STRING, nullable=False),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("correction_id", "content_hash"),
    )
    op.create_index("ix_correction_articles_hash", "correction_articles", ["content_hash"])
    op.create_index("ix_correction_articles_file", "correction_articles", ["file_name"])


def _index_review_status(with_it: bool) -> None:
    extra = ["review_status"] if with_it else []
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, columns in EVENT_INDEXES.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, [*columns, *extra], unique=False)
    for table, (name, keys) in LINK_INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, [*keys, *TIMELINE, *extra], unique=False)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _drop_triggers(dialect):
        op.execute(statement)
    _create_account_tables()
    _create_correction_tables()
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_status", STRING, nullable=False, server_default="unreviewed"))
        batch_op.add_column(sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("review_note", STRING, nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
    for table, _ in LINK_INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("review_status", STRING, nullable=False, server_default="unreviewed"))
    _index_review_status(True)
    op.create_index("ix_events_review_queue", "events", ["review_status", "confidence", "id"])
    op.create_index("ix_events_created_by", "events", ["created_by"])
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.alter_column("report_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("correction_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_evidence_correction_id", "corrections", ["correction_id"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_index("ix_evidence_correction_id", ["correction_id"], unique=False)
    _create_triggers(public=True)
    op.execute("ANALYZE")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _drop_triggers(dialect):
        op.execute(statement)
    op.execute("DELETE FROM evidence WHERE report_id IS NULL")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_correction_id")
        batch_op.drop_constraint("fk_evidence_correction_id", type_="foreignkey")
        batch_op.drop_column("correction_id")
        batch_op.alter_column("report_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_events_created_by", table_name="events")
    op.drop_index("ix_events_review_queue", table_name="events")
    _index_review_status(False)
    # plain DROP COLUMN (SQLite 3.35+): a batch copy of ``events`` cannot drop the table it copies,
    # which other tables reference
    for table in LINK_INDEXES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN review_status")
    for column in ("created_by", "version", "review_note", "reviewed_at", "review_status"):
        op.execute(f"ALTER TABLE events DROP COLUMN {column}")
    for table in ("correction_articles", "corrections", "data_version", "instance_secrets", "sign_in_attempts",
                  "api_tokens", "users"):
        op.drop_table(table)
    # the counts of revision 0005 counted every event: rejected ones count again
    op.execute("DELETE FROM event_month_counts")
    op.execute("DELETE FROM facet_value_counts")
    _create_triggers(public=False)
    _refill_counts(dialect)


def _refill_counts(dialect: str) -> None:
    if dialect == "postgresql":
        month = "coalesce(CAST(EXTRACT(MONTH FROM date_start) AS INTEGER), 0)"
    else:
        month = "coalesce(CAST(substr(date_start, 6, 2) AS INTEGER), 0)"
    op.execute(f"""INSERT INTO event_month_counts (type, year, month, date_precision, n)
        SELECT type, coalesce(year, 0), {month}, coalesce(date_precision, ''), count(*) FROM events
        GROUP BY type, coalesce(year, 0), {month}, coalesce(date_precision, '')""")
    op.execute("""INSERT INTO facet_value_counts (facet, value, year, type, n)
        SELECT 'place', CAST(place_id AS TEXT), coalesce(year, 0), type, count(*) FROM events
        WHERE place_id IS NOT NULL GROUP BY place_id, coalesce(year, 0), type""")
    for table, facet, key in LINKS:
        facet = facet.format(row=table)
        grouped = [key, "coalesce(year, 0)", "type"] + ([] if facet.startswith("'") else [facet])
        op.execute(f"""INSERT INTO facet_value_counts (facet, value, year, type, n)
            SELECT {facet}, CAST({key} AS TEXT), coalesce(year, 0), type, count(*) FROM {table}
            GROUP BY {', '.join(grouped)}""")
