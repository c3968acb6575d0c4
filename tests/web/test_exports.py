"""Exports of the filtered view in four formats, parsed back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from sqlalchemy import func, select

from app.models import Event
from tests.conftest import LiveServer


def calendar_events(body: bytes | str) -> list:
    """The VEVENTs of an iCalendar file, read back with the ``icalendar`` package."""
    return list(Calendar.from_ical(body).walk("VEVENT"))


def day(value) -> dt.date:
    return value.dt


def test_csv_export(client, db):
    response = client.get("/export?format=csv&year=2024")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="china-kazakhstan-events_2024.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = db.scalar(select(func.count()).select_from(Event).where(Event.year == 2024))
    assert len(rows) == expected
    assert {row["date_start"][:4] for row in rows} == {"2024"}


def test_json_export_is_the_contract_shape(client, db):
    response = client.get("/export?format=json&type=visit&type=agreement")
    data = response.json()
    assert list(data) == ["events"]
    expected = db.scalar(select(func.count()).select_from(Event).where(Event.type.in_(("visit", "agreement"))))
    assert len(data["events"]) == expected
    assert {e["type"] for e in data["events"]} == {"visit", "agreement"}
    assert all(e["sources"] and e["sources"][0]["text"] for e in data["events"])
    assert response.headers["content-disposition"].startswith("attachment; filename=")


def test_ics_export(client, db, trip):
    visit, talks, signing = trip
    response = client.get("/export?format=ics&year=2024")
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].endswith('.ics"')
    body = response.content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded as RFC 5545 says
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["UID"]): e for e in calendar_events(body)}
    assert len(events) == db.scalar(select(func.count()).select_from(Event).where(Event.year == 2024))
    event = events[f"event-{visit.id}@kz-cn-timeline"]
    assert day(event["DTSTART"]) == dt.date(2024, 7, 2)
    assert day(event["DTEND"]) == (dt.date(2024, 7, 5) if visit.date_end else dt.date(2024, 7, 3))
    assert str(event["SUMMARY"]) == visit.title
    description = str(event["DESCRIPTION"])
    assert f"Event page: /events/{visit.id}" in description
    assert len(re.findall(r"Source: .* /articles/\d+", description)) == 2
    assert str(event["LOCATION"]) == "Astana, Kazakhstan"
    assert "URL" not in event  # no public address configured: an absolute URL cannot be given


def test_ics_month_and_year_events_cover_the_whole_month_or_year(client, db):
    events = calendar_events(client.get("/export?format=ics&year=2003").content)
    # 2003: a memorandum known to the year, talks known to the month, a visit known to the day
    ranges = sorted((day(e["DTSTART"]), day(e["DTEND"]), str(e["SUMMARY"])) for e in events)
    (year_start, year_end, year_summary), (day_start, day_end, day_summary), (month_start, month_end,
                                                                              month_summary) = ranges
    assert (year_start, year_end) == (dt.date(2003, 1, 1), dt.date(2004, 1, 1))
    assert year_summary.endswith(" (year only)")
    assert (day_start, day_end) == (dt.date(2003, 5, 10), dt.date(2003, 5, 11))
    assert "only)" not in day_summary
    assert (month_start, month_end) == (dt.date(2003, 6, 1), dt.date(2003, 7, 1))
    assert month_summary.endswith(" (month only)")
    year_only = next(e for e in events if str(e["SUMMARY"]).endswith("(year only)"))
    assert "known only to the year" in str(year_only["DESCRIPTION"])


def test_ics_text_is_escaped_and_read_back_whole(client, db):
    """Commas, semicolons and line breaks of titles and descriptions survive the file's escaping."""
    events = calendar_events(client.get("/export?format=ics&year=2021").content)
    summaries = {re.sub(r" \((month|year) only\)$", "", str(e["SUMMARY"])) for e in events}
    assert summaries == set(db.scalars(select(Event.title).where(Event.year == 2021)))
    for event in events:
        lines = str(event["DESCRIPTION"]).split("\n")
        assert lines[0] == re.sub(r" \((month|year) only\)$", "", str(event["SUMMARY"]))
        participants = next(line for line in lines if line.startswith("Participants: "))
        assert "; " in participants and "(" in participants


def test_exports_never_take_links_from_the_host_header(client, db, trip):
    visit = trip[0]
    for fmt in ("ics", "timelinejs"):
        response = client.get(f"/export?format={fmt}&year=2024", headers={"Host": "evil.example"})
        assert response.status_code == 200
        assert "evil.example" not in response.text
    items = json.loads(client.get("/export?format=timelinejs&year=2024").text)["events"]
    item = next(i for i in items if i["unique_id"] == f"event-{visit.id}")
    link = BeautifulSoup(item["text"]["text"], "html.parser").a["href"]
    assert link == f"/events/{visit.id}"  # relative: TimelineJS pages may link so


def test_exports_link_to_the_configured_public_address(timeline_db, trip):
    visit = trip[0]
    base = "https://timeline.example.org/kz"
    with LiveServer(timeline_db, public_base_url=base + "/") as server, server.client() as client:
        ics = client.get("/export?format=ics&year=2024", headers={"Host": "evil.example"}).content
        timelinejs = json.loads(client.get("/export?format=timelinejs&year=2024").text)["events"]
        page = BeautifulSoup(client.get(f"/events/{visit.id}").text, "html.parser")
    event = next(e for e in calendar_events(ics) if str(e["UID"]).startswith(f"event-{visit.id}@"))
    assert str(event["UID"]) == f"event-{visit.id}@timeline.example.org"
    assert str(event["URL"]) == f"{base}/events/{visit.id}"
    assert re.search(rf"Source: .* {re.escape(base)}/articles/\d+", str(event["DESCRIPTION"]))
    item = next(i for i in timelinejs if i["unique_id"] == f"event-{visit.id}")
    assert BeautifulSoup(item["text"]["text"], "html.parser").a["href"] == f"{base}/events/{visit.id}"
    assert page.find("link", rel="canonical")["href"] == f"{base}/events/{visit.id}"
    assert page.find("meta", property="og:url")["content"] == f"{base}/events/{visit.id}"


def test_timelinejs_export(client, db):
    response = client.get("/export?format=timelinejs&year=2003&year=2024")
    data = json.loads(response.text)
    assert data["title"]["text"]["headline"]
    events = data["events"]
    assert len(events) == db.scalar(select(func.count()).select_from(Event).where(Event.year.in_((2003, 2024))))
    by_precision = {}
    for item in events:
        assert item["group"] in ("visit", "meeting", "agreement")
        assert item["text"]["headline"]
        by_precision[tuple(sorted(item["start_date"]))] = item["start_date"]
    assert by_precision[("year",)] == {"year": 2003}
    assert by_precision[("month", "year")] == {"year": 2003, "month": 6}
    assert by_precision[("day", "month", "year")]["year"] in (2003, 2024)


@pytest.mark.parametrize("fmt", ["pdf", "", "ICS"])
def test_unknown_export_format_is_a_4xx(client, fmt):
    response = client.get("/export", params={"format": fmt})
    assert 400 <= response.status_code < 500
