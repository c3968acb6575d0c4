"""A small timeline with accounts of every kind, on SQLite and PostgreSQL, served over loopback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session

from app import auth
from app.db import make_engine
from app.migrate import upgrade_database
from tests.conftest import BACKENDS, POSTGRES_URL, LiveServer
from tests.factories import add_hostile_article, add_planned, add_trip

PASSWORD = "a long enough password"
ACCOUNTS = {"editor": "editor", "second": "editor", "admin": "admin", "reader": "reader", "gone": "editor"}


@dataclass
class Site:
    url: str
    database_url: str
    engine: object
    tokens: dict[str, str]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, follow_redirects=False)

    @contextmanager
    def signed_in(self, name: str) -> Iterator[httpx.Client]:
        """A client with ``name``'s session (signed in through the form, as a browser does)."""
        with self.client() as client:
            token = csrf_of(client.get("/login"))
            response = client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token})
            assert response.status_code == 303, response.text[:500]
            yield client


def csrf_of(page) -> str:
    """The CSRF token of a page (a response, or one already parsed)."""
    html = page if isinstance(page, BeautifulSoup) else BeautifulSoup(page.text, "html.parser")
    field = html.select_one('input[name="csrf_token"]')
    assert field is not None, str(html)[:500]
    return field["value"]


def _database(request, tmp_path_factory) -> tuple[str, callable]:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('curation') / 'timeline.db'}", lambda: None
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory):
    """The trip of 2024 (two articles), a planned visit and an article full of markup; five accounts
    (one of them disabled after its token was made: ``gone``), each with an API token."""
    url, drop = _database(request, tmp_path_factory)
    upgrade_database(url)
    engine = make_engine(url)
    add_trip(engine)
    add_planned(engine)
    add_hostile_article(engine)
    tokens = {}
    with Session(engine) as session:
        for name, role in ACCOUNTS.items():
            auth.create_user(session, name, role, PASSWORD)
            tokens[name] = auth.create_token(session, name)
        session.commit()
    with LiveServer(url) as live:
        yield Site(live.url, url, engine, tokens)
    engine.dispose()
    drop()


def disable(site: Site, name: str) -> None:
    with Session(site.engine) as session:
        auth.set_disabled(session, name, True)
        session.commit()


def enable(site: Site, name: str) -> None:
    with Session(site.engine) as session:
        auth.set_disabled(session, name, False)
        session.commit()


def fingerprint(site: Site) -> tuple:
    """What any change would alter: corrections, event versions and statuses, passages, the data version."""
    with site.engine.connect() as conn:
        return (
            conn.execute(text("SELECT count(*) FROM corrections")).scalar(),
            tuple(conn.execute(text("SELECT id, version, review_status, title FROM events ORDER BY id")).all()),
            conn.execute(text("SELECT count(*) FROM evidence")).scalar(),
            conn.execute(text("SELECT version FROM data_version")).scalar(),
        )


def event_ids(site: Site) -> dict[str, int]:
    """The trip's events and the others, by a short name."""
    with site.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, type, subtype, status FROM events ORDER BY id")).all()
    found = {}
    for event_id, type_, subtype, status in rows:
        key = "planned" if status == "planned" else {"state_visit": "visit", "talks": "talks",
                                                     "joint_statement": "statement"}.get(subtype, subtype)
        found.setdefault(key, event_id)
    return found
