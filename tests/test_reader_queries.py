"""The reads behind the pages per subject, who met whom, the undated reports and the date's origin, on
both backends (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app import subjects
from app.filtering import EventFilters
from app.models import Actor, Article, Event, Evidence
from app.network import meeting_pairs
from app.provenance import date_origin
from app.undated import count_undated, undated_reports
from tests.factories import NUR_SULTAN_TEXT, add_reader_cases, add_trip


def _built(engine) -> Session:
    add_trip(engine)
    add_reader_cases(engine)
    return Session(engine)


def _of_article(session: Session, file_name: str, subtype: str) -> Event:
    return session.scalar(select(Event).join(Evidence, Evidence.event_id == Event.id)
                          .join(Article, Article.id == Evidence.article_id)
                          .where(Article.file_name == file_name, Event.subtype == subtype))


def test_undated_reports_are_counted_and_listed_with_their_passages(engine):
    with _built(engine) as session:
        assert count_undated(session) == 1
        article, = undated_reports(session)
        assert article.file == "nur-sultan-2020.txt" and article.outlet is None
        report, = article.reports
        assert (report.type, report.status) == ("meeting", "reported")
        assert [p["name"] for p in report.participants] == ["Wang Yi", "Murat Nurtleu"]
        passage, = report.passages
        assert passage.text == NUR_SULTAN_TEXT[passage.start:passage.end] == \
            "Earlier the two ministers had met to prepare a summit"
        assert undated_reports(session, offset=1) == []


def test_meeting_pairs_count_each_pairs_meetings_under_the_filters(engine):
    with _built(engine) as session:
        pairs = {(p.china.name, p.kazakhstan.name): p.meetings for p in meeting_pairs(session, EventFilters())}
        assert pairs == {("Xi Jinping", "Kassym-Jomart Tokayev"): 2, ("Wang Yi", "Murat Nurtleu"): 1}
        in_2020 = meeting_pairs(session, EventFilters(year=(2020,), type=("visit",)))  # the type is ignored
        assert [(p.china.name, p.meetings) for p in in_2020] == [("Wang Yi", 1)]
        assert meeting_pairs(session, EventFilters(actor=("Nobody",))) == []


def test_events_per_year_and_the_ids_behind_links(engine):
    with _built(engine) as session:
        assert subjects.events_per_year(session, EventFilters(with_actors=("Xi Jinping",))) == {2021: 1, 2024: 3}
        assert subjects.events_per_year(session, EventFilters(with_actors=("Xi Jinping", "Wang Yi"))) == {}
        xi = session.scalar(select(Actor).where(Actor.name == "Xi Jinping"))
        assert subjects.actor_ids(session, [("Xi Jinping", "China"), ("Xi Jinping", "Kazakhstan")]) == \
            {("Xi Jinping", "China"): xi.id}
        assert subjects.roles_of(session, xi.id) == ["President of China"]
        assert subjects.get_topic(session, "agriculture").slug == "agriculture"
        assert subjects.get_topic(session, str(subjects.get_topic(session, "agriculture").id)).slug == "agriculture"
        assert subjects.get_topic(session, "nothing") is None


def test_the_origin_of_a_date_own_borrowed_or_from_the_header(engine):
    with _built(engine) as session:
        talks = _of_article(session, "nur-sultan-2020.txt", "talks")
        own = date_origin(session, talks.id)
        assert own.source == "sentence" and not own.borrowed and own.linked == []
        assert own.parts[1] == "12 May 2020" and "held talks" in own.parts[0] + own.parts[2]
        signing = _of_article(session, "nur-sultan-2020.txt", "joint_statement")
        borrowed = date_origin(session, signing.id)
        assert borrowed.borrowed and [e.id for e in borrowed.linked] == [talks.id]
        call = _of_article(session, "header-2021.txt", "phone_call")
        header = date_origin(session, call.id)
        assert header.header and header.parts == ("", "date 2021-06-03", "")
