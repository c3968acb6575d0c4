"""JSON API: the same event shape as `timeline export`, with the timeline's filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError

from app import queries
from app.db import SessionDep
from app.models import ArticleOut, EventList, EventOut, Facets
from app.params import FiltersDep, SortParam


def _query_names(dependant) -> frozenset[str]:
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return frozenset(names)


async def reject_unknown_parameters(request: Request) -> None:
    """A misspelt or unknown query parameter is a 422 that names it, not silently ignored."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        accepted = f"this endpoint accepts {', '.join(sorted(known))}" if known else "this endpoint takes none"
        raise RequestValidationError([
            {"type": "extra_forbidden", "loc": ("query", name), "msg": f"Unknown parameter; {accepted}",
             "input": request.query_params[name]}
            for name in unknown
        ])


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(reject_unknown_parameters)])

NOT_FOUND = {404: {"description": "Not found"}}
IdPath = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/events", response_model=EventList, summary="Events, filtered and paginated")
async def list_events(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int | None, Query(ge=1, le=200)] = None,
    sort: Annotated[SortParam, Query(description="oldest | newest | relevance (the best match for q first; "
                                              "without q, oldest first)")] = SortParam.oldest,
) -> EventList:
    size = page_size or request.app.state.settings.page_size
    result = queries.list_events(session, filters, page=page, page_size=size, **sort.order, with_sources=True)
    suggestion = queries.did_you_mean(session, filters) if result.total == 0 and filters.q else None
    return EventList(events=result.events, total=result.total, page=page, page_size=size,
                     next_page=result.next_page, total_exact=result.total_exact, did_you_mean=suggestion)


@router.get("/events/{event_id}", response_model=EventOut, responses=NOT_FOUND, summary="One event")
async def get_event(event_id: IdPath, session: SessionDep) -> EventOut:
    event = queries.get_event(session, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return event


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND, summary="One article")
async def get_article(article_id: IdPath, session: SessionDep) -> ArticleOut:
    article = queries.get_article(session, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    return article


@router.get("/facets", response_model=Facets, summary="Counts per filter value under the current filters")
async def get_facets(session: SessionDep, filters: FiltersDep) -> Facets:
    counts = queries.facet_counts(session, filters)
    return Facets(total=counts.total, **counts.facets)
