"""Write one parsed article and its extracted events, then re-cluster the events they touch.

Runs inside the caller's transaction: either the whole article goes in, or nothing does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, or_, select, update
from sqlmodel import Session

from app.extract.titles import event_title
from app.extract.triggers import meeting_mode
from app.extract.types import ExtractedEvent, ParsedArticle, Participant, Place as PlaceValue
from app.ingest.merge import (
    VISIT_SLACK,
    ReportKey,
    cluster_reports,
    combined_confidence,
    compatible,
    date_last,
    pick_subtype,
    visit_span,
)
from app.models import (
    Actor,
    Article,
    Event,
    EventActor,
    EventSearch,
    EventSourceFacet,
    EventTopic,
    Evidence,
    Place,
    Report,
    Topic,
)
from app.taxonomy import topic_names

STATES = {"China", "Kazakhstan"}


def insert_article(session: Session, parsed: ParsedArticle, *, file_name: str, source_path: str,
                   content_hash: str) -> Article:
    published = parsed.published
    article = Article(
        file_name=file_name,
        source_path=source_path,
        content_hash=content_hash,
        title=parsed.title,
        outlet=parsed.outlet,
        published=published.iso() if published else None,
        published_date=published.first_day() if published else None,
        published_precision=published.precision if published else None,
        published_phrase=parsed.published_phrase,
        language=parsed.language,
        text=parsed.text,
        boilerplate=[[s.start, s.end] for s in parsed.boilerplate],
        captions=[[s.start, s.end] for s in parsed.captions],
    )
    session.add(article)
    session.flush()
    return article


def insert_reports(session: Session, article: Article, events: Sequence[ExtractedEvent]) -> list[Report]:
    reports = []
    for ordinal, extracted in enumerate(events):
        date = extracted.date
        report = Report(
            article_id=article.id,
            ordinal=ordinal,
            type=extracted.type,
            subtype=extracted.subtype,
            status=extracted.status,
            date_start=date.start.first_day() if date else None,
            date_end=date.end.first_day() if date and date.end else None,
            date_precision=date.start.precision if date else None,
            date_phrase=date.phrase if date else None,
            place_name=extracted.place.name if extracted.place else None,
            place_country=extracted.place.country if extracted.place else None,
            participants=[_participant_dict(p) for p in extracted.participants],
            topics=list(extracted.topics),
            signals=list(extracted.signals),
            confidence=extracted.confidence,
        )
        session.add(report)
        reports.append((report, extracted))
    session.flush()
    for report, extracted in reports:
        for passage in extracted.passages:
            session.add(Evidence(report_id=report.id, article_id=article.id, start=passage.start,
                                 end=passage.end, kind=passage.kind, rule=passage.rule))
    session.flush()
    return [report for report, _ in reports]


def _participant_dict(participant: Participant) -> dict:
    return {"name": participant.name, "country": participant.country, "office": participant.office,
            "side": participant.side}


# --- clustering over the database -------------------------------------------------------------


def recluster(session: Session, seed_reports: Iterable[Report], released_event_ids: Iterable[int] = ()) -> set[int]:
    """Re-cluster the connected neighbourhood of ``seed_reports``; return the live event ids touched.

    ``released_event_ids`` are events that lost reports (an article was replaced); their remaining
    reports are re-clustered too.
    """
    component = _component(session, list(seed_reports), set(released_event_ids))
    old_event_ids = {r.event_id for r in component if r.event_id is not None} | set(released_event_ids)
    keys = {r.id: _report_key(session, r) for r in component}
    clusters = cluster_reports(keys.values())
    by_id = {r.id: r for r in component}

    taken: set[int] = set()
    live: set[int] = set()
    for cluster in clusters:
        reports = [by_id[key.id] for key in cluster]
        reusable = sorted({r.event_id for r in reports if r.event_id is not None} - taken)
        event = session.get(Event, reusable[0]) if reusable else None
        if event is None:
            event = Event(type=reports[0].type, subtype=reports[0].subtype, title="")
            session.add(event)
            session.flush()
        taken.add(event.id)
        live.add(event.id)
        _assign(session, event, reports)
        refresh_event(session, event, reports)

    dead = old_event_ids - live
    if dead:
        session.execute(update(Event).where(Event.trip_id.in_(dead)).values(trip_id=None))
        session.execute(delete(Event).where(Event.id.in_(dead)))
    link_trips(session, live)
    return live


def _component(session: Session, seeds: list[Report], released: set[int]) -> list[Report]:
    """All reports connected to the seeds through compatibility, as whole events."""
    members: dict[int, Report] = {r.id: r for r in seeds}
    for event_id in released:
        members.update({r.id: r for r in _reports_of(session, [event_id])})
    frontier = list(members.values())
    seen_events: set[int] = set(released)
    while frontier:
        event_ids = _candidate_events(session, frontier) - seen_events
        seen_events |= event_ids
        frontier_keys = [_report_key(session, r) for r in frontier]
        frontier = []
        for report in _reports_of(session, event_ids):
            if report.id in members:
                continue
            key = _report_key(session, report)
            if any(compatible(key, other) for other in frontier_keys):
                # the whole event joins, so that its other reports are re-clustered with it
                for sibling in _reports_of(session, [report.event_id]):
                    if sibling.id not in members:
                        members[sibling.id] = sibling
                        frontier.append(sibling)
    return list(members.values())


def _candidate_events(session: Session, reports: Sequence[Report]) -> set[int]:
    """Events of the same type whose dates overlap one of ``reports`` and share an actor name."""
    found: set[int] = set()
    for report in reports:
        if report.date_start is None:
            continue
        slack = VISIT_SLACK if report.type == "visit" else dt.timedelta(0)
        last = date_last(report.date_start, report.date_end, report.date_precision) + slack
        names = [p["name"] for p in report.participants]
        if not names:
            continue
        query = (
            select(Event.id)
            .join(EventActor, EventActor.event_id == Event.id)
            .join(Actor, Actor.id == EventActor.actor_id)
            .where(
                Event.type == report.type,
                Event.date_start <= last,
                func.coalesce(Event.date_last, Event.date_start) >= report.date_start - slack,
                Actor.name.in_(names),
            )
        )
        found.update(session.scalars(query))
    return found


def _reports_of(session: Session, event_ids: Iterable[int]) -> list[Report]:
    ids = list(event_ids)
    if not ids:
        return []
    return list(session.scalars(select(Report).where(Report.event_id.in_(ids)).order_by(Report.id)))


def _article_key(session: Session, article_id: int) -> str:
    """The article's content hash, cached for the session (the same across databases)."""
    cache = session.info.setdefault("article_hash", {})
    if article_id not in cache:
        cache[article_id] = session.scalar(select(Article.content_hash).where(Article.id == article_id))
    return cache[article_id] or str(article_id)


def _report_key(session: Session, report: Report) -> ReportKey:
    return ReportKey(
        id=report.id,
        type=report.type,
        article_key=_article_key(session, report.article_id),
        ordinal=report.ordinal,
        date_start=report.date_start,
        date_last=date_last(report.date_start, report.date_end, report.date_precision),
        precision=report.date_precision,
        names=frozenset(p["name"] for p in report.participants),
        mode=meeting_mode(report.subtype) if report.type == "meeting" else "",
        single_day=report.date_end is None or report.date_end == report.date_start,
    )


def _assign(session: Session, event: Event, reports: Sequence[Report]) -> None:
    ids = [r.id for r in reports]
    session.execute(update(Report).where(Report.id.in_(ids)).values(event_id=event.id))
    session.execute(update(Evidence).where(Evidence.report_id.in_(ids)).values(event_id=event.id))
    for report in reports:
        report.event_id = event.id


# --- deriving an event from its reports -------------------------------------------------------


def refresh_event(session: Session, event: Event, reports: Sequence[Report]) -> None:
    """Set the event's attributes, actors, topics and search text from its reports."""
    ordered = sorted(reports, key=lambda r: _report_key(session, r).order)
    best = ordered[0]
    event.type = best.type
    event.subtype = pick_subtype([r.subtype for r in ordered])
    event.status = "reported" if any(r.status == "reported" for r in ordered) else "planned"
    event.date_start, event.date_end = best.date_start, best.date_end
    if best.type == "visit" and best.date_precision == "day":
        event.date_start, event.date_end = visit_span(
            [(r.date_start, r.date_end) for r in ordered if r.date_precision == "day"])
    event.date_precision, event.date_phrase = best.date_precision, best.date_phrase
    event.date_last = date_last(best.date_start, best.date_end, best.date_precision)
    event.year = best.date_start.year if best.date_start else None
    event.confidence = combined_confidence(r.confidence for r in ordered)
    event.source_count = len({r.article_id for r in ordered})

    place = _pick_place(ordered)
    event.place_id = _get_or_create_place(session, place).id if place else None
    participants = _merge_participants(ordered)
    _replace_actors(session, event, participants)
    _replace_topics(session, event, sorted({t for r in ordered for t in r.topics}))
    event.title = event_title(event.type, event.subtype, participants, place, language="en")
    session.add(event)
    session.flush()
    _replace_search_text(session, event, participants, place)
    _replace_source_facets(session, event)


def _pick_place(reports: Sequence[Report]) -> PlaceValue | None:
    places = [(r.place_name, r.place_country) for r in reports if r.place_name]
    if not places:
        return None
    counts = Counter(places)
    name, country = max(places, key=lambda p: (counts[p], -places.index(p)))
    return PlaceValue(name=name, country=country or "")


def _merge_participants(reports: Sequence[Report]) -> list[Participant]:
    merged: dict[tuple[str, str], dict] = {}
    for report in reports:
        for p in report.participants:
            key = (p["name"], p["country"])
            slot = merged.setdefault(key, {"name": p["name"], "country": p["country"], "office": None,
                                           "sides": Counter()})
            slot["office"] = slot["office"] or p.get("office")
            slot["sides"][p.get("side") or "participant"] += 1
    people = [
        Participant(name=s["name"], country=s["country"], office=s["office"],
                    side=s["sides"].most_common(1)[0][0])
        for s in merged.values()
    ]
    has_person = {p.country for p in people if p.name not in STATES}
    return [p for p in people if not (p.name in STATES and p.country in has_person)]


def _lookup(session: Session, kind: str) -> dict:
    """Rows already looked up in this session (the session is one article's transaction)."""
    return session.info.setdefault(kind, {})


def _get_or_create_place(session: Session, place: PlaceValue) -> Place:
    known = _lookup(session, "places")
    row = known.get(place.name)
    if row is None:
        row = session.scalar(select(Place).where(Place.name == place.name))
    if row is None:
        row = Place(name=place.name, country=place.country)
        session.add(row)
        session.flush()
    known[place.name] = row
    return row


def _actors_for(session: Session, participants: Sequence[Participant]) -> dict[tuple[str, str], Actor]:
    """The actor rows of ``participants`` (created when new), in one query for those not yet seen."""
    known = _lookup(session, "actors")
    missing = {(p.name, p.country) for p in participants} - known.keys()
    if missing:
        names = sorted({name for name, _ in missing})
        for row in session.scalars(select(Actor).where(Actor.name.in_(names))):
            known[(row.name, row.country)] = row
    created = False
    for participant in participants:
        key = (participant.name, participant.country)
        row = known.get(key)
        if row is None:
            row = known[key] = Actor(name=participant.name, country=participant.country,
                                     office=participant.office)
            session.add(row)
            created = True
        elif participant.office and not row.office:
            row.office = participant.office
    if created:
        session.flush()
    return known


def _replace_actors(session: Session, event: Event, participants: Sequence[Participant]) -> None:
    session.execute(delete(EventActor).where(EventActor.event_id == event.id))
    actors = _actors_for(session, participants)
    rows = [{"event_id": event.id, "actor_id": actors[(p.name, p.country)].id, "role": p.office, "side": p.side}
            for p in participants]
    if rows:
        session.execute(insert(EventActor), rows)


def _topic_ids(session: Session, slugs: Sequence[str]) -> dict[str, int]:
    known = _lookup(session, "topics")
    if any(slug not in known for slug in slugs):
        known.update(dict(session.execute(select(Topic.slug, Topic.id)).all()))
    for slug in slugs:
        if slug not in known:
            name, name_id = topic_names(slug)
            topic = Topic(slug=slug, name=name, name_id=name_id)
            session.add(topic)
            session.flush()
            known[slug] = topic.id
    return known


def _replace_topics(session: Session, event: Event, slugs: Sequence[str]) -> None:
    session.execute(delete(EventTopic).where(EventTopic.event_id == event.id))
    ids = _topic_ids(session, slugs)
    if slugs:
        session.execute(insert(EventTopic), [{"event_id": event.id, "topic_id": ids[slug]} for slug in slugs])


def _replace_search_text(session: Session, event: Event, participants: Sequence[Participant],
                         place: PlaceValue | None) -> None:
    passages = session.execute(
        select(Article.text, Evidence.start, Evidence.end)
        .join(Article, Article.id == Evidence.article_id)
        .where(Evidence.event_id == event.id)
        .order_by(Evidence.id)
    ).all()
    parts = [event.title, *(p.name for p in participants), place.name if place else ""]
    parts += [text[start:end] for text, start, end in passages]
    body = "\n".join(part for part in parts if part)
    updated = session.execute(update(EventSearch).where(EventSearch.event_id == event.id).values(body=body))
    if not updated.rowcount:
        session.execute(insert(EventSearch).values(event_id=event.id, body=body))


def _replace_source_facets(session: Session, event: Event) -> None:
    """The outlets and languages of the articles whose passages state the event."""
    session.execute(delete(EventSourceFacet).where(EventSourceFacet.event_id == event.id))
    rows = session.execute(
        select(Article.outlet, Article.language).join(Evidence, Evidence.article_id == Article.id)
        .where(Evidence.event_id == event.id).distinct()
    ).all()
    values = {(facet, value) for outlet, language in rows
              for facet, value in (("outlet", outlet), ("language", language)) if value}
    if values:
        session.execute(insert(EventSourceFacet),
                        [{"event_id": event.id, "facet": facet, "value": value} for facet, value in sorted(values)])


# --- trips ------------------------------------------------------------------------------------


def link_trips(session: Session, event_ids: Iterable[int]) -> None:
    """Point meetings and agreements held during a visit at that visit (``trip_id``)."""
    for event_id in sorted(set(event_ids)):
        event = session.get(Event, event_id)
        if event is None or event.date_start is None:
            continue
        if event.type == "visit":
            _link_into_visit(session, event)
        else:
            event.trip_id = _visit_covering(session, event)
    session.flush()


def _actor_ids(session: Session, event_id: int) -> list[int]:
    return list(session.scalars(select(EventActor.actor_id).where(EventActor.event_id == event_id)))


def _visit_covering(session: Session, event: Event) -> int | None:
    if event.date_precision != "day":
        return None
    query = (
        select(Event.id)
        .join(EventActor, EventActor.event_id == Event.id)
        .where(
            Event.type == "visit",
            Event.date_precision == "day",
            Event.date_start <= event.date_start,
            func.coalesce(Event.date_last, Event.date_start) >= event.date_start,
            EventActor.actor_id.in_(_actor_ids(session, event.id)),
        )
        .order_by(Event.id)
        .limit(1)
    )
    return session.scalar(query)


def _link_into_visit(session: Session, visit: Event) -> None:
    if visit.date_precision != "day":
        return
    last = visit.date_last or visit.date_start
    members = session.scalars(
        select(Event)
        .join(EventActor, EventActor.event_id == Event.id)
        .where(
            Event.type != "visit",
            Event.date_precision == "day",
            Event.date_start >= visit.date_start,
            Event.date_start <= last,
            EventActor.actor_id.in_(_actor_ids(session, visit.id)),
            or_(Event.trip_id.is_(None), Event.trip_id > visit.id),
        )
    )
    for member in members:
        member.trip_id = visit.id


def release_article(session: Session, article_id: int) -> set[int]:
    """Delete an article (its reports and evidence go with it); return the events that lost reports."""
    event_ids = set(session.scalars(
        select(Report.event_id).where(Report.article_id == article_id, Report.event_id.is_not(None))
    ))
    session.execute(delete(Evidence).where(Evidence.article_id == article_id))
    session.execute(delete(Report).where(Report.article_id == article_id))
    session.execute(delete(Article).where(Article.id == article_id))
    return event_ids
