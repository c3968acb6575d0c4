"""Editors in a real browser: sign in, review, each edit kind, add from a passage, split, merge, revert, the queue."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from tests.curation.conftest import PASSWORD, event_ids, site  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(browser, site):  # noqa: F811
    """A page signed in as an editor, through the sign-in form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url + "/login?next=/")
    page.fill("#username", "editor")
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(site.url + "/")
    page.base = site.url
    yield page
    context.close()
    assert errors == []


def test_sign_in_and_out(editor):
    assert editor.locator(".site-nav").get_by_text("Review queue").is_visible()
    editor.click(".site-nav__signout button")
    editor.wait_for_url(editor.base + "/")
    assert editor.locator(".site-footer__editors a").is_visible()
    assert editor.locator(".site-nav__signout").count() == 0


def test_verify_then_revert_from_the_history(editor, site):  # noqa: F811
    event = event_ids(site)["talks"]
    editor.goto(f"{editor.base}/events/{event}")
    editor.fill("#review-note", "checked against both reports")
    editor.click("#review button[value=verified]")
    editor.wait_for_url(re.compile(rf"/events/{event}#review"))
    assert editor.locator(".event-page__head .badge--verified").is_visible()
    first = editor.locator(".history__item").first
    assert "Reviewed" in first.inner_text() and "checked against both reports" in first.inner_text()
    first.locator("button", has_text="Revert").click()
    editor.wait_for_url(re.compile(rf"/events/{event}#history"))
    assert editor.locator(".event-page__head .badge--verified").count() == 0
    assert "Reverted change" in editor.locator(".history__item").first.inner_text()


def test_edit_date_place_topics_and_a_participant_from_the_lexicon(editor, site):  # noqa: F811
    event = event_ids(site)["statement"]
    editor.goto(f"{editor.base}/events/{event}")
    editor.click("text=Edit fields")
    editor.wait_for_url(re.compile(r"/edit$"))
    editor.fill("#f-date", "2024-07-04")
    editor.fill("#f-place", "Almaty")
    editor.fill("#f-place-country", "Kazakhstan")
    editor.check("#t-energy")
    editor.fill("#p2-name", "Alikhan Smailov")  # in the lexicon: the country comes from it
    editor.fill("#p2-office", "Prime Minister of Kazakhstan")
    editor.fill("#f-note", "date from the signing ceremony's programme")
    editor.click("form.form button[type=submit]")
    editor.wait_for_url(re.compile(rf"/events/{event}#history"))
    facts = editor.locator(".facts").inner_text()
    assert "4 Jul 2024" in facts and "Almaty" in facts and "Alikhan Smailov" in facts and "Energy" in facts
    assert "(Kazakhstan)" in editor.locator(".people li", has_text="Alikhan Smailov").inner_text()
    changes = editor.locator(".history__item").first.locator(".history__changes").inner_text()
    assert "2024-07-04" in changes and "Almaty, Kazakhstan" in changes


def test_a_new_event_from_a_selected_passage(editor, site):  # noqa: F811
    with site.engine.connect() as conn:
        article, body = conn.execute(text("SELECT id, text FROM articles WHERE file_name = 'hostile.txt'")).one()
    wanted = "the number of agreements"
    start = body.index(wanted)
    editor.goto(f"{editor.base}/articles/{article}")
    editor.evaluate("""(wanted) => {
        const root = document.getElementById('article-text');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.nodeValue.indexOf(wanted);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at); range.setEnd(node, at + wanted.length);
                const selection = window.getSelection();
                selection.removeAllRanges(); selection.addRange(range);
                document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
            }
        }
        throw new Error('text not found');
    }""", wanted)
    assert editor.input_value("#ne-start") == str(start)
    assert editor.input_value("#ne-end") == str(start + len(wanted))
    assert editor.locator(".new-event__selection").inner_text().strip() == wanted
    editor.click("text=New event from this passage")
    editor.wait_for_url(re.compile(r"/new-event\?"))
    assert editor.locator("blockquote.quote__text").inner_text() == wanted
    editor.select_option("#f-type", "agreement")
    editor.fill("#f-subtype", "memorandum")
    editor.fill("#f-date", "2021-05")
    editor.fill("#p0-name", "Kassym-Jomart Tokayev")
    editor.click("text=Add the event")
    editor.wait_for_url(re.compile(r"/events/\d+$"))
    assert editor.locator(".sources blockquote").inner_text() == wanted
    assert "Added from a passage" in editor.locator(".history__item").first.inner_text()
    assert editor.evaluate("window.__pwned") is None


def test_split_a_passage_off_then_merge_it_back(editor, site):  # noqa: F811
    event = event_ids(site)["visit"]
    editor.goto(f"{editor.base}/events/{event}/split")
    boxes = editor.locator("input[name=move]")
    assert boxes.count() >= 2
    boxes.last.check()
    editor.click("text=Move them to a new event")
    editor.wait_for_url(re.compile(r"/events/\d+/edit$"))
    new = int(re.search(r"/events/(\d+)/edit", editor.url).group(1))
    editor.fill("#f-title", "The arrival, reported apart")
    editor.click("form.form button[type=submit]")
    editor.wait_for_url(re.compile(rf"/events/{new}#history"))
    assert editor.locator("h1").inner_text() == "The arrival, reported apart"
    editor.goto(f"{editor.base}/events/{event}/merge")
    editor.check(f"#other-{new}")
    editor.click("form.form button[type=submit]")
    editor.wait_for_url(re.compile(rf"/events/{event}#history"))
    assert "Merged with event" in editor.locator(".history__item").first.inner_text()
    assert editor.goto(f"{editor.base}/events/{new}").status == 404


def test_the_review_queue_by_keyboard(editor, site):  # noqa: F811
    with site.engine.connect() as conn:
        queue = conn.execute(text("SELECT id FROM events WHERE review_status = 'unreviewed' "
                                  "ORDER BY confidence, id")).scalars().all()
    editor.goto(editor.base + "/review")

    def current() -> int:
        return int(editor.locator("#current-title a").get_attribute("href").rsplit("/", 1)[1])

    assert current() == queue[0]
    editor.keyboard.press("n")  # skip
    editor.wait_for_url(re.compile(rf"after={queue[0]}"))
    assert current() == queue[1]
    editor.keyboard.press("v")  # verify
    editor.wait_for_url(re.compile(rf"after={queue[1]}"))
    assert current() == queue[2]
    editor.fill("#review-note", "not about China and Kazakhstan x")  # typing in the note is no shortcut
    assert current() == queue[2]
    editor.evaluate("document.activeElement.blur()")
    editor.keyboard.press("x")  # reject, with the note
    editor.wait_for_url(re.compile(rf"after={queue[2]}"))
    with site.engine.connect() as conn:
        statuses = dict(conn.execute(text("SELECT id, review_status FROM events WHERE id IN (:a, :b, :c)"),
                                     {"a": queue[0], "b": queue[1], "c": queue[2]}).all())
    assert statuses == {queue[0]: "unreviewed", queue[1]: "verified", queue[2]: "rejected"}
