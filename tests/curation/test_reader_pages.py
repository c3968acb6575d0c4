"""The pages per person, place and topic, who met whom and the date's origin follow editors' reviews
and edits as the timeline does: rejected events are hidden from readers and shown to editors, the
verified badge is on every card, a date an editor set says so."""

from __future__ import annotations

from sqlalchemy import text

from tests.curation.conftest import csrf_of, event_ids
from tests.curation.test_editing_http import last_correction, revert
from tests.web.helpers import parse


def _ids(site) -> dict[str, int | str]:
    with site.engine.connect() as conn:
        xi = conn.execute(text("SELECT id FROM actors WHERE name = 'Xi Jinping'")).scalar_one()
        astana = conn.execute(text("SELECT id FROM places WHERE name = 'Astana'")).scalar_one()
    return {"xi": xi, "astana": astana}


def _cards(page) -> dict[str, object]:
    return {card["id"]: card for card in page.select("li.card")}


def _meetings(page, a: str, b: str) -> int | None:
    """The number of meetings the table of who met whom gives a pair (None: the pair is not listed)."""
    for row in page.select(".network__table tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        if a in cells[0] and b in cells[1]:
            return int(cells[-1])
    return None


def test_subject_pages_and_who_met_whom_follow_the_review(site):
    events, ids = event_ids(site), _ids(site)
    pages = [f"/actors/{ids['xi']}", f"/places/{ids['astana']}", "/topics/energy"]
    with site.signed_in("editor") as editor:
        token = csrf_of(editor.get("/"))
        assert editor.post(f"/events/{events['visit']}/review", data={"status": "verified", "csrf_token": token}
                           ).status_code == 303
        assert editor.post(f"/events/{events['talks']}/review", data={
            "status": "rejected", "note": "an invented reason", "csrf_token": token}).status_code == 303
        for url in pages:
            cards = _cards(parse(editor.get(url)))
            assert cards[f"event-{events['talks']}"].select_one(".badge--rejected"), url
        assert _meetings(parse(editor.get("/network")), "Xi Jinping", "Kassym-Jomart Tokayev") == 2
    try:
        with site.client() as reader:
            for url in pages:
                cards = _cards(parse(reader.get(url)))
                assert f"event-{events['talks']}" not in cards, url
                if url != "/topics/energy":  # the visit is no energy event
                    assert cards[f"event-{events['visit']}"].select_one(".badge--verified"), url
            assert parse(reader.get("/topics/energy")).select_one(".empty")
            chart = parse(reader.get("/topics/energy")).select(".yearchart__bar")
            assert not chart  # the chart counts what a reader sees: no event, no bars
            assert _meetings(parse(reader.get("/network")), "Xi Jinping", "Kassym-Jomart Tokayev") == 1
            verified = parse(reader.get(f"/actors/{ids['xi']}?status=verified"))
            assert list(_cards(verified)) == [f"event-{events['visit']}"]
    finally:
        with site.signed_in("editor") as editor:
            revert(editor, last_correction(site))
            revert(editor, last_correction(site) - 2)
    with site.client() as reader:
        assert f"event-{events['talks']}" in _cards(parse(reader.get(f"/actors/{ids['xi']}")))


def test_a_date_an_editor_set_says_so(site):
    event = event_ids(site)["talks"]
    with site.client() as reader:
        origin = parse(reader.get(f"/events/{event}")).select_one("#date-origin")
        assert origin.select_one("mark.phrase-mark").get_text() == "July 3"
    with site.signed_in("editor") as editor:
        form = parse(editor.get(f"/events/{event}/edit"))
        values = {f["name"]: f.get("value", "") for f in form.select("form input[name]") if f.get("type") != "checkbox"}
        values.update({s["name"]: s.select_one("option[selected]")["value"] for s in form.select("form select")})
        values["topics"] = [c["value"] for c in form.select('input[name="topics"][checked]')]
        values["date"] = "2024-07-04"
        assert editor.post(f"/events/{event}/edit", data=values).status_code == 303
        with site.engine.connect() as conn:
            version = conn.execute(text("SELECT version FROM events WHERE id = :id"), {"id": event}).scalar_one()
    try:
        with site.client() as reader:
            origin = parse(reader.get(f"/events/{event}")).select_one("#date-origin")
            assert "An editor set this date" in origin.get_text()
            assert not origin.select_one("blockquote") and not origin.select_one(".origin__source")
        with site.engine.connect() as conn:  # the edit is made once: replaying it would change nothing
            row = conn.execute(text("SELECT date_source, date_article_id, date_phrase, version FROM events "
                                    "WHERE id = :id"), {"id": event}).one()
        assert tuple(row) == ("editor", None, None, version)
    finally:
        with site.signed_in("editor") as editor:
            revert(editor, last_correction(site))
    with site.client() as reader:
        origin = parse(reader.get(f"/events/{event}")).select_one("#date-origin")
        assert origin.select_one("mark.phrase-mark").get_text() == "July 3"
