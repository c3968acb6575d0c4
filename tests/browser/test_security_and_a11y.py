"""Hostile article text never runs; the three pages have no serious or critical axe violations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Evidence
from tests.browser.conftest import AXE

pytestmark = pytest.mark.browser


def test_article_text_never_runs(page, db, hostile_article):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    event_id = db.scalar(select(Evidence.event_id).where(Evidence.article_id == hostile_article.id))
    for path in (f"/articles/{hostile_article.id}", f"/events/{event_id}", "/?q=onerror"):
        page.goto(page.base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        assert page.evaluate("window.__pwned") is None, path
        assert dialogs == []
        assert page.locator("main img").count() == 0
        text = page.locator("main").inner_text()
        assert "49" not in text
        if not path.startswith("/?"):
            assert "{{ 7*7 }}" in text
            assert "<img src=x" in text
    page.goto(page.base + f"/articles/{hostile_article.id}")
    assert "<script>window.__pwned = 1</script>" in page.locator(".reader__text").inner_text()
    assert page.locator(".reader__text script").count() == 0


def _axe(browser, url: str, width: int = 1280) -> list[dict]:
    # axe is injected as an inline script, which our CSP forbids: this context alone bypasses it.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values:"
            " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    finally:
        context.close()
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_timeline(browser, server, width):
    assert _axe(browser, server.url + "/?year=2024&year=2023&q=a", width) == []
    assert _axe(browser, server.url + "/", width) == []


def test_axe_event_page(browser, server, trip):
    assert _axe(browser, f"{server.url}/events/{trip[0].id}") == []


def test_axe_article_page(browser, server, trip_article, db):
    evidence = db.scalar(select(Evidence.id).where(Evidence.article_id == trip_article.id))
    assert _axe(browser, f"{server.url}/articles/{trip_article.id}?evidence={evidence}#ev-{evidence}") == []


def test_axe_indonesian_error_page(browser, server):
    assert _axe(browser, server.url + "/?year=abc&lang=id") == []


