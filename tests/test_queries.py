"""The read path's internals at work on both backends, against a plain reference written here.

The reference reads only the base tables (events, the link tables' keys, passages and their
articles, the full-text tables) the slow and obvious way; the read path under test reads the
indexes of revision 0004 (link rows carrying their event's type and dates) through whichever source
app/filtering.py picks. Both must agree on every filter combination: counts, facets, the axis and
the timeline order and paging (reports the sources give no date for are no events, revision 0008).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from sqlalchemy import Select, String, case, func, or_, select
from sqlmodel import Session

from app import queries, search
from app.db import refresh_statistics
from app.filtering import TEXT_CAP, select_events
from app.models import Actor, Article, Event, EventActor, EventSourceFacet, EventTopic, Evidence, Place, Topic
from app.queries import EventFilters
from app.synth import synthesize
from tests.factories import TOKAYEV, XI, Mention, add_article

UNDATED = 4


@pytest.fixture
def filled(engine):
    synthesize(engine, events=240, articles=60, seed=8, until=dt.date(2024, 12, 31))
    for number in range(UNDATED):  # reports the sources give no date for: kept apart, never listed
        quote = f"Tokayev and Xi met again (undated report {number})"
        add_article(engine, file_name=f"undated-{number}.txt", text=f"Undated\n\n{quote}.\n", mentions=[
            Mention("meeting", "talks", None, quote=quote, participants=(TOKAYEV, XI), topics=("energy",))])
    _review_some(engine)
    refresh_statistics(engine)
    return engine


def _review_some(engine) -> None:
    """Some events verified and some rejected by an editor (rejected ones leave every public read)."""
    from app import auth
    from app.curation import operations

    with Session(engine) as session:
        editor = auth.create_user(session, "reviewer", "editor", "a long enough password")
        session.commit()
        ids = session.scalars(select(Event.id).order_by(Event.id)).all()
        for event_id in ids[::7]:
            operations.review_event(session, event_id, status="verified", user=editor)
        for event_id in ids[3::11]:
            operations.review_event(session, event_id, status="rejected", user=editor)


# --- the reference ---------------------------------------------------------------------------------


def reference_ids(session: Session, f: EventFilters) -> Select:
    """The events ``f`` selects, from the base tables only."""
    dialect = session.get_bind().dialect.name
    conditions = []
    if f.year:
        conditions.append(Event.year.in_(f.year))
    if f.type:
        conditions.append(Event.type.in_(f.type))
    if f.topic:
        conditions.append(Event.id.in_(select(EventTopic.event_id).join(Topic, Topic.id == EventTopic.topic_id)
                                       .where(Topic.slug.in_(f.topic))))
    if f.actor:
        conditions.append(Event.id.in_(select(EventActor.event_id).join(Actor, Actor.id == EventActor.actor_id)
                                       .where(Actor.name.in_(f.actor))))
    if f.place:
        conditions.append(Event.place_id.in_(select(Place.id).where(Place.name.in_(f.place))))
    for name in f.with_actors:  # each of them took part
        conditions.append(Event.id.in_(select(EventActor.event_id).join(Actor, Actor.id == EventActor.actor_id)
                                       .where(Actor.name == name)))
    for name, column in (("outlet", Article.outlet), ("language", Article.language)):
        if getattr(f, name):
            conditions.append(Event.id.in_(select(Evidence.event_id).join(Article, Article.id == Evidence.article_id)
                                           .where(column.in_(getattr(f, name)))))
    if f.date_from:
        conditions.append(func.coalesce(Event.date_last, Event.date_start) >= f.date_from)
    if f.date_to:
        conditions.append(Event.date_start <= f.date_to)
    if f.status:
        conditions.append(Event.review_status.in_(f.status))
    if not f.with_rejected:
        conditions.append(Event.review_status != "rejected")
    terms = search.search_terms(f.q)
    if terms:
        conditions.append(or_(
            Event.id.in_(search.event_ids_matching(dialect, terms)),
            Event.id.in_(select(Evidence.event_id).where(
                Evidence.article_id.in_(search.article_ids_matching(dialect, terms))))))
    return select(Event.id).where(*conditions)


def reference_order(session: Session, f: EventFilters, newest_first: bool) -> list[int]:
    """Timeline order the plain way: one sort over every matching event."""
    undated_last = case((Event.date_start.is_(None), 1), else_=0)
    order = (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)
    return list(session.scalars(select(Event.id).where(Event.id.in_(reference_ids(session, f)))
                                .order_by(undated_last, *order)))


def reference_facets(session: Session, f: EventFilters, limit: int) -> dict:
    """Each facet counted under every filter but its own, straight from the base tables."""
    def ids(name):
        return reference_ids(session, f.without(name))

    n = func.count().label("n")
    rows = {
        "year": select(func.cast(Event.year, String).label("value"), func.cast(Event.year, String).label("label"), n)
        .where(Event.id.in_(ids("year")), Event.year.is_not(None)).group_by(Event.year),
        "type": select(Event.type.label("value"), Event.type.label("label"), n).where(Event.id.in_(ids("type")))
        .group_by(Event.type),
        "topic": select(Topic.slug, Topic.name, n).join(EventTopic, EventTopic.topic_id == Topic.id)
        .where(EventTopic.event_id.in_(ids("topic"))).group_by(Topic.id, Topic.slug, Topic.name),
        "actor": select(Actor.name.label("value"), Actor.name.label("label"),
                        func.count(func.distinct(EventActor.event_id)))
        .join(EventActor, EventActor.actor_id == Actor.id)
        .where(EventActor.event_id.in_(ids("actor"))).group_by(Actor.name),
        "place": select(Place.name.label("value"), Place.name.label("label"), n).join(Event, Event.place_id == Place.id)
        .where(Event.id.in_(ids("place"))).group_by(Place.id, Place.name),
        "status": select(Event.review_status.label("value"), Event.review_status.label("label"), n)
        .where(Event.id.in_(ids("status"))).group_by(Event.review_status),
    }
    for name, column in (("outlet", Article.outlet), ("language", Article.language)):
        pairs = (select(column.label("value"), Evidence.event_id).join(Article, Article.id == Evidence.article_id)
                 .where(column.is_not(None), Evidence.event_id.in_(ids(name))).distinct().subquery())
        rows[name] = select(pairs.c.value, pairs.c.value.label("label"), func.count()).group_by(pairs.c.value)
    facets = {}
    for name, query in rows.items():
        values = [tuple(row) for row in session.execute(query)]
        if name == "year":
            values.sort(key=lambda v: int(v[0]), reverse=True)
            values = values[:limit * 4]
        else:
            values.sort(key=lambda v: (-v[2], v[1]))
            values = values if name == "type" else values[:limit]
        facets[name] = values
    return facets


def reference_density(session: Session, f: EventFilters) -> set:
    rows = session.execute(select(Event.year, Event.date_start, Event.type, Event.date_precision)
                           .where(Event.id.in_(reference_ids(session, f)), Event.year.is_not(None))).all()
    counted: dict = {}
    for year, start, type_, precision in rows:
        key = (year, start.month, type_, precision)
        counted[key] = counted.get(key, 0) + 1
    return {(*key, count) for key, count in counted.items()}


def combinations_of_filters(session: Session) -> list[dict]:
    year = session.scalar(select(Event.year).where(Event.year.is_not(None)).order_by(Event.id).limit(1))
    place = session.scalar(select(Place.name).join(Event, Event.place_id == Place.id).order_by(Event.id).limit(1))
    single = [("year", (year,)), ("type", ("meeting",)), ("topic", ("energy",)), ("actor", (TOKAYEV.name,)),
              ("place", (place,)), ("outlet", ("Xinhua",)), ("language", ("id",)), ("q", "talks"),
              ("date_from", dt.date(year, 3, 1)), ("status", ("verified",))]
    several = [{"year": (year, year + 1), "topic": ("energy", "trade-investment")},
               {"actor": (TOKAYEV.name, XI.name), "type": ("visit", "agreement")},
               {"topic": ("energy",), "actor": (TOKAYEV.name,), "language": ("en",), "year": (year,)},
               {"q": "astana", "year": (year,)}, {"topic": ("no-such-topic",)}, {"actor": ("Nobody",)},
               {"with_rejected": True}, {"with_rejected": True, "status": ("rejected",), "topic": ("energy",)},
               {"with_rejected": True, "actor": (TOKAYEV.name,), "year": (year,)},
               {"status": ("unreviewed", "verified"), "outlet": ("Xinhua",)},
               {"with_actors": (TOKAYEV.name,)}, {"with_actors": (TOKAYEV.name, XI.name), "type": ("meeting",)},
               {"with_actors": (XI.name,), "actor": (TOKAYEV.name,), "year": (year,)},
               {"with_actors": (XI.name,), "topic": ("energy",), "q": "astana"}, {"with_actors": (XI.name, "Nobody")},
               {"with_actors": (TOKAYEV.name,), "status": ("verified",)},
               {"with_actors": (XI.name,), "with_rejected": True, "status": ("rejected", "unreviewed")}]
    return [{}] + [dict([a]) for a in single] + [dict(pair) for pair in combinations(single, 2)] + several


# --- the tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest", "newest"])
def test_pages_walk_the_timeline_in_order_without_the_undated_reports(filled, newest_first):
    with Session(filled) as session:
        for filters in (EventFilters(), EventFilters(type=("meeting",)), EventFilters(topic=("energy",)),
                        EventFilters(actor=(TOKAYEV.name,))):
            expected = reference_order(session, filters, newest_first)
            assert len(expected) > 20
            walked = []
            page = 1
            while True:
                result = queries.list_events(session, filters, page=page, page_size=7, newest_first=newest_first)
                assert result.total == len(expected) and result.total_exact
                walked += [event.id for event in result.events]
                if not result.next_page:
                    break
                page += 1
            assert walked == expected
            assert queries.all_event_ids(session, filters, newest_first=newest_first) == expected
            last = queries.year_at_offset(session, filters, len(expected) - 1, newest_first=newest_first)
            assert last is not None  # undated reports are no events: the last event has a year
            far = queries.list_events(session, filters, page=1000, page_size=7, newest_first=newest_first)
            assert far.events == [] and far.total == len(expected)


@pytest.mark.parametrize("cap", [TEXT_CAP, 5], ids=["few-words", "many-words"])
def test_every_filter_combination_counts_orders_and_facets_as_the_reference(filled, cap, monkeypatch):
    """``cap``: with a low bound, search words match "many" events: read by walking the timeline
    and probing, and their facets counted from the matches materialised once."""
    monkeypatch.setattr("app.filtering.TEXT_CAP", cap)
    with Session(filled) as session:
        for chosen in combinations_of_filters(session):
            filters = EventFilters(**chosen)
            expected = reference_order(session, filters, newest_first=False)
            assert queries.count_events(session, filters) == len(expected), chosen
            assert queries.all_event_ids(session, filters) == expected, chosen
            together = queries.facet_counts(session, filters, limit=5)
            assert together.total == len(expected), chosen
            counted = {name: [(v.value, v.label, v.count) for v in values]
                       for name, values in together.facets.items()}
            assert counted == reference_facets(session, filters, 5), chosen
            assert set(queries.density(session, filters)) == reference_density(session, filters), chosen


def test_a_timeline_page_knows_the_year_before_it_and_counts_its_years(filled):
    with Session(filled) as session:
        selection = select_events(session, EventFilters(type=("meeting",)))
        order = reference_order(session, selection.filters, newest_first=False)
        page, previous_year = queries.timeline_page(session, selection, page=2, page_size=10, newest_first=False,
                                                    passages=False)
        assert [e.id for e in page.events] == order[10:20]
        assert previous_year == session.get(Event, order[9]).year
        assert [e.source_count for e in page.events] == [session.get(Event, e.id).source_count for e in page.events]
        years = {int(e.date_start[:4]) for e in page.events}
        counts = queries.year_counts(session, selection, sorted(years))
        for year in years:
            assert counts[year] == session.scalar(select(func.count()).select_from(Event).where(
                Event.type == "meeting", Event.year == year, Event.review_status != "rejected"))


def test_search_words_matching_many_events_are_counted_to_a_bound(filled, monkeypatch):
    monkeypatch.setattr("app.filtering.TEXT_CAP", 20)
    with Session(filled) as session:
        filters = EventFilters(q="talks")
        expected = reference_order(session, filters, newest_first=False)
        assert len(expected) > 21
        selection = select_events(session, filters)
        assert not selection.text.few
        result = queries.list_events(session, selection, page=1, page_size=7)
        assert (result.total, result.total_exact) == (21, False)
        assert [e.id for e in result.events] == expected[:7] and result.next_page == 2
        last_page = -(-len(expected) // 7)
        result = queries.list_events(session, selection, page=last_page, page_size=7)
        assert [e.id for e in result.events] == expected[(last_page - 1) * 7:] and result.next_page is None
        assert queries.count_events(session, selection) == len(expected)  # exact when asked for
    assert TEXT_CAP == 1000


def test_year_is_the_year_of_the_start(filled):
    with Session(filled) as session:
        rows = session.execute(select(Event.year, Event.date_start).where(Event.date_start.is_not(None))).all()
    assert rows and all(year == start.year for year, start in rows)


def test_link_rows_carry_their_events_columns(filled):
    copied = ("type", "year", "date_start", "date_last", "date_precision")
    with Session(filled) as session:
        for link in (EventActor, EventTopic, EventSourceFacet):
            pairs = session.execute(select(*(getattr(link, c) for c in copied), *(getattr(Event, c) for c in copied))
                                    .join(Event, Event.id == link.event_id)).all()
            assert pairs and all(tuple(p[:5]) == tuple(p[5:]) for p in pairs)


def test_statistics_are_refreshed_for_the_planner(filled):
    if filled.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps its statistics itself (autovacuum); ANALYZE is just run")
    with filled.connect() as conn:
        tables = {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    assert {"events", "event_topics", "event_actors", "evidence"} <= tables

