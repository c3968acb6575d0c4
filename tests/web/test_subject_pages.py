"""The pages per person, place and topic (the timeline's cards and filters scoped to one subject, with
what the lexicons know of it and a chart of its events per year), and who met whom."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import func, select

from app.models import Actor, Event, EventActor, EventTopic, Place, Topic
from tests.web.helpers import cards, facet_options, htmx, parse, path, vary


def get(client, url: str, lang: str = "en", **headers):
    """The page in one interface language, leaving no language cookie behind for the other tests."""
    response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}", headers=headers)
    client.cookies.clear()
    return response


def _actor(db, name: str) -> Actor:
    return db.scalar(select(Actor).where(Actor.name == name))


def _events_of(db, actor: Actor) -> set[int]:
    return set(db.scalars(select(EventActor.event_id).where(EventActor.actor_id == actor.id)))


def _card_ids(page) -> set[int]:
    return {int(card["id"].removeprefix("event-")) for card in cards(page)}


def _chart(page) -> dict[int, int]:
    """year → events, read from the chart's bars (their names: "2022: 5 events")."""
    bars = {}
    for bar in page.select(".yearchart__bar"):
        year, count = bar["aria-label"].split(": ")
        bars[int(year)] = int(count.split()[0])
    return bars


# --- a person -----------------------------------------------------------------------------------------


def test_a_persons_page_has_offices_chart_and_their_events(client, db):
    xi = _actor(db, "Xi Jinping")
    response = get(client, f"/actors/{xi.id}")
    assert response.status_code == 200 and "HX-Request" in vary(response)
    page = parse(response)
    assert page.h1.get_text(strip=True) == "Xi Jinping"
    assert "Xi Jin Ping" in page.select_one(".subject__aliases").get_text()
    terms = [li.get_text(" ", strip=True) for li in page.select(".terms__list li")]
    assert any(t.startswith("President of China") and "since 14 Mar 2013" in t for t in terms)
    assert any(t.startswith("Vice President of China") and "15 Mar 2008 – 14 Mar 2013" in t for t in terms)
    assert page.select_one(".subject__office").get_text(strip=True).startswith("President of China")
    events = _events_of(db, xi)
    years = dict(db.execute(select(Event.year, func.count()).where(Event.id.in_(events)).group_by(Event.year)).all())
    assert _chart(page) == years
    assert page.select_one("#result-count").get_text(" ", strip=True) == f"{len(events)} events"
    every = set()
    page_number = 1
    while True:  # the cards, page after page, are exactly the person's events
        listed = parse(get(client, f"/actors/{xi.id}?page={page_number}"))
        every |= _card_ids(listed)
        if listed.select_one("#more a") is None:
            break
        page_number += 1
    assert every == events
    assert page.select_one("#axis") is None  # the chart stands in for the overview


def test_a_persons_page_filters_like_the_timeline_and_keeps_the_person(client, db):
    xi, tokayev = _actor(db, "Xi Jinping"), _actor(db, "Kassym-Jomart Tokayev")
    page = parse(get(client, f"/actors/{xi.id}?type=meeting&actor={tokayev.name}"))
    expected = {e for e in _events_of(db, xi) & _events_of(db, tokayev) if db.get(Event, e).type == "meeting"}
    assert _card_ids(page) == expected and expected
    chips = [chip.get_text(" ", strip=True) for chip in page.select(".chips .chip:not(.chip--clear)")]
    assert len(chips) == 2 and not any("Xi Jinping" in chip for chip in chips)  # the page's own person is no chip
    assert path(page.select_one(".chip--clear")["href"]) == f"/actors/{xi.id}"
    assert page.select_one("form#filters")["action"] == f"/actors/{xi.id}"
    exports = {a["data-format"]: a["href"] for a in page.select(".exports__link")}
    assert ("with", "Xi Jinping") in parse_qsl(urlsplit(exports["csv"]).query)
    rows = get(client, exports["csv"]).text.strip().splitlines()[1:]
    assert len(rows) == len(expected)
    # a filter change answers with the results, then the facets, from the same URL
    fragment = get(client, f"/actors/{xi.id}?type=meeting", **htmx())
    assert fragment.text.lstrip().startswith('<div id="results"')
    facets = parse(get(client, f"/actors/{xi.id}?type=meeting", **htmx(**{"HX-Target": "facets"})))
    people = facet_options(facets, "actor")
    assert "Xi Jinping" not in people and people["Kassym-Jomart Tokayev"][0] == len(
        {e for e in _events_of(db, xi) & _events_of(db, tokayev) if db.get(Event, e).type == "meeting"})


def test_a_persons_page_in_indonesian(client, db):
    xi = _actor(db, "Xi Jinping")
    page = parse(get(client, f"/actors/{xi.id}", "id"))
    assert page.select_one(".subject__kind").get_text(" ", strip=True) == "Tokoh · Tiongkok"
    assert page.select_one(".subject__office").get_text(strip=True).startswith("Presiden Tiongkok")
    assert "Peristiwa per tahun" in page.select_one(".yearchart__title").get_text()


def test_unknown_subjects_are_404_and_bad_keys_4xx(client):
    for url in ("/actors/999999", "/places/999999", "/topics/no-such-topic"):
        assert get(client, url).status_code == 404
    for url in ("/actors/abc", "/actors/0", "/topics/a%20b", "/actors/1?year=99999"):
        assert 400 <= get(client, url).status_code < 500


# --- a place, a topic ---------------------------------------------------------------------------------------


def test_a_places_page_names_its_former_names_and_lists_the_events_there(client, db):
    astana = db.scalar(select(Place).where(Place.name == "Astana"))
    page = parse(get(client, f"/places/{astana.id}"))
    assert page.h1.get_text(strip=True) == "Astana"
    former = [li.get_text(" ", strip=True) for li in page.select(".former__list li")]
    assert any(f.startswith("Nur-Sultan") and "23 Mar 2019 – 17 Sept 2022" in f.replace("Sep ", "Sept ")
               for f in former)
    assert any(f.startswith("Akmola") for f in former)
    here = set(db.scalars(select(Event.id).where(Event.place_id == astana.id)))
    assert page.select_one("#result-count").get_text(" ", strip=True) == f"{len(here)} events"
    assert _card_ids(page) <= here and sum(_chart(page).values()) == len(here)
    facets = parse(get(client, f"/places/{astana.id}", **htmx(**{"HX-Target": "facets"})))
    assert facets.select_one("section.facet--place") is None  # one place per event: no second to choose


def test_a_topics_page_by_slug_or_id(client, db):
    energy = db.scalar(select(Topic).where(Topic.slug == "energy"))
    about = set(db.scalars(select(EventTopic.event_id).where(EventTopic.topic_id == energy.id)))
    page = parse(get(client, "/topics/energy"))
    assert page.h1.get_text(strip=True) == "Energy"
    assert page.select_one("#result-count").get_text(" ", strip=True) == f"{len(about)} events"
    assert _card_ids(page) <= about
    assert parse(get(client, "/topics/energy", "id")).h1.get_text(strip=True) == "Energi"
    assert parse(get(client, f"/topics/{energy.id}")).h1.get_text(strip=True) == "Energy"


# --- who met whom ---------------------------------------------------------------------------------------------


def test_who_met_whom_counts_the_meetings_of_each_pair_and_links_to_them(client, db):
    page = parse(get(client, "/network"))
    rows = page.select(".network__table tbody tr")
    assert rows
    for row in rows:
        china, kazakhstan, count = row.select("td")
        shown = int(count.get_text(strip=True))
        a, b = _actor(db, china.get_text(strip=True)), _actor(db, kazakhstan.get_text(strip=True))
        both = {e for e in _events_of(db, a) & _events_of(db, b) if db.get(Event, e).type == "meeting"}
        assert shown == len(both)
        link = count.select_one("a")["href"]
        assert dict(parse_qsl(urlsplit(link).query, keep_blank_values=True)) | {"with": ""} == \
            {"type": "meeting", "with": ""}
        assert sorted(v for k, v in parse_qsl(urlsplit(link).query) if k == "with") == sorted([a.name, b.name])
        assert _card_ids(parse(get(client, link))) == both
    edges = page.select("svg .network__edge")
    assert {e["href"] for e in edges} <= {row.select("td")[2].select_one("a")["href"] for row in rows}
    assert len(edges) == len(rows)  # few people: every pair is drawn


def test_who_met_whom_follows_the_filters(client, db):
    everything = parse(get(client, "/network"))
    year = parse(get(client, "/network?year=2024"))
    total = sum(int(r.select("td")[2].get_text(strip=True)) for r in everything.select(".network__table tbody tr"))
    in_2024 = sum(int(r.select("td")[2].get_text(strip=True)) for r in year.select(".network__table tbody tr"))
    assert 0 < in_2024 < total
    for row in year.select(".network__table tbody tr"):
        assert ("year", "2024") in parse_qsl(urlsplit(row.select("td")[2].select_one("a")["href"]).query)
    assert [c.get_text(" ", strip=True) for c in year.select(".chip:not(.chip--clear)")][0].endswith("2024 ×")
    empty = parse(get(client, "/network?actor=Nobody"))
    assert empty.select_one(".network__table") is None and empty.select_one(".empty")


@pytest.mark.parametrize("url", ["/network", "/undated"])
def test_the_new_pages_speak_indonesian(client, url):
    page = parse(get(client, url, "id"))
    assert page.html["lang"] == "id"
    english = ("Who met whom", "reported event could not be dated")
    assert not any(text in page.select_one("main").get_text() for text in english)


def test_who_met_whom_lists_the_pairs_with_most_meetings_and_says_how_many_more(client, server, monkeypatch):
    every = parse(get(client, "/network")).select(".network__table tbody tr")
    monkeypatch.setattr("app.web.network.MOST_PAIRS", 1)  # the live server runs in this process
    server.server.config.app.state.response_cache.store.clear()  # the page kept before the change
    page = parse(get(client, "/network"))
    rows = page.select(".network__table tbody tr")
    assert [r.get_text(" ", strip=True) for r in rows] == [every[0].get_text(" ", strip=True)]
    assert page.select_one(".network__table caption").get_text(strip=True) == f"{len(every)} pairs who met"
    assert page.select_one(".network__pairs .network__note").get_text(strip=True).startswith(
        f"{len(every) - 1} more pair")
    assert len(page.select("svg .network__edge")) == len(every)  # the drawing keeps every pair of its people
