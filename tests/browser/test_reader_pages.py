"""What only a browser shows of the new pages: no serious axe violation (desktop and phone), the first
event card within the first screen of a 375 px phone, and filtering a person's page in place."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.models import Actor, Event, Place
from tests.browser.test_security_and_a11y import _axe

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def subject_urls(db):
    xi = db.scalar(select(Actor.id).where(Actor.name == "Xi Jinping"))
    astana = db.scalar(select(Place.id).where(Place.name == "Astana"))
    talks = db.scalar(select(Event.id).where(Event.subtype == "talks", Event.year == 2020, Event.date_source.is_not(None)))
    return {"actor": f"/actors/{xi}", "place": f"/places/{astana}", "topic": "/topics/energy",
            "network": "/network", "undated": "/undated", "event": f"/events/{talks}"}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", ["actor", "place", "topic", "network", "undated", "event"])
def test_axe_new_pages(browser, server, subject_urls, name, width):
    assert _axe(browser, server.url + subject_urls[name], width) == []
    assert _axe(browser, server.url + subject_urls[name] + "?lang=id", width) == []


@pytest.mark.parametrize("url", ["/", "/?lang=id", "actor", "place", "topic"])
def test_the_first_card_is_in_the_first_screen_of_a_phone(browser, server, subject_urls, url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(server.url + subject_urls.get(url, url))
        page.wait_for_load_state("networkidle")
        box = page.locator("ol.cards > li.card").first.bounding_box()
        title = page.locator("ol.cards > li.card .card__title").first.bounding_box()
        assert box is not None and title["y"] + title["height"] <= PHONE["height"], (box, title)
        # the folded dates and order open with their summary
        assert not page.locator("#from").is_visible()
        page.locator(".search__more > summary").click()
        assert page.locator("#from").is_visible()
    finally:
        context.close()


def test_dates_and_order_stay_in_the_row_on_a_desktop(page):
    page.goto(page.base + "/")
    for field in ("#q", "#from", "#to", "#sort"):
        assert page.locator(field).is_visible()
    assert not page.locator(".search__more > summary").is_visible()
    tops = {round(page.locator(field).bounding_box()["y"]) for field in ("#q", "#from", "#to", "#sort")}
    assert len(tops) == 1


def test_a_persons_page_filters_in_place(page, subject_urls):
    page.goto(page.base + subject_urls["actor"])
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("window.__sameDocument = true")
    page.locator("#fo-type-meeting").click()
    page.wait_for_url(re.compile(r"/actors/\d+\?type=meeting"))
    page.wait_for_function("() => document.querySelectorAll('.card').length > 0 && "
                           "[...document.querySelectorAll('.card')].every(c => c.classList.contains('card--meeting'))")
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator("h1").inner_text() == "Xi Jinping"  # the profile stays
    bar = page.locator(".yearchart__bar").first
    bar.click()
    page.wait_for_url(re.compile(r"year=\d{4}"))
