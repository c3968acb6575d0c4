"""Query-string parameters shared by the web pages and the API, validated into EventFilters.

Bad values give a 4xx with a message (FastAPI's validation), never a 500.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from app.queries import EventFilters

MAX_VALUES = 50
MAX_TEXT = 200


class EventTypeParam(str, Enum):
    visit = "visit"
    meeting = "meeting"
    agreement = "agreement"


class ReviewStatusParam(str, Enum):
    unreviewed = "unreviewed"
    verified = "verified"
    rejected = "rejected"


class SortParam(str, Enum):
    """oldest | newest: date order; relevance: the best match for the search words first (with no
    search words, oldest first)."""

    oldest = "oldest"
    newest = "newest"
    relevance = "relevance"

    @property
    def order(self) -> dict[str, bool]:
        """The keyword arguments of the query functions that read events in this order."""
        return {"newest_first": self is SortParam.newest, "best_match": self is SortParam.relevance}


async def event_filters(
    year: Annotated[list[Annotated[int, Query(ge=1000, le=9999)]],
                    Query(description="Year of the event's start date; repeat for several",
                          max_length=MAX_VALUES)] = [],  # noqa: B006
    type: Annotated[list[EventTypeParam], Query(description="visit | meeting | agreement",
                                                max_length=MAX_VALUES)] = [],  # noqa: B006
    topic: Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]],
                     Query(description="Topic slug", max_length=MAX_VALUES)] = [],  # noqa: B006
    actor: Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]],
                     Query(description="Participant's canonical name", max_length=MAX_VALUES)] = [],  # noqa: B006
    with_: Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]],
                     Query(alias="with", description="Participants who all took part (each value is required, "
                           "unlike `actor`)", max_length=MAX_VALUES)] = [],  # noqa: B006
    place: Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]],
                     Query(description="Place name", max_length=MAX_VALUES)] = [],  # noqa: B006
    outlet: Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]],
                      Query(description="Outlet of a reporting article", max_length=MAX_VALUES)] = [],  # noqa: B006
    language: Annotated[list[Annotated[str, Query(max_length=10)]],
                        Query(description="Language of a reporting article (id, en)",
                              max_length=MAX_VALUES)] = [],  # noqa: B006
    q: Annotated[str | None, Query(description="Words to find in titles, names and passages",
                                   max_length=MAX_TEXT)] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="Events ending on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Events starting on or before (YYYY-MM-DD)")] = None,
    status: Annotated[list[ReviewStatusParam], Query(
        description="Review status: verified | unreviewed (rejected: editors only)", max_length=3)] = [],  # noqa: B006
) -> EventFilters:
    for value in year:  # also checked by the schema; kept for callers that bypass it
        if not 1000 <= value <= 9999:
            raise RequestValidationError([{"type": "value_error", "loc": ("query", "year"),
                                           "msg": "Year out of range (1000–9999)", "input": value}])
    if date_from and date_to and date_from > date_to:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "from"),
                                       "msg": "'from' is after 'to'", "input": date_from.isoformat()}])
    return EventFilters(
        year=tuple(sorted(set(year))),
        type=tuple(sorted({t.value for t in type})),
        topic=_clean(topic),
        actor=_clean(actor),
        with_actors=_clean(with_),
        place=_clean(place),
        outlet=_clean(outlet),
        language=_clean(language),
        q=(q or "").strip() or None,
        date_from=date_from,
        date_to=date_to,
        status=tuple(sorted({s.value for s in status})),
    )


def _clean(values: list[str]) -> tuple[str, ...]:
    return tuple(sorted({v.strip() for v in values if v and v.strip()}))


FiltersDep = Annotated[EventFilters, Depends(event_filters)]
