"""The reports whose date could not be resolved: each with its article and the passages that state
it, so that a reader sees what the timeline could not place (and an editor who finds the date adds
the event from the passage, on the article page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from sqlmodel import Session

from app.db import SessionDep
from app.undated import UndatedArticle, count_undated, undated_reports
from app.web.i18n import country_name, format_number, gettext, ngettext
from app.web.labels import by_seniority, role_label
from app.web.page import PageDep
from app.web.routes import FormQueryRoute, PageParam

router = APIRouter(route_class=FormQueryRoute, include_in_schema=False)


@dataclass
class UndatedView:
    articles: list[UndatedArticle]
    total: int
    page: int
    page_size: int
    count: str  # the total, formatted
    people: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)  # report → (name, country, role)
    places: dict[int, str] = field(default_factory=dict)  # report → "Astana, Kazakhstan"
    next_url: str | None = None
    previous_url: str | None = None
    title: str = ""

    @property
    def heading(self) -> str:
        return ngettext("%(num)s reported event could not be dated", "%(num)s reported events could not be dated",
                        self.total) % {"num": self.count}


def build_undated(session: Session, *, page: int, page_size: int, language: str, here) -> UndatedView:
    total = count_undated(session)
    articles = undated_reports(session, offset=(page - 1) * page_size, limit=page_size)
    view = UndatedView(articles, total, page, page_size, format_number(total, language))
    for article in articles:
        for report in article.reports:
            people = [p for p in report.participants if p["name"] != p["country"]]
            ordered = by_seniority([_Person(p) for p in people])
            view.people[report.id] = [(p.name, country_name(p.country, language),
                                       role_label(p.role, p.country, language)) for p in ordered]
            if report.place_name:
                view.places[report.id] = f"{report.place_name}, {country_name(report.place_country, language)}"
    if page * page_size < total:
        view.next_url = here.replace(page=page + 1)
    if page > 1:
        view.previous_url = here.replace(page=page - 1 if page > 2 else None)
    view.title = f"{view.heading} – {gettext('China–Kazakhstan diplomatic timeline')}"
    return view


class _Person:
    """A report's participant (a JSON dict) as ``by_seniority`` reads people."""

    def __init__(self, item: dict) -> None:
        self.name, self.country = item["name"], item["country"]
        self.role, self.side = item.get("office"), item.get("side") or "participant"


@router.get("/undated")
async def show_undated(request: Request, session: SessionDep, page_: PageDep, page: PageParam = 1):
    """Events the articles report that could not be dated: kept out of the timeline, listed here."""
    view = build_undated(session, page=page, page_size=request.app.state.settings.page_size,
                         language=page_.language, here=page_.here)
    return page_.render("undated.html", {"view": view})
