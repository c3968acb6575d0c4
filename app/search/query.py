"""Full-text matching and ranking: one interface, one implementation per dialect.

SQLite reads the FTS5 tables ``event_fts(body, stems)`` and ``article_fts(title, text, stems)``;
PostgreSQL the weighted ``tsvector`` expressions below, which its GIN indexes are built on (both
from revision 0008). A query is reduced to words, folded as the index folds them; every word must
be found, in one of two ways:

* one of its stems (its Indonesian and its English one) is among the stems of the text; the stems
  of an event include what the event is called in both languages and every spelling of its people
  and places (app/search/index.py), so a word finds the same events whatever its form or language;
* for the last word only (the one still being typed), a word of the original text starts with it.

User text is reduced to words and never passed through as query syntax, so no input can make a
search fail.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sqlalchemy import Float, Integer, Select, column, func, literal_column, select, table, text, union_all

from app.search.stemming import query_stems, words

MAX_TERMS = 12
PREFIX_MIN = 2  # a last word this long also matches as a prefix of the original words

# The expressions revision 0008 indexes (ix_event_search_terms, ix_articles_terms): original words A, stems B.
EVENT_VECTOR = "setweight(to_tsvector('simple', body), 'A') || setweight(to_tsvector('simple', stems), 'B')"
ARTICLE_VECTOR = ("setweight(to_tsvector('simple', coalesce(title, '') || ' ' || text), 'A') "
                  "|| setweight(to_tsvector('simple', stems), 'B')")
# How much a match in the original words counts against one among the stems, and the articles'
# share of an event's score (an event whose own text matches ranks before one whose article does).
EVENT_WEIGHTS = "1.0, 0.5"  # body, stems
ARTICLE_WEIGHTS = "2.0, 1.0, 0.5"  # title, text, stems
ARTICLE_SHARE = 0.3


def search_terms(query: str | None) -> list[str]:
    """The words of a user query, folded as the index folds them (lower case, no accents)."""
    if not query:
        return []
    return words(unicodedata.normalize("NFKC", query))[:MAX_TERMS]


def _prefix(terms: Sequence[str], index: int) -> bool:
    return index == len(terms) - 1 and len(terms[index]) >= PREFIX_MIN


def fts5_expression(terms: Sequence[str], original: str = "body") -> str:
    """An FTS5 query: each term's stems in ``stems``, or the last as a prefix of the ``original`` columns."""
    parts = []
    for index, term in enumerate(terms):
        part = "stems : (" + " OR ".join(f'"{stem}"' for stem in query_stems(term)) + ")"
        if _prefix(terms, index):
            part = f'({part} OR {{{original}}} : "{term}" *)'
        parts.append(part)
    return " AND ".join(parts)


def tsquery(terms: Sequence[str]) -> str:
    """The same as a PostgreSQL tsquery over the weighted vectors (A: original words, B: stems)."""
    parts = []
    for index, term in enumerate(terms):
        alternatives = [f"{stem}:B" for stem in query_stems(term)]
        if _prefix(terms, index):
            alternatives.append(f"{term}:*A")
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def event_ids_matching(dialect: str, terms: Sequence[str]) -> Select:
    """A SELECT of the ids of events whose own text (title, names, place, passages, what they are
    called) has every term."""
    if dialect == "postgresql":
        return select(literal_column("event_id")).select_from(text("event_search")).where(
            text(f"({EVENT_VECTOR}) @@ to_tsquery('simple', :tsq)").bindparams(tsq=tsquery(terms)))
    return select(literal_column("rowid").label("event_id")).select_from(text("event_fts")).where(
        text("event_fts MATCH :event_match").bindparams(event_match=fts5_expression(terms)))


def article_ids_matching(dialect: str, terms: Sequence[str]) -> Select:
    """A SELECT of the ids of articles whose title or text have every term."""
    if dialect == "postgresql":
        return select(literal_column("id")).select_from(text("articles")).where(
            text(f"({ARTICLE_VECTOR}) @@ to_tsquery('simple', :atsq)").bindparams(atsq=tsquery(terms)))
    return select(literal_column("rowid").label("id")).select_from(text("article_fts")).where(
        text("article_fts MATCH :article_match").bindparams(article_match=fts5_expression(terms, "title text")))


def bounded_count(dialect: str, terms: Sequence[str], limit: int) -> Select:
    """How many events the terms match (in their own text or their articles'), counted up to ``limit``.

    The matching ids stream from the full-text indexes (the events' first) and are counted as they
    come, so that a common word costs no more than ``limit`` ids, however many it matches.
    """
    in_articles = article_ids_matching(dialect, terms).subquery("matching_articles")
    evidence = table("evidence", column("event_id"), column("article_id"))
    ids = union_all(
        event_ids_matching(dialect, terms),
        select(evidence.c.event_id).join(in_articles, evidence.c.article_id == in_articles.c.id)
        .where(evidence.c.event_id.is_not(None)),
    ).subquery("matching")
    distinct = select(ids.c.event_id).distinct().limit(limit).subquery("counted")
    return select(func.count()).select_from(distinct)


def event_scores(dialect: str, terms: Sequence[str]) -> Select:
    """``(event_id, score)`` of every event the terms match, the best match the highest score.

    An event's score is the relevance of its own text (BM25 on SQLite, ``ts_rank`` on PostgreSQL)
    plus a share of that of its best-matching article.
    """
    if dialect == "postgresql":
        query = tsquery(terms)
        own = text(f"SELECT event_id, ts_rank({EVENT_VECTOR}, q) AS score "
                   f"FROM event_search, to_tsquery('simple', :rank_tsq) AS q WHERE ({EVENT_VECTOR}) @@ q"
                   ).bindparams(rank_tsq=query)
        articles = text(f"SELECT id, ts_rank({ARTICLE_VECTOR}, q) AS score "
                        f"FROM articles, to_tsquery('simple', :rank_atsq) AS q WHERE ({ARTICLE_VECTOR}) @@ q"
                        ).bindparams(rank_atsq=query)
    else:
        own = text(f"SELECT rowid AS event_id, -bm25(event_fts, {EVENT_WEIGHTS}) AS score "
                   "FROM event_fts WHERE event_fts MATCH :rank_match").bindparams(rank_match=fts5_expression(terms))
        articles = text(f"SELECT rowid AS id, -bm25(article_fts, {ARTICLE_WEIGHTS}) AS score "
                        "FROM article_fts WHERE article_fts MATCH :rank_article_match").bindparams(
            rank_article_match=fts5_expression(terms, "title text"))
    # materialised: SQLite computes BM25 only in the statement that reads the full-text table itself
    own = own.columns(event_id=Integer, score=Float).cte("ranked_events").prefix_with("MATERIALIZED")
    matched = articles.columns(id=Integer, score=Float).cte("ranked_articles").prefix_with("MATERIALIZED")
    evidence = table("evidence", column("event_id"), column("article_id"))
    via_articles = (select(evidence.c.event_id, (ARTICLE_SHARE * func.max(matched.c.score)).label("score"))
                    .join_from(evidence, matched, evidence.c.article_id == matched.c.id)
                    .where(evidence.c.event_id.is_not(None)).group_by(evidence.c.event_id))
    both = union_all(select(own), via_articles).subquery("scored")
    return select(both.c.event_id, func.sum(both.c.score).label("score")).group_by(both.c.event_id)
