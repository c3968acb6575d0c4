"""Full-text search: one interface, one implementation per dialect.

SQLite uses the FTS5 tables ``event_fts``/``article_fts`` (see the initial migration);
PostgreSQL uses ``to_tsvector('simple', ...)`` with GIN indexes. User text is reduced to words
and never passed through as query syntax, so no input can make a search fail.
"""

from __future__ import annotations

import re
import unicodedata

from collections.abc import Sequence

from sqlalchemy import Select, column, func, literal_column, select, table, text, union_all

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_terms(query: str | None) -> list[str]:
    """The words of a user query, lower-cased, accents kept (the index folds them)."""
    if not query:
        return []
    normal = unicodedata.normalize("NFKC", query).lower()
    return WORD.findall(normal)[:MAX_TERMS]


def fts5_expression(terms: list[str]) -> str:
    """Every term must appear; the last one may be a prefix (search as you type)."""
    quoted = [f'"{term}"' for term in terms]
    if quoted and len(terms[-1]) >= 2:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def event_ids_matching(dialect: str, terms: Sequence[str]) -> Select:
    """A SELECT of the ids of events whose title, names, place or passages contain every term."""
    if dialect == "postgresql":
        return select(literal_column("event_id")).select_from(text("event_search")).where(
            text("to_tsvector('simple', body) @@ to_tsquery('simple', :tsq)").bindparams(tsq=_tsquery(terms)))
    return select(literal_column("rowid").label("event_id")).select_from(text("event_fts")).where(
        text("event_fts MATCH :event_match").bindparams(event_match=fts5_expression(list(terms))))


def article_ids_matching(dialect: str, terms: Sequence[str]) -> Select:
    """A SELECT of the ids of articles whose title or text contain every term."""
    if dialect == "postgresql":
        return select(literal_column("id")).select_from(text("articles")).where(
            text("to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ to_tsquery('simple', :atsq)")
            .bindparams(atsq=_tsquery(terms)))
    return select(literal_column("rowid").label("id")).select_from(text("article_fts")).where(
        text("article_fts MATCH :article_match").bindparams(article_match=fts5_expression(list(terms))))


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


def _tsquery(terms: Sequence[str]) -> str:
    parts = [term.replace("'", "").replace("\\", "") for term in terms]
    if parts and len(parts[-1]) >= 2:
        parts[-1] += ":*"
    return " & ".join(parts)


def highlight_pattern(query: str | None) -> re.Pattern | None:
    """A regex that finds the query's words (and prefixes of the last) in display text."""
    terms = search_terms(query)
    if not terms:
        return None
    alternatives = [re.escape(t) + (r"\w*" if i == len(terms) - 1 else r"\b") for i, t in enumerate(terms)]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE | re.UNICODE)

