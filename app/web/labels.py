"""What the interface calls things: type, status, side and facet names (translated where shown),
and event titles in the interface language."""

from __future__ import annotations

from functools import cache

from app import profiles
from app.extract.entities import office_title
from app.models import EventOut
from app.web.i18n import N_, country_name, gettext

TYPE_LABELS = {"visit": N_("Visit"), "meeting": N_("Meeting"), "agreement": N_("Agreement")}
TYPE_PLURALS = {"visit": N_("Visits"), "meeting": N_("Meetings"), "agreement": N_("Agreements")}
SIDE_LABELS = {"guest": N_("guest"), "host": N_("host"), "participant": N_("participant")}
PRECISION_LABELS = {
    "day": N_("known to the day"),
    "month": N_("known to the month"),
    "year": N_("known to the year"),
}
REVIEW_BADGES = {"verified": N_("Verified"), "rejected": N_("Rejected")}
REVIEW_LABELS = {"unreviewed": N_("Not reviewed"), "verified": N_("Verified"), "rejected": N_("Rejected")}
FACET_LABELS = {
    "year": N_("Year"),
    "type": N_("Type"),
    "topic": N_("Topic"),
    "actor": N_("Participant"),
    "with": N_("Together with"),  # each of these took part (not a facet: a person's page, who met whom)
    "place": N_("Place"),
    "outlet": N_("Outlet"),
    "language": N_("Article language"),
    "status": N_("Review"),
}


def type_label(value: str) -> str:
    return gettext(TYPE_LABELS.get(value, value))


def type_plural(value: str) -> str:
    return gettext(TYPE_PLURALS.get(value, value))


def side_label(value: str | None) -> str:
    return gettext(SIDE_LABELS.get(value or "participant", value or ""))


def precision_label(value: str | None) -> str:
    return gettext(PRECISION_LABELS[value]) if value in PRECISION_LABELS else ""


def facet_label(name: str) -> str:
    return gettext(FACET_LABELS.get(name, name))


def review_label(value: str | None) -> str:
    return gettext(REVIEW_LABELS.get(value or "unreviewed", value or ""))


def subtype_label(value: str | None) -> str:
    return (value or "").replace("_", " ")


SIDE_ORDER = {"guest": 0, "host": 1, "participant": 2}


def by_seniority(participants: list) -> list:
    """Guests, then hosts, then others; within each, China's people before Kazakhstan's and the most
    senior office first (as titles name them), then by name."""
    from app.extract.titles import SIDE_ORDER as STATES, office_rank

    def rank(p) -> tuple:
        state = STATES.index(p.country) if p.country in STATES else len(STATES)
        return SIDE_ORDER.get(p.side, 3), state, office_rank(p.role), p.name
    return sorted(participants, key=rank)


def role_label(role: str | None, country: str | None, language: str) -> str:
    """An office as stored ("Minister of Foreign Affairs of China") in the interface language
    ("Menteri Luar Negeri Tiongkok"); a title that is not one of the lexicon's offices stays as it is."""
    if not role or language == "en":
        return role or ""
    found = profiles.office_of(role, country)
    return role if found is None else office_name(found[0], country, found[1], language)


def office_name(office: str, country: str, to: str | None, language: str) -> str:
    """An office of a state in ``language``: "President of China", "Presiden Tiongkok"; an ambassador's
    with the state they are accredited to."""
    if language == "en":
        return office_title(office, country, to)
    title = f"{profiles.office_label(office, language)} {country_name(country, language)}"
    if to:
        return gettext("%(office)s to %(state)s") % {"office": title, "state": country_name(to, language)}
    return title


@cache
def _title_function():
    """The colleague-maintained title builder, when present (English titles are stored)."""
    try:
        from app.extract.titles import event_title
    except ImportError:  # pragma: no cover - only while titles.py is being written
        return None
    return event_title


def display_title(event: EventOut, language: str) -> str:
    """The event's title in the interface language; the stored English title otherwise."""
    if language == "en":
        return event.title
    build = _title_function()
    if build is None:
        return event.title
    from app.extract.types import Participant, Place

    participants = tuple(
        Participant(name=p.name, country=p.country, office=p.role, side=p.side) for p in event.participants
    )
    place = Place(name=event.place.name, country=event.place.country) if event.place else None
    try:
        return build(event.type, event.subtype, participants, place, language=language) or event.title
    except Exception:  # a title is never worth a failed page; fall back to the stored one
        return event.title
