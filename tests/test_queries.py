"""The read path's internals at work on both backends: paging across the undated events, facet
counts taken together equal to facet counts taken one by one (and the outlet and language counts
equal to counting the passages' articles), the statistics refresh."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from sqlalchemy import case, func, select
from sqlmodel import Session

from app import queries
from app.db import refresh_statistics
from app.models import Article, Event, Evidence, FacetValue
from app.queries import EventFilters
from app.synth import synthesize
from tests.factories import TOKAYEV, XI, Mention, add_article

UNDATED = 4


@pytest.fixture
def filled(engine):
    synthesize(engine, events=240, articles=60, seed=8, until=dt.date(2024, 12, 31))
    for number in range(UNDATED):  # events the sources give no date for sort last
        quote = f"Tokayev and Xi met again (undated report {number})"
        add_article(engine, file_name=f"undated-{number}.txt", text=f"Undated\n\n{quote}.\n", mentions=[
            Mention("meeting", "talks", None, quote=quote, participants=(TOKAYEV, XI), topics=("energy",))])
    refresh_statistics(engine)
    return engine


def _reference_order(session: Session, filters: EventFilters, newest_first: bool) -> list[int]:
    """Timeline order the plain way: one sort over every matching event."""
    undated_last = case((Event.date_start.is_(None), 1), else_=0)
    order = (Event.date_start.desc(), Event.id.desc()) if newest_first else (Event.date_start, Event.id)
    return list(session.scalars(queries.filtered_events(session, filters).order_by(undated_last, *order)))


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest", "newest"])
def test_pages_walk_the_timeline_in_order_with_undated_events_last(filled, newest_first):
    with Session(filled) as session:
        for filters in (EventFilters(), EventFilters(type=("meeting",)), EventFilters(topic=("energy",))):
            expected = _reference_order(session, filters, newest_first)
            assert len(expected) > 20
            walked = []
            page = 1
            while True:
                result = queries.list_events(session, filters, page=page, page_size=7, newest_first=newest_first)
                assert result.total == len(expected)
                walked += [event.id for event in result.events]
                if not result.next_page:
                    break
                page += 1
            assert walked == expected
            assert queries.all_event_ids(session, filters, newest_first=newest_first) == expected
            last = queries.year_at_offset(session, filters, len(expected) - 1, newest_first=newest_first)
            assert last is None  # the last event is undated: it has no year
            far = queries.list_events(session, filters, page=1000, page_size=7, newest_first=newest_first)
            assert far.events == [] and far.total == len(expected)


def _from_passages(session: Session, filters: EventFilters, column, limit: int) -> list[FacetValue]:
    """Events per outlet (language) straight from the passages and their articles, the slow way."""
    pairs = (select(column.label("value"), Evidence.event_id).join(Article, Article.id == Evidence.article_id)
             .where(column.is_not(None), Evidence.event_id.in_(queries.filtered_events(session, filters)))
             .distinct().subquery())
    n = func.count().label("n")
    rows = session.execute(select(pairs.c.value, n).group_by(pairs.c.value).order_by(n.desc(), pairs.c.value)
                           .limit(limit)).all()
    return [FacetValue(value=value, label=value, count=count) for value, count in rows]


def _one_by_one(session: Session, filters: EventFilters, limit: int) -> dict:
    facets = {
        "year": queries._year_facet(session, filters.without("year"), limit),
        "type": queries._type_facet(session, filters.without("type")),
        "topic": queries._topic_facet(session, filters.without("topic"), limit),
        "actor": queries._actor_facet(session, filters.without("actor"), limit),
        "place": queries._place_facet(session, filters.without("place"), limit),
        "outlet": _from_passages(session, filters.without("outlet"), Article.outlet, limit),
        "language": _from_passages(session, filters.without("language"), Article.language, limit),
    }
    return {name: [(v.value, v.label, v.count) for v in values] for name, values in facets.items()}


def test_facets_counted_together_equal_facets_counted_one_by_one(filled):
    with Session(filled) as session:
        year = session.scalar(select(Event.year).where(Event.year.is_not(None)).limit(1))
        place = session.scalar(select(queries.Place.name).limit(1))
        single = [("year", (year,)), ("type", ("meeting",)), ("topic", ("energy",)),
                  ("actor", (TOKAYEV.name,)), ("place", (place,)), ("outlet", ("Xinhua",)),
                  ("language", ("id",)), ("q", "talks")]
        combos = [dict([a]) for a in single] + [dict(pair) for pair in combinations(single, 2)]
        for chosen in combos:
            filters = EventFilters(**chosen)
            together = queries.facet_counts(session, filters, limit=5)
            assert together.total == queries.count_events(session, filters), chosen
            counted = {name: [(v.value, v.label, v.count) for v in values]
                       for name, values in together.facets.items()}
            assert counted == _one_by_one(session, filters, 5), chosen


def test_statistics_are_refreshed_for_the_planner(filled):
    if filled.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps its statistics itself (autovacuum); ANALYZE is just run")
    with filled.connect() as conn:
        tables = {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    assert {"events", "event_topics", "event_actors", "evidence"} <= tables
