"""Replaying corrections after ingest re-derived events, and rebuilding events after a revert.

Ingest re-clusters and re-derives the events an article touches, which wipes editors' changes
from them (re-clustering writes what extraction gives: unreviewed, the derived fields). Then the
corrections that concern those events are applied again, in the order they were made. Which
corrections concern them: those with a passage in an article of the touched events (by content
hash, or by file name for an article replaced by a new version), and, transitively, those sharing
an article with these (a merge ties two events' articles together). Corrections that no longer
apply are marked so (with the reason), never dropped: the editors' page lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, delete, select, update

from app.curation.apply import Applier, drop_empty_events
from app.curation.version import bump_data_version
from app.ingest.store import recluster, reports_of
from app.models import Article, Correction, CorrectionArticle, Event, Evidence, Report

articles_t, evidence_t, events_t, reports_t = Article.__table__, Evidence.__table__, Event.__table__, Report.__table__
corrections_t, correction_articles_t = Correction.__table__, CorrectionArticle.__table__
CHUNK = 500

_ARTICLES_OF_EVENTS = (
    select(articles_t.c.content_hash, articles_t.c.file_name).distinct()
    .join(evidence_t, evidence_t.c.article_id == articles_t.c.id)
    .where(evidence_t.c.event_id.in_(bindparam("events", expanding=True)))
)
_ACTIVE = (corrections_t.c.kind != "revert") & corrections_t.c.reverted_by.is_(None)


def articles_of_events(conn: Connection, event_ids: Iterable[int]) -> tuple[set[str], set[str]]:
    hashes, files = set(), set()
    ids = sorted(set(event_ids))
    for start in range(0, len(ids), CHUNK):
        for content_hash, file_name in conn.execute(_ARTICLES_OF_EVENTS, {"events": ids[start:start + CHUNK]}):
            hashes.add(content_hash)
            files.add(file_name)
    return hashes, files


def related_corrections(conn: Connection, hashes: set[str], files: set[str]) -> set[int]:
    """The corrections with a passage in these articles, and those sharing an article with them."""
    found: set[int] = set()
    seen_hashes, seen_files = set(), set()
    while hashes or files:
        seen_hashes |= hashes
        seen_files |= files
        new = set(conn.scalars(select(correction_articles_t.c.correction_id).where(
            correction_articles_t.c.content_hash.in_(sorted(hashes)) | correction_articles_t.c.file_name.in_(
                sorted(files))))) - found
        if not new:
            break
        found |= new
        rows = conn.execute(select(correction_articles_t.c.content_hash, correction_articles_t.c.file_name)
                            .where(correction_articles_t.c.correction_id.in_(sorted(new)))).all()
        hashes = {h for h, _ in rows} - seen_hashes
        files = {f for _, f in rows} - seen_files
    return found


def replay(conn: Connection, correction_ids: set[int], touched: set[int]) -> set[int]:
    """Apply the active ones of ``correction_ids`` in order, recording whether each still applies;
    drop events left without passages. Returns the events touched."""
    touched = set(touched)
    if correction_ids:
        applier = Applier(conn)
        rows = conn.execute(select(corrections_t).where(corrections_t.c.id.in_(sorted(correction_ids)), _ACTIVE)
                            .order_by(corrections_t.c.id)).all()
        for c in rows:
            outcome = applier.apply(c)
            touched |= outcome.touched
            conn.execute(update(corrections_t).where(corrections_t.c.id == c.id).values(
                applies=outcome.reason is None, stale_reason=outcome.reason,
                event_id=outcome.event_id if outcome.event_id is not None else c.event_id,
                other_event_id=outcome.other_event_id if outcome.other_event_id is not None else c.other_event_id))
        # an event a split or an addition made, whose passage is gone with its article, goes too
        touched |= set(conn.scalars(select(events_t.c.id).where(events_t.c.created_by.in_(sorted(correction_ids)))))
    return touched - drop_empty_events(conn, touched)


def after_ingest(conn: Connection, touched: set[int], *, hashes: set[str], files: set[str]) -> None:
    """In an ingest's transaction, after the article's events were re-clustered: replay the corrections
    concerning them (``hashes``/``files``: the stored and the replaced article) and raise the data version."""
    found_hashes, found_files = articles_of_events(conn, touched)
    corrections = related_corrections(conn, found_hashes | hashes, found_files | files)
    if corrections:
        replay(conn, corrections, touched)
    bump_data_version(conn)


def rebuild(conn: Connection, event_ids: set[int]) -> set[int]:
    """Derive ``event_ids`` again from their reports (as ingest would) and replay the active corrections
    concerning them: what a revert does, since a reverted change may have been built upon."""
    hashes, files = articles_of_events(conn, event_ids)
    reports = reports_of(conn, event_ids)
    inactive = select(corrections_t.c.id).where(~_ACTIVE)
    # what extraction gave: each report's passages with their report, no passage of an undone change
    conn.execute(delete(evidence_t).where(evidence_t.c.correction_id.in_(inactive)))
    report_ids = sorted(r.id for r in reports)
    for start in range(0, len(report_ids), CHUNK):
        conn.execute(update(evidence_t).where(evidence_t.c.report_id.in_(report_ids[start:start + CHUNK]))
                     .values(event_id=select(reports_t.c.event_id).where(reports_t.c.id == evidence_t.c.report_id)
                             .scalar_subquery()))
    live = recluster(conn, reports, event_ids)
    conn.execute(update(events_t).where(events_t.c.created_by.in_(inactive)).values(created_by=None))
    return replay(conn, related_corrections(conn, hashes, files), live)
