"""One real timeline database and one live server for the web tests (built once per session)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.db import make_engine
from app.migrate import upgrade_database
from app.models import Article, Event
from tests.conftest import LiveServer
from tests.factories import build_timeline


@pytest.fixture(scope="session")
def timeline_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'timeline.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    build_timeline(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def server(timeline_db):
    with LiveServer(timeline_db) as live:
        yield live


@pytest.fixture
def patched_code(server, monkeypatch):
    """``monkeypatch`` for code the live server runs (in this process): the pages it kept before are
    stale during the test, and those it keeps during the test stale after it."""
    server.forget_responses()
    yield monkeypatch
    server.forget_responses()


@pytest.fixture(scope="session")
def client(server):
    with server.client() as http:
        yield http


@pytest.fixture(scope="session")
def db(timeline_db):
    """Read access to the same database, to find ids and check what pages show against it."""
    engine = make_engine(timeline_db)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture(scope="session")
def trip(db):
    """The 2024 trip: (visit, talks, signing) events."""
    visit = db.scalar(select(Event).where(Event.type == "visit", Event.subtype == "state_visit",
                                          Event.status == "reported"))
    members = db.scalars(select(Event).where(Event.trip_id == visit.id).order_by(Event.type)).all()
    talks = next(e for e in members if e.type == "meeting")
    signing = next(e for e in members if e.type == "agreement")
    return visit, talks, signing


@pytest.fixture(scope="session")
def hostile_article(db) -> Article:
    return db.scalar(select(Article).where(Article.file_name == "hostile.txt"))


@pytest.fixture(scope="session")
def trip_article(db) -> Article:
    return db.scalar(select(Article).where(Article.file_name == "trip-2024-en.txt"))
