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
