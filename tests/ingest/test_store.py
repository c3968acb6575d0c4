"""Storing articles and merging their events across articles, on a real database."""

import itertools

from sqlalchemy import func, select
from sqlmodel import Session

from app.export import event_dict, iter_events
from app.models import Article, Event, EventSearch, Evidence, Report
from tests.factories import NURTLEU, WANG, Mention, add_article

TEXT_A = "Astana, 3 July 2024. Xi Jinping held talks with Tokayev today. Both leaders signed a joint statement."
TEXT_B = "Beijing. Chinese President Xi met Kazakh President Tokayev in Astana on Wednesday for talks."
TEXT_C = "A year in review: in July 2024 Xi and Tokayev held talks in Astana."
TEXT_D = "On 20 May 2024 Wang Yi and Murat Nurtleu met in Astana."

ARTICLES = {
    "a.txt": (TEXT_A, "2024-07-03", [Mention("meeting", "talks", "2024-07-03", "Xi Jinping held talks with Tokayev"),
                                     Mention("agreement", "joint_statement", "2024-07-03",
                                             "Both leaders signed a joint statement")]),
    "b.txt": (TEXT_B, "2024-07-04", [Mention("meeting", "talks", "2024-07-03",
                                             "Chinese President Xi met Kazakh President Tokayev")]),
    "c.txt": (TEXT_C, "2024-12-30", [Mention("meeting", "talks", "2024-07", "Xi and Tokayev held talks in Astana")]),
    "d.txt": (TEXT_D, "2024-05-21", [Mention("meeting", "talks", "2024-05-20", "Wang Yi and Murat Nurtleu met",
                                             participants=(WANG, NURTLEU))]),
}


def add(engine, name):
    text, published, mentions = ARTICLES[name]
    return add_article(engine, file_name=name, text=text, published=published, mentions=mentions)


def exported(engine):
    with Session(engine) as session:
        return [event_dict(e) for e in iter_events(session)]


def comparable(events):
    """Exports compared without database ids."""
    return sorted(
        (e["type"], e["date_start"], e["title"], tuple(sorted(p["name"] for p in e["participants"])),
         tuple(sorted((s["article"]["file"], s["start"], s["end"], s["text"]) for s in e["sources"])))
        for e in events
    )


def test_same_event_in_three_articles_is_one_event_with_every_passage(engine):
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        add(engine, name)
    events = exported(engine)
    talks = [e for e in events if e["type"] == "meeting" and "Xi Jinping" in [p["name"] for p in e["participants"]]]
    assert len(talks) == 1
    assert talks[0]["date_start"] == "2024-07-03" and talks[0]["date_precision"] == "day"
    assert {s["article"]["file"] for s in talks[0]["sources"]} == {"a.txt", "b.txt", "c.txt"}
    assert len(events) == 3


def test_source_text_is_exactly_the_stored_slice(engine):
    add(engine, "a.txt")
    with Session(engine) as session:
        stored = session.scalar(select(Article.text))
    for event in exported(engine):
        for source in event["sources"]:
            assert source["text"] == stored[source["start"]:source["end"]]
            assert source["text"]


def test_ingest_order_does_not_change_the_result(db_url, tmp_path):
    from app.db import make_engine
    from app.migrate import upgrade_database

    outcomes = set()
    for index, order in enumerate(itertools.permutations(["a.txt", "b.txt", "c.txt", "d.txt"])):
        if index % 5:  # 5 of the 24 orders keep the test quick
            continue
        url = f"sqlite:///{tmp_path / f'order{index}.db'}"
        upgrade_database(url)
        engine = make_engine(url)
        for name in order:
            add(engine, name)
        outcomes.add(tuple(comparable(exported(engine))))
        engine.dispose()
    assert len(outcomes) == 1


def test_talks_during_a_visit_are_linked_as_one_trip(engine):
    text = "Xi arrived in Astana on 2 July for a state visit. On 3 July Xi and Tokayev held talks."
    add_article(engine, file_name="trip.txt", text=text, published="2024-07-04", mentions=[
        Mention("visit", "state_visit", "2024-07-02", "Xi arrived in Astana on 2 July for a state visit",
                end="2024-07-03"),
        Mention("meeting", "talks", "2024-07-03", "Xi and Tokayev held talks"),
    ])
    with Session(engine) as session:
        visit = session.scalar(select(Event).where(Event.type == "visit"))
        talks = session.scalar(select(Event).where(Event.type == "meeting"))
    assert talks.trip_id == visit.id
    assert visit.trip_id is None


def test_events_are_searchable_by_passage_words(engine):
    add(engine, "d.txt")
    with Session(engine) as session:
        body = session.scalar(select(EventSearch.body))
    assert "Wang Yi and Murat Nurtleu met" in body
    assert "Wang Yi" in body


def test_evidence_and_reports_point_at_live_events(engine):
    for name in ("c.txt", "a.txt", "b.txt"):
        add(engine, name)
    with Session(engine) as session:
        orphans = session.scalar(select(func.count()).select_from(Evidence).where(Evidence.event_id.is_(None)))
        unassigned = session.scalar(select(func.count()).select_from(Report).where(Report.event_id.is_(None)))
        counts = dict(session.execute(select(Event.id, Event.source_count)).all())
    assert orphans == 0 and unassigned == 0
    assert sorted(counts.values()) == [1, 3]


def test_visit_reported_on_neighbouring_days_is_one_event_whatever_the_order(tmp_path):
    from app.db import make_engine
    from app.migrate import upgrade_database

    articles = [
        ("x.txt", "Xi arrived in Astana on 7 September for a state visit.", "2013-09-07",
         "Xi arrived in Astana on 7 September for a state visit"),
        ("y.txt", "On 8 September Xi, on a state visit to Kazakhstan, flew to Almaty.", "2013-09-08",
         "Xi, on a state visit to Kazakhstan"),
    ]
    for order in (articles, articles[::-1]):
        url = f"sqlite:///{tmp_path / (order[0][0] + '.db')}"
        upgrade_database(url)
        engine = make_engine(url)
        for name, text, day, quote in order:
            add_article(engine, file_name=name, text=text, published=day,
                        mentions=[Mention("visit", "state_visit", day, quote)])
        events = exported(engine)
        engine.dispose()
        assert len(events) == 1
        assert (events[0]["date_start"], events[0]["date_end"]) == ("2013-09-07", "2013-09-08")
        assert {s["article"]["file"] for s in events[0]["sources"]} == {"x.txt", "y.txt"}


def test_kept_counts_and_link_copies_follow_every_change(db_url, tmp_path):
    """The counts kept by triggers (revision 0005) and the event columns copied into link rows
    (revision 0004) equal what grouping the tables gives, after new, merged and replaced articles."""
    import datetime as dt
    from collections import Counter
    from types import SimpleNamespace

    from sqlalchemy import text

    from app.db import make_engine
    from app.ingest.pipeline import ingest_paths
    from app.synth import write_article_files

    def day(value):  # a date, from SQLite's text or PostgreSQL's date
        return None if value is None else dt.date.fromisoformat(str(value))

    engine = make_engine(db_url)
    files = write_article_files(tmp_path / "articles", 40, seed=12)
    ingest_paths(engine, [tmp_path / "articles"], workers=0)
    for path in files[:8]:  # changed versions: the earlier ones are released, their events re-clustered
        path.write_text(path.read_text(encoding="utf-8").replace("2", "1", 1), encoding="utf-8")
    summary = ingest_paths(engine, [tmp_path / "articles"], workers=0)
    assert len(summary.updated) == 8 and not summary.failed
    with engine.connect() as conn:
        events = [(i, t, y, day(s), day(last), p, place) for i, t, y, s, last, p, place in conn.execute(text(
            "SELECT id, type, year, date_start, date_last, date_precision, place_id FROM events"))]
        events = [SimpleNamespace(id=i, type=t, year=y, date_start=s, date_last=last, date_precision=p, place_id=place)
                  for i, t, y, s, last, p, place in events]
        by_id = {e.id: e for e in events}
        months = Counter((e.type, e.year or 0, e.date_start.month if e.date_start else 0, e.date_precision or "")
                         for e in events)
        values = Counter(("place", str(e.place_id), e.year or 0, e.type) for e in events if e.place_id)
        for table, facet, key in (("event_topics", "'topic'", "topic_id"), ("event_actors", "'actor'", "actor_id"),
                                  ("event_source_facets", "facet", "value")):
            rows = conn.execute(text(f"SELECT event_id, {facet}, {key}, type, year, date_start, date_last, "
                                     f"date_precision FROM {table}")).all()
            assert rows
            for event_id, name, value, type_, year, start, last, precision in rows:
                event = by_id[event_id]
                assert (type_, year, day(start), day(last), precision) == (
                    event.type, event.year, event.date_start, event.date_last, event.date_precision)
                values[(name, str(value), event.year or 0, event.type)] += 1
        kept_months = {tuple(r[:4]): r[4] for r in conn.execute(text(
            "SELECT type, year, month, date_precision, n FROM event_month_counts WHERE n <> 0"))}
        kept_values = {tuple(r[:4]): r[4] for r in conn.execute(text(
            "SELECT facet, value, year, type, n FROM facet_value_counts WHERE n <> 0"))}
    engine.dispose()
    assert kept_months == dict(months)
    assert kept_values == dict(values)
