"""Exports of the filtered timeline: CSV and JSON (app/export.py), iCalendar and TimelineJS.

Links point at ``public_base_url`` (a setting), never at the Host header a request brought: with it
unset, TimelineJS gets links relative to the site and iCalendar, whose URL property must be an
absolute address, gets none (its description still names the event's path).

iCalendar is written with the ``icalendar`` package (escaping, folding, CRLF). Each event is an
all-day VEVENT covering exactly what is known: a day (or the days of its range); a month or a year
known only as such covers the whole month or year and says "(month only)" / "(year only)" in its
summary, so that a calendar never shows a day the sources do not give. TimelineJS gets only the
date parts that are known (no invented day or month).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from urllib.parse import urlsplit

from icalendar import Calendar, Event as CalendarEvent
from sqlmodel import Session

from app import export, profiles
from app.extract.types import PartialDate
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
UID_DOMAIN = "kz-cn-timeline"
"""The right-hand side of every UID when no public address is set: stable, whoever asks."""


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

PRECISION_MARK = {"month": " (month only)", "year": " (year only)"}
PRECISION_NOTE = {"month": "Date known only to the month ({phrase}).",
                  "year": "Date known only to the year ({phrase})."}


def review_line(event: EventOut) -> str:
    """What an editor decided, in words (iCalendar and TimelineJS have no field for it)."""
    if event.status == "unreviewed" or not event.reviewed_at:
        return "Review: not yet reviewed by an editor."
    return f"Review: {event.status} on {event.reviewed_at[:10]}."


def all_day_range(event: EventOut) -> tuple[dt.date, dt.date]:
    """First day and the day after the last (iCalendar's DTEND is exclusive) of what is known."""
    start = PartialDate.from_iso(event.date_start)
    end = PartialDate.from_iso(event.date_end) if event.date_end else start
    return start.first_day(), max(end.last_day(), start.last_day()) + dt.timedelta(days=1)


def calendar_event(event: EventOut, base_url: str, uid_domain: str, stamp: dt.datetime) -> CalendarEvent:
    start, end = all_day_range(event)
    page = f"{base_url}/events/{event.id}"
    summary = ("[planned] " if event.planned else "") + event.title
    summary += PRECISION_MARK.get(event.date_precision or "", "")
    description = [event.title]
    if event.date_precision in PRECISION_NOTE:
        description.append(PRECISION_NOTE[event.date_precision].format(phrase=event.date_start))
    if event.participants:
        description.append("Participants: " + "; ".join(
            f"{p.name} ({p.role or p.country})" for p in event.participants))
    description.append(review_line(event))
    description.append(f"Event page: {page}")
    seen = set()
    for source in event.sources:
        if source.article.id in seen:
            continue
        seen.add(source.article.id)
        label = " – ".join(x for x in (source.article.outlet, source.article.published) if x)
        description.append(f"Source: {label or source.article.file} {base_url}/articles/{source.article.id}")
    item = CalendarEvent()
    item.add("uid", f"event-{event.id}@{uid_domain}")
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", summary)
    item.add("description", "\n".join(description))
    if event.place:
        item.add("location", f"{event.place.name}, {event.place.country}")
    if base_url:  # URL must be an absolute address
        item.add("url", page)
    item.add("categories", [event.type])
    item.add("status", "TENTATIVE" if event.planned else "CONFIRMED")
    item.add("transp", "TRANSPARENT")
    return item


def export_ics(session: Session, filters: EventFilters, base_url: str, **order: bool) -> bytes:
    """The events as an iCalendar file; links under ``base_url`` (the public address, or "")."""
    calendar = Calendar()
    for name, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("method", "PUBLISH"), ("x-wr-calname", TITLE)):
        calendar.add(name, value)
    uid_domain = urlsplit(base_url).hostname or UID_DOMAIN
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in export.iter_events(session, filters, **order):
        if event.date_start:
            calendar.add_component(calendar_event(event, base_url, uid_domain, stamp))
    return calendar.to_ical()


# --- TimelineJS -------------------------------------------------------------------------------


def timelinejs_date(iso: str) -> dict:
    keys = ("year", "month", "day")
    return {key: int(part) for key, part in zip(keys, iso.split("-"), strict=False)}


def timelinejs_event(event: EventOut, base_url: str) -> dict:
    people = export.people_line(event).replace("; ", ", ")
    place = ""
    if event.place:  # by the name it bore then (Nur-Sultan in 2020), today's beside a former one
        then = profiles.name_on(event.place.name, PartialDate.from_iso(event.date_start).first_day())
        place = f"{then} (today {event.place.name})" if then != event.place.name else event.place.name
        place += f", {event.place.country}"
    sources = export.source_names(event)
    text = " · ".join(x for x in (people, place) if x)
    if sources:
        text += f" — Sources: {'; '.join(sources)}"
    text += f" — {review_line(event)}"
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


def export_timelinejs(session: Session, filters: EventFilters, base_url: str, **order: bool) -> str:
    events = [timelinejs_event(e, base_url) for e in export.iter_events(session, filters, **order) if e.date_start]
    return json.dumps({"title": {"text": {"headline": TITLE, "text": ""}}, "events": events},
                      ensure_ascii=False, indent=1)
