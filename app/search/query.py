"""Full-text matching and ranking: one interface, one implementation per dialect.

SQLite reads the FTS5 tables ``event_fts(body, stems)`` and ``article_fts(title, text, stems)``;
PostgreSQL the weighted ``tsvector`` expressions below, which its GIN indexes are built on (both
from revision 0007). A query is reduced to words, folded as the index folds them; every word must
be found, in one of two ways:

* one of its stems (its Indonesian and its English one) is among the stems of the text; the stems
  of an event include what the event is called in both languages and every spelling of its people
  and places (app/search/index.py), so a word finds the same events whatever its form or language;
* for the last word only (the one still being typed), a word of the text starts with it.

Both are looked for in every column, the words as written and the stems alike: a stem found among
the words as written is a form of the word too, and a query without column filters reads each
term's entries once (a word that is its own stem, like most names, costs what it did before
stemming).

User text is reduced to words and never passed through as query syntax, so no input can make a
search fail.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sqlalchemy import Float, Integer, Select, column, func, literal_column, select, table, text, union_all

from app.search.stemming import query_stems, words

MAX_TERMS = 12
PREFIX_MIN = 2  # a last word this long also matches the beginning of a word

# The expressions revision 0007 indexes (ix_event_search_terms, ix_articles_terms): original words A, stems B.
EVENT_VECTOR = "setweight(to_tsvector('simple', body), 'A') || setweight(to_tsvector('simple', stems), 'B')"
ARTICLE_VECTOR = ("setweight(to_tsvector('simple', coalesce(title, '') || ' ' || text), 'A') "
                  "|| setweight(to_tsvector('simple', stems), 'B')")
EVENT_WEIGHTS = "1.0, 0.5"  # BM25's weights of the words as written (body) and of the stems


def search_terms(query: str | None) -> list[str]:
    """The words of a user query, folded as the index folds them (lower case, no accents)."""
    if not query:
        return []
    return words(unicodedata.normalize("NFKC", query))[:MAX_TERMS]


def alternatives(terms: Sequence[str], index: int) -> list[tuple[str, bool]]:
    """(word, is a prefix) alternatives for term ``index``: its stems, and for the last term the term
    itself as a prefix (which makes the stems that begin with it redundant)."""
    term = terms[index]
    stems = query_stems(term)
    if index == len(terms) - 1 and len(term) >= PREFIX_MIN:
        return [(term, True), *((stem, False) for stem in stems if not stem.startswith(term))]
    return [(stem, False) for stem in stems]


def fts5_expression(terms: Sequence[str]) -> str:
    """An FTS5 query over every column (words as written and stems): each term by one of its alternatives."""
    parts = []
    for index in range(len(terms)):
        found = [f'"{word}"' + (" *" if prefix else "") for word, prefix in alternatives(terms, index)]
        parts.append(found[0] if len(found) == 1 else "(" + " OR ".join(found) + ")")
    return " AND ".join(parts)


def tsquery(terms: Sequence[str]) -> str:
    """The same as a PostgreSQL tsquery over the weighted vectors."""
    parts = []
    for index in range(len(terms)):
        found = [word + (":*" if prefix else "") for word, prefix in alternatives(terms, index)]
        parts.append("(" + " | ".join(found) + ")")
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
        text("article_fts MATCH :article_match").bindparams(article_match=fts5_expression(terms)))


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


def event_scores(dialect: str, terms: Sequence[str]):
    """A CTE of ``(event_id, score)`` for the events whose own text has every term, the best match the
    highest score: BM25 on SQLite, ``ts_rank`` on PostgreSQL, words as written weighing more than stems.

    Events found only through the text of a reporting article get no score (their order is the
    caller's); scoring them would mean scoring every article the words are in.
    """
    if dialect == "postgresql":
        scored = text(f"SELECT event_id, ts_rank({EVENT_VECTOR}, q) AS score "
                      f"FROM event_search, to_tsquery('simple', :rank_tsq) AS q WHERE ({EVENT_VECTOR}) @@ q"
                      ).bindparams(rank_tsq=tsquery(terms))
    else:
        scored = text(f"SELECT rowid AS event_id, -bm25(event_fts, {EVENT_WEIGHTS}) AS score "
                      "FROM event_fts WHERE event_fts MATCH :rank_match").bindparams(rank_match=fts5_expression(terms))
    # materialised: SQLite computes BM25 only in the statement that reads the full-text table itself
    return scored.columns(event_id=Integer, score=Float).cte("scores").prefix_with("MATERIALIZED")
