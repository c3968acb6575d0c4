"""Parsing helpers for the web tests: pages are read as HTML, never as substrings."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

# BeautifulSoup folds whitespace-only strings except inside these; the article text keeps its own.
KEEP_WHITESPACE = {"pre", "textarea", "div", "blockquote", "mark", "span"}


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser", preserve_whitespace_tags=KEEP_WHITESPACE)


def htmx(**extra: str) -> dict[str, str]:
    return {"HX-Request": "true", **extra}


def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def path(url: str) -> str:
    return urlsplit(url).path


def cards(page: BeautifulSoup) -> list[Tag]:
    return page.select("ol.cards > li.card")


def card_dates(page: BeautifulSoup) -> list[str]:
    return [card.select_one(".card__when time")["datetime"] for card in cards(page)]


def text_without_labels(element: Tag) -> str:
    """The text of ``element`` leaving out the passage labels (``.plabel``) set into it."""
    parts = []
    for node in element.descendants:
        if isinstance(node, NavigableString) and not any(
            isinstance(parent, Tag) and "plabel" in (parent.get("class") or []) for parent in node.parents
        ):
            parts.append(str(node))
    return "".join(parts)


def facet_options(page: BeautifulSoup, facet: str) -> dict[str, tuple[int | None, Tag]]:
    """label → (count, link) of one facet's options."""
    options = {}
    for link in page.select(f"section.facet--{facet} a.facet__option"):
        label = link.select_one(".facet__label")
        text = "".join(s for s in label.strings if "visually-hidden" not in (s.parent.get("class") or [])).strip()
        count = link.select_one(".facet__count")
        options[text] = (int(count.get_text().replace(",", "")) if count else None, link)
    return options


def vary(response) -> list[str]:
    """The header names a response varies on (GZip adds Accept-Encoding beside HX-Request)."""
    return [name.strip() for name in response.headers.get("vary", "").split(",") if name.strip()]


def date_parts(text: str) -> tuple[list[str], bool]:
    """What a shown date says, not how a release of the locale data spaces it: its words and
    numbers, and whether it is a range. "2–4 Jul 2024" and "2\u2009–\u20094 Jul 2024" (a newer Babel)
    both give (["2", "4", "Jul", "2024"], True)."""
    return re.findall(r"\w+", text), bool(re.search(r"\d\s*[–—-]\s*\d", text))
