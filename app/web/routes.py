"""Web pages: parse the query string, call a query function, render a template (or its block).

The handlers are ``async``: their work is CPU (SQLite in-process, templates), which a thread pool
would only interleave under the GIL, at a cost (a request took twice the CPU with 32 clients on 40
threads). Each worker process runs one request at a time; processes give the parallelism
(app/serve.py). The export, which can take seconds, stays in a thread.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute

from app import export, queries
from app.db import SessionDep
from app.params import FiltersDep, SortParam
from app.web import exports
from app.web.articles import build_article
from app.web.auth import signed_in
from app.web.editor_views import editor_panel
from app.web.events import build_event
from app.web.htmx import render
from app.web.i18n import gettext
from app.web.links import clean_back
from app.web.page import Page, PageDep
from app.web.timeline import PARTS, build_timeline


class FormQueryRoute(APIRoute):
    """Drops empty query arguments (``q=&from=``) that plain HTML forms send for blank fields."""

    @staticmethod
    def clean_query_string(raw: bytes) -> bytes:
        """The query string the handler sees (the response cache keys on it too)."""
        return b"&".join(part for part in raw.split(b"&") if b"=" in part and not part.endswith(b"="))

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def drop_blank_arguments(request: Request) -> Response:
            raw: bytes = request.scope.get("query_string", b"")
            if raw:
                request.scope["query_string"] = self.clean_query_string(raw)
            return await handler(request)

        return drop_blank_arguments


router = APIRouter(route_class=FormQueryRoute, include_in_schema=False)

IdPath = Annotated[int, Path(ge=1, le=2**62)]
PageParam = Annotated[int, Query(ge=1, le=100_000, description="Page of results, from 1")]
BackParam = Annotated[str | None, Query(max_length=2000, description="The timeline query string to return to")]


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    ics = "ics"
    timelinejs = "timelinejs"


@router.get("/")
async def show_timeline(request: Request, session: SessionDep, filters: FiltersDep, page_: PageDep,
                        page: PageParam = 1, sort: SortParam = SortParam.oldest):
    """The timeline. An HTMX request gets one block of it: the results (count, chips, cards, pager)
    when a filter changes, and then the facets and the axis, each asked for by its placeholder
    (``HX-Target``); or only the next page's items."""
    block = timeline_block(page_)
    parts = {"page": PARTS, "results": ("results",), "page_items": ("items",), "facets": ("facets",),
             "axis": ("axis",)}[block]
    settings = request.app.state.settings
    filters = replace(filters, with_rejected=page_.editor)
    view = build_timeline(session, filters, page_.here, language=page_.language, page=page,
                          page_size=settings.page_size, parts=parts, **sort.order)
    return page_.render("timeline.html", {"view": view, "sort": sort.value},
                        block=None if block == "page" else block, vary_target=True)


def timeline_block(page_: Page) -> str:
    """Which block of the timeline a request wants: "page" (all of it), "results", "page_items",
    "facets" or "axis"."""
    if not page_.fragment:
        return "page"
    target = page_.request.headers.get("hx-target", "")
    if target.startswith("more"):
        return "page_items"
    return target if target in ("facets", "axis") else "results"


@router.get("/events/{event_id}")
async def show_event(event_id: IdPath, session: SessionDep, page_: PageDep, back: BackParam = None):
    event = queries.get_event(session, event_id, with_rejected=page_.editor)
    if event is None:
        raise HTTPException(status_code=404, detail=gettext("There is no event %(id)s.") % {"id": event_id})
    view = build_event(session, event, language=page_.language, back=clean_back(back), with_rejected=page_.editor)
    panel = editor_panel(session, event, page_.language) if page_.editor else None
    return page_.render("event.html", {"view": view, "panel": panel})


@router.get("/articles/{article_id}")
async def show_article(article_id: IdPath, session: SessionDep, page_: PageDep, back: BackParam = None,
                       evidence: Annotated[int | None, Query(ge=1, le=2**62, description="Passage to show")] = None):
    article = queries.get_article(session, article_id, with_rejected=page_.editor)
    if article is None:
        raise HTTPException(status_code=404, detail=gettext("There is no article %(id)s.") % {"id": article_id})
    highlights = queries.article_highlights(session, article_id, with_rejected=page_.editor)
    events = queries.load_events(session, article.event_ids, with_sources=False)
    view = build_article(article, highlights, events, language=page_.language, back=clean_back(back),
                         evidence=evidence)
    return page_.render("article.html", {"view": view})


@router.get("/export")
def export_events(request: Request, session: SessionDep, filters: FiltersDep, format: ExportFormat,
                  sort: SortParam = SortParam.oldest):
    """The filtered events as a download (csv, json, ics or timelinejs), in the timeline's order; links
    under the public base URL setting, never the request's Host; rejected events for editors only."""
    account = signed_in(request, session)
    filters = replace(filters, with_rejected=account is not None and account.can_edit)
    fmt, order = format.value, sort.order
    base_url = request.app.state.settings.public_base_url
    headers = {"Content-Disposition": exports.content_disposition(exports.filename(fmt, filters))}
    media_type = exports.MEDIA_TYPES[fmt]
    if fmt == "csv":
        return Response(export.export_csv(session, filters, **order), media_type=media_type, headers=headers)
    if fmt == "json":
        return Response(export.export_json(session, filters, **order), media_type=media_type, headers=headers)
    if fmt == "ics":
        return Response(exports.export_ics(session, filters, base_url, **order), media_type=media_type, headers=headers)
    return Response(exports.export_timelinejs(session, filters, base_url, **order), media_type=media_type, headers=headers)


@router.get("/docs")
async def show_api_docs(request: Request):
    """Interactive API documentation (Swagger UI from swagger-ui-dist, no inline script)."""
    return render(request, "api_docs.html", {"openapi_url": request.app.openapi_url})
