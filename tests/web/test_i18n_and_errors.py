"""The Indonesian interface, and bad input answered with a 4xx page (never a 500)."""

from __future__ import annotations

import httpx
import pytest
from babel.messages.pofile import read_po

from app.config import Settings
from app.web.i18n import load_translations
from tests.web.helpers import cards, date_parts, parse, query


def test_language_switch_keeps_filters_and_sets_the_cookie(server):
    with server.client() as client:
        page = parse(client.get("/?year=2024&type=visit&sort=newest"))
        switch = page.select_one("a.lang-switch")
        assert switch["hreflang"] == "id"
        assert sorted(query(switch["href"])) == sorted(
            [("year", "2024"), ("type", "visit"), ("sort", "newest"), ("lang", "id")])

        response = client.get(switch["href"])
        assert response.cookies.get("lang") == "id"
        page = parse(response)
        assert page.find("html")["lang"] == "id"
        assert page.select_one("label[for=q]").get_text(strip=True) == "Cari"
        assert [c.select_one(".type").get_text(strip=True) for c in cards(page)] == ["Kunjungan"]

        # remembered: the next page without `lang` is still Indonesian
        page = parse(client.get("/?year=2024"))
        assert page.find("html")["lang"] == "id"
        assert page.select_one("a.lang-switch")["hreflang"] == "en"


def test_indonesian_event_titles_dates_and_countries(server, trip):
    visit, _, _ = trip
    with server.client() as client:
        page = parse(client.get(f"/events/{visit.id}?lang=id"))
        title = page.select_one("h1#event-title").get_text(strip=True)
        assert title != visit.title and title.startswith("Kunjungan")
        facts = {row.dt.get_text(strip=True): row.dd for row in page.select(".facts__row")}
        assert date_parts(facts["Kapan"].time.get_text()) in ((["2", "Jul", "2024"], False),
                                                              (["2", "4", "Jul", "2024"], True))
        assert "Tiongkok" in facts["Siapa"].get_text()


def test_articles_keep_their_own_language(server, trip_article):
    with server.client() as client:
        page = parse(client.get(f"/articles/{trip_article.id}?lang=id"))
        assert page.find("html")["lang"] == "id"
        assert page.select_one(".reader__text")["lang"] == "en"
        assert page.select_one(".reader__text").get_text().startswith("Xi Jinping begins state visit")


def test_every_interface_string_is_translated():
    locales = Settings().locales_dir
    with (locales / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    with (locales / "id" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        indonesian = {m.id: m for m in read_po(handle, locale="id") if m.id}
    def translated(message) -> bool:
        found = indonesian.get(message.id)
        strings = [found.string] if found and isinstance(found.string, str) else list(found.string if found else [])
        return bool(strings) and all(strings)

    missing = [m.id for m in template if m.id and not translated(m)]
    assert missing == []
    assert load_translations(locales, "id").gettext("Search") == "Cari"


@pytest.mark.parametrize("url", [
    "/?year=abc", "/?year=99999", "/?type=party", "/?page=0", "/?page=-1", "/?page=x", "/?sort=sideways",
    "/?from=2024-13-01", "/?from=2024-02-01&to=2024-01-01", "/?lang=fr", "/?q=" + "x" * 500,
    "/events/abc", "/events/0", "/events/999999", "/articles/999999", "/articles/1?evidence=abc",
    "/events/1?back=" + "y" * 3000, "/export?format=xls", "/no/such/page",
    "/?year=" + "&year=".join(str(y) for y in range(1900, 1960)),
])
def test_bad_input_is_a_4xx_page_with_a_message(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.status_code
    assert response.headers["content-type"].startswith("text/html")
    page = parse(response)
    assert page.select_one("h1#error-title").get_text(strip=True)
    assert page.select_one("a.button")["href"] == "/"


def test_bad_input_message_names_the_parameter(client):
    page = parse(client.get("/?year=abc"))
    messages = [li.get_text() for li in page.select(".error__messages li")]
    assert messages and messages[0].startswith("year:") and "abc" in messages[0]


def test_error_page_escapes_what_it_echoes(client):
    response = client.get("/", params={"year": "<script>alert(1)</script>"})
    assert response.status_code == 400
    page = parse(response)
    assert not [s for s in page.find_all("script") if not s.get("src")]
    assert "<script>alert(1)</script>" in page.select_one(".error__messages").get_text()


def test_api_errors_stay_json(client):
    response = client.get("/api/events?year=abc")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["detail"]


def test_unknown_page_in_indonesian(server):
    with server.client(), httpx.Client(base_url=server.url, cookies={"lang": "id"}) as client:
        response = client.get("/tidak/ada")
        assert response.status_code == 404
        assert parse(response).find("html")["lang"] == "id"
