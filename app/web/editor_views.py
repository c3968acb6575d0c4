"""View models of the editors' pages: the event form, the history, merge candidates, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from sqlmodel import Session

from app import queries
from app.curation.history import Entry, event_history, event_version
from app.curation.state import fields_of, read_state
from app.extract.lexicon import load_lexicon
from app.models import EVENT_TYPES, EventOut
from app.queries import EventFilters
from app.taxonomy import topic_names, topic_slugs
from app.web.i18n import N_, country_name, gettext
from app.web.labels import review_label, side_label, type_label

PARTICIPANT_ROWS = 3  # empty rows for new participants on the form
SIDES = ("guest", "host", "participant")
MERGE_WINDOW = dt.timedelta(days=120)
FIELD_LABELS = {
    "type": N_("Type"), "subtype": N_("Subtype"), "title": N_("Title"), "date_start": N_("Date"),
    "date_end": N_("End date"), "date_precision": N_("Precision"), "planned": N_("Planned"), "place": N_("Place"),
    "topics": N_("Topics"), "participants": N_("Participants"),
}


@cache
def lexicon_actors() -> tuple[tuple[str, str], ...]:
    """(name, country) of every actor of the lexicon, for the participant fields' suggestions."""
    return tuple(sorted((entry["name"], entry["country"]) for entry in load_lexicon("actors")))


@cache
def lexicon_places() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((entry["name"], entry["country"]) for entry in load_lexicon("places")))


def topic_options(language: str) -> list[tuple[str, str]]:
    options = []
    for slug in topic_slugs():
        english, indonesian = topic_names(slug)
        options.append((slug, indonesian if language == "id" and indonesian else english))
    return options


@dataclass
class EventForm:
    """The values of an event form (as the fields show them) and what the form needs around them."""

    action: str
    values: dict
    participants: list[dict]
    topics: list[tuple[str, str]]
    version: int | None = None
    event: EventOut | None = None
    error: str | None = None
    note: str = ""
    passage: dict | None = None  # a new event's passage: article, start, end, text
    types: tuple[str, ...] = EVENT_TYPES
    sides: tuple[str, ...] = SIDES
    actors: tuple[tuple[str, str], ...] = field(default_factory=lexicon_actors)
    places: tuple[tuple[str, str], ...] = field(default_factory=lexicon_places)


def _partial(iso: str | None, precision: str | None) -> str:
    if not iso:
        return ""
    return iso[:{"year": 4, "month": 7}.get(precision or "day", 10)]


def _form_values(fields: dict) -> dict:
    return {
        "type": fields["type"], "subtype": fields["subtype"], "title": fields["title"],
        "date": _partial(fields["date_start"], fields["date_precision"]),
        "date_end": _partial(fields["date_end"], fields["date_precision"]), "planned": fields["planned"],
        "place_name": fields["place"]["name"] if fields["place"] else "",
        "place_country": fields["place"]["country"] if fields["place"] else "",
        "topics": set(fields["topics"]),
    }


def _rows(participants: list[dict]) -> list[dict]:
    rows = [{"name": p["name"], "country": p["country"], "office": p.get("office") or "",
             "side": p.get("side") or "participant"} for p in participants]
    return rows + [{"name": "", "country": "", "office": "", "side": "participant"}] * PARTICIPANT_ROWS


def edit_form_view(session: Session, event: EventOut, language: str, *, submitted: dict | None = None,
                   note: str = "", error: str | None = None) -> EventForm:
    state = read_state(session.connection(), event.id)
    fields = fields_of(state)
    values = _form_values(fields)
    participants = fields["participants"]
    if submitted is not None:
        values = {**submitted, "topics": set(submitted["topics"])}
        participants = submitted["participants"]
    return EventForm(action=f"/events/{event.id}/edit", values=values, participants=_rows(participants),
                     topics=topic_options(language), version=event_version(session, event.id), event=event,
                     error=error, note=note)


def new_event_view(session: Session, article_id: int, start: int | None, end: int | None, language: str, *,
                   submitted: dict | None = None, error: str | None = None) -> EventForm | None:
    article = queries.get_article(session, article_id, with_rejected=True)
    if article is None:
        return None
    text = ""
    if start is not None and end is not None and 0 <= start < end <= len(article.text):
        text = article.text[start:end]
    values = {"type": "meeting", "subtype": "", "title": "", "date": article.published or "", "date_end": "",
              "planned": False, "place_name": "", "place_country": "", "topics": set()}
    participants: list[dict] = []
    if submitted is not None:
        values = {**submitted, "topics": set(submitted["topics"])}
        participants = submitted["participants"]
    return EventForm(action=f"/articles/{article_id}/new-event", values=values, participants=_rows(participants),
                     topics=topic_options(language), error=error,
                     passage={"article": article, "start": start, "end": end, "text": text})


def merge_candidates(session: Session, event: EventOut, limit: int = 20) -> list[EventOut]:
    """Events of the same type around the same dates, those sharing a participant first."""
    if not event.date_start:
        return []
    first = dt.date.fromisoformat((event.date_start + "-01-01")[:10])
    filters = EventFilters(type=(event.type,), date_from=first - MERGE_WINDOW, date_to=first + MERGE_WINDOW,
                           with_rejected=True)
    found = [e for e in queries.list_events(session, filters, page_size=limit + 1, with_sources=False).events
             if e.id != event.id]
    names = {p.name for p in event.participants}
    found.sort(key=lambda e: (not names & {p.name for p in e.participants}, e.date_start or "", e.id))
    return found[:limit]


# --- the history -------------------------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryItem:
    entry: Entry
    summary: str
    changes: list[Change]
    revertible: bool


def format_field(name: str, value, language: str) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if name in ("date_start", "date_end"):
        return value
    if name == "type":
        return type_label(value)
    if name == "planned":
        return gettext("yes") if value else gettext("no")
    if name == "place":
        return f"{value['name']}, {country_name(value['country'], language)}"
    if name == "topics":
        return ", ".join(topic_names(slug)[1 if language == "id" and topic_names(slug)[1] else 0] for slug in value)
    if name == "participants":
        return "; ".join(f"{p['name']} ({country_name(p['country'], language)}"
                         f"{', ' + p['office'] if p.get('office') else ''}, {side_label(p.get('side'))})"
                         for p in value)
    return str(value)


def _summary(entry: Entry) -> str:
    if entry.kind == "review":
        return gettext("Reviewed: %(status)s") % {"status": review_label(entry.after.get("status"))}
    if entry.kind == "edit":
        return gettext("Edited")
    if entry.kind == "passages":
        return gettext("Passages changed: %(added)s added, %(removed)s removed") % {
            "added": entry.after.get("added", 0), "removed": entry.before.get("removed", 0)}
    if entry.kind == "merge":
        return gettext("Merged with event %(id)s") % {"id": entry.before.get("other", {}).get("id", "?")}
    if entry.kind == "split":
        return gettext("Split: passages moved to a new event")
    if entry.kind == "add":
        return gettext("Added from a passage")
    return gettext("Reverted change %(id)s") % {"id": entry.reverts_id}


def history_items(session: Session, event_id: int, language: str) -> list[HistoryItem]:
    items = []
    for entry in event_history(session, event_id):
        changes = []
        if entry.kind == "edit":
            changes = [Change(gettext(FIELD_LABELS.get(name, name)), format_field(name, entry.before.get(name), language),
                              format_field(name, value, language)) for name, value in entry.after.items()]
        elif entry.kind == "review":
            changes = [Change(gettext("Review"), review_label(entry.before.get("status")),
                              review_label(entry.after.get("status")))]
        elif entry.kind == "merge":
            other = entry.before.get("other", {})
            changes = [Change(gettext("Merged event"), other.get("title", ""), "")]
        items.append(HistoryItem(entry, _summary(entry), changes, entry.reverted_by is None))
    return items


def conflict_rows(session: Session, event_id: int, submitted: dict) -> list[Change]:
    """Field by field: the editor's version (``after``) beside the current one (``before``)."""
    from app.curation import operations as ops

    current = fields_of(read_state(session.connection(), event_id))
    try:
        yours = ops.clean_fields(submitted)
    except ops.Invalid:
        return []
    rows = []
    for name in FIELD_LABELS:
        if name in yours and (yours[name] != current.get(name)) and not (name == "title" and not yours[name]):
            rows.append(Change(gettext(FIELD_LABELS[name]), format_field(name, current.get(name), "en"),
                               format_field(name, yours[name], "en")))
    return rows


@dataclass
class EditorPanel:
    """What the event page adds for an editor: the review form, the tools, the passages' ids, the history."""

    version: int
    history: list[HistoryItem]
    evidence: dict[tuple[int, int, int], int]
    review_note: str | None


def editor_panel(session: Session, event: EventOut, language: str) -> EditorPanel:
    state = read_state(session.connection(), event.id)
    evidence = {(e.article_id, e.start, e.end): e.evidence_id for e in queries.event_evidence(session, event.id)}
    return EditorPanel(event_version(session, event.id), history_items(session, event.id, language), evidence,
                       state.values["review_note"])
