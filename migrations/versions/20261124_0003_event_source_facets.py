"""event_source_facets: the outlets and languages reporting each event

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 03:40:00

The outlet and language facets count events per outlet (language) of the articles whose
passages state them. Counted from the passages, that is a DISTINCT over every (value, event)
pair: 0.2-0.3 s at 100,000 events for each of the two facets. This table holds those pairs once,
kept by ingest whenever an event is refreshed (app/ingest/store.py) and by ``timeline synth``;
the facets count it from its ``(facet, value, event_id)`` index, the filters look it up by its
primary key. Filled here from the existing passages.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_source_facets",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("facet", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "facet", "value"),
    )
    with op.batch_alter_table("event_source_facets", schema=None) as batch_op:
        batch_op.create_index("ix_event_source_facets_value", ["facet", "value", "event_id"], unique=False)
    for facet in ("outlet", "language"):
        op.execute(f"""INSERT INTO event_source_facets (event_id, facet, value)
            SELECT DISTINCT evidence.event_id, '{facet}', articles.{facet}
            FROM evidence JOIN articles ON articles.id = evidence.article_id
            WHERE evidence.event_id IS NOT NULL AND articles.{facet} IS NOT NULL""")
    op.execute("ANALYZE")


def downgrade() -> None:
    with op.batch_alter_table("event_source_facets", schema=None) as batch_op:
        batch_op.drop_index("ix_event_source_facets_value")
    op.drop_table("event_source_facets")
