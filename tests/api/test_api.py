"""The JSON API over real HTTP against a live server on a real database."""

import pytest

from tests.conftest import live_server
from tests.factories import BEIJING, NURTLEU, WANG, Mention, add_article


@pytest.fixture
def api(engine, db_url):
    add_article(engine, file_name="a.txt", published="2024-07-03", outlet="Wire A", language="id",
                text="Astana. Xi Jinping mengadakan pembicaraan dengan Tokayev. Mereka menandatangani pernyataan.",
                mentions=[
                    Mention("meeting", "talks", "2024-07-03", "Xi Jinping mengadakan pembicaraan dengan Tokayev",
                            topics=("energy",)),
                    Mention("agreement", "joint_statement", "2024-07-03", "Mereka menandatangani pernyataan"),
                ])
    add_article(engine, file_name="b.txt", published="2023-05-18", outlet="Wire B",
                text="Beijing. Wang Yi met Murat Nurtleu in Beijing on 17 May 2023 to discuss railways.",
                mentions=[Mention("meeting", "talks", "2023-05-17", "Wang Yi met Murat Nurtleu in Beijing",
                                  participants=(WANG, NURTLEU), place=BEIJING, topics=("transport-bri",))])
    with live_server(db_url) as server, server.client() as client:
        yield client


def test_events_list_has_the_export_shape(api):
    body = api.get("/api/events").json()
    assert body["total"] == 3 and body["page"] == 1
    event = body["events"][0]
    assert set(event) >= {"id", "type", "subtype", "title", "date_start", "date_end", "date_precision",
                          "participants", "place", "topics", "sources", "confidence"}
    assert event["date_start"] == "2023-05-17"
    source = event["sources"][0]
    assert source["article"]["file"] == "b.txt"
    assert source["text"] == "Wang Yi met Murat Nurtleu in Beijing"


@pytest.mark.parametrize("query, expected", [
    ("year=2024", 2), ("year=2023", 1), ("year=2023&year=2024", 3), ("type=agreement", 1),
    ("type=meeting&year=2024", 1), ("actor=Wang%20Yi", 1), ("place=Beijing", 1), ("topic=energy", 1),
    ("outlet=Wire%20A", 2), ("language=id", 2), ("q=railways", 1), ("q=Nurtleu", 1), ("q=zzzz", 0),
    ("from=2024-01-01", 2), ("to=2023-12-31", 1),
])
def test_filters(api, query, expected):
    body = api.get(f"/api/events?{query}").json()
    assert body["total"] == expected and body["total_exact"] is True


def test_search_totals_say_when_they_are_a_bound(api, monkeypatch):
    """Words matching more events than the bound are counted up to it; the pages still walk them all."""
    monkeypatch.setattr("app.filtering.TEXT_CAP", 1)
    first = api.get("/api/events?q=xi&page_size=1").json()
    assert (first["total"], first["total_exact"], first["next_page"]) == (2, False, 2)
    seen = [first["events"][0]["id"]]
    page = first
    while page["next_page"]:
        page = api.get(f"/api/events?q=xi&page_size=1&page={page['next_page']}").json()
        seen += [e["id"] for e in page["events"]]
    assert len(seen) == len(set(seen)) == 2  # "Xi" is in both events of a.txt


def test_newest_first_and_paging(api):
    first = api.get("/api/events?sort=newest&page_size=2").json()
    assert [e["date_start"] for e in first["events"]] == ["2024-07-03", "2024-07-03"]
    assert first["next_page"] == 2
    second = api.get("/api/events?sort=newest&page_size=2&page=2").json()
    assert [e["date_start"] for e in second["events"]] == ["2023-05-17"] and second["next_page"] is None


def test_one_event_and_its_article(api):
    event = api.get("/api/events?type=agreement").json()["events"][0]
    assert api.get(f"/api/events/{event['id']}").json() == event
    article = api.get(f"/api/articles/{event['sources'][0]['article']['id']}").json()
    source = event["sources"][0]
    assert article["text"][source["start"]:source["end"]] == source["text"]
    assert event["id"] in article["event_ids"]


def test_facets_count_under_other_filters(api):
    facets = api.get("/api/facets?year=2024").json()
    assert facets["total"] == 2
    assert {f["value"]: f["count"] for f in facets["year"]} == {"2024": 2, "2023": 1}
    assert {f["value"]: f["count"] for f in facets["type"]} == {"meeting": 1, "agreement": 1}
    assert {f["value"] for f in facets["actor"]} == {"Xi Jinping", "Kassym-Jomart Tokayev"}


@pytest.mark.parametrize("path", [
    "/api/events?year=abc", "/api/events?type=party", "/api/events?page=0", "/api/events?page_size=100000",
    "/api/events?from=2024-13-01", "/api/events?from=2024-02-01&to=2024-01-01", "/api/events?year=99999",
    "/api/events/0", "/api/events/abc", "/api/facets?type=x",
])
def test_bad_parameters_get_a_4xx_with_a_message(api, path):
    response = api.get(path)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_missing_event_is_404(api):
    response = api.get("/api/events/999999")
    assert response.status_code == 404 and "999999" in response.json()["detail"]


def test_openapi_documents_the_routes(api):
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/facets"} <= set(paths)
