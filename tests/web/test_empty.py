"""A database with no events yet: every page still answers."""

from __future__ import annotations

from tests.conftest import LiveServer
from tests.web.helpers import cards, htmx, parse


def test_empty_database(db_url):
    with LiveServer(db_url) as server, server.client() as client:
        page = parse(client.get("/"))
        assert cards(page) == []
        assert page.select_one(".empty") is not None
        assert page.select_one("figure.axis") is None
        assert parse(client.get("/?q=anything", headers=htmx())).select_one("#results .empty")
        assert client.get("/export?format=json").json() == {"events": []}
        ics = client.get("/export?format=ics").text
        assert ics.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" not in ics
        assert client.get("/events/1").status_code == 404
