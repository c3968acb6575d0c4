"""Write one parsed article and its extracted events, then re-cluster the events they touch.

Runs inside the caller's transaction (a Core ``Connection``, or an ORM ``Session``'s): either the
whole article goes in, or nothing does. SQLAlchemy Core throughout, set-based: the article, its
reports and passages are three inserts; re-clustering reads the neighbourhood in a few queries a
round, and writes every touched event, its participants, topics, outlets, languages and search
text with one statement per table, whatever the number of events. (The ORM version spent ~90% of
the time of an ingest building statements and flushing objects, 55 statements an article.)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import count

from sqlalchemy import (
    Connection,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)
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
from app.search.index import Passage, article_stems, event_document
from app.taxonomy import topic_names

STATES = {"China", "Kazakhstan"}
COPIED = ("type", "year", "date_start", "date_last", "date_precision", "review_status")  # see models.EventCopy

events_t, reports_t, evidence_t = Event.__table__, Report.__table__, Evidence.__table__
actors_t, places_t, topics_t, articles_t = Actor.__table__, Place.__table__, Topic.__table__, Article.__table__
event_actors_t, event_topics_t = EventActor.__table__, EventTopic.__table__
source_facets_t, search_t = EventSourceFacet.__table__, EventSearch.__table__

REPORT_COLUMNS = [reports_t.c[name] for name in (
    "id", "article_id", "event_id", "ordinal", "type", "subtype", "status", "date_start", "date_end",
    "date_precision", "date_phrase", "date_source", "date_span_start", "date_span_end", "place_name",
    "place_country", "participants", "topics", "confidence")]

# The extractor's signal for how it dated an event → ``Report.date_source``.
DATE_SIGNALS = {"date_in_sentence": "sentence", "date_from_caption": "caption", "date_from_lead": "lead",
                "date_of_preceding_event": "sequel", "date_of_event_in_sentence": "shared",
                "date_from_publication": "publication"}


@dataclass(frozen=True)
class StoredArticle:
    id: int
    file_name: str
    content_hash: str


@dataclass
class StoredReport:
    """A report as re-clustering needs it (a row of ``reports`` and its article's content hash)."""

    id: int
    article_id: int
    event_id: int | None
    ordinal: int
    type: str
    subtype: str
    status: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    date_phrase: str | None
    date_source: str | None
    date_span_start: int | None
    date_span_end: int | None
    place_name: str | None
    place_country: str | None
    participants: list[dict]
    topics: list[str]
    confidence: float
    article_key: str
    # a new report's row and passages, written once re-clustering has given it its event
    unwritten: tuple[dict, list[dict]] | None = field(default=None, repr=False)
    key: ReportKey = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.key = self._key()

    def _key(self) -> ReportKey:
        return ReportKey(
            id=self.id,
            type=self.type,
            article_key=self.article_key,
            ordinal=self.ordinal,
            date_start=self.date_start,
            date_last=date_last(self.date_start, self.date_end, self.date_precision),
            precision=self.date_precision,
            names=frozenset(p["name"] for p in self.participants),
            sides=frozenset((p["country"], p["name"]) for p in self.participants
                            if p.get("country") and p["name"] != p["country"]),
            city=self.place_name if self.place_name and self.place_name != self.place_country else None,
            mode=meeting_mode(self.subtype) if self.type == "meeting" else "",
            single_day=self.date_end is None or self.date_end == self.date_start,
        )

    def written(self, report_id: int) -> None:
        """The report now has its row (``report_id``)."""
        self.id, self.unwritten = report_id, None
        self.key = self._key()


def _connection(db: Connection | Session) -> Connection:
    return db.connection() if isinstance(db, Session) else db


# --- the article, its reports and passages ------------------------------------------------------


_INSERT_ARTICLE = insert(articles_t).returning(articles_t.c.id)
# one multi-row INSERT; the rows come back in no promised order, hence the article and ordinal beside each id
_INSERT_REPORTS = insert(reports_t).returning(reports_t.c.article_id, reports_t.c.ordinal, reports_t.c.id)
_INSERT_EVIDENCE = insert(evidence_t)
_STAND_IN_IDS = count(-1, -1)


def insert_article(db: Connection | Session, parsed: ParsedArticle, *, file_name: str, source_path: str,
                   content_hash: str) -> StoredArticle:
    published = parsed.published
    article_id = _connection(db).execute(_INSERT_ARTICLE, {
        "file_name": file_name,
        "source_path": source_path,
        "content_hash": content_hash,
        "title": parsed.title,
        "outlet": parsed.outlet,
        "published": published.iso() if published else None,
        "published_date": published.first_day() if published else None,
        "published_precision": published.precision if published else None,
        "published_phrase": parsed.published_phrase,
        "language": parsed.language,
        "text": parsed.text,
        "stems": article_stems(parsed.title, parsed.text, parsed.language),
        "boilerplate": [[s.start, s.end] for s in parsed.boilerplate],
        "captions": [[s.start, s.end] for s in parsed.captions],
        "ingested_at": dt.datetime.now(dt.UTC),
    }).scalar_one()
    return StoredArticle(article_id, file_name, content_hash)


def new_reports(article: StoredArticle, events: Sequence[ExtractedEvent]) -> list[StoredReport]:
    """The article's reports and their passages, not written yet: ``recluster`` writes them with their event.

    Until then each has a negative stand-in id, unique in this process.
    """
    reports = []
    for ordinal, extracted in enumerate(events):
        date = extracted.date
        row = {
            "article_id": article.id,
            "ordinal": ordinal,
            "type": extracted.type,
            "subtype": extracted.subtype,
            "status": extracted.status,
            "date_start": date.start.first_day() if date else None,
            "date_end": date.end.first_day() if date and date.end else None,
            "date_precision": date.start.precision if date else None,
            "date_phrase": date.phrase if date else None,
            "date_source": date_source(extracted),
            "date_span_start": date.span.start if date and date.span else None,
            "date_span_end": date.span.end if date and date.span else None,
            "place_name": extracted.place.name if extracted.place else None,
            "place_country": extracted.place.country if extracted.place else None,
            "participants": [_participant_dict(p) for p in extracted.participants],
            "topics": list(extracted.topics),
            "confidence": extracted.confidence,
        }
        passages = [{"article_id": article.id, "start": p.start, "end": p.end, "kind": p.kind, "rule": p.rule}
                    for p in extracted.passages]
        reports.append(StoredReport(id=next(_STAND_IN_IDS), event_id=None, **row, article_key=article.content_hash,
                                    unwritten=({**row, "signals": list(extracted.signals)}, passages)))
    return reports


def date_source(extracted: ExtractedEvent) -> str | None:
    """How the extractor dated an event (see ``Report.date_source``), from its signals and date rule."""
    if extracted.date is None:
        return None
    if "derived_from_meeting" in extracted.signals:
        return "derived"
    if "anchored_on_event" in extracted.date.rule:
        return "anchored"
    return next((DATE_SIGNALS[s] for s in extracted.signals if s in DATE_SIGNALS), None)


def _write_reports(conn: Connection, reports: Sequence[StoredReport]) -> None:
    """Write new reports (each with its event now) and their passages."""
    rows = [{**r.unwritten[0], "event_id": r.event_id} for r in reports]
    ids = {(article_id, ordinal): report_id for article_id, ordinal, report_id in conn.execute(_INSERT_REPORTS, rows)}
    passages = []
    for report in reports:
        passages += [{**p, "report_id": ids[(report.article_id, report.ordinal)], "event_id": report.event_id}
                     for p in report.unwritten[1]]
        report.written(ids[(report.article_id, report.ordinal)])
    if passages:
        conn.execute(_INSERT_EVIDENCE, passages)


def _participant_dict(participant: Participant) -> dict:
    return {"name": participant.name, "country": participant.country, "office": participant.office,
            "side": participant.side}


_RELEASED_EVENTS = select(reports_t.c.event_id).where(reports_t.c.article_id == bindparam("article"),
                                                      reports_t.c.event_id.is_not(None))
_RELEASE = [delete(table).where(table.c.article_id == bindparam("article")) for table in (evidence_t, reports_t)]
_RELEASE.append(delete(articles_t).where(articles_t.c.id == bindparam("article")))


def release_article(db: Connection | Session, article_id: int) -> set[int]:
    """Delete an article (its reports and passages go with it); return the events that lost reports."""
    conn = _connection(db)
    event_ids = set(conn.scalars(_RELEASED_EVENTS, {"article": article_id}))
    for statement in _RELEASE:
        conn.execute(statement, {"article": article_id})
    return event_ids


# --- clustering over the database ---------------------------------------------------------------


_FORGET_TRIPS = (update(events_t).where(events_t.c.trip_id.in_(bindparam("events", expanding=True)))
                 .values(trip_id=None))
_DELETE_EVENTS = delete(events_t).where(events_t.c.id.in_(bindparam("events", expanding=True)))


def recluster(db: Connection | Session, seed_reports: Iterable[StoredReport],
              released_event_ids: Iterable[int] = ()) -> set[int]:
    """Re-cluster the connected neighbourhood of ``seed_reports``; return the live event ids touched.

    ``released_event_ids`` are events that lost reports (an article was replaced); their remaining
    reports are re-clustered too. New reports without a date are written without an event.
    """
    conn = _connection(db)
    seeds = list(seed_reports)
    undated = [r for r in seeds if r.date_start is None and r.unwritten is not None]
    if undated:  # kept without an event, to be listed apart (revision 0008)
        _write_reports(conn, undated)
    released = set(released_event_ids)
    component = _component(conn, [r for r in seeds if r.date_start is not None], released)
    if not component and not released:
        return set()
    old_event_ids = {r.event_id for r in component if r.event_id is not None} | released
    by_id = {r.id: r for r in component}
    clusters = [[by_id[key.id] for key in cluster] for cluster in cluster_reports(r.key for r in component)]

    taken: set[int] = set()
    owners: list[int | None] = []  # the event each cluster keeps (its lowest free one), or None: a new event
    for reports in clusters:
        reusable = sorted({r.event_id for r in reports if r.event_id is not None} - taken)
        owners.append(reusable[0] if reusable else None)
        taken.update(reusable[:1])
    live, derived = _write_events(conn, clusters, owners)

    dead = sorted(old_event_ids - set(live))
    if dead:
        conn.execute(_FORGET_TRIPS, {"events": dead})
        conn.execute(_DELETE_EVENTS, {"events": dead})
    link_trips(conn, {event_id: d.values for event_id, d in zip(live, derived, strict=True)},
               fresh=frozenset(event_id for event_id, owner in zip(live, owners, strict=True) if owner is None))
    return set(live)


def _component(conn: Connection, seeds: list[StoredReport], released: set[int]) -> list[StoredReport]:
    """All reports connected to the seeds through compatibility, as whole events."""
    members: dict[int, StoredReport] = {r.id: r for r in seeds}
    members.update({r.id: r for r in _reports_of(conn, released)})
    frontier = list(members.values())
    seen_events: set[int] = set(released)
    while frontier:
        event_ids = _candidate_events(conn, frontier) - seen_events
        seen_events |= event_ids
        frontier_keys = [r.key for r in frontier]
        frontier = []
        reports = _reports_of(conn, event_ids)
        siblings: dict[int, list[StoredReport]] = defaultdict(list)
        for report in reports:
            siblings[report.event_id].append(report)
        for report in reports:
            if report.id in members:
                continue
            if any(compatible(report.key, other) for other in frontier_keys):
                # the whole event joins, so that its other reports are re-clustered with it
                for sibling in siblings[report.event_id]:
                    if sibling.id not in members:
                        members[sibling.id] = sibling
                        frontier.append(sibling)
    return list(members.values())


SPANS_PER_QUERY = 100
"""Date spans tested in one candidates query: an article of thousands of reports is read in several
queries, each well inside the databases' limits on expression depth and bound parameters."""

_EVENT_LAST = func.coalesce(event_actors_t.c.date_last, event_actors_t.c.date_start)


@lru_cache(maxsize=64)
def _candidates(spans: int) -> Select:
    """Every participant row that one of ``spans`` (type, first, last) could match, by name among ``names``.

    One statement per number of spans, so that SQLAlchemy compiles each shape once; each report's own
    test is in Python.
    """
    return (
        select(event_actors_t.c.event_id, actors_t.c.name, event_actors_t.c.type, event_actors_t.c.date_start,
               _EVENT_LAST)
        .join(actors_t, actors_t.c.id == event_actors_t.c.actor_id)
        .where(actors_t.c.name.in_(bindparam("names", expanding=True)),
               or_(*(and_(event_actors_t.c.type == bindparam(f"type{i}"),
                          event_actors_t.c.date_start <= bindparam(f"last{i}"),
                          _EVENT_LAST >= bindparam(f"first{i}")) for i in range(spans))))
    )


@dataclass(frozen=True)
class _Wanted:
    """What an event must have to be a candidate for a report: its type, a name, overlapping dates."""

    type: str
    names: frozenset[str]
    first: dt.date
    last: dt.date


def _wanted(report: StoredReport) -> _Wanted | None:
    names = frozenset(p["name"] for p in report.participants)
    if report.date_start is None or not names:
        return None
    slack = VISIT_SLACK if report.type == "visit" else dt.timedelta(0)
    last = date_last(report.date_start, report.date_end, report.date_precision) + slack
    return _Wanted(report.type, names, report.date_start - slack, last)


def _candidate_events(conn: Connection, reports: Sequence[StoredReport]) -> set[int]:
    """Events of the same type whose dates overlap one of ``reports`` and share an actor name.

    Read, in one query for all of ``reports``, from the participants' rows in ``event_actors``,
    which carry their event's type and dates.
    """
    wanted = [w for w in map(_wanted, reports) if w is not None]
    if not wanted:
        return set()
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)  # (type, name): dates
    for w in wanted:
        for name in w.names:
            spans[(w.type, name)].append((w.first, w.last))
    ranges = sorted({(w.type, w.first, w.last) for w in wanted})
    names = sorted({name for _, name in spans})
    found: set[int] = set()
    for chunk in range(0, len(ranges), SPANS_PER_QUERY):
        parameters: dict = {"names": names}
        part = ranges[chunk:chunk + SPANS_PER_QUERY]
        for i, (event_type, first, last) in enumerate(part):
            parameters.update({f"type{i}": event_type, f"first{i}": first, f"last{i}": last})
        rows = conn.execute(_candidates(len(part)), parameters)
        found.update(event_id for event_id, name, event_type, start, last in rows
                     if any(start <= until and last >= since for since, until in spans.get((event_type, name), ())))
    return found


_REPORTS_OF = (
    select(*REPORT_COLUMNS, articles_t.c.content_hash)
    .join(articles_t, articles_t.c.id == reports_t.c.article_id)
    .where(reports_t.c.event_id.in_(bindparam("events", expanding=True)))
    .order_by(reports_t.c.id)
)


def reports_of(db: Connection | Session, event_ids: Iterable[int]) -> list[StoredReport]:
    """The stored reports of these events (to re-cluster them)."""
    return _reports_of(_connection(db), event_ids)


def _reports_of(conn: Connection, event_ids: Iterable[int]) -> list[StoredReport]:
    ids = sorted(event_ids)
    if not ids:
        return []
    return [StoredReport(*row[:-1], article_key=row[-1] or str(row.article_id))
            for row in conn.execute(_REPORTS_OF, {"events": ids})]


# --- deriving events from their reports ---------------------------------------------------------


@dataclass
class Derived:
    """An event's attributes as its reports give them."""

    values: dict
    participants: list[Participant]
    place: PlaceValue | None
    topics: list[str]


def derive_event(reports: Sequence[StoredReport]) -> Derived:
    """An event's attributes from its reports: the best-dated report leads, the others add to it."""
    ordered = sorted(reports, key=lambda r: r.key.order)
    best = ordered[0]
    start, end = best.date_start, best.date_end
    if best.type == "visit" and best.date_precision == "day":
        start, end = visit_span([(r.date_start, r.date_end) for r in ordered if r.date_precision == "day"])
    place = _pick_place(ordered)
    participants = _merge_participants(ordered)
    subtype = pick_subtype([r.subtype for r in ordered])
    values = {
        "type": best.type,
        "subtype": subtype,
        "status": "reported" if any(r.status == "reported" for r in ordered) else "planned",
        "date_start": start,
        "date_end": end,
        "date_precision": best.date_precision,
        "date_phrase": best.date_phrase,
        "date_source": best.date_source,
        "date_article_id": best.article_id if best.date_start else None,
        "date_span_start": best.date_span_start,
        "date_span_end": best.date_span_end,
        # the last day the event may cover, and its year, from the (visit's whole) span
        "date_last": date_last(start, end, best.date_precision),
        "year": start.year if start else None,
        "confidence": combined_confidence(r.confidence for r in ordered),
        "source_count": len({r.article_id for r in ordered}),
        "title": event_title(best.type, subtype, participants, place, language="en"),
        # what extraction gives; editors' reviews are replayed over it (app/curation/)
        "review_status": "unreviewed",
        "reviewed_at": None,
        "review_note": None,
    }
    topics = sorted({t for r in ordered for t in r.topics})
    return Derived(values, participants, place, topics)


def _pick_place(reports: Sequence[StoredReport]) -> PlaceValue | None:
    places = [(r.place_name, r.place_country) for r in reports if r.place_name]
    if not places:
        return None
    counts = Counter(places)
    name, country = max(places, key=lambda p: (counts[p], -places.index(p)))
    return PlaceValue(name=name, country=country or "")


def _merge_participants(reports: Sequence[StoredReport]) -> list[Participant]:
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


_INSERT_EVENT = insert(events_t).returning(events_t.c.id)
_UPDATE_EVENT = (
    update(events_t).where(events_t.c.id == bindparam("b_id"))
    .values({name: bindparam(name) for name in (
        "type", "subtype", "status", "date_start", "date_end", "date_precision", "date_phrase", "date_source",
        "date_article_id", "date_span_start", "date_span_end", "date_last", "year", "confidence", "source_count",
        "title", "place_id", "review_status", "reviewed_at", "review_note")}
            | {"version": events_t.c.version + 1})
)
_ASSIGN_REPORT = update(reports_t).where(reports_t.c.id == bindparam("b_report")).values(event_id=bindparam("b_event"))
_ASSIGN_EVIDENCE = (update(evidence_t).where(evidence_t.c.report_id == bindparam("b_report"))
                    .values(event_id=bindparam("b_event")))
_PASSAGES = (
    select(evidence_t.c.event_id, articles_t.c.outlet, articles_t.c.language,
           func.substr(articles_t.c.text, evidence_t.c.start + 1, evidence_t.c.end - evidence_t.c.start))
    .join(articles_t, articles_t.c.id == evidence_t.c.article_id)
    .where(evidence_t.c.event_id.in_(bindparam("events", expanding=True)))
    .order_by(evidence_t.c.id)
)


LINK_TABLES = (event_actors_t, event_topics_t, source_facets_t, search_t)
_REPLACE = {table.name: (delete(table).where(table.c.event_id.in_(bindparam("events", expanding=True))),
                         insert(table))
            for table in LINK_TABLES}


def _write_events(conn: Connection, clusters: list[list[StoredReport]],
                  owners: list[int | None]) -> tuple[list[int], list[Derived]]:
    """Store each cluster as an event (``owners``: the event it keeps, or None for a new one).

    Returns the events' ids in cluster order, and what was derived for each. New events are inserted
    in cluster order, so that ids follow the clusters' (deterministic) order.
    """
    derived = [derive_event(reports) for reports in clusters]
    known = known_ids(conn, derived)
    ids = _save_event_rows(conn, owners, derived, known[0])
    _assign_reports(conn, clusters, ids)
    _write_links(conn, ids, derived, known, replace=[owner for owner in owners if owner is not None])
    return ids, derived


def write_events(db: Connection | Session, events: dict[int, Derived]) -> None:
    """Write events as given (an editor's corrections): their rows, participants, topics, outlets,
    languages and search text, through the same path as ingest. ``values`` need only the columns
    that change; the number of reporting articles is counted from the events' passages."""
    conn = _connection(db)
    ids = sorted(events)
    derived = [events[event_id] for event_id in ids]
    known = known_ids(conn, derived)
    counts = dict(conn.execute(_SOURCE_COUNTS, {"events": ids}).all()) if ids else {}
    for event_id, d in zip(ids, derived, strict=True):
        row = {**event_row(d, known[0]), "source_count": counts.get(event_id, 0)}
        conn.execute(update(events_t).where(events_t.c.id == event_id).values(**row, version=events_t.c.version + 1))
    _write_links(conn, ids, derived, known, replace=ids)


_SOURCE_COUNTS = (select(evidence_t.c.event_id, func.count(func.distinct(evidence_t.c.article_id)))
                  .where(evidence_t.c.event_id.in_(bindparam("events", expanding=True)))
                  .group_by(evidence_t.c.event_id))


def event_row(d: Derived, place_ids: dict[str, int]) -> dict:
    """The ``events`` row of a derived event (without its id)."""
    d.values["place_id"] = place_ids[d.place.name] if d.place else None
    return d.values


def _save_event_rows(conn: Connection, owners: list[int | None], derived: list[Derived],
                     place_ids: dict[str, int]) -> list[int]:
    """Insert the new events and update the kept ones; their ids in order."""
    ids: list[int] = []
    updates = []
    for owner, d in zip(owners, derived, strict=True):
        row = event_row(d, place_ids)
        if owner is None:
            ids.append(conn.execute(_INSERT_EVENT, row).scalar_one())
        else:
            ids.append(owner)
            updates.append({"b_id": owner, **row})
    if updates:
        conn.execute(_UPDATE_EVENT, updates)
    return ids


def link_rows(event_id: int, d: Derived, known: tuple[dict, dict, dict], passages: Sequence[Passage],
              sources: Iterable[tuple[str, str]]) -> dict[str, list[dict]]:
    """The rows an event has beside its own, by table: its participants, topics, outlets and
    languages (``sources``: (facet, value) pairs), each with a copy of the event's filter columns,
    and its search text (from ``passages``). Ingest, corrections and the synthetic data all build
    them here, so that the copies never drift from the event."""
    _, actor_ids, topic_ids = known
    copy = {name: d.values[name] for name in COPIED}
    return {
        event_actors_t.name: [{"event_id": event_id, "actor_id": actor_ids[(p.name, p.country)], "role": p.office,
                               "side": p.side, **copy} for p in d.participants],
        event_topics_t.name: [{"event_id": event_id, "topic_id": topic_ids[slug], **copy} for slug in d.topics],
        source_facets_t.name: [{"event_id": event_id, "facet": facet, "value": value, **copy}
                               for facet, value in sorted(sources)],
        search_t.name: [{"event_id": event_id, **event_document(
            title=d.values["title"], type=d.values["type"], subtype=d.values["subtype"],
            participants=d.participants, place=d.place, topics=d.topics, passages=passages)}],
    }


def _write_links(conn: Connection, ids: list[int], derived: list[Derived], known: tuple[dict, dict, dict], *,
                 replace: Sequence[int]) -> None:
    """The link rows and the search text of events ``ids`` (``link_rows``); ``replace``: those that
    may have rows already."""
    passages: dict[int, list[Passage]] = defaultdict(list)
    sources: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for event_id, outlet, language, text in conn.execute(_PASSAGES, {"events": ids}):
        passages[event_id].append(Passage(text, language))
        sources[event_id].update((facet, value) for facet, value in (("outlet", outlet), ("language", language))
                                 if value)
    rows: dict[str, list[dict]] = defaultdict(list)
    for event_id, d in zip(ids, derived, strict=True):
        for table, table_rows in link_rows(event_id, d, known, passages[event_id], sources[event_id]).items():
            rows[table] += table_rows

    kept = sorted(replace)  # new events have no rows to replace
    for table in LINK_TABLES:
        replace_rows, insert_rows = _REPLACE[table.name]
        if kept:
            conn.execute(replace_rows, {"events": kept})
        if rows[table.name]:
            conn.execute(insert_rows, rows[table.name])


def _assign_reports(conn: Connection, clusters: list[list[StoredReport]], event_ids: list[int]) -> None:
    """Point each cluster's reports and their passages at its event, writing the new reports."""
    moved = [{"b_report": r.id, "b_event": event_id} for event_id, reports in zip(event_ids, clusters, strict=True)
             for r in reports if r.event_id != event_id and r.unwritten is None]
    if moved:
        conn.execute(_ASSIGN_REPORT, moved)
        conn.execute(_ASSIGN_EVIDENCE, moved)
    for event_id, reports in zip(event_ids, clusters, strict=True):
        for report in reports:
            report.event_id = event_id
    unwritten = [r for reports in clusters for r in reports if r.unwritten is not None]
    if unwritten:
        _write_reports(conn, unwritten)


_KNOWN_NAMES = union_all(
    select(literal("actor"), actors_t.c.name, actors_t.c.country, actors_t.c.id, actors_t.c.office)
    .where(actors_t.c.name.in_(bindparam("actors", expanding=True))),
    select(literal("place"), places_t.c.name, places_t.c.country, places_t.c.id, null())
    .where(places_t.c.name.in_(bindparam("places", expanding=True))),
    select(literal("topic"), topics_t.c.slug, null(), topics_t.c.id, null())
    .where(topics_t.c.slug.in_(bindparam("topics", expanding=True))),
)
_INSERT_PLACE = insert(places_t).returning(places_t.c.id)
_INSERT_ACTOR = insert(actors_t).returning(actors_t.c.id)
_SET_OFFICE = update(actors_t).where(actors_t.c.id == bindparam("b_id")).values(office=bindparam("office"))
_INSERT_TOPIC = insert(topics_t).returning(topics_t.c.id)


def known_ids(conn: Connection, derived: Sequence[Derived]) -> tuple[dict[str, int], dict[tuple[str, str], int],
                                                                      dict[str, int]]:
    """The ids of the places, actors and topics of ``derived`` (read in one query), creating new ones."""
    places = {d.place.name: d.place for d in derived if d.place}
    participants = [p for d in derived for p in d.participants]
    slugs = sorted({t for d in derived for t in d.topics})
    if not (places or participants or slugs):
        return {}, {}, {}
    found: dict[str, list[tuple]] = {"actor": [], "place": [], "topic": []}
    for kind, *row in conn.execute(_KNOWN_NAMES, {"actors": sorted({p.name for p in participants}),
                                                  "places": sorted(places), "topics": slugs}):
        found[kind].append(tuple(row))
    return (_place_ids(conn, places, found["place"]), _actor_ids(conn, participants, found["actor"]),
            _topic_ids(conn, slugs, found["topic"]))


def _place_ids(conn: Connection, wanted: dict[str, PlaceValue], rows: list[tuple]) -> dict[str, int]:
    known = {name: place_id for name, _, place_id, _ in rows}
    for name in sorted(wanted.keys() - known.keys()):
        known[name] = conn.execute(_INSERT_PLACE, {"name": name, "country": wanted[name].country}).scalar_one()
    return known


def _actor_ids(conn: Connection, participants: Sequence[Participant], rows: list[tuple]) -> dict[tuple[str, str], int]:
    """The actor ids of ``participants``, creating new actors and filling in offices not known yet."""
    known = {(name, country): (actor_id, office) for name, country, actor_id, office in rows}
    offices: dict[int, str] = {}
    for p in participants:
        key = (p.name, p.country)
        if key not in known:
            actor_id = conn.execute(_INSERT_ACTOR, {"name": p.name, "country": p.country,
                                                    "office": p.office}).scalar_one()
            known[key] = (actor_id, p.office)
        elif p.office and not known[key][1]:
            known[key] = (known[key][0], p.office)
            offices[known[key][0]] = p.office
    if offices:
        conn.execute(_SET_OFFICE, [{"b_id": actor_id, "office": office} for actor_id, office in offices.items()])
    return {key: actor_id for key, (actor_id, _) in known.items()}


def _topic_ids(conn: Connection, slugs: Sequence[str], rows: list[tuple]) -> dict[str, int]:
    known = {slug: topic_id for slug, _, topic_id, _ in rows}
    for slug in slugs:
        if slug not in known:
            name, name_id = topic_names(slug)
            known[slug] = conn.execute(_INSERT_TOPIC, {"slug": slug, "name": name, "name_id": name_id}).scalar_one()
    return known


# --- trips ----------------------------------------------------------------------------------------

visit_t, member_t = event_actors_t.alias("visit"), event_actors_t.alias("member")
_SHARED_ACTOR = and_(
    visit_t.c.actor_id == member_t.c.actor_id,
    visit_t.c.type == "visit", visit_t.c.date_precision == "day",
    member_t.c.type != "visit", member_t.c.date_precision == "day",
    visit_t.c.date_start <= member_t.c.date_start,
    func.coalesce(visit_t.c.date_last, visit_t.c.date_start) >= member_t.c.date_start,
)
_TRIPS = union_all(
    # the earliest-created visit (lowest id) during which each of these meetings or agreements took place
    select(literal(True), member_t.c.event_id, func.min(visit_t.c.event_id)).select_from(member_t)
    .join(visit_t, _SHARED_ACTOR)
    .where(member_t.c.event_id.in_(bindparam("members", expanding=True))).group_by(member_t.c.event_id),
    # the meetings and agreements held during each of these visits
    select(literal(False), member_t.c.event_id, func.min(visit_t.c.event_id)).select_from(visit_t)
    .join(member_t, _SHARED_ACTOR)
    .where(visit_t.c.event_id.in_(bindparam("visits", expanding=True))).group_by(member_t.c.event_id),
)

_TRIP_CANDIDATES = (select(events_t.c.id, events_t.c.type, events_t.c.date_start, events_t.c.date_precision)
                    .where(events_t.c.id.in_(bindparam("events", expanding=True))))
_SET_TRIP = (update(events_t).where(events_t.c.id == bindparam("b_id"),
                                    events_t.c.trip_id.is_distinct_from(bindparam("trip")))
             .values(trip_id=bindparam("trip")))
_JOIN_TRIP = (update(events_t)
              .where(events_t.c.id == bindparam("b_id"),
                     or_(events_t.c.trip_id.is_(None), events_t.c.trip_id > bindparam("trip")))
              .values(trip_id=bindparam("trip")))


def link_trips(db: Connection | Session, events: Iterable[int] | dict[int, dict], *,
               fresh: frozenset[int] = frozenset()) -> None:
    """Point meetings and agreements held during a visit at that visit (``trip_id``).

    Each dated meeting or agreement among ``events`` takes the earliest-created day-dated visit
    that covers its day and shares a participant (or none); each such visit among them takes in the
    meetings and agreements it covers, unless they already point at an earlier-created visit.
    ``events``: ids, or {id: the event's type, date_start and date_precision} when known; ``fresh``:
    those just created (no trip yet, so nothing to write when none covers them).
    """
    conn = _connection(db)
    if not isinstance(events, dict):
        ids = sorted(set(events))
        events = {row.id: row._asdict() for row in conn.execute(_TRIP_CANDIDATES, {"events": ids})} if ids else {}
    members = sorted(i for i, e in events.items() if e["type"] != "visit" and e["date_start"] is not None)
    visits = sorted(i for i, e in events.items() if e["type"] == "visit" and e["date_precision"] == "day")
    if not (members or visits):
        return
    covering, joined = {}, []
    for of_member, member, visit in conn.execute(_TRIPS, {"members": members, "visits": visits}):
        if of_member:
            covering[member] = visit
        else:
            joined.append({"b_id": member, "trip": visit})
    changes = [{"b_id": event_id, "trip": covering.get(event_id)} for event_id in members
               if covering.get(event_id) is not None or event_id not in fresh]
    if changes:
        conn.execute(_SET_TRIP, changes)
    if joined:
        conn.execute(_JOIN_TRIP, joined)
