"""where an event's date comes from; reports that could not be dated

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 09:00:00

A reader asks where a date comes from. Each report now keeps how the extractor dated it
(``date_source``: its own passage, a caption, the article's lead story, the event told before it,
another event of its sentence, a meeting it was derived from, the event it was anchored on, or the
publication date) and where the date's phrase stands in its article (``date_span_start``,
``date_span_end``, character offsets). An event copies these from the report that gave it its date,
with that report's article (``date_article_id``), so that its page quotes the passage or header
line without reading its reports.

Reports whose date could not be resolved are now stored too, without an event (``event_id`` NULL,
as are their passages' ``event_id``): they are listed on their own page, and never counted,
faceted or exported with the events. Columns only; existing rows keep NULL until their article is
ingested again.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Added with plain ALTER TABLE (not batch mode): recreating ``events`` on SQLite would drop the
# triggers that keep its counts (revision 0005).
REPORT_COLUMNS = ("date_source", "date_span_start", "date_span_end")
EVENT_COLUMNS = ("date_source", "date_article_id", "date_span_start", "date_span_end")


def _column(name: str) -> sa.Column:
    kind = sqlmodel.sql.sqltypes.AutoString() if name == "date_source" else sa.Integer()
    return sa.Column(name, kind, nullable=True)


def upgrade() -> None:
    for name in REPORT_COLUMNS:
        op.add_column("reports", _column(name))
    for name in EVENT_COLUMNS:
        op.add_column("events", _column(name))


def downgrade() -> None:
    # before this revision no report was stored undated: those go (a dated report without an event, left
    # by an editor's removal of its event's passages, stays as it was)
    op.execute("DELETE FROM evidence WHERE report_id IN "
               "(SELECT id FROM reports WHERE event_id IS NULL AND date_start IS NULL)")
    op.execute("DELETE FROM reports WHERE event_id IS NULL AND date_start IS NULL")
    for name in EVENT_COLUMNS:
        op.drop_column("events", name)
    for name in REPORT_COLUMNS:
        op.drop_column("reports", name)
