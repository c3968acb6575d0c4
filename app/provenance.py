"""Where an event's date comes from: the passage (or the article's header line) its phrase stands in,
and the linked event of the same article it was borrowed from, when it was.

Ingest keeps, for each event, how its leading report was dated (``Event.date_source``), in which
article and where the date's phrase stands (revision 0008); this module reads them back with the
text around them. No FastAPI here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, select
from sqlmodel import Session

from app.models import Article, Event, Evidence

EDITOR = "editor"  # an editor set the date (app/curation/state.py): no passage states it
OWN = ("sentence", "caption")  # the event's own passage states its date
BORROWED = ("lead", "sequel", "shared", "derived", "anchored")  # another event of the article lends it
LINE_CHARS = 400  # the most of a line quoted around a date that no passage holds


@dataclass
class LinkedEvent:
    id: int
    title: str
    type: str
    date_start: str | None = None


@dataclass
class DateOrigin:
    """What the event page says of its date's origin."""

    source: str | None  # Event.date_source
    article_id: int | None  # None when an editor set the date
    article_title: str | None
    article_outlet: str | None
    article_published: str | None
    quote: str | None = None  # the passage or line the date's phrase stands in
    phrase_at: tuple[int, int] | None = None  # the phrase within ``quote``
    header: bool = False  # the quote is the article's header line (the publication date)
    evidence_id: int | None = None  # the quoted passage, for a link into the article
    linked: list[LinkedEvent] = field(default_factory=list)

    @property
    def by_editor(self) -> bool:
        return self.source == EDITOR

    @property
    def borrowed(self) -> bool:
        return self.source in BORROWED

    @property
    def parts(self) -> tuple[str, str, str]:
        """``quote`` cut around the phrase: (before, phrase, after)."""
        if self.quote is None or self.phrase_at is None:
            return self.quote or "", "", ""
        start, end = self.phrase_at
        return self.quote[:start], self.quote[start:end], self.quote[end:]


def date_origin(session: Session, event_id: int, *, with_rejected: bool = False) -> DateOrigin | None:
    """Where event ``event_id``'s date comes from, or None when ingest recorded nothing to show; the
    linked events of its passage leave out rejected ones unless ``with_rejected`` (an editor's view)."""
    conn = session.connection()
    row = conn.execute(
        select(Event.date_source, Event.date_span_start, Event.date_span_end, Article.id, Article.title,
               Article.outlet, Article.published, Article.published_phrase, Article.text)
        .outerjoin(Article, Article.id == Event.date_article_id).where(Event.id == event_id)
    ).first()
    if row is None:
        return None
    source, start, end, article_id, title, outlet, published, published_phrase, text = row
    if source == EDITOR:
        return DateOrigin(source, None, None, None, None)
    if article_id is None:
        return None
    origin = DateOrigin(source, article_id, title, outlet, published)
    if start is not None and end is not None and 0 <= start < end <= len(text):
        holders = conn.execute(
            select(Evidence.id, Evidence.event_id, Evidence.start, Evidence.end, Event.title, Event.type,
                   Event.date_start, Event.review_status)
            .outerjoin(Event, Event.id == Evidence.event_id)
            .where(Evidence.article_id == article_id, Evidence.start <= start, Evidence.end >= end)
            .order_by(case((Evidence.event_id == event_id, 0), else_=1), Evidence.end - Evidence.start, Evidence.id)
        ).all()
        if holders:
            evidence_id, _, quote_start, quote_end, *_ = holders[0]
            origin.evidence_id = evidence_id
        else:
            quote_start, quote_end = _line_around(text, start, end)
        origin.quote = text[quote_start:quote_end]
        origin.phrase_at = (start - quote_start, end - quote_start)
        seen = {event_id}
        for _, other, *_, other_title, other_type, other_start, review in holders:
            if other is not None and other not in seen and (with_rejected or review != "rejected"):
                seen.add(other)
                origin.linked.append(LinkedEvent(other, other_title, other_type,
                                                 other_start.isoformat() if other_start else None))
    elif source == "publication":
        origin.header = True
        line = _header_line(text, published_phrase)
        if line is not None:
            origin.quote, origin.phrase_at = line
    elif source not in BORROWED:
        return None  # nothing recorded to show (an article stored before revision 0008)
    return origin


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` holding ``start:end``, cut to about ``LINE_CHARS`` around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    half = LINE_CHARS // 2
    return max(line_start, start - half), min(line_end, end + half)


def _header_line(text: str, phrase: str | None) -> tuple[str, tuple[int, int]] | None:
    """The line of the article's head that states its publication date, with the phrase in it."""
    if not phrase:
        return None
    at = text.find(phrase)
    if at < 0:
        return None
    start, end = _line_around(text, at, at + len(phrase))
    return text[start:end].strip("\r"), (at - start, at - start + len(phrase))
