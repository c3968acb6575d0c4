"""Search that understands both languages: stems, every spelling of a name, and events found across
the language barrier.

``stemming``   words to stems, the same for indexed text and queries (Sastrawi, Snowball)
``vocabulary`` what events are called in both languages, names in every spelling (from the lexicons
               and the gettext catalogues)
``index``      what the full-text index holds for each event and article; rebuilding it
``query``      matching, counting and ranking in SQL (FTS5 on SQLite, tsvector on PostgreSQL)
``highlight``  marking the words as written that a search matched
``suggest``    "Did you mean …" for a search that finds nothing
"""

from app.search.highlight import Highlighter, highlight_pattern
from app.search.query import (
    MAX_TERMS,
    article_ids_matching,
    bounded_count,
    event_ids_matching,
    event_scores,
    fts5_expression,
    search_terms,
    tsquery,
)

__all__ = [
    "MAX_TERMS", "Highlighter", "article_ids_matching", "bounded_count", "event_ids_matching", "event_scores",
    "fts5_expression", "highlight_pattern", "search_terms", "tsquery",
]
