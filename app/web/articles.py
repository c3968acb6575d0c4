"""The article reading view: the stored text, escaped, with its spans drawn over it.

Spans can overlap (two events stated by overlapping sentences, a passage inside a caption), so the
text is cut at every span boundary and the elements are opened and closed like a stack: a passage
that crosses another is split into pieces that share ``data-ev``, the first piece carrying the
``id`` that links point at. Joined, the pieces of a passage are exactly ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from app.models import ArticleOut, EventOut
from app.queries import Highlight
from app.web.i18n import gettext
from app.web.labels import display_title
from app.web.links import path_with_args

LAYER = {"boilerplate": 0, "caption": 1, "evidence": 2}


@dataclass
class Span:
    start: int
    end: int
    layer: str
    order: int  # stable tie-break
    highlight: Highlight | None = None
    number: int | None = None  # passage number, 1-based


@dataclass
class Passage:
    number: int
    highlight: Highlight
    event_title: str
    event_type: str
    anchor: str
    url: str  # this page, at this passage (works without JavaScript)
    event_url: str


@dataclass
class ArticleView:
    article: ArticleOut
    body: Markup
    passages: list[Passage]
    events: list[tuple[EventOut, str, str, list[Passage]]]  # (event, title, url, its passages)
    current: Passage | None
    previous: Passage | None
    next: Passage | None
    back: str
    boilerplate_count: int = 0
    caption_count: int = 0

    @property
    def position_template(self) -> str:
        """For the script that moves between passages without reloading."""
        return gettext("Passage %(num)s of %(total)s")


def _spans(article: ArticleOut, highlights: list[Highlight]) -> list[Span]:
    length = len(article.text)
    spans: list[Span] = []

    def add(start: int, end: int, layer: str, highlight: Highlight | None = None) -> Span | None:
        start, end = max(0, int(start)), min(length, int(end))
        if end <= start:
            return None
        span = Span(start, end, layer, len(spans), highlight)
        spans.append(span)
        return span

    for start, end in article.boilerplate:
        add(start, end, "boilerplate")
    for start, end in article.captions:
        add(start, end, "caption")
    for item in ordered_passages(highlights, length):
        span = add(item.start, item.end, "evidence", item)
        span.number = len([s for s in spans if s.layer == "evidence"])
    return spans


def ordered_passages(highlights: list[Highlight], length: int) -> list[Highlight]:
    """The passages that fall inside the text, in reading order: their position is their number."""
    valid = [h for h in highlights if 0 <= h.start < h.end and h.start < length]
    return sorted(valid, key=lambda h: (h.start, -h.end, h.evidence_id))


def render_text(article: ArticleOut, highlights: list[Highlight], *, current: int | None,
                titles: dict[int, str], types: dict[int, str], back: str = "") -> Markup:
    """The article text as safe HTML: every character escaped, spans as nested elements."""
    text = article.text
    spans = _spans(article, highlights)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    key = lambda s: (s.start, -s.end, LAYER[s.layer], s.order)  # noqa: E731 - outer spans first
    stack: list[Span] = []
    opened: set[int] = set()
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = sorted((s for s in spans if s.start <= a and s.end >= b), key=key)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        for span in reversed(stack[keep:]):
            out.append(_close(span))
        stack = stack[:keep]
        for span in active[keep:]:
            out.append(_open(span, first=span.order not in opened, current=current, titles=titles, types=types,
                             back=back))
            opened.add(span.order)
            stack.append(span)
        out.append(str(escape(text[a:b])))
    for span in reversed(stack):
        out.append(_close(span))
    return Markup("".join(out))


def _open(span: Span, *, first: bool, current: int | None, titles: dict[int, str], types: dict[int, str],
          back: str) -> str:
    if span.layer == "boilerplate":
        return str(Markup('<span class="boilerplate" data-label="%s">') % gettext("Not part of the report"))
    if span.layer == "caption":
        return str(Markup('<span class="caption" data-label="%s">') % gettext("Caption"))
    h = span.highlight
    classes = ["ev", f"ev--{types.get(h.event_id, 'event')}"]
    if h.kind == "support":
        classes.append("ev--support")
    if current == h.evidence_id:
        classes.append("is-current")
    title = titles.get(h.event_id, h.event_title)
    attrs = Markup(' class="%s" data-ev="%s" data-event="%s"') % (" ".join(classes), h.evidence_id, h.event_id)
    label = Markup("")
    if first:
        attrs += Markup(' id="ev-%s" data-start="%s" data-end="%s" data-number="%s"') % (
            h.evidence_id, h.start, h.end, span.number)
        event_url = path_with_args(f"/events/{h.event_id}", [("back", back)] if back else [])
        label = Markup(
            '<a class="plabel" href="%s" title="%s"><span class="visually-hidden">%s </span>%s'
            '<span class="visually-hidden"> %s</span></a>'
        ) % (event_url, title, gettext("Passage %(num)s supports:") % {"num": span.number}, span.number, title)
    return str(label + Markup("<mark%s>") % attrs)


def _close(span: Span) -> str:
    return "</mark>" if span.layer == "evidence" else "</span>"


def build_article(article: ArticleOut, highlights: list[Highlight], events: list[EventOut], *, language: str,
                  back: str, evidence: int | None) -> ArticleView:
    titles = {e.id: display_title(e, language) for e in events}
    types = {e.id: e.type for e in events}
    back_args = [("back", back)] if back else []
    passages: list[Passage] = []
    for number, h in enumerate(ordered_passages(highlights, len(article.text)), start=1):
        url = path_with_args(f"/articles/{article.id}", [("evidence", h.evidence_id), *back_args])
        passages.append(Passage(
            number=number, highlight=h, event_title=titles.get(h.event_id, h.event_title),
            event_type=types.get(h.event_id, ""), anchor=f"ev-{h.evidence_id}", url=f"{url}#ev-{h.evidence_id}",
            event_url=path_with_args(f"/events/{h.event_id}", back_args),
        ))
    index = next((i for i, p in enumerate(passages) if p.highlight.evidence_id == evidence), None)
    current = passages[index] if index is not None else None
    if index is None:
        previous, following = None, passages[0] if passages else None
    else:
        previous = passages[index - 1] if index > 0 else None
        following = passages[index + 1] if index + 1 < len(passages) else None
    by_event = [
        (e, titles[e.id], path_with_args(f"/events/{e.id}", back_args),
         [p for p in passages if p.highlight.event_id == e.id])
        for e in events
    ]
    body = render_text(article, highlights, current=evidence, titles=titles, types=types, back=back)
    return ArticleView(article=article, body=body, passages=passages, events=by_event, current=current,
                       previous=previous, next=following, back=back,
                       boilerplate_count=len(article.boilerplate), caption_count=len(article.captions))

