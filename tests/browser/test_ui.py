"""What only a browser shows: swaps in place, history, scrolling, downloads, keyboard, layout, a11y."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from app.models import Evidence

pytestmark = pytest.mark.browser


def args(url: str) -> list[tuple[str, str]]:
    return sorted(parse_qsl(urlsplit(url).query))


def open_timeline(page, query: str = "") -> None:
    page.goto(page.base + "/" + query)
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("window.__sameDocument = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def card_types(page) -> set[str]:
    return set(page.locator("ol.cards > li.card .type").all_inner_texts())


def card_dates(page) -> list[str]:
    return page.locator("ol.cards > li.card .card__when time").evaluate_all("els => els.map(e => e.dateTime)")


def test_facet_click_filters_in_place_and_the_url_follows(page):
    open_timeline(page)
    page.locator("section.facet--type a.facet__option", has_text="Visit").click()
    page.wait_for_url(re.compile(r"type=visit"))
    assert still_same_document(page)
    assert {t.upper() for t in card_types(page)} == {"VISIT"}
    chip = page.locator(".chips .chip:not(.chip--clear)")
    assert chip.count() == 1 and "Visit" in chip.inner_text()
    assert page.title().startswith("Filtered timeline")


def test_results_come_first_then_the_facets_and_axis_of_the_new_view(page):
    open_timeline(page)
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.headers.get("hx-target"))))
    page.locator("section.facet--type a.facet__option", has_text="Visit").click()
    page.wait_for_url(re.compile(r"type=visit"))
    page.wait_for_function("() => !document.querySelector('[aria-busy]')")
    assert still_same_document(page)
    option = page.locator("section.facet--type a.facet__option.is-active")
    assert option.count() == 1 and "Visit" in option.inner_text()
    assert page.locator("g.lane--meeting path").count() == 0  # the axis of visits only
    assert page.locator("g.lane--visit path").count() > 0
    timeline = [(args(url), target) for url, target in requests if urlsplit(url).path == "/"]
    assert timeline[0][1] == "results" and sorted(target for _, target in timeline[1:]) == ["axis", "facets"]
    assert all(query == [("type", "visit")] for query, _ in timeline)  # one URL for the three


def test_axis_year_click_filters(page):
    open_timeline(page)
    page.locator(".axis__ticks--years a", has_text="2024").click()
    page.wait_for_url(re.compile(r"year=2024"))
    assert still_same_document(page)
    assert {d[:4] for d in card_dates(page)} == {"2024"}
    # the axis of the new view follows the results (its placeholder asks for it): one year, twelve months
    page.wait_for_function("() => document.querySelectorAll('.axis__ticks--months a').length === 12")
    assert page.locator(".axis__ticks--years a").count() == 1


def test_axis_drag_picks_a_date_range(page):
    open_timeline(page)
    box = page.locator(".axis__plot").bounding_box()
    y = box["y"] + 40
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.60, y, steps=8)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d.*to=\d{4}-\d\d-\d\d"))
    assert still_same_document(page)
    query = dict(parse_qsl(urlsplit(page.url).query))
    assert query["from"] < query["to"]
    assert page.input_value("#from") == query["from"] and page.input_value("#to") == query["to"]
    dates = card_dates(page)
    assert dates and all(query["from"][:4] <= d[:4] <= query["to"][:4] for d in dates)


def test_chip_removal(page):
    open_timeline(page, "?year=2024&type=visit")
    page.locator(".chips .chip", has_text="Visit").click()
    page.wait_for_function("() => !location.search.includes('type=')")
    assert args(page.url) == [("year", "2024")]
    assert still_same_document(page)
    assert len(card_types(page)) == 3
    page.locator(".chips .chip--clear").click()
    page.wait_for_function("() => location.search === ''")
    assert page.locator(".chips").count() == 0


def test_search_as_you_type_highlights(page):
    open_timeline(page)
    page.locator("#q").press_sequentially("astana", delay=30)
    page.wait_for_url(re.compile(r"q=astana"))
    page.wait_for_function("() => document.querySelectorAll('ol.cards mark').length > 0")
    assert still_same_document(page)
    marks = page.locator("ol.cards mark").all_inner_texts()
    # the word, or the name Astana bore in 2020 (a card names a place as it was called then)
    assert marks and all(m.lower() in ("astana", "nur", "sultan") for m in marks)
    assert "astana" in {m.lower() for m in marks}
    assert page.locator("#q").evaluate("el => el === document.activeElement")  # typing was not interrupted
    assert "q=&" not in page.url and "from=" not in page.url  # blank fields stay out of the URL


def test_back_and_forward_walk_the_filter_states(page):
    open_timeline(page)
    page.locator("section.facet--type a.facet__option", has_text="Visit").click()
    page.wait_for_url(re.compile(r"type=visit"))
    page.locator(".axis__ticks--years a", has_text="2024").click()
    page.wait_for_url(re.compile(r"year=2024"))
    assert len(card_dates(page)) == 1

    page.go_back()
    page.wait_for_function("() => !location.search.includes('year=')")
    page.wait_for_function("() => document.querySelectorAll('ol.cards > li.card').length > 1")
    assert args(page.url) == [("type", "visit")]
    assert {t.upper() for t in card_types(page)} == {"VISIT"}
    assert len({d[:4] for d in card_dates(page)}) > 1

    page.go_back()
    page.wait_for_function("() => location.search === ''")
    page.wait_for_function("() => document.querySelectorAll('.chips').length === 0")
    assert len(card_types(page)) == 3

    page.go_forward()
    page.wait_for_function("() => location.search === '?type=visit'")
    page.wait_for_function("() => document.querySelectorAll('.chips .chip').length > 0")
    assert {t.upper() for t in card_types(page)} == {"VISIT"}


def test_more_button_appends_the_next_page(page):
    open_timeline(page)
    assert page.locator("ol.cards > li.card").count() == 50
    page.locator("#more a").click()
    page.wait_for_function("() => document.querySelectorAll('ol.cards > li.card').length > 50")
    assert still_same_document(page)
    dates = card_dates(page)
    assert dates == sorted(dates)
    assert "page=2" in page.url
    assert page.locator("#more").count() == 0


def test_event_to_article_passage_in_view(page, db, trip):
    visit, talks, _ = trip
    open_timeline(page, "?year=2024")
    page.locator(f"li#event-{talks.id} .card__title a").click()
    page.wait_for_url(re.compile(rf"/events/{talks.id}"))
    page.locator("figure.quote figcaption a").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+\?evidence=\d+.*#ev-\d+"))
    evidence_id = int(urlsplit(page.url).fragment.removeprefix("ev-"))
    assert db.get(Evidence, evidence_id).event_id == talks.id
    mark = page.locator(f"#ev-{evidence_id}")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }", arg=f"ev-{evidence_id}")
    assert "is-current" in mark.get_attribute("class")
    # next passage moves the highlight without reloading
    page.evaluate("window.__sameDocument = true")
    page.locator(".passage-nav__next").click()
    page.wait_for_function("id => document.querySelector('mark.ev.is-current').id !== id", arg=f"ev-{evidence_id}")
    assert still_same_document(page)
    # the breadcrumb leads back to the filtered timeline the reader came from
    assert page.locator("nav.breadcrumb a").get_attribute("href") == "/?year=2024"


def test_export_download(page):
    open_timeline(page, "?year=2024")
    with page.expect_download() as info:
        page.locator("a.exports__link[data-format=csv]").click()
    download = info.value
    assert download.suggested_filename == "china-kazakhstan-events_2024.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert len(rows) == 3 and {r["date_start"][:4] for r in rows} == {"2024"}


def test_keyboard_only_filtering(page):
    open_timeline(page)
    # past the search form, a skip link leads over the cards' links (titles, people, places, topics)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "jump-facets":
            break
    else:
        pytest.fail("the skip link to the filters is not reachable with Tab")
    assert page.locator(".jump-facets").bounding_box()["width"] > 10  # shown while it has focus
    page.keyboard.press("Enter")
    target = "fo-type-meeting"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == target:
            break
    else:
        pytest.fail("the Meeting facet option is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"type=meeting"))
    assert {t.upper() for t in card_types(page)} == {"MEETING"}
    # focus stays on the option, so Enter again takes the filter off
    page.wait_for_function("id => document.activeElement.id === id", arg=target)
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search.includes('type=')")


def test_skip_link_is_first_and_works(page):
    open_timeline(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [375, 1440])
def test_no_horizontal_scroll(browser, server, trip, trip_article, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for path in ("/", "/?q=astana&year=2024", f"/events/{trip[0].id}", f"/articles/{trip_article.id}"):
            page.goto(server.url + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, overflow)
    finally:
        context.close()


def test_facets_are_below_the_list_on_phones(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(server.url + "/")
        list_box = page.locator("section.listing").bounding_box()
        facets_box = page.locator("aside.facets").bounding_box()
        assert facets_box["y"] >= list_box["y"] + list_box["height"] - 1
    finally:
        context.close()


def test_htmx_loading_indicator_is_configured(page):
    open_timeline(page)
    config = page.evaluate("({styles: htmx.config.includeIndicatorStyles, eval: htmx.config.allowEval})")
    assert config == {"styles": False, "eval": False}
    assert page.locator("#loading.htmx-indicator").count() == 1


def test_api_docs_render_the_operations_offline(page):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(page.base + "/docs")
    page.wait_for_selector(".opblock")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in [p.replace("\u200b", "") for p in paths]
    assert violations == []
