"""Reports whose date could not be resolved are stored apart from the events, and where each date
comes from is stored with the event."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlmodel import Session

from app import queries
from app.export import export_csv, export_json
from app.ingest.pipeline import ingest_paths
from app.migrate import downgrade_database, upgrade_database
from app.models import Event, Evidence, Report
from app.queries import EventFilters
from app.undated import count_undated, undated_reports
from tests.factories import Mention, add_article
from tests.test_migrations import drift

TEXT = ("Astana, 3 July 2024. The foreign ministers held talks on Wednesday in Astana. "
        "Earlier, the two presidents met to discuss a railway.")
DATED = Mention("meeting", "talks", "2024-07-03", "The foreign ministers held talks on Wednesday in Astana",
                date_phrase="Wednesday", signals=("date_in_sentence",))
UNDATED = Mention("meeting", "meeting", None, "Earlier, the two presidents met to discuss a railway")


def _add(engine, body: str = TEXT, name: str = "a.txt") -> int:
    return add_article(engine, file_name=name, text=body, published="2024-07-04", mentions=[DATED, UNDATED])


def test_an_undated_report_is_kept_without_an_event(engine):
    _add(engine)
    with Session(engine) as session:
        reports = session.scalars(select(Report).order_by(Report.ordinal)).all()
        assert [r.event_id is None for r in reports] == [False, True]
        passages = session.scalars(select(Evidence).where(Evidence.report_id == reports[1].id)).all()
        assert len(passages) == 1 and passages[0].event_id is None
        assert session.scalar(select(text("count(*)")).select_from(Event)) == 1


def test_undated_reports_stay_out_of_counts_facets_axis_and_exports(engine):
    _add(engine)
    with Session(engine) as session:
        assert queries.count_events(session, EventFilters()) == 1
        facets = queries.facet_counts(session, EventFilters())
        assert facets.total == 1
        assert sum(v.count for v in facets.facets["type"]) == 1
        assert [(year, count) for year, _, _, _, count in queries.density(session, EventFilters())] == [(2024, 1)]
        assert "railway" not in export_json(session) and "railway" not in export_csv(session)


UNDATED_FILE = ("Talks in Astana\n\nXi Jinping, the Chinese leader, held talks in Astana with Kassym-Jomart Tokayev "
                "about a new railway, the press service said.\n")


def _undated_reports(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM reports WHERE event_id IS NULL"))


def test_ingest_keeps_an_undated_report_once_and_replaces_it_with_its_file(engine, tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text(UNDATED_FILE, encoding="utf-8")
    first = ingest_paths(engine, [tmp_path], workers=0)
    assert first.ok and len(first.new) == 1
    assert _undated_reports(engine) == 1
    again = ingest_paths(engine, [tmp_path], workers=0)
    assert len(again.unchanged) == 1 and _undated_reports(engine) == 1
    article.write_text(UNDATED_FILE.replace("a new railway", "a new highway"), encoding="utf-8")
    assert len(ingest_paths(engine, [tmp_path], workers=0).updated) == 1
    assert _undated_reports(engine) == 1
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM events")) == 0
        assert conn.scalar(text("SELECT count(*) FROM evidence WHERE event_id IS NULL")) >= 1


def test_the_event_keeps_where_its_date_comes_from(engine):
    article_id = _add(engine)
    with Session(engine) as session:
        event = session.scalars(select(Event)).one()
        assert (event.date_source, event.date_article_id) == ("sentence", article_id)
        assert TEXT[event.date_span_start:event.date_span_end] == "Wednesday"


def test_revision_0008_goes_down_and_up(engine, db_url):
    _add(engine)
    downgrade_database(db_url, "0007")
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM reports WHERE event_id IS NULL")) == 0
        assert conn.scalar(text("SELECT count(*) FROM events")) == 1
    upgrade_database(db_url)
    assert drift(db_url) == []


def test_a_dated_report_that_lost_its_event_is_not_undated(engine, db_url):
    """An editor's changes can leave a dated report without its event (its event's passages all moved
    away): it is no report the sources give no date for, and a downgrade keeps it."""
    _add(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE evidence SET event_id = NULL WHERE event_id IS NOT NULL"))
        conn.execute(text("UPDATE reports SET event_id = NULL WHERE date_start IS NOT NULL"))
    with Session(engine) as session:
        assert count_undated(session) == 1
        assert [r.reports[0].type for r in undated_reports(session)] == ["meeting"]
        assert all(r.passages[0].text.startswith("Earlier") for a in undated_reports(session) for r in a.reports)
    downgrade_database(db_url, "0007")
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM reports")) == 1


def test_an_article_changed_so_that_its_events_lose_their_dates_takes_them_away(engine, tmp_path):
    """The events of the earlier version go with it when the new version reports them undated."""
    article = tmp_path / "changed.txt"
    article.write_text(UNDATED_FILE.replace("about a new railway", "on 3 July 2024 about a new railway"),
                       encoding="utf-8")
    assert len(ingest_paths(engine, [tmp_path], workers=0).new) == 1
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM events")) >= 1
    assert _undated_reports(engine) == 0
    article.write_text(UNDATED_FILE, encoding="utf-8")
    assert len(ingest_paths(engine, [tmp_path], workers=0).updated) == 1
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM events")) == 0
        assert conn.scalar(text("SELECT count(*) FROM event_actors")) == 0
    assert _undated_reports(engine) >= 1
