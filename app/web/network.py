"""Who met whom: the people of both sides as two columns of a plain SVG, a line for each pair who met
(thicker for more meetings), each line and each row of the table beside it leading to those meetings
on the timeline (both people, type=meeting, the other filters kept)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from fastapi import APIRouter
from sqlmodel import Session

from app.db import SessionDep
from app.network import Pair, Person, meeting_pairs
from app.params import FiltersDep
from app.queries import EventFilters, topic_labels
from app.web.i18n import format_number, gettext, ngettext
from app.web.links import FILTER_KEYS, Here
from app.web.page import PageDep
from app.web.routes import FormQueryRoute
from app.web.timeline import Chip, build_chips

router = APIRouter(route_class=FormQueryRoute, include_in_schema=False)

MOST_PEOPLE = 14  # per side in the drawing
MOST_PAIRS = 100  # rows of the table (most meetings first); narrower filters show the others
WIDTH, ROW, TOP = 520, 26, 12
LEFT_X, RIGHT_X = 180, WIDTH - 180  # where the names end (China) and begin (Kazakhstan)
KEPT = tuple(key for key in FILTER_KEYS if key not in ("type", "actor", "with"))  # carried into a pair's link


@dataclass
class Node:
    person: Person
    meetings: int
    x: float
    y: float
    url: str  # the person's page


@dataclass
class Edge:
    pair: Pair
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    url: str  # their meetings on the timeline
    label: str  # "Xi Jinping – Kassym-Jomart Tokayev: 12 meetings"


@dataclass
class NetworkView:
    filters: EventFilters
    chips: list[Chip]
    pairs: list[tuple[Pair, str, str]]  # (pair, url, label), most meetings first, at most MOST_PAIRS
    more_pairs: int = 0  # pairs left out of the table
    china: list[Node] = field(default_factory=list)
    kazakhstan: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    left_out: int = 0  # people not drawn (fewer meetings)
    width: int = WIDTH
    height: int = 0
    timeline_url: str = "/"
    clear_url: str = "/network"
    title: str = ""


def meetings_url(here: Here, pair: Pair) -> str:
    """The timeline filtered to the meetings of both people, the other filters kept."""
    return here.to("/", keep=KEPT, type="meeting", **{"with": [pair.china.name, pair.kazakhstan.name]})


def _pair_label(pair: Pair, language: str) -> str:
    return ngettext("%(a)s – %(b)s: %(num)s meeting", "%(a)s – %(b)s: %(num)s meetings", pair.meetings) % {
        "a": pair.china.name, "b": pair.kazakhstan.name, "num": format_number(pair.meetings, language)}


def _column(people: Counter, x: float) -> list[Node]:
    ranked = sorted(people.items(), key=lambda item: (-item[1], item[0].name))[:MOST_PEOPLE]
    return [Node(person, count, x, TOP + ROW * index + ROW / 2, f"/actors/{person.id}")
            for index, (person, count) in enumerate(ranked)]


def build_network(session: Session, filters: EventFilters, here: Here, language: str) -> NetworkView:
    filters = replace(filters, type=())  # meetings only, whatever the timeline's type filter said
    pairs = meeting_pairs(session, filters)  # all of them: each person's total counts every pair
    topics = {label.slug: label for label in topic_labels(session).values()} if filters.topic else {}
    view = NetworkView(filters=filters, chips=build_chips(filters, here, language, topics),
                       pairs=[(p, meetings_url(here, p), _pair_label(p, language)) for p in pairs[:MOST_PAIRS]],
                       more_pairs=max(0, len(pairs) - MOST_PAIRS),
                       timeline_url=here.to("/", type="meeting"), clear_url=here.cleared())
    china, kazakhstan = Counter(), Counter()
    for pair in pairs:
        china[pair.china] += pair.meetings
        kazakhstan[pair.kazakhstan] += pair.meetings
    view.china, view.kazakhstan = _column(china, LEFT_X), _column(kazakhstan, RIGHT_X)
    view.left_out = len(china) + len(kazakhstan) - len(view.china) - len(view.kazakhstan)
    view.height = TOP * 2 + ROW * max(len(view.china), len(view.kazakhstan), 1)
    left = {node.person: node for node in view.china}
    right = {node.person: node for node in view.kazakhstan}
    most = max((p.meetings for p in pairs), default=1)
    for pair in pairs:
        a, b = left.get(pair.china), right.get(pair.kazakhstan)
        if a is not None and b is not None:
            view.edges.append(Edge(pair, a.x + 6, a.y, b.x - 6, b.y, round(1.2 + 5 * pair.meetings / most, 2),
                                   meetings_url(here, pair), _pair_label(pair, language)))
    view.edges.reverse()  # the thickest drawn last, on top
    site = gettext("China–Kazakhstan diplomatic timeline")
    view.title = f"{gettext('Who met whom')} – {site}"
    return view


@router.get("/network")
async def show_network(session: SessionDep, filters: FiltersDep, page_: PageDep):
    """Who met whom among the meetings the timeline's filters select (rejected ones for editors only)."""
    view = build_network(session, replace(filters, with_rejected=page_.editor), page_.here, page_.language)
    return page_.render("network.html", {"view": view})
