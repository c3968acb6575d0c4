"""Editors' pages and forms: review, edit, passages, merge, split, add from a passage, revert.

Thin handlers: check who asks (app/web/auth.py), read the form, call app/curation/operations.py,
redirect (303) to the page that shows the result, or render the form again with the message. A
save made against an older version of the event than the current one gets the conflict page
(409) with both versions, and a button that saves the editor's version over the current one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from app import queries
from app.curation import operations as ops
from app.curation.history import event_version, get_entry
from app.db import SessionDep
from app.web.editor_views import (
    PARTICIPANT_ROWS,
    conflict_rows,
    edit_form_view,
    lexicon_actors,
    merge_candidates,
    new_event_view,
)
from app.web.auth import FormEditor, PageEditor
from app.web.i18n import gettext
from app.web.page import PageDep

router = APIRouter(include_in_schema=False)

IdPath = Annotated[int, Path(ge=1, le=2**62)]
MAX_FORM_VALUES = 200


def _number(form: FormData | dict, name: str) -> int | None:
    value = form.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        number = int(value)
    except ValueError:
        raise HTTPException(400, gettext("%(name)s must be a whole number") % {"name": name}) from None
    if not 0 <= number <= 2**62:
        raise HTTPException(400, gettext("%(name)s is out of range") % {"name": name})
    return number


def _numbers(form: FormData, name: str) -> list[int]:
    values = form.getlist(name)[:MAX_FORM_VALUES]
    try:
        return [int(v) for v in values if isinstance(v, str) and v.strip()]
    except ValueError:
        raise HTTPException(400, gettext("%(name)s must be whole numbers") % {"name": name}) from None


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value[:2000] if isinstance(value, str) else ""


def fields_from_form(form: FormData) -> dict:
    """The event form's fields as ``ops.clean_fields`` reads them."""
    participants = []
    for i in range(PARTICIPANT_ROWS + 60):
        if f"p{i}_name" not in form:
            continue
        if form.get(f"p{i}_remove"):
            continue
        person = {key: _text(form, f"p{i}_{key}") for key in ("name", "country", "office", "side")}
        if person["name"].strip() and not person["country"].strip():  # a name from the lexicon: its country
            person["country"] = dict(lexicon_actors()).get(person["name"].strip(), "")
        participants.append(person)
    return {
        "type": _text(form, "type"), "subtype": _text(form, "subtype"), "title": _text(form, "title"),
        "date": _text(form, "date"), "date_end": _text(form, "date_end"), "planned": bool(form.get("planned")),
        "place_name": _text(form, "place_name"), "place_country": _text(form, "place_country"),
        "topics": [t for t in form.getlist("topics")[:MAX_FORM_VALUES] if isinstance(t, str)],
        "participants": participants,
    }


def message(error: ops.Invalid) -> str:
    """An ``Invalid`` message in the interface language."""
    if not error.params:
        return gettext(error.message)
    params = {k: gettext(v) if k == "field" else v for k, v in error.params.items()}
    return gettext(error.message) % params


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _event_or_404(session, event_id: int):
    event = queries.get_event(session, event_id, with_rejected=True)
    if event is None:
        raise HTTPException(404, gettext("There is no event %(id)s.") % {"id": event_id})
    return event


def _gone(error: ops.Gone) -> HTTPException:
    return HTTPException(404, str(error))


@contextmanager
def _answered(conflict: str | None = None) -> Iterator[None]:
    """An operation's refusals as HTTP: gone 404, invalid 400, and (given its words) a conflict 409."""
    try:
        yield
    except ops.Gone as error:
        raise _gone(error) from None
    except ops.Invalid as error:
        raise HTTPException(400, message(error)) from None
    except ops.Conflict:
        if conflict is None:
            raise
        raise HTTPException(409, conflict) from None


# --- review ---------------------------------------------------------------------------------------------


@router.post("/events/{event_id}/review")
async def review_event(event_id: IdPath, request: Request, session: SessionDep, editor: FormEditor):
    form = await request.form()
    status = _text(form, "status")
    try:
        ops.review_event(session, event_id, status=status, user=editor, note=_text(form, "note"),
                         version=_number(form, "version"))
    except ops.Invalid as error:
        raise HTTPException(400, message(error)) from None
    except ops.Gone as error:
        raise _gone(error) from None
    except ops.Conflict:
        pass  # a review is a decision about the event as it is now: the newer version is shown with it
    if _text(form, "next") == "review":
        return _see(f"/review?after={event_id}" if status else "/review")
    return _see(f"/events/{event_id}#review")


# --- edit -------------------------------------------------------------------------------------------------


@router.get("/events/{event_id}/edit")
async def edit_event_form(event_id: IdPath, session: SessionDep, page_: PageDep, editor: PageEditor):
    event = _event_or_404(session, event_id)
    return page_.render("event_edit.html", {"form": edit_form_view(session, event, page_.language)})


@router.post("/events/{event_id}/edit")
async def edit_event(event_id: IdPath, request: Request, session: SessionDep, page_: PageDep, editor: FormEditor):
    form = await request.form()
    submitted = fields_from_form(form)
    note = _text(form, "note")
    try:
        cleaned = ops.clean_fields(submitted)
        ops.edit_event(session, event_id, ops.changes_from_form(cleaned), user=editor, note=note,
                       version=_number(form, "version"))
    except ops.Gone as error:
        raise _gone(error) from None
    except ops.Conflict as conflict:
        event = _event_or_404(session, event_id)
        view = edit_form_view(session, event, page_.language, submitted=submitted, note=note)
        return page_.render("conflict.html", {"form": view, "rows": conflict_rows(session, event_id, submitted),
                                              "current_version": conflict.current}, status_code=409)
    except ops.Invalid as error:
        event = _event_or_404(session, event_id)
        view = edit_form_view(session, event, page_.language, submitted=submitted, note=note, error=message(error))
        return page_.render("event_edit.html", {"form": view}, status_code=400)
    return _see(f"/events/{event_id}#history")


# --- passages, merge, split -------------------------------------------------------------------------------


@router.post("/events/{event_id}/passages")
async def change_passages(event_id: IdPath, request: Request, session: SessionDep, editor: FormEditor):
    form = await request.form()
    add = []
    article, start, end = _number(form, "add_article"), _number(form, "add_start"), _number(form, "add_end")
    if article is not None and start is not None and end is not None:
        add.append((article, start, end))
    with _answered(gettext("The event changed meanwhile; nothing was saved. Look at it again "
                           "and choose the passages anew.")):
        remove = _numbers(form, "remove") + (_numbers(form, "move") if form.get("remove_chosen") else [])
        ops.change_passages(session, event_id, user=editor, remove=remove, add=add,
                            note=_text(form, "note"), version=_number(form, "version"))
    return _see(f"/events/{event_id}#sources-title")


@router.get("/events/{event_id}/merge")
async def merge_form(event_id: IdPath, session: SessionDep, page_: PageDep, editor: PageEditor,
                     other: Annotated[int | None, Query(ge=1, le=2**62)] = None):
    event = _event_or_404(session, event_id)
    return page_.render("event_merge.html", {"event": event, "candidates": merge_candidates(session, event),
                                             "other": other})


@router.post("/events/{event_id}/merge")
async def merge_events(event_id: IdPath, request: Request, session: SessionDep, editor: FormEditor):
    form = await request.form()
    chosen = [value for value in form.getlist("other") if isinstance(value, str) and value.strip()]
    other = _number({"other": chosen[0]} if chosen else {}, "other")  # a listed event, or the number typed
    if other is None:
        raise HTTPException(400, gettext("Choose the event to merge into this one."))
    with _answered(gettext("The event changed meanwhile; nothing was merged. Look at it again.")):
        ops.merge_events(session, event_id, other, user=editor, note=_text(form, "note"),
                         version=_number(form, "version"))
    return _see(f"/events/{event_id}#history")


@router.get("/events/{event_id}/split")
async def split_form(event_id: IdPath, session: SessionDep, page_: PageDep, editor: PageEditor):
    event = _event_or_404(session, event_id)
    evidence = {(e.article_id, e.start, e.end): e.evidence_id for e in queries.event_evidence(session, event_id)}
    passages = [(evidence.get((s.article.id, s.start, s.end)), s) for s in event.sources]
    return page_.render("event_split.html", {"event": event, "passages": passages,
                                             "version": event_version(session, event_id)})


@router.post("/events/{event_id}/split")
async def split_event(event_id: IdPath, request: Request, session: SessionDep, editor: FormEditor):
    form = await request.form()
    with _answered(gettext("The event changed meanwhile; nothing was split. Look at it again.")):
        done = ops.split_event(session, event_id, _numbers(form, "move"), user=editor, note=_text(form, "note"),
                               version=_number(form, "version"))
    return _see(f"/events/{done.event_id}/edit")


# --- a new event from a passage ---------------------------------------------------------------------------


@router.get("/articles/{article_id}/new-event")
async def new_event_form(article_id: IdPath, session: SessionDep, page_: PageDep, editor: PageEditor,
                         start: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
                         end: Annotated[int | None, Query(ge=0, le=10_000_000)] = None):
    view = new_event_view(session, article_id, start, end, page_.language)
    if view is None:
        raise HTTPException(404, gettext("There is no article %(id)s.") % {"id": article_id})
    return page_.render("event_new.html", {"form": view})


@router.post("/articles/{article_id}/new-event")
async def add_event(article_id: IdPath, request: Request, session: SessionDep, page_: PageDep, editor: FormEditor):
    form = await request.form()
    submitted = fields_from_form(form)
    start, end = _number(form, "start"), _number(form, "end")
    try:
        if start is None or end is None:
            raise ops.Invalid(gettext("Give the passage's first and last character (or select it in the article)."))
        done = ops.add_event(session, article_id, start, end, ops.clean_fields(submitted), user=editor,
                             note=_text(form, "note"))
    except ops.Invalid as error:
        view = new_event_view(session, article_id, start, end, page_.language, submitted=submitted,
                              error=message(error))
        if view is None:
            raise HTTPException(404, gettext("There is no article %(id)s.") % {"id": article_id}) from None
        return page_.render("event_new.html", {"form": view}, status_code=400)
    return _see(f"/events/{done.event_id}")


# --- undo -------------------------------------------------------------------------------------------------


@router.post("/corrections/{correction_id}/revert")
async def revert_correction(correction_id: IdPath, request: Request, session: SessionDep, editor: FormEditor):
    form = await request.form()
    entry = get_entry(session, correction_id)
    with _answered():
        done = ops.revert_correction(session, correction_id, user=editor, note=_text(form, "note"))
    landing = done.event_id or (entry.event_id if entry else None)
    return _see(f"/events/{landing}#history" if landing else "/corrections")
