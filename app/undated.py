"""Reads of the reports whose date could not be resolved: kept without an event (revision 0008),
never part of the timeline's counts, facets, axis or exports; listed on their own page.

A report is one article's account: undated reports are not merged across articles (nothing tells
two undated meetings of the same people apart), so each is listed with its article and passages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, func, select
from sqlmodel import Session

from app.models import Article, Evidence, Report

# No event and no date: a dated report can lose its event too (an editor removed all its event's
# passages), and that one is no report the sources give no date for.
UNDATED = and_(Report.event_id.is_(None), Report.date_start.is_(None))


@dataclass
class UndatedPassage:
    evidence_id: int
    start: int
    end: int
    text: str
    kind: str


@dataclass
class UndatedReport:
    id: int
    type: str
    subtype: str
    status: str
    confidence: float
    participants: list[dict]  # {"name", "country", "office", "side"}
    place_name: str | None
    place_country: str | None
    passages: list[UndatedPassage] = field(default_factory=list)


@dataclass
class UndatedArticle:
    id: int
    file: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    reports: list[UndatedReport] = field(default_factory=list)


def count_undated(session: Session) -> int:
    """How many reports could not be dated (read from the index on ``reports.event_id``)."""
    return session.connection().scalar(select(func.count()).select_from(Report).where(UNDATED)) or 0


_PASSAGES = (
    select(Evidence.report_id, Evidence.id, Evidence.start, Evidence.end,
           func.substr(Article.text, Evidence.start + 1, Evidence.end - Evidence.start), Evidence.kind)
    .join(Article, Article.id == Evidence.article_id)
    .where(Evidence.report_id.in_(bindparam("reports", expanding=True)))
    .order_by(Evidence.report_id, Evidence.start)
)


def undated_reports(session: Session, *, offset: int = 0, limit: int = 50) -> list[UndatedArticle]:
    """Undated reports ``offset`` to ``offset + limit`` (newest articles first), grouped by article,
    each with its passages."""
    conn = session.connection()
    rows = conn.execute(
        select(Report.id, Report.type, Report.subtype, Report.status, Report.confidence, Report.participants,
               Report.place_name, Report.place_country, Article.id, Article.file_name, Article.title,
               Article.outlet, Article.published, Article.language)
        .join(Article, Article.id == Report.article_id)
        .where(UNDATED)
        .order_by(Article.published_date.desc().nulls_last(), Article.id.desc(), Report.ordinal)
        .offset(offset).limit(limit)
    ).all()
    passages: dict[int, list[UndatedPassage]] = defaultdict(list)
    if rows:
        for report_id, *passage in conn.execute(_PASSAGES, {"reports": [row[0] for row in rows]}):
            passages[report_id].append(UndatedPassage(*passage))
    articles: dict[int, UndatedArticle] = {}
    for (report_id, type_, subtype, status, confidence, participants, place_name, place_country,
         article_id, file_name, title, outlet, published, language) in rows:
        article = articles.get(article_id)
        if article is None:
            article = articles[article_id] = UndatedArticle(article_id, file_name, title, outlet, published, language)
        article.reports.append(UndatedReport(report_id, type_, subtype, status, confidence, participants or [],
                                             place_name, place_country, passages.get(report_id, [])))
    return list(articles.values())
