"""The response cache and HTTP validators, over real HTTP against a live server (app/web/cache.py).

Each test has its own database (SQLite and PostgreSQL) and server, since they write to it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app import auth
from app.curation import operations as ops
from app.ingest.pipeline import ingest_paths
from app.models import User
from tests.conftest import SEEDS, LiveServer
from tests.factories import add_generated_years, add_trip
from tests.web.helpers import cards, vary

PASSWORD = "a long enough password"


@pytest.fixture
def site(db_url, engine):
    add_trip(engine)
    add_generated_years(engine, 2015, 2020)
    with Session(engine) as session:
        auth.create_user(session, "editor", "editor", PASSWORD)
        session.commit()
    with LiveServer(db_url) as live:
        yield live


def cache_of(live: LiveServer):
    """The worker's cache (the server runs in this process)."""
    return live.server.config.app.state.response_cache


@contextmanager
def signed_in(live: LiveServer) -> Iterator[httpx.Client]:
    """A client with an editor's session, signed in through the form as a browser does."""
    with live.client() as client:
        page = BeautifulSoup(client.get("/login").text, "html.parser")
        token = page.select_one('input[name="csrf_token"]')["value"]
        response = client.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303, response.text[:300]
        yield client


def test_a_public_page_is_kept_revalidated_with_304_and_answers_head(site):
    with site.client() as client:
        first = client.get("/?year=2024")
        assert first.status_code == 200 and first.headers["x-cache"] == "miss"
        etag = first.headers["etag"]
        assert etag.startswith('W/"')
        assert first.headers["cache-control"] == "public, max-age=5, must-revalidate"
        assert {"HX-Request", "HX-History-Restore-Request", "Cookie", "Accept-Encoding"} <= set(vary(first))
        assert "last-modified" not in first.headers
        again = client.get("/?year=2024")
        assert again.headers["x-cache"] == "hit" and again.headers["etag"] == etag
        assert again.text == first.text

        unchanged = client.get("/?year=2024", headers={"If-None-Match": etag})
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert unchanged.headers["etag"] == etag and "cache-control" in unchanged.headers
        listed = client.get("/?year=2024", headers={"If-None-Match": f'"other", {etag}'})
        assert listed.status_code == 304
        other = client.get("/?year=2024", headers={"If-None-Match": 'W/"something else"'})
        assert other.status_code == 200 and other.text == first.text

        head = client.head("/?year=2024")
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
        assert client.head("/?year=2024", headers={"If-None-Match": etag}).status_code == 304

        # the connection the worker keeps to read the data version is gone (a database restart):
        # it connects again, and the kept page is still good
        cache_of(site).connection.connection.dbapi_connection.close()
        after = client.get("/?year=2024")
        assert after.status_code == 200 and after.headers["x-cache"] == "hit" and after.headers["etag"] == etag


def test_an_ingest_and_a_correction_change_the_etag(site, engine, tmp_path):
    with site.client() as client:
        before = client.get("/?year=2024")
        etag = before.headers["etag"]
        folder = tmp_path / "in"
        folder.mkdir()
        seed = sorted(SEEDS.glob("*.txt"))[0]
        shutil.copy(seed, folder / seed.name)
        summary = ingest_paths(engine, [folder], workers=0)
        assert summary.ok
        after_ingest = client.get("/?year=2024", headers={"If-None-Match": etag})
        assert after_ingest.status_code == 200 and after_ingest.headers["x-cache"] == "miss"
        assert after_ingest.headers["etag"] != etag

        event_id = int(cards(BeautifulSoup(after_ingest.text, "html.parser"))[0]["id"].removeprefix("event-"))
        assert client.get(f"/events/{event_id}").headers["x-cache"] == "miss"
        page_etag = client.get(f"/events/{event_id}").headers["etag"]
        with Session(engine) as session:
            user = session.exec(select(User).where(User.name == "editor")).one()
            ops.review_event(session, event_id, status="verified", user=auth.active_account(session, user.id),
                             note="checked")
        reviewed = client.get(f"/events/{event_id}", headers={"If-None-Match": page_etag})
        assert reviewed.status_code == 200 and reviewed.headers["etag"] != page_etag
        assert reviewed.headers["x-cache"] == "miss"
        assert client.get("/?year=2024").headers["etag"] != after_ingest.headers["etag"]


def test_an_editor_is_never_served_from_the_cache_nor_stored_in_it(site):
    with site.client() as reader, signed_in(site) as editor:
        public = reader.get("/?year=2024")
        assert public.headers["x-cache"] == "miss"
        assert reader.get("/?year=2024").headers["x-cache"] == "hit"
        theirs = editor.get("/?year=2024")
        assert theirs.headers["x-cache"] == "bypass"
        assert theirs.headers["cache-control"] == "private, no-store" and "etag" not in theirs.headers
        assert "Sign out" in theirs.text and "Sign out" not in public.text
        # an editor's page is not kept: a reader asking next is rendered afresh, for readers
        fresh = editor.get("/?year=2020")
        assert fresh.headers["x-cache"] == "bypass" and "Sign out" in fresh.text
        after = reader.get("/?year=2020")
        assert after.headers["x-cache"] == "miss" and "Sign out" not in after.text
        # nor does an editor revalidate into a reader's copy
        assert editor.get("/?year=2024", headers={"If-None-Match": public.headers["etag"]}).status_code == 200
        assert editor.get("/api/events").headers["cache-control"] == "private, no-store"
    with site.client() as scripted:
        response = scripted.get("/api/events", headers={"Authorization": "Bearer not-a-token"})
        assert response.headers["x-cache"] == "bypass"


def test_a_fragment_and_the_page_of_one_query_are_kept_apart(site):
    with site.client() as client:
        query = "/?year=2024&type=visit"
        fragment = client.get(query, headers={"HX-Request": "true"})
        page = client.get(query)
        restore = client.get(query, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        facets = client.get(query, headers={"HX-Request": "true", "HX-Target": "facets"})
        assert [r.headers["x-cache"] for r in (fragment, page, restore, facets)] == ["miss"] * 4
        assert "<html" not in fragment.text and "<html" in page.text and "<html" in restore.text
        assert "<html" not in facets.text and facets.text != fragment.text
        assert len({r.headers["etag"] for r in (fragment, page, restore, facets)}) == 4
        again = [client.get(query, headers=headers) for headers in (
            {"HX-Request": "true"}, {}, {"HX-Request": "true", "HX-History-Restore-Request": "true"},
            {"HX-Request": "true", "HX-Target": "facets"})]
        assert [r.headers["x-cache"] for r in again] == ["hit"] * 4
        assert [r.text for r in again] == [r.text for r in (fragment, page, restore, facets)]


def test_two_languages_are_kept_apart(site):
    with site.client() as english, site.client() as indonesian:
        indonesian.cookies.set("lang", "id")
        en = english.get("/?year=2024")
        id_ = indonesian.get("/?year=2024")
        assert en.headers["x-cache"] == "miss" and id_.headers["x-cache"] == "miss"
        assert BeautifulSoup(en.text, "html.parser").html["lang"] == "en"
        assert BeautifulSoup(id_.text, "html.parser").html["lang"] == "id"
        assert english.get("/?year=2024").text == en.text
        assert indonesian.get("/?year=2024").text == id_.text
        # choosing the language by the query sets its cookie: kept, but for this browser only
        with site.client() as chooser:
            chosen = chooser.get("/?year=2024&lang=id")
            assert chosen.headers["cache-control"].startswith("private,") and "lang=id" in chosen.headers["set-cookie"]
            again = site.client().get("/?year=2024&lang=id")
            assert again.headers["x-cache"] == "hit" and "lang=id" in again.headers["set-cookie"]
            assert BeautifulSoup(again.text, "html.parser").html["lang"] == "id"


def test_equivalent_queries_share_an_entry_and_others_do_not(site):
    with site.client() as client:
        assert client.get("/?year=2024&topic=energy").headers["x-cache"] == "miss"
        for same in ("/?topic=energy&year=2024", "/?year=2024&topic=energy&page=1&sort=oldest&q=",
                     "/?year=2024&year=2024&topic=energy", "/?topic=energy&q=&year=2024&from="):
            assert client.get(same).headers["x-cache"] == "hit", same
        for other in ("/?year=2024&topic=energy&page=2", "/?year=2024&topic=energy&sort=newest",
                      "/?year=2020&topic=energy"):
            assert client.get(other).headers["x-cache"] == "miss", other
        for reader_page in ("/network?year=2024", "/undated", "/topics/energy?year=2024"):
            first = client.get(reader_page)
            assert first.status_code == 200 and first.headers["x-cache"] == "miss", reader_page
            assert client.get(reader_page).headers["x-cache"] == "hit", reader_page
        assert client.get("/api/events").headers["x-cache"] == "miss"
        assert client.get("/api/events?page=1").headers["x-cache"] == "hit"
        # the API does not drop blank values (a blank year is an error there), so neither does its key
        assert client.get("/api/events?year=").status_code == 422
        assert client.get("/api/events?page=1&page=2").headers["x-cache"] == "miss"


def test_the_memory_bound_holds(db_url, engine):
    add_generated_years(engine, 2001, 2023)
    limit = 100_000
    plain = {"HX-Request": "true", "Accept-Encoding": "identity"}
    with LiveServer(db_url, response_cache_bytes=limit) as live, live.client() as client:
        years = range(2001, 2024)
        first = [client.get(f"/?year={year}", headers=plain) for year in years]
        assert all(r.headers["x-cache"] == "miss" for r in first)
        assert all(len(r.content) < limit // 8 for r in first)  # each could be kept
        assert sum(len(r.content) for r in first) > limit  # not all of them
        store = cache_of(live).store
        assert 0 < store.bytes <= limit and 1 < len(store.entries) < len(years)
        # the most recent entries are kept, the first ones were let go
        assert client.get("/?year=2023", headers=plain).headers["x-cache"] == "hit"
        assert client.get("/?year=2001", headers=plain).headers["x-cache"] == "miss"
        # a response over an eighth of the bound is never kept
        whole = client.get("/", headers={"Accept-Encoding": "identity"})
        assert len(whole.content) > limit // 8
        assert client.get("/", headers={"Accept-Encoding": "identity"}).headers["x-cache"] == "miss"
        assert store.bytes <= limit
