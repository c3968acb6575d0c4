"""JSON API for scripts that correct events: the same operations as the editors' pages, with a token.

``Authorization: Bearer TOKEN`` (``timeline user token NAME``): 401 without a valid token, 403 for a
reader's; no cookie is read, so no CSRF token is needed. A stale ``version`` gets 409 with the
current one.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app import queries
from app.curation import operations as ops
from app.db import SessionDep
from app.models import EventOut
from app.web.auth import ApiEditor

router = APIRouter(prefix="/api", tags=["editing"])
IdPath = Annotated[int, Path(ge=1, le=2**62)]
ERRORS = {401: {"description": "No valid token"}, 403: {"description": "Not an editor"},
          404: {"description": "Not found"}, 409: {"description": "The event changed (stale version)"},
          422: {"description": "Invalid change"}}


class ReviewIn(BaseModel):
    status: Literal["verified", "rejected"]
    note: str | None = Field(default=None, max_length=ops.NOTE_MAX)
    version: int | None = None


class ParticipantIn(BaseModel):
    name: str = Field(max_length=ops.TEXT_MAX)
    country: str = Field(max_length=ops.TEXT_MAX)
    office: str | None = Field(default=None, max_length=ops.TEXT_MAX)
    side: Literal["guest", "host", "participant"] = "participant"


class EventIn(BaseModel):
    """An event's fields, as the edit form has them (``date``: YYYY, YYYY-MM or YYYY-MM-DD)."""

    type: Literal["visit", "meeting", "agreement"]
    subtype: str = Field(default="", max_length=ops.TEXT_MAX)
    title: str = Field(default="", max_length=ops.TEXT_MAX)
    date: str | None = Field(default=None, max_length=10)
    date_end: str | None = Field(default=None, max_length=10)
    planned: bool = False
    place_name: str | None = Field(default=None, max_length=ops.TEXT_MAX)
    place_country: str | None = Field(default=None, max_length=ops.TEXT_MAX)
    topics: list[str] = Field(default_factory=list, max_length=50)
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=ops.PARTICIPANTS_MAX)
    note: str | None = Field(default=None, max_length=ops.NOTE_MAX)
    version: int | None = None


def _result(session, event_id: int | None) -> EventOut:
    event = queries.get_event(session, event_id, with_rejected=True) if event_id else None
    if event is None:
        raise HTTPException(404, "the event is gone")
    return event


def _run(call):
    try:
        return call()
    except ops.Gone as error:
        raise HTTPException(404, str(error)) from None
    except ops.Invalid as error:
        raise HTTPException(422, str(error)) from None
    except ops.Conflict as conflict:
        return JSONResponse({"detail": "the event changed since that version", "current_version": conflict.current},
                            status_code=409)


@router.post("/events/{event_id}/review", response_model=EventOut, responses=ERRORS, summary="Verify or reject")
async def review_event(event_id: IdPath, body: ReviewIn, session: SessionDep, editor: ApiEditor):
    done = _run(lambda: ops.review_event(session, event_id, status=body.status, user=editor, note=body.note,
                                         version=body.version))
    return done if isinstance(done, JSONResponse) else _result(session, done.event_id)


@router.put("/events/{event_id}", response_model=EventOut, responses=ERRORS, summary="Edit an event's fields")
async def edit_event(event_id: IdPath, body: EventIn, session: SessionDep, editor: ApiEditor):
    form = body.model_dump()
    form["participants"] = [p.model_dump() for p in body.participants]
    done = _run(lambda: ops.edit_event(session, event_id, ops.changes_from_form(ops.clean_fields(form)),
                                       user=editor, note=body.note, version=body.version))
    return done if isinstance(done, JSONResponse) else _result(session, done.event_id)
