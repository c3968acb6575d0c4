"""Editors' routes over real HTTP: the small contract, every kind of change, conflicts, the queue, the views."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import text

from tests.conftest import ROOT
from tests.curation.conftest import PASSWORD, csrf_of, event_ids
from tests.web.helpers import parse


def last_correction(site) -> int:
    with site.engine.connect() as conn:
        return conn.execute(text("SELECT max(id) FROM corrections")).scalar()


def revert(client, correction: int) -> None:
    response = client.post(f"/corrections/{correction}/revert", data={"csrf_token": csrf_of(client.get("/"))})
    assert response.status_code == 303, response.text[:1000]


def test_the_small_contract(site):
    with site.client() as client:
        form = parse(client.get("/login")).select_one('form[action="/login"][method="post"]')
        names = {field["name"]: field.get("type") for field in form.select("input[name]")}
        assert names["username"] in (None, "text") and names["password"] == "password"
        assert names["csrf_token"] == "hidden"
        response = client.post("/login", data={"username": "editor", "password": PASSWORD, "next": "/review",
                                               "csrf_token": form.select_one('[name="csrf_token"]')["value"]})
        assert response.status_code == 303 and response.headers["location"] == "/review"
        event = event_ids(site)["talks"]
        page = parse(client.get(f"/events/{event}"))
        review = page.select_one(f'form[action="/events/{event}/review"][method="post"]')
        assert review.select_one('input[type="hidden"][name="csrf_token"]')["value"]
        assert {b["value"] for b in review.select('button[name="status"]')} == {"verified", "rejected"}
        for event_object in client.get("/api/events").json()["events"]:
            assert event_object["status"] in ("unreviewed", "verified")


def test_wrong_password_and_a_foreign_next_stay_here(site):
    with site.client() as client:
        token = csrf_of(client.get("/login"))
        failed = client.post("/login", data={"username": "editor", "password": "nope", "csrf_token": token})
        assert failed.status_code == 401 and parse(failed).select_one(".form-error")
        response = client.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token,
                                               "next": "//elsewhere.example/steal"})
        assert response.headers["location"] == "/"
    with site.engine.begin() as conn:
        conn.execute(text("DELETE FROM sign_in_attempts"))


def test_verified_and_rejected_in_every_view(site):
    ids = event_ids(site)
    with site.signed_in("editor") as editor:
        token = csrf_of(editor.get("/"))
        assert editor.post(f"/events/{ids['visit']}/review", data={"status": "verified", "csrf_token": token}
                           ).status_code == 303
        assert editor.post(f"/events/{ids['statement']}/review", data={
            "status": "rejected", "note": "no statement was signed", "csrf_token": token}).status_code == 303
        shown = parse(editor.get(f"/events/{ids['statement']}"))
        assert shown.select_one(".badge--rejected") and "no statement was signed" in shown.select_one("#review").text
        status_facet = {a.select_one(".facet__label").text.strip(): a for a in
                        parse(editor.get("/")).select("section.facet--status a.facet__option")}
        assert {"Rejected", "Verified", "Not reviewed"} <= set(status_facet)
        assert len(parse(editor.get("/?status=rejected")).select("li.card")) == 1
    with site.client() as reader:
        home = parse(reader.get("/"))
        cards = {c["id"]: c for c in home.select("li.card")}
        assert f"event-{ids['statement']}" not in cards
        assert cards[f"event-{ids['visit']}"].select_one(".badge--verified")
        assert "Rejected" not in {a.text.strip() for a in home.select("section.facet--status .facet__label")}
        only = parse(reader.get("/?status=verified"))
        assert [c["id"] for c in only.select("li.card")] == [f"event-{ids['visit']}"]
        assert reader.get(f"/events/{ids['statement']}").status_code == 404
        assert reader.get(f"/api/events/{ids['statement']}").status_code == 404
        api = reader.get("/api/events").json()
        assert ids["statement"] not in [e["id"] for e in api["events"]]
        visit = next(e for e in api["events"] if e["id"] == ids["visit"])
        assert visit["status"] == "verified" and visit["reviewed_at"].endswith("Z")
        exported = json.loads(reader.get("/export?format=json").text)["events"]
        assert ids["statement"] not in [e["id"] for e in exported]
        csv_text = reader.get("/export?format=csv").text
        assert "status,reviewed_at" in csv_text.splitlines()[0] and ",verified," in csv_text
        ics = reader.get("/export?format=ics").text
        assert "Review: verified on" in ics.replace("\r\n ", "")
        timelinejs = reader.get("/export?format=timelinejs").json()
        assert any("Review: verified" in e["text"]["text"] for e in timelinejs["events"])
        facets = reader.get("/api/facets").json()
        assert facets["total"] == len(api["events"])
        article = parse(reader.get(f"/articles/{visit['sources'][0]['article']['id']}"))
        assert str(ids["statement"]) not in {m.get("data-event") for m in article.select("mark.ev")}
    with site.signed_in("editor") as editor:
        revert(editor, last_correction(site))
        revert(editor, last_correction(site) - 2)
    with site.client() as reader:
        assert reader.get(f"/events/{ids['statement']}").status_code == 200


def test_edit_history_and_revert(site):
    event = event_ids(site)["talks"]
    with site.signed_in("editor") as editor:
        form = parse(editor.get(f"/events/{event}/edit"))
        values = {f["name"]: f.get("value", "") for f in form.select("form input[name]") if f.get("type") != "checkbox"}
        values.update({s["name"]: s.select_one("option[selected]")["value"] for s in form.select("form select")})
        values["topics"] = [c["value"] for c in form.select('input[name="topics"][checked]')]
        original_date = values["date"]
        values.update({"date": "2024-07-04", "place_name": "Almaty", "place_country": "Kazakhstan",
                       "p2_name": "Invented Adviser", "p2_country": "Kazakhstan", "p2_office": "Adviser",
                       "note": "the ministry's release"})
        saved = editor.post(f"/events/{event}/edit", data=values)
        assert saved.status_code == 303, saved.text[:2000]
        page = parse(editor.get(f"/events/{event}"))
        assert page.select_one(".facts time")["datetime"] == "2024-07-04"
        assert "Invented Adviser" in page.select_one(".people").text
        entry = page.select_one(".history__item")
        assert "editor" in entry.select_one(".history__who").text and "the ministry's release" in entry.text
        rows = {r.th.text: [td.text for td in r.select("td")] for r in entry.select(".history__changes tbody tr")}
        assert rows["Date"] == [original_date, "2024-07-04"]
        assert rows["Place"][1] == "Almaty, Kazakhstan"
        revert(editor, last_correction(site))
        page = parse(editor.get(f"/events/{event}"))
        assert page.select_one(".facts time")["datetime"] == original_date
        assert "Invented Adviser" not in page.select_one(".people").text
        latest = page.select_one(".history__item")
        assert "Reverted change" in latest.text
        assert page.select_one(".history__item.is-reverted")


def test_a_stale_save_gets_both_versions_and_loses_nothing(site):
    event = event_ids(site)["visit"]
    with site.signed_in("editor") as first, site.signed_in("second") as second:
        first_form = parse(first.get(f"/events/{event}/edit"))
        second_form = parse(second.get(f"/events/{event}/edit"))
        version = first_form.select_one('input[name="version"]')["value"]
        assert second_form.select_one('input[name="version"]')["value"] == version

        def fields(form, token, title):
            data = {f["name"]: f.get("value", "") for f in form.select("form input[name]") if f.get("type") != "checkbox"}
            data.update({s["name"]: s.select_one("option[selected]")["value"] for s in form.select("form select")})
            return {**data, "csrf_token": token, "title": title}

        assert first.post(f"/events/{event}/edit", data=fields(first_form, csrf_of(first_form), "First title")
                          ).status_code == 303
        conflict = second.post(f"/events/{event}/edit", data=fields(second_form, csrf_of(second_form), "Second title"))
        assert conflict.status_code == 409
        page = parse(conflict)
        compare = {r.th.text: [td.text for td in r.select("td")] for r in page.select("table.compare tbody tr")}
        assert compare["Title"] == ["First title", "Second title"]
        assert page.select_one('input[name="title"]')["value"] == "Second title"  # the second editor's work kept
        assert int(page.select_one('input[name="version"]')["value"]) > int(version)
        again = {f["name"]: f.get("value", "") for f in page.select("form input[name]") if f.get("type") != "checkbox"}
        again.update({s["name"]: s.select_one("option[selected]")["value"] for s in page.select("form select")})
        assert second.post(f"/events/{event}/edit", data=again).status_code == 303
        assert parse(second.get(f"/events/{event}")).h1.text == "Second title"
        revert(second, last_correction(site))
        revert(second, last_correction(site) - 2)


def test_split_merge_and_passages(site):
    ids = event_ids(site)
    with site.engine.connect() as conn:
        passages = conn.execute(text("SELECT id FROM evidence WHERE event_id = :e ORDER BY id"),
                                {"e": ids["visit"]}).scalars().all()
    assert len(passages) >= 2
    with site.signed_in("editor") as editor:
        page = parse(editor.get(f"/events/{ids['visit']}/split"))
        assert {c["value"] for c in page.select('input[name="move"]')} == {str(p) for p in passages}
        token = csrf_of(editor.get("/"))
        split = editor.post(f"/events/{ids['visit']}/split", data={"move": str(passages[-1]), "csrf_token": token,
                                                                   "version": page.select_one('[name="version"]')["value"]})
        assert split.status_code == 303 and split.headers["location"].endswith("/edit")
        made = [last_correction(site)]
        new = int(split.headers["location"].split("/")[2])
        with site.engine.connect() as conn:
            assert conn.execute(text("SELECT event_id FROM evidence WHERE id = :p"), {"p": passages[-1]}).scalar() == new
        history = parse(editor.get(f"/events/{ids['visit']}")).select(".history__item")
        assert "Split" in history[0].text
        candidates = parse(editor.get(f"/events/{ids['visit']}/merge"))
        assert str(new) in {r["value"] for r in candidates.select('input[name="other"][type="radio"]')}
        merged = editor.post(f"/events/{ids['visit']}/merge", data={"other": str(new), "csrf_token": token})
        assert merged.status_code == 303
        made.append(last_correction(site))
        assert editor.get(f"/events/{new}").status_code == 404
        with site.engine.connect() as conn:
            assert conn.execute(text("SELECT event_id FROM evidence WHERE id = :p"),
                                {"p": passages[-1]}).scalar() == ids["visit"]
        refused = editor.post(f"/events/{ids['visit']}/merge", data={"other": str(ids["talks"]), "csrf_token": token})
        assert refused.status_code == 400  # a visit and a meeting are not one event
        removed = editor.post(f"/events/{ids['visit']}/passages",
                              data={"remove": str(passages[0]), "csrf_token": token})
        assert removed.status_code == 303
        made.append(last_correction(site))
        with site.engine.connect() as conn:
            assert conn.execute(text("SELECT event_id FROM evidence WHERE id = :p"), {"p": passages[0]}).scalar() is None
        for correction in reversed(made):
            revert(editor, correction)
        with site.engine.connect() as conn:
            assert set(conn.execute(text("SELECT id FROM evidence WHERE event_id = :e"),
                                    {"e": ids["visit"]}).scalars()) >= set(passages)


def test_new_event_from_a_passage(site):
    with site.engine.connect() as conn:
        article, body = conn.execute(text("SELECT id, text FROM articles WHERE file_name = 'trip-2024-en.txt'")).one()
    start = body.index("Photo:")
    end = body.index("\n", start)
    with site.signed_in("editor") as editor:
        article_page = parse(editor.get(f"/articles/{article}"))
        form = article_page.select_one(f'form.new-event[action="/articles/{article}/new-event"][method="get"]')
        assert form.select_one('input[name="start"]') and form.select_one('input[name="end"]')
        page = parse(editor.get(f"/articles/{article}/new-event?start={start}&end={end}"))
        assert page.select_one("blockquote").text == body[start:end]
        token = csrf_of(page)
        bad = editor.post(f"/articles/{article}/new-event", data={"start": "5", "end": "3", "type": "meeting",
                                                                  "date": "2024-07", "csrf_token": token})
        assert bad.status_code == 400 and parse(bad).select_one(".form-error")
        made = editor.post(f"/articles/{article}/new-event", data={
            "start": str(start), "end": str(end), "type": "meeting", "subtype": "talks", "date": "2024-07-03",
            "p0_name": "Xi Jinping", "p0_country": "", "p0_side": "guest", "topics": "energy", "csrf_token": token})
        assert made.status_code == 303, made.text[:2000]
        event = parse(editor.get(made.headers["location"]))
        assert event.select_one("blockquote").text == body[start:end]
        assert "(China)" in event.select_one(".people").text  # the lexicon gave the country
        assert "Added from a passage" in event.select_one(".history__item").text
        assert editor.get(f"/articles/999999/new-event?start=0&end=5").status_code == 404
        revert(editor, last_correction(site))
        assert editor.get(made.headers["location"]).status_code == 404


def test_review_queue_lowest_confidence_first(site):
    with site.engine.connect() as conn:
        expected = conn.execute(text("SELECT id FROM events WHERE review_status = 'unreviewed' "
                                     "ORDER BY confidence, id")).scalars().all()
    with site.signed_in("editor") as editor:
        page = parse(editor.get("/review"))
        current = int(page.select_one("#current-title a")["href"].split("/")[-1])
        assert current == expected[0]
        assert page.select_one('[data-key="n"]')["href"] == f"/review?after={current}"
        following = parse(editor.get(f"/review?after={current}"))
        assert int(following.select_one("#current-title a")["href"].split("/")[-1]) == expected[1]
        form = page.select_one(".review-queue__form")
        done = editor.post(form["action"], data={"status": "verified", "next": "review",
                                                 "csrf_token": form.select_one('[name="csrf_token"]')["value"]})
        assert done.status_code == 303 and done.headers["location"] == f"/review?after={current}"
        assert int(parse(editor.get("/review")).select_one("#current-title a")["href"].split("/")[-1]) == expected[1]
        revert(editor, last_correction(site))


def test_corrections_that_no_longer_apply_are_listed(site):
    event = event_ids(site)["planned"]
    with site.signed_in("editor") as editor:
        token = csrf_of(editor.get("/"))
        editor.post(f"/events/{event}/review", data={"status": "verified", "csrf_token": token})
        correction = last_correction(site)
        with site.engine.begin() as conn:  # as replay marks one whose article changed
            conn.execute(text("UPDATE corrections SET applies = false, stale_reason = 'the article was removed' "
                              "WHERE id = :c"), {"c": correction})
        rows = parse(editor.get("/corrections")).select("table.compare tbody tr")
        assert [r["id"] for r in rows] == [f"change-{correction}"]
        assert "the article was removed" in rows[0].text
        revert(editor, correction)
        assert not parse(editor.get("/corrections")).select("table.compare tbody tr")


def test_bad_input_is_a_clear_4xx(site):
    event = event_ids(site)["talks"]
    with site.signed_in("editor") as editor:
        token = csrf_of(editor.get("/"))
        bad_date = editor.post(f"/events/{event}/edit", data={"type": "meeting", "date": "2024-13", "csrf_token": token})
        assert bad_date.status_code == 400 and "no such date" in parse(bad_date).select_one(".form-error").text
        assert editor.post(f"/events/{event}/edit", data={"type": "party", "csrf_token": token}).status_code == 400
        assert editor.post(f"/events/{event}/review", data={"status": "maybe", "csrf_token": token}).status_code == 400
        assert editor.post(f"/events/{event}/merge", data={"other": "x", "csrf_token": token}).status_code == 400
        assert editor.post("/events/999999/review", data={"status": "verified", "csrf_token": token}).status_code == 404
        assert editor.post("/corrections/999999/revert", data={"csrf_token": token}).status_code == 404


def test_api_edit_and_stale_version(site):
    event = event_ids(site)["talks"]
    headers = {"Authorization": f"Bearer {site.tokens['editor']}"}
    with site.client() as client:
        before = client.get(f"/api/events/{event}").json()
        edited = client.put(f"/api/events/{event}", headers=headers, json={
            "type": "meeting", "date": "2024-07", "place_name": "Astana", "place_country": "Kazakhstan",
            "participants": [{"name": p["name"], "country": p["country"], "side": p["side"]}
                             for p in before["participants"]], "topics": ["energy"]})
        assert edited.status_code == 200, edited.text
        assert (edited.json()["date_start"], edited.json()["topics"]) == ("2024-07", ["Energy"])
        stale = client.post(f"/api/events/{event}/review", headers=headers, json={"status": "verified", "version": 1})
        assert stale.status_code == 409 and stale.json()["current_version"] > 1
        assert client.put(f"/api/events/{event}", headers=headers, json={"type": "meeting", "date": "July"}
                          ).status_code == 422
    with site.signed_in("editor") as editor:
        revert(editor, last_correction(site))


def test_user_add_reads_the_password_from_stdin(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "app.cli", "user"]
    added = subprocess.run([*command, "add", "newcomer", "--role", "editor", "--password-stdin", "--db", url],
                           input="a long enough password\n", capture_output=True, text=True, env=env, timeout=120)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*command, "list", "--db", url], capture_output=True, text=True, env=env, timeout=120)
    assert listed.stdout.split("\t")[:3] == ["newcomer", "editor", "active"]
    again = subprocess.run([*command, "add", "newcomer", "--password-stdin", "--db", url],
                           input="another long password\n", capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 1 and "already" in again.stderr
    disabled = subprocess.run([*command, "disable", "newcomer", "--db", url], capture_output=True, text=True,
                              env=env, timeout=120)
    assert disabled.returncode == 0
    listed = subprocess.run([*command, "list", "--db", url], capture_output=True, text=True, env=env, timeout=120)
    assert listed.stdout.split("\t")[2] == "disabled"


