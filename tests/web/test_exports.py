"""Exports of the filtered view in four formats, parsed back."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from app.models import Event
from app.web.exports import fold, ics_escape


def unfold(body: str) -> list[str]:
    """RFC 5545 content lines: CRLF-separated, continuation lines start with one space."""
    assert "\n" not in body.replace("\r\n", "")
    return body.replace("\r\n ", "").split("\r\n")[:-1]


def ics_unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def vevents(lines: list[str]) -> list[dict[str, str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


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
    body = response.text
    raw_lines = body.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in raw_lines)
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events = {e["UID"]: e for e in vevents(lines)}
    assert len(events) == db.scalar(select(func.count()).select_from(Event).where(Event.year == 2024))
    event = next(e for uid, e in events.items() if uid.startswith(f"event-{visit.id}@"))
    assert event["DTSTART;VALUE=DATE"] == "20240702"
    assert event["DTEND;VALUE=DATE"] == ("20240705" if visit.date_end else "20240703")
    assert event["URL"].endswith(f"/events/{visit.id}")
    description = ics_unescape(event["DESCRIPTION"])
    assert f"/events/{visit.id}" in description
    assert len(re.findall(r"Source: .*/articles/\d+", description)) == 2
    assert ics_unescape(event["LOCATION"]) == "Astana, Kazakhstan"


def test_ics_dates_at_month_and_year_precision(client, db):
    body = client.get("/export?format=ics&year=2003").text
    events = vevents(unfold(body))
    starts = sorted(e["DTSTART;VALUE=DATE"] for e in events)
    # 2003: a memorandum known to the year, talks known to the month, a visit known to the day
    assert starts == ["20030101", "20030510", "20030601"]
    year_only = next(e for e in events if e["DTSTART;VALUE=DATE"] == "20030101")
    assert "known only to the year" in ics_unescape(year_only["DESCRIPTION"])


def test_ics_escaping_and_folding():
    assert ics_escape('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "Kazakhstan–China ü " * 10
    folded = fold(line)
    assert folded.endswith("\r\n")
    parts = folded[:-2].split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


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
