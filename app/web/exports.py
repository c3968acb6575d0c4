"""Exports of the filtered timeline: CSV and JSON (app/export.py), iCalendar and TimelineJS.

iCalendar follows RFC 5545: CRLF line ends, TEXT values escaped (backslash, semicolon, comma,
newline), lines folded at 75 octets without splitting a UTF-8 character. Each event is an all-day
VEVENT starting on the first day its precision allows; the precision is said in the description.
TimelineJS gets only the date parts that are known (no invented day or month).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator

from sqlmodel import Session

from app import export, profiles
from app.models import EventOut
from app.queries import EventFilters

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ics": "text/calendar; charset=utf-8",
    "timelinejs": "application/json",
}
EXTENSIONS = {"csv": "csv", "json": "json", "ics": "ics", "timelinejs": "timelinejs.json"}
PRODID = "-//kz-cn-timeline//Diplomatic timeline explorer//EN"
TITLE = "China–Kazakhstan diplomatic timeline"


def filename(fmt: str, filters: EventFilters) -> str:
    parts = ["china-kazakhstan-events"]
    if filters.year:
        parts.append("-".join(str(y) for y in filters.year[:3]))
    if filters.type:
        parts.append("-".join(filters.type))
    return f"{'_'.join(parts)}.{EXTENSIONS[fmt]}"


def content_disposition(name: str) -> str:
    return f'attachment; filename="{name}"'


# --- iCalendar --------------------------------------------------------------------------------


def ics_escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    pieces, current, limit = [], b"", 75
    for char in line:
        data = char.encode("utf-8")
        if len(current) + len(data) > limit:
            pieces.append(current)
            current, limit = b"", 74  # the leading space counts
        current += data
    pieces.append(current)
    return "\r\n ".join(p.decode("utf-8") for p in pieces) + "\r\n"


def _first_day(iso: str) -> dt.date:
    parts = [int(p) for p in iso.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


PRECISION_NOTE = {"month": "Date known only to the month ({phrase}).",
                  "year": "Date known only to the year ({phrase})."}


def vevent(event: EventOut, base_url: str, host: str, stamp: str) -> str:
    start = _first_day(event.date_start)
    if event.date_precision == "day" and event.date_end:
        end = _first_day(event.date_end) + dt.timedelta(days=1)
    else:
        end = start + dt.timedelta(days=1)
    url = f"{base_url}/events/{event.id}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{ics_escape(('[planned] ' if event.status == 'planned' else '') + event.title)}",
    ]
    description = [event.title]
    if event.date_precision in PRECISION_NOTE:
        description.append(PRECISION_NOTE[event.date_precision].format(phrase=event.date_start))
    if event.participants:
        description.append("Participants: " + "; ".join(
            f"{p.name} ({p.role or p.country})" for p in event.participants))
    description.append(f"Event page: {url}")
    seen = set()
    for source in event.sources:
        if source.article.id in seen:
            continue
        seen.add(source.article.id)
        label = " – ".join(x for x in (source.article.outlet, source.article.published) if x)
        description.append(f"Source: {label or source.article.file} {base_url}/articles/{source.article.id}")
    lines.append("DESCRIPTION:" + ics_escape("\n".join(description)))
    if event.place:
        lines.append("LOCATION:" + ics_escape(f"{event.place.name}, {event.place.country}"))
    lines.append(f"URL:{url}")
    lines.append("CATEGORIES:" + ics_escape(event.type))
    lines.append("STATUS:" + ("TENTATIVE" if event.status == "planned" else "CONFIRMED"))
    lines.append("TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def iter_ics(session: Session, filters: EventFilters, base_url: str, host: str) -> Iterator[str]:
    stamp = _stamp(dt.datetime.now(dt.UTC))
    yield "".join(fold(line) for line in (
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(TITLE)}",
    ))
    for event in export.iter_events(session, filters):
        if event.date_start:
            yield vevent(event, base_url, host, stamp)
    yield fold("END:VCALENDAR")


# --- TimelineJS -------------------------------------------------------------------------------


def timelinejs_date(iso: str) -> dict:
    keys = ("year", "month", "day")
    return {key: int(part) for key, part in zip(keys, iso.split("-"), strict=False)}


def timelinejs_event(event: EventOut, base_url: str) -> dict:
    people = export.people_line(event).replace("; ", ", ")
    place = ""
    if event.place:  # by the name it bore then (Nur-Sultan in 2020), today's beside a former one
        then = profiles.name_on(event.place.name, _first_day(event.date_start))
        place = f"{then} (today {event.place.name})" if then != event.place.name else event.place.name
        place += f", {event.place.country}"
    sources = export.source_names(event)
    text = " · ".join(x for x in (people, place) if x)
    if sources:
        text += f" — Sources: {'; '.join(sources)}"
    # TimelineJS shows `text` as HTML: escape the data, link the event page with its passages.
    url = f"{base_url}/events/{event.id}"
    text = f'<p>{html.escape(text)}</p><p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
    item = {
        "unique_id": f"event-{event.id}",
        "start_date": timelinejs_date(event.date_start),
        "text": {"headline": html.escape(event.title), "text": text},
        "group": event.type,
        "display_date": None,
        "background": None,
    }
    if event.date_end and event.date_end != event.date_start:
        item["end_date"] = timelinejs_date(event.date_end)
    return {k: v for k, v in item.items() if v is not None}


def export_timelinejs(session: Session, filters: EventFilters, base_url: str) -> str:
    events = [timelinejs_event(e, base_url) for e in export.iter_events(session, filters) if e.date_start]
    return json.dumps({"title": {"text": {"headline": TITLE, "text": ""}}, "events": events},
                      ensure_ascii=False, indent=1)
