"""JSON API: the same event shape as `timeline export`, with the timeline's filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from app import queries
from app.db import SessionDep
from app.models import ArticleOut, EventList, EventOut, Facets
from app.params import FiltersDep, SortParam

router = APIRouter(prefix="/api", tags=["api"])

NOT_FOUND = {404: {"description": "Not found"}}
IdPath = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/events", response_model=EventList, summary="Events, filtered and paginated")
def list_events(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int | None, Query(ge=1, le=200)] = None,
    sort: SortParam = SortParam.oldest,
) -> EventList:
    size = page_size or request.app.state.settings.page_size
    result = queries.list_events(session, filters, page=page, page_size=size,
                                 newest_first=sort is SortParam.newest, with_sources=True)
    return EventList(events=result.events, total=result.total, page=page, page_size=size,
                     next_page=result.next_page)


@router.get("/events/{event_id}", response_model=EventOut, responses=NOT_FOUND, summary="One event")
def get_event(event_id: IdPath, session: SessionDep) -> EventOut:
    event = queries.get_event(session, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return event


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND, summary="One article")
def get_article(article_id: IdPath, session: SessionDep) -> ArticleOut:
    article = queries.get_article(session, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    return article


@router.get("/facets", response_model=Facets, summary="Counts per filter value under the current filters")
def get_facets(session: SessionDep, filters: FiltersDep) -> Facets:
    counts = queries.facet_counts(session, filters)
    return Facets(total=counts.total, **counts.facets)
