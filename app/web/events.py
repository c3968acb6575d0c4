"""The event page's view model: the event, its people and place linking to their pages, where its
date comes from, its sources grouped by article, its trip, a summary."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app import queries, subjects
from app.models import ArticleRef, EventOut, SourceOut
from app.provenance import DateOrigin, date_origin
from app.web.i18n import country_name, format_partial, gettext, ngettext
from app.web.labels import by_seniority, display_title, role_label, type_label
from app.web.links import path_with_args, timeline_url
from app.web.timeline import place_name_then


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
class PersonItem:
    name: str
    country: str
    role: str  # in the interface language
    side: str
    url: str | None  # the person's page


@dataclass
class PlaceItem:
    name: str  # today's
    then: str  # the name it bore at the time of the event
    country: str
    url: str | None


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
    people: list[PersonItem]
    parties: list[str]  # states named as parties where no person of theirs is (in the interface language)
    place: PlaceItem | None
    origin: DateOrigin | None = None
    origin_url: str | None = None  # the passage the date comes from, in its article


def article_url(article_id: int, evidence_id: int | None, back: str) -> str:
    args = []
    if evidence_id is not None:
        args.append(("evidence", evidence_id))
    if back:
        args.append(("back", back))
    url = path_with_args(f"/articles/{article_id}", args)
    return f"{url}#ev-{evidence_id}" if evidence_id is not None else url


def when_phrase(event: EventOut, language: str) -> str:
    """"Visit on 3 Jul 2024", "Visit in May 2024", "Visit in 2023": a day takes "on", a month or year "in"."""
    when = format_partial(event.date_start, language, event.date_end)
    kind = type_label(event.type)
    if event.planned:
        return gettext("%(type)s planned for %(when)s") % {"type": kind, "when": when}
    if event.date_precision == "month":
        return gettext("%(type)s in %(month)s") % {"type": kind, "month": when}
    if event.date_precision == "year":
        return gettext("%(type)s in %(year)s") % {"type": kind, "year": when}
    return gettext("%(type)s on %(when)s") % {"type": kind, "when": when}


def place_phrase(place: PlaceItem, language: str) -> str:
    """"Astana, Kazakhstan"; "Nur-Sultan (today Astana), Kazakhstan" for a former name."""
    name = place.then
    if place.then != place.name:
        name += " (" + gettext("today %(name)s") % {"name": place.name} + ")"
    return f"{name}, {country_name(place.country, language)}"


def summary_of(event: EventOut, title: str, language: str, source_count: int,
               place: PlaceItem | None = None) -> str:
    """One plain sentence: what, when, where, and how many sources say so."""
    where = ""
    if event.place:
        where = place_phrase(place, language) if place is not None else \
            f"{event.place.name}, {country_name(event.place.country, language)}"
    text = when_phrase(event, language)
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
    ids = subjects.actor_ids(session, [(p.name, p.country) for p in event.participants])
    people = [PersonItem(p.name, p.country, role_label(p.role, p.country, language), p.side,
                         f"/actors/{ids[(p.name, p.country)]}" if (p.name, p.country) in ids else None)
              for p in by_seniority(event.participants) if p.name != p.country]
    place = None
    if event.place:
        found = subjects.place_id(session, event.place.name)
        place = PlaceItem(event.place.name, place_name_then(event), event.place.country,
                          f"/places/{found}" if found else None)
    origin = date_origin(session, event.id, with_rejected=with_rejected) if event.date_start else None
    origin_url = None
    if origin is not None and origin.article_id is not None:
        origin_url = article_url(origin.article_id, origin.evidence_id, back)
    return EventView(
        event=event, title=title, summary=summary_of(event, title, language, len(groups), place),
        sources=list(groups.values()), outlets=outlets, topics=topic_pairs, trip=trip,
        back_url=timeline_url(back), back=back, people=people, place=place, origin=origin, origin_url=origin_url,
        parties=[country_name(p.country, language) for p in event.participants if p.name == p.country],
    )
