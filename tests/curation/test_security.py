"""Every state-changing route refuses whoever may not change things, and changes nothing then.

No session, an anonymous session (a CSRF token but nobody signed in), a reader's session, an
editor without or with a wrong CSRF token, a disabled editor's session; the API without a token, with
a reader's or a disabled account's. Then: markup in every field an editor can fill is escaped on
every page and in every export; the session cookie's flags.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import text

from app.config import Settings
from tests.conftest import LiveServer
from tests.curation.conftest import PASSWORD, csrf_of, disable, enable, event_ids, fingerprint


def _routes(site) -> list[tuple[str, dict]]:
    ids = event_ids(site)
    with site.engine.connect() as conn:
        evidence = conn.execute(text("SELECT id FROM evidence WHERE event_id = :e"), {"e": ids["talks"]}).scalars().first()
        article = conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars().first()
    event = ids["talks"]
    return [
        (f"/events/{event}/review", {"status": "verified"}),
        (f"/events/{event}/edit", {"type": "meeting", "title": "Changed", "date": "2024-07-03"}),
        (f"/events/{event}/passages", {"remove": str(evidence)}),
        (f"/events/{event}/merge", {"other": str(ids["statement"])}),
        (f"/events/{event}/split", {"move": str(evidence)}),
        (f"/articles/{article}/new-event", {"start": "0", "end": "20", "type": "meeting", "date": "2024"}),
        ("/corrections/1/revert", {}),
    ]


def _anonymous_session(site):
    client = site.client()
    return client, csrf_of(client.get("/login"))


@pytest.fixture
def unchanged(site):
    before = fingerprint(site)
    yield
    assert fingerprint(site) == before


@pytest.mark.usefixtures("unchanged")
def test_no_session_gets_401_everywhere(site):
    with site.client() as client:
        for path, data in _routes(site):
            response = client.post(path, data={**data, "csrf_token": "anything"})
            assert response.status_code == 401, path


@pytest.mark.usefixtures("unchanged")
def test_an_anonymous_session_with_its_token_gets_401(site):
    client, token = _anonymous_session(site)
    try:
        for path, data in _routes(site):
            assert client.post(path, data={**data, "csrf_token": token}).status_code == 401, path
    finally:
        client.close()


@pytest.mark.usefixtures("unchanged")
def test_a_reader_gets_403(site):
    with site.signed_in("reader") as client:
        token = csrf_of(client.get("/"))
        for path, data in _routes(site):
            assert client.post(path, data={**data, "csrf_token": token}).status_code == 403, path
        for page in ("/review", "/corrections", f"/events/{event_ids(site)['talks']}/edit"):
            assert client.get(page).status_code == 403, page


@pytest.mark.usefixtures("unchanged")
def test_an_editor_without_or_with_a_wrong_csrf_token_gets_403(site):
    other, other_token = _anonymous_session(site)
    other.close()
    with site.signed_in("editor") as client:
        for path, data in _routes(site):
            assert client.post(path, data=data).status_code == 403, path
            assert client.post(path, data={**data, "csrf_token": other_token}).status_code == 403, path
            assert client.post(path, data={**data, "csrf_token": ""}).status_code == 403, path


@pytest.mark.usefixtures("unchanged")
def test_a_disabled_editor_gets_403_and_is_signed_out(site):
    with site.signed_in("second") as client:
        token = csrf_of(client.get("/"))
        disable(site, "second")
        try:
            statuses = [client.post(path, data={**data, "csrf_token": token}).status_code
                        for path, data in _routes(site)]
            # refused as disabled, and signed out by it: then refused as not signed in
            assert statuses[0] == 403 and set(statuses[1:]) == {401}, statuses
            page = BeautifulSoup(client.get("/").text, "html.parser")
            assert page.select_one('form[action="/logout"]') is None
            with site.client() as fresh:  # nor can it sign in again
                response = fresh.post("/login", data={"username": "second", "password": PASSWORD,
                                                      "csrf_token": csrf_of(fresh.get("/login"))})
                assert response.status_code == 401
        finally:
            enable(site, "second")


def test_the_api_wants_an_editors_token(site):
    event = event_ids(site)["talks"]
    body = {"status": "verified"}
    before = fingerprint(site)
    with site.client() as client:
        assert client.post(f"/api/events/{event}/review", json=body).status_code == 401
        assert client.post(f"/api/events/{event}/review", json=body,
                           headers={"Authorization": "Bearer tl_not-a-token"}).status_code == 401
        assert client.post(f"/api/events/{event}/review", json=body,
                           headers={"Authorization": f"Bearer {site.tokens['reader']}"}).status_code == 403
        assert client.put(f"/api/events/{event}", json={"type": "meeting"},
                          headers={"Authorization": f"Bearer {site.tokens['reader']}"}).status_code == 403
        assert fingerprint(site) == before
        made = client.post(f"/api/events/{event}/review", json=body,
                           headers={"Authorization": f"Bearer {site.tokens['gone']}"})
        assert made.status_code == 200 and made.json()["status"] == "verified"
    disable(site, "gone")  # a disabled account's tokens are revoked with it
    after = fingerprint(site)
    with site.client() as client:
        assert client.post(f"/api/events/{event}/review", json={"status": "rejected"},
                           headers={"Authorization": f"Bearer {site.tokens['gone']}"}).status_code == 401
    assert fingerprint(site) == after
    with site.engine.connect() as conn:
        correction = conn.execute(text("SELECT max(id) FROM corrections")).scalar()
    with site.signed_in("editor") as editor:
        assert editor.post(f"/corrections/{correction}/revert",
                           data={"csrf_token": csrf_of(editor.get("/"))}).status_code == 303


def test_sign_in_is_rate_limited_per_account(site):
    with site.client() as client:
        token = csrf_of(client.get("/login"))
        for _ in range(5):
            assert client.post("/login", data={"username": "admin", "password": "wrong password",
                                               "csrf_token": token}).status_code == 401
        refused = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "set-cookie" not in refused.headers or "uid" not in refused.headers.get("set-cookie", "")
    with site.engine.begin() as conn:
        conn.execute(text("DELETE FROM sign_in_attempts"))


def test_sign_in_needs_the_forms_csrf_token(site):
    with site.client() as client:
        client.get("/login")
        response = client.post("/login", data={"username": "editor", "password": PASSWORD})
        assert response.status_code == 403


def test_session_cookie_flags(site, tmp_path):
    with site.client() as client:
        login = client.get("/login")
        assert "set-cookie" in login.headers  # the form's token lives in the session
        response = client.post("/login", data={"username": "editor", "password": PASSWORD,
                                               "csrf_token": csrf_of(login)})
        cookie = response.headers["set-cookie"].lower()
    parts = [p.strip() for p in cookie.split(";")]
    assert parts[0].startswith("timeline_session=")
    assert "httponly" in parts and "samesite=lax" in parts and "path=/" in parts
    assert "secure" not in parts
    with site.client() as reader:  # reading sets no cookie at all
        assert "set-cookie" not in reader.get("/").headers
    live = LiveServer(site.database_url)
    live.server.config.app.state.settings = Settings(database_url=site.database_url, secure_cookies=True)
    with live, live.client() as client:
        assert "secure" in [p.strip() for p in client.get("/login").headers["set-cookie"].lower().split(";")]


PAYLOAD = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'


def test_markup_in_every_edited_field_is_escaped_on_every_page_and_export(site):
    ids = event_ids(site)
    event = ids["planned"]
    with site.signed_in("editor") as client:
        token = csrf_of(client.get(f"/events/{event}/edit"))
        response = client.post(f"/events/{event}/edit", data={
            "csrf_token": token, "type": "visit", "subtype": PAYLOAD, "title": PAYLOAD, "date": "2025-09",
            "place_name": PAYLOAD, "place_country": PAYLOAD, "p0_name": PAYLOAD, "p0_country": PAYLOAD,
            "p0_office": PAYLOAD, "p0_side": "guest", "note": PAYLOAD})
        assert response.status_code == 303, response.text[:2000]
        client.post(f"/events/{event}/review", data={"csrf_token": token, "status": "verified", "note": PAYLOAD})
        pages = [f"/events/{event}", f"/events/{event}/edit", f"/events/{event}/merge", f"/events/{event}/split",
                 "/", f"/?q=script", "/review", "/corrections", f"/?actor={PAYLOAD}"]
        with site.engine.connect() as conn:
            article = conn.execute(text("SELECT article_id FROM evidence WHERE event_id = :e"),
                                   {"e": event}).scalar()
        pages.append(f"/articles/{article}")
        for path in pages:
            body = client.get(path).text
            assert "<script>window.__pwned" not in body and "<img src=x" not in body, path
            html = BeautifulSoup(body, "html.parser")
            assert not [s for s in html.find_all("script") if "__pwned" in (s.string or "")], path
            assert not html.select("img[onerror]"), path
        exported = json.loads(client.get("/export?format=json").text)["events"]
        edited = next(e for e in exported if e["id"] == event)
        assert edited["title"] == PAYLOAD and edited["participants"][0]["name"] == PAYLOAD  # data, not markup
        timelinejs = json.loads(client.get("/export?format=timelinejs").text)
        for item in timelinejs["events"]:
            assert "<script" not in item["text"]["headline"] and "<script" not in item["text"]["text"]
        ics = client.get("/export?format=ics").text
        assert "SUMMARY:<script>window.__pwned=1</script>\\\"><img" not in ics
        assert "\\;" in ics or ";" not in PAYLOAD
        csv_text = client.get("/export?format=csv").text
        assert PAYLOAD.replace('"', '""') in csv_text  # quoted as CSV, unchanged
    with site.engine.connect() as conn:
        last = conn.execute(text("SELECT id FROM corrections ORDER BY id DESC")).scalars().all()[:2]
    with site.signed_in("editor") as client:
        token = csrf_of(client.get("/"))
        for correction in last:
            client.post(f"/corrections/{correction}/revert", data={"csrf_token": token})


def test_only_admins_manage_accounts(site):
    before = fingerprint(site)
    with site.client() as anonymous:
        assert anonymous.get("/users").status_code == 401
        assert anonymous.post("/users", data={"name": "x", "password": PASSWORD, "csrf_token": "t"}).status_code == 401
    with site.signed_in("editor") as editor:
        token = csrf_of(editor.get("/"))
        assert editor.get("/users").status_code == 403
        assert editor.post("/users", data={"name": "intruder", "password": PASSWORD, "csrf_token": token}
                           ).status_code == 403
        assert editor.post("/users/reader/disable", data={"csrf_token": token}).status_code == 403
    with site.signed_in("admin") as admin:
        page = BeautifulSoup(admin.get("/users").text, "html.parser")
        token = csrf_of(page)
        assert admin.post("/users", data={"name": "newcomer", "role": "editor", "password": PASSWORD}
                          ).status_code == 403  # no token
        made = admin.post("/users", data={"name": "newcomer", "role": "editor", "password": PASSWORD,
                                          "csrf_token": token})
        assert made.status_code == 303
        assert admin.post("/users", data={"name": "newcomer", "role": "editor", "password": PASSWORD,
                                          "csrf_token": token}).status_code == 400  # taken
        assert admin.post("/users/newcomer/disable", data={"csrf_token": token}).status_code == 303
        rows = {tr.td.text: [td.text for td in tr.select("td")] for tr in
                BeautifulSoup(admin.get("/users").text, "html.parser").select("table.compare tbody tr")}
        assert rows["newcomer"][1:3] == ["editor", "disabled"]
        assert admin.post("/users/admin/disable", data={"csrf_token": token}).status_code == 400
    assert fingerprint(site) == before  # accounts are no event data
