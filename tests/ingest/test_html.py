"""Web pages as input: the article's text from trafilatura, its title and date from the metadata,
or a refusal that says why."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.config import Settings
from app.export import iter_events
from app.extract.types import PartialDate
from app.ingest.html import NotAnArticlePage, parse_page, read_page
from app.ingest.pipeline import ingest_paths
from app.models import Article
from tests.ingest.html_pages import FRAGMENT, MENU_ONLY, REDIRECT, SAVED_PAGE


def test_a_saved_page_gives_its_article_title_and_date():
    page = read_page(SAVED_PAGE, min_chars=100)
    assert page.title == "Tokayev and Xi hold talks in Astana"
    assert page.published == PartialDate(2024, 7, 3)
    assert page.text.startswith("Tokayev and Xi hold talks in Astana\n")
    assert "railway crossing" in page.text and "agreement on cooperation in energy" in page.text
    for left_out in ("saved from a browser", "a reader remembers", "tracking", "Home", "Copyright"):
        assert left_out not in page.text


def test_the_metadata_title_and_date_reach_the_parsed_article():
    parsed = parse_page(read_page(SAVED_PAGE, min_chars=100), "talks.html")
    assert parsed.title == "Tokayev and Xi hold talks in Astana"
    assert parsed.published == PartialDate(2024, 7, 3)
    assert parsed.text[slice(*parsed.extra["title_span"])] == parsed.title
    assert parsed.language == "en"


def test_a_bare_fragment_is_read_and_titled_from_its_text():
    page = read_page(FRAGMENT, min_chars=100)
    assert page.text.startswith("Kassym-Jomart Tokayev held talks")
    assert page.published is None
    assert not page.title or "<" not in page.title


@pytest.mark.parametrize("html, reason", [
    (REDIRECT, "an HTML redirect page (meta refresh), not an article"),
    (MENU_ONLY, "an HTML page without an article"),
    ("<html><body><p>x</p></body></html>", "an HTML page without an article: 1 characters"),
])
def test_a_page_without_an_article_is_refused_with_the_reason(html, reason):
    with pytest.raises(NotAnArticlePage, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_page(html, min_chars=100)


def test_pages_are_ingested_with_their_metadata(tmp_path, db_url, engine):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "talks.html").write_text(SAVED_PAGE, encoding="utf-8")
    (folder / "scraped.txt").write_text(SAVED_PAGE.replace("2024-07-03", "2024-07-04")
                                        .replace("Wednesday", "Thursday"), encoding="utf-8")
    (folder / "moved.htm").write_text(REDIRECT, encoding="utf-8")
    summary = ingest_paths(engine, [folder], settings=Settings(database_url=db_url))
    assert sorted(p.name for p in summary.new) == ["scraped.txt", "talks.html"]
    assert [(p.name, reason) for p, reason in summary.failed] == [
        ("moved.htm", "an HTML redirect page (meta refresh), not an article")]
    with Session(engine) as session:
        articles = {a.file_name: a for a in session.scalars(select(Article))}
    for name, day in (("talks.html", "2024-07-03"), ("scraped.txt", "2024-07-04")):
            article = articles[name]
            assert article.title == "Tokayev and Xi hold talks in Astana"
            assert article.published == day
            assert "<" not in article.text and "saved from a browser" not in article.text
    with Session(engine) as session:
        events = [e for e in iter_events(session) if any(s.article.file == "talks.html" for s in e.sources)]
    assert {(e.type, e.date_start) for e in events} >= {("meeting", "2024-07-03")}
    assert all("reader" not in s.text for e in events for s in e.sources)
    again = ingest_paths(engine, [folder], settings=Settings(database_url=db_url))
    assert len(again.unchanged) == 2 and not again.new
