"""Search as a reader meets it, over real HTTP: best match in the sort control, the API and exports;
words marked as written; "Did you mean" for words that find nothing."""

from __future__ import annotations

import json

import pytest

from tests.conftest import live_server
from tests.factories import ALMATY, BEIJING, NURTLEU, SMAILOV, WANG, XI, Mention, add_article
from tests.web.helpers import parse

GRAIN_TEXT = ("Harvest deals\n\nIn Almaty on 4 May 2021 Wang Yi and Murat Nurtleu held talks on grain, grain storage "
              "and grain trains.\n\nLater that year Xi Jinping met Alikhan Smailov in Beijing on 9 October 2021.\n")


@pytest.fixture
def site(engine, db_url):
    """Two events of one article: the older has the searched word in its own passage, the newer only
    shares the article with it; and a state visit reported only in Indonesian."""
    add_article(engine, file_name="grain.txt", published="2021-10-10", text=GRAIN_TEXT, mentions=[
        Mention("meeting", "talks", "2021-05-04", "Wang Yi and Murat Nurtleu held talks on grain, grain storage "
                "and grain trains", participants=(WANG, NURTLEU), place=ALMATY, topics=("agriculture",)),
        Mention("meeting", "meeting", "2021-10-09", "Xi Jinping met Alikhan Smailov in Beijing on 9 October 2021",
                participants=(XI, SMAILOV), place=BEIJING),
    ])
    add_article(engine, file_name="visit-id.txt", published="2019-09-12", language="id", outlet="Kompas",
                text="Presiden Kassym-Jomart Tokayev memulai lawatan kenegaraan ke Beijing pada 11 September 2019.",
                mentions=[Mention("visit", "state_visit", "2019-09-11",
                                  "Presiden Kassym-Jomart Tokayev memulai lawatan kenegaraan ke Beijing",
                                  place=BEIJING)])
    with live_server(db_url) as server, server.client() as client:
        yield client


def _titles(client, url: str) -> list[str]:
    return [a.get_text() for a in parse(client.get(url)).select("h4.card__title a")]


def test_best_match_is_a_sort_value_of_the_timeline(site):
    page = parse(site.get("/?q=grain&sort=relevance"))
    assert page.select_one("#sort option[value=relevance]").has_attr("selected")
    titles = [a.get_text() for a in page.select("h4.card__title a")]
    assert titles == ["Wang Yi – Nurtleu talks in Almaty", "Xi Jinping – Smailov meeting in Beijing"]
    assert page.select(".year-group--ranked") and not page.select(".year-group__title")  # one list, no years
    newest = _titles(site, "/?q=grain&sort=newest")
    assert newest == list(reversed(titles))


def test_best_match_in_the_api_and_the_exports(site):
    by_relevance = site.get("/api/events?q=grain&sort=relevance").json()["events"]
    assert [e["date_start"] for e in by_relevance] == ["2021-05-04", "2021-10-09"]
    newest = site.get("/api/events?q=grain&sort=newest").json()["events"]
    assert [e["date_start"] for e in newest] == ["2021-10-09", "2021-05-04"]
    exported = json.loads(site.get("/export?format=json&q=grain&sort=relevance").text)["events"]
    assert [e["date_start"] for e in exported] == ["2021-05-04", "2021-10-09"]
    csv_lines = site.get("/export?format=csv&q=grain&sort=relevance").text.splitlines()
    assert "2021-05-04" in csv_lines[1] and "2021-10-09" in csv_lines[2]
    links = parse(site.get("/?q=grain&sort=relevance")).select("a.exports__link")
    assert links and all("sort=relevance" in a["href"] for a in links)


@pytest.mark.parametrize("url", ["/?q=grain&sort=best", "/api/events?q=grain&sort=best",
                                 "/export?format=csv&q=grain&sort=best"])
def test_a_bad_sort_value_is_a_client_error(site, url):
    response = site.get(url)
    assert 400 <= response.status_code < 500  # the pages say 400, the API 422
    assert "relevance" in response.text


def test_without_search_words_best_match_is_date_order(site):
    assert _titles(site, "/?sort=relevance") == _titles(site, "/?sort=oldest")


def test_words_are_marked_as_written_whatever_form_or_language_was_typed(site):
    page = parse(site.get("/?q=state%20visit"))  # the visit was reported only in Indonesian
    card = page.select_one("li.card--visit")
    assert [m.get_text() for m in card.select(".card__title mark")] == ["state", "visit"]
    page = parse(site.get("/?q=kunjungan%20kenegaraan&lang=id"))
    snippet = page.select_one("li.card--visit .card__snippet")
    assert [m.get_text() for m in snippet.select("mark")] == ["lawatan", "kenegaraan"]
    page = parse(site.get("/?q=Toqaev"))  # a spelling the article does not use
    assert "Tokayev" in [m.get_text() for m in page.select("li.card--visit .card__who mark")]
    page = parse(site.get("/?q=grains"))
    marked = [m.get_text() for m in page.select(".card__snippet mark")]
    assert marked and set(marked) == {"grain"}


def test_words_that_find_nothing_get_the_nearest_known_spelling(site):
    page = parse(site.get("/?q=Tokajev&year=2019"))
    assert not page.select("li.card")
    link = page.select_one(".suggestion a")
    assert link.get_text() == "Kassym-Jomart Tokayev"
    assert "year=2019" in link["href"] and "q=Kassym-Jomart+Tokayev" in link["href"]
    assert parse(site.get(link["href"])).select("li.card--visit")
    assert site.get("/api/events?q=Pekin").json()["did_you_mean"] == "Beijing"
    assert site.get("/api/events?q=zzxqv").json()["did_you_mean"] is None
    # a spelling that finds nothing under the other filters is not offered
    assert parse(site.get("/?q=Tokajev&year=2021")).select_one(".suggestion") is None
