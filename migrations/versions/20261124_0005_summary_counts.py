"""grouped counts of the events, kept by triggers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 07:00:00

The timeline's landing page shows seven facets and the axis over every event: grouping 100,000
events and their 500,000 link rows takes 100-200 ms however the indexes are laid out. These two
tables hold those groups' counts, kept by triggers in the same transaction as every insert,
update and delete of an event or a link row, so that they are at every moment exactly what the
GROUP BY would give (tests/test_queries.py and tests/ingest/test_store.py check it):

* ``event_month_counts`` (type, year, month, date_precision) → events; undated events under year
  and month 0 and precision '';
* ``facet_value_counts`` (facet, value, year, type) → events, for topics, actors, outlets and
  languages (their link rows carry the event's year and type, revision 0004) and places.

app/queries.py reads them whenever the only filters are years and types.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, facet name or column holding it, key column)
LINKS = [("event_topics", "'topic'", "topic_id"), ("event_actors", "'actor'", "actor_id"),
         ("event_source_facets", "{row}.facet", "value")]


def _sqlite_statements() -> list[str]:
    month = "coalesce(CAST(substr({row}.date_start, 6, 2) AS INTEGER), 0)"

    def count_month(row: str, step: str) -> str:
        if step == "+ 1":
            return (f"INSERT INTO event_month_counts (type, year, month, date_precision, n) VALUES "
                    f"({row}.type, coalesce({row}.year, 0), {month.format(row=row)}, "
                    f"coalesce({row}.date_precision, ''), 1) "
                    f"ON CONFLICT (type, year, month, date_precision) DO UPDATE SET n = n + 1;")
        return (f"UPDATE event_month_counts SET n = n - 1 WHERE type = {row}.type AND year = coalesce({row}.year, 0) "
                f"AND month = {month.format(row=row)} AND date_precision = coalesce({row}.date_precision, '');")

    def count_value(row: str, step: str, facet: str, key: str, when: str = "") -> str:
        facet, value = facet.format(row=row), f"CAST({row}.{key} AS TEXT)"
        if step == "+ 1":
            return (f"INSERT INTO facet_value_counts (facet, value, year, type, n) "
                    f"SELECT {facet}, {value}, coalesce({row}.year, 0), {row}.type, 1 WHERE {when or '1'} "
                    f"ON CONFLICT (facet, value, year, type) DO UPDATE SET n = n + 1;")
        return (f"UPDATE facet_value_counts SET n = n - 1 WHERE {when or '1'} AND facet = {facet} AND value = {value} "
                f"AND year = coalesce({row}.year, 0) AND type = {row}.type;")

    def place(row: str, step: str) -> str:
        return count_value(row, step, "'place'", "place_id", f"{row}.place_id IS NOT NULL")

    statements = [
        f"CREATE TRIGGER events_counts_ai AFTER INSERT ON events BEGIN {count_month('new', '+ 1')} "
        f"{place('new', '+ 1')} END",
        f"CREATE TRIGGER events_counts_ad AFTER DELETE ON events BEGIN {count_month('old', '- 1')} "
        f"{place('old', '- 1')} END",
        f"CREATE TRIGGER events_counts_au AFTER UPDATE OF type, year, date_start, date_precision, place_id ON events "
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


def _postgres_statements() -> list[str]:
    month = "coalesce(CAST(EXTRACT(MONTH FROM {row}.date_start) AS INTEGER), 0)"

    def count_month(row: str, step: int) -> str:
        return (f"INSERT INTO event_month_counts AS c (type, year, month, date_precision, n) VALUES "
                f"({row}.type, coalesce({row}.year, 0), {month.format(row=row)}, coalesce({row}.date_precision, ''), "
                f"{step}) ON CONFLICT (type, year, month, date_precision) DO UPDATE SET n = c.n + {step};")

    def count_value(row: str, step: int, facet: str, key: str) -> str:
        return (f"INSERT INTO facet_value_counts AS c (facet, value, year, type, n) VALUES "
                f"({facet.format(row=row)}, CAST({row}.{key} AS TEXT), coalesce({row}.year, 0), {row}.type, {step}) "
                f"ON CONFLICT (facet, value, year, type) DO UPDATE SET n = c.n + {step};")

    def body(statements_for) -> str:
        return (f"BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN {statements_for('OLD', -1)} END IF; "
                f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {statements_for('NEW', 1)} END IF; RETURN NULL; END")

    def event_counts(row: str, step: int) -> str:
        place = count_value(row, step, "'place'", "place_id")
        return f"{count_month(row, step)} IF {row}.place_id IS NOT NULL THEN {place} END IF;"

    statements = [
        f"CREATE FUNCTION count_events() RETURNS trigger LANGUAGE plpgsql AS $$ {body(event_counts)} $$",
        "CREATE TRIGGER events_counts AFTER INSERT OR DELETE OR UPDATE OF type, year, date_start, date_precision, "
        "place_id ON events FOR EACH ROW EXECUTE FUNCTION count_events()",
    ]
    for table, facet, key in LINKS:
        statements += [
            f"CREATE FUNCTION count_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"{body(lambda row, step, facet=facet, key=key: count_value(row, step, facet, key))} $$",
            f"CREATE TRIGGER {table}_counts AFTER INSERT OR DELETE OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION count_{table}()",
        ]
    return statements


def _drop_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return ["DROP TRIGGER IF EXISTS events_counts ON events", "DROP FUNCTION IF EXISTS count_events()",
                *(s for table, _, _ in LINKS for s in (f"DROP TRIGGER IF EXISTS {table}_counts ON {table}",
                                                       f"DROP FUNCTION IF EXISTS count_{table}()"))]
    return [f"DROP TRIGGER IF EXISTS {table}_counts_{when}" for table in ("events", *(t for t, _, _ in LINKS))
            for when in ("ai", "ad", "au")]


def _fill() -> None:
    """The counts of the rows already there."""
    if op.get_bind().dialect.name == "postgresql":
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


def upgrade() -> None:
    op.create_table(
        "event_month_counts",
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("type", "year", "month", "date_precision"),
    )
    op.create_table(
        "facet_value_counts",
        sa.Column("facet", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("facet", "value", "year", "type"),
    )
    _fill()
    dialect = op.get_bind().dialect.name
    for statement in _postgres_statements() if dialect == "postgresql" else _sqlite_statements():
        op.execute(statement)


def downgrade() -> None:
    for statement in _drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("facet_value_counts")
    op.drop_table("event_month_counts")
