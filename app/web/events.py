"""The event page's view model: the event, its sources grouped by article, its trip, a summary."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app import queries
from app.models import ArticleRef, EventOut, SourceOut
from app.web.i18n import country_name, format_partial, gettext, ngettext
from app.web.labels import display_title, type_label
from app.web.links import path_with_args, timeline_url


@dataclass
class Quote:
    source: SourceOut
    url: str  # the article, scrolled to this passage
    evidence_id: int | None


@dataclass
class SourceGroup:
    article: ArticleRef
    quotes: list[Quote]
    url: str


@dataclass
class TripItem:
    event: EventOut
    title: str
    url: str
    current: bool


@dataclass
class EventView:
    event: EventOut
    title: str
    summary: str
    sources: list[SourceGroup]
    outlets: list[str]
    topics: list[tuple[str, str]]
    trip: list[TripItem]
    back_url: str
    back: str


def article_url(article_id: int, evidence_id: int | None, back: str) -> str:
    args = []
    if evidence_id is not None:
        args.append(("evidence", evidence_id))
    if back:
        args.append(("back", back))
    url = path_with_args(f"/articles/{article_id}", args)
    return f"{url}#ev-{evidence_id}" if evidence_id is not None else url


def summary_of(event: EventOut, title: str, language: str, source_count: int) -> str:
    """One plain sentence: what, when, where, and how many sources say so."""
    when = format_partial(event.date_start, language, event.date_end)
    where = ""
    if event.place:
        where = f"{event.place.name}, {country_name(event.place.country, language)}"
    if event.planned:
        text = gettext("%(type)s planned for %(when)s") % {"type": type_label(event.type), "when": when}
    else:
        text = gettext("%(type)s on %(when)s") % {"type": type_label(event.type), "when": when}
    if where:
        text += " " + gettext("in %(place)s") % {"place": where}
    text += ". " + ngettext("Reported by %(num)d source.", "Reported by %(num)d sources.", source_count) % {
        "num": source_count}
    return text


def build_event(session: Session, event: EventOut, *, language: str, back: str,
                with_rejected: bool = False) -> EventView:
    title = display_title(event, language)
    evidence = {(e.article_id, e.start, e.end): e.evidence_id for e in queries.event_evidence(session, event.id)}
    groups: dict[int, SourceGroup] = {}
    for source in event.sources:
        evidence_id = evidence.get((source.article.id, source.start, source.end))
        group = groups.get(source.article.id)
        if group is None:
            group = groups[source.article.id] = SourceGroup(
                article=source.article, quotes=[], url=article_url(source.article.id, None, back))
        group.quotes.append(Quote(source=source, url=article_url(source.article.id, evidence_id, back),
                                  evidence_id=evidence_id))
    topics = queries.topic_labels(session)
    topic_pairs = [
        (topics[name].slug if name in topics else name,
         (topics[name].name_id if language == "id" and name in topics and topics[name].name_id else name))
        for name in event.topics
    ]
    trip = []
    others = queries.trip_events(session, event, with_rejected=with_rejected)
    if others:
        members = sorted([*others, event], key=lambda e: (e.date_start or "9999", e.type != "visit", e.id))
        back_args = [("back", back)] if back else []
        trip = [TripItem(event=e, title=display_title(e, language),
                         url=path_with_args(f"/events/{e.id}", back_args), current=e.id == event.id)
                for e in members]
    outlets = sorted({g.article.outlet for g in groups.values() if g.article.outlet})
    return EventView(
        event=event, title=title, summary=summary_of(event, title, language, len(groups)),
        sources=list(groups.values()), outlets=outlets, topics=topic_pairs, trip=trip,
        back_url=timeline_url(back), back=back,
    )
