"""The review queue and the list of corrections that no longer apply (editors only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app import queries
from app.curation.history import review_queue, stale_corrections, unreviewed_count
from app.db import SessionDep
from app.web.auth import PageEditor
from app.web.events import build_event
from app.web.page import PageDep

router = APIRouter(include_in_schema=False)
UPCOMING = 8


@router.get("/review")
async def show_review_queue(session: SessionDep, page_: PageDep, editor: PageEditor,
                            after: Annotated[int | None, Query(ge=1, le=2**62)] = None):
    """One unreviewed event at a time, lowest confidence first: verify (v), reject (x), next (n)."""
    ids = review_queue(session, after=after, limit=UPCOMING + 1)
    if not ids and after is not None:  # the end of the queue: start again from the top (skipped ones)
        ids = review_queue(session, limit=UPCOMING + 1)
    events = queries.load_events(session, ids, with_sources=True)
    current = build_event(session, events[0], language=page_.language, back="") if events else None
    return page_.render("review.html", {"current": current, "upcoming": events[1:],
                                        "remaining": unreviewed_count(session),
                                        "next_url": f"/review?after={events[0].id}" if events else "/review"})


@router.get("/corrections")
async def show_stale_corrections(session: SessionDep, page_: PageDep, editor: PageEditor):
    """Corrections that no longer apply: their article changed or was removed. Kept, never dropped."""
    return page_.render("corrections.html", {"entries": stale_corrections(session)})
