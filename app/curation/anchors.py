"""Passages as corrections keep them, and how to find them again after an ingest.

A passage is kept as what does not move: the article's content hash, its file name, the span and
the span's text. Found again by the hash (the same text, so the same span), else in the newest
article of the same file name that contains the text exactly once (the article was edited
elsewhere); otherwise it no longer exists and the correction that needs it no longer applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, and_, func, or_, select

from app.models import Article, Evidence

articles_t, evidence_t = Article.__table__, Evidence.__table__


def N_(message: str) -> str:
    """Marks a message for the translation catalogue (reasons are kept in English, shown translated)."""
    return message


@dataclass(frozen=True)
class Located:
    """A passage in the database as it is now: an article and a span of its text."""

    article_id: int
    start: int
    end: int


def anchor(content_hash: str, file_name: str, start: int, end: int, text: str) -> dict:
    return {"hash": content_hash, "file": file_name, "start": start, "end": end, "text": text}


_EVENT_PASSAGES = (
    select(articles_t.c.content_hash, articles_t.c.file_name, evidence_t.c.start, evidence_t.c.end,
           func.substr(articles_t.c.text, evidence_t.c.start + 1, evidence_t.c.end - evidence_t.c.start))
    .join(articles_t, articles_t.c.id == evidence_t.c.article_id)
)


def passages_of_event(conn: Connection, event_id: int) -> list[dict]:
    """The event's passages as anchors, in article and text order, each span once."""
    rows = conn.execute(_EVENT_PASSAGES.where(evidence_t.c.event_id == event_id)
                        .order_by(evidence_t.c.article_id, evidence_t.c.start, evidence_t.c.end)).all()
    seen, result = set(), []
    for content_hash, file_name, start, end, text in rows:
        if (content_hash, start, end) not in seen:
            seen.add((content_hash, start, end))
            result.append(anchor(content_hash, file_name, start, end, text))
    return result


def passages_by_evidence(conn: Connection, evidence_ids: list[int]) -> list[dict]:
    rows = conn.execute(_EVENT_PASSAGES.where(evidence_t.c.id.in_(evidence_ids))
                        .order_by(evidence_t.c.article_id, evidence_t.c.start)).all() if evidence_ids else []
    return [anchor(*row) for row in rows]


def passage_in_article(conn: Connection, article_id: int, start: int, end: int) -> dict | None:
    row = conn.execute(select(articles_t.c.content_hash, articles_t.c.file_name, articles_t.c.text)
                       .where(articles_t.c.id == article_id)).first()
    if row is None or not (0 <= start < end <= len(row.text)) or not row.text[start:end].strip():
        return None
    return anchor(row.content_hash, row.file_name, start, end, row.text[start:end])


class Locator:
    """Finds anchors in the database, remembering what it found for one replay."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._found: dict[tuple, Located | None] = {}

    def locate(self, passage: dict) -> Located | None:
        key = (passage["hash"], passage["file"], passage["start"], passage["end"], passage["text"])
        if key not in self._found:
            self._found[key] = self._locate(passage)
        return self._found[key]

    def _locate(self, p: dict) -> Located | None:
        same = self.conn.scalar(select(articles_t.c.id).where(articles_t.c.content_hash == p["hash"]))
        if same is not None:
            return Located(same, p["start"], p["end"])
        for article_id, text in self.conn.execute(
                select(articles_t.c.id, articles_t.c.text).where(articles_t.c.file_name == p["file"])
                .order_by(articles_t.c.id.desc())):
            if text[p["start"]:p["end"]] == p["text"]:
                return Located(article_id, p["start"], p["end"])
            if p["text"] and text.count(p["text"]) == 1:
                start = text.index(p["text"])
                return Located(article_id, start, start + len(p["text"]))
        return None

    def missing_reason(self, passage: dict) -> str:
        if self.conn.scalar(select(articles_t.c.id).where(articles_t.c.file_name == passage["file"])) is None:
            return N_("the article was removed")
        return N_("the article changed and no longer contains the passage")


def span_condition(located: list[Located]):
    """Evidence rows at any of ``located`` (portable: an OR of ANDs, which both databases index)."""
    return or_(*(and_(evidence_t.c.article_id == p.article_id, evidence_t.c.start == p.start,
                      evidence_t.c.end == p.end) for p in located))


MIN_OVERLAP = 0.5


def event_holding(conn: Connection, located: list[Located]) -> int | None:
    """The event these passages (an event's, when a correction was made) still state, or None.

    The candidate holding them that is most like them: within their articles, the share of the
    passages of both that they have in common, at least ``MIN_OVERLAP``. So an event that grew by
    other articles' reports is still found, and one that took in a single passage of another (a
    sentence stating two events) is not mistaken for it.
    """
    if not located:
        return None
    wanted = {(p.article_id, p.start, p.end) for p in located}
    rows = conn.execute(select(evidence_t.c.event_id).distinct().where(span_condition(located),
                                                                       evidence_t.c.event_id.is_not(None))).scalars()
    candidates = sorted(set(rows))
    if not candidates:
        return None
    articles = sorted({p.article_id for p in located})
    spans: dict[int, set] = {event_id: set() for event_id in candidates}
    for event_id, article_id, start, end in conn.execute(
            select(evidence_t.c.event_id, evidence_t.c.article_id, evidence_t.c.start, evidence_t.c.end)
            .where(evidence_t.c.event_id.in_(candidates), evidence_t.c.article_id.in_(articles))):
        spans[event_id].add((article_id, start, end))

    def overlap(event_id: int) -> float:
        return len(spans[event_id] & wanted) / len(spans[event_id] | wanted)

    best = max(candidates, key=lambda event_id: (overlap(event_id), -event_id))
    return best if overlap(best) >= MIN_OVERLAP else None
