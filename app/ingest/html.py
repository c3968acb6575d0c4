"""Web pages as input: the article taken out of the page, with its title and date from the metadata.

A page saved from a browser is mostly menus, teasers, comments and scripts around one article.
trafilatura (made for this) finds the main text; its metadata reader takes the headline (Open
Graph, ``<title>``, the main heading) and the publication date (``article:published_time``,
JSON-LD, ``<time>``: the page's own metadata, never a date guessed from its text). Comments under
the article are left out, so that a reader's remark never becomes a passage, and an HTML comment is
never text. What is stored is the headline, a blank line and the main text, so that the article
page reads as the site did and every passage points into that text.

A page with no article in it (a redirect, a bare menu, a few words) is refused with the reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

import trafilatura

from app.extract.article import parse_article
from app.extract.types import ParsedArticle, PartialDate
from app.ingest.files import too_short

META_REFRESH = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?refresh""", re.IGNORECASE)
DOCUMENT_TAG = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class NotAnArticlePage(ValueError):
    """The page holds no article to read; the message says why."""


@dataclass(frozen=True)
class Page:
    text: str  # what is stored: the headline, a blank line, the main text
    title: str | None
    published: PartialDate | None


def read_page(html: str, min_chars: int) -> Page:
    """The article in a web page (or a piece of one), or ``NotAnArticlePage`` saying why there is none."""
    if not DOCUMENT_TAG.search(html[:65536]):
        html = f"<html><body>{html}</body></html>"  # a bare fragment: give it the document it lacks
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_images=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = (document.text or "").strip() if document is not None else ""
    if too_short(body, min_chars):
        if META_REFRESH.search(html):
            raise NotAnArticlePage("an HTML redirect page (meta refresh), not an article")
        found = len("".join(body.split()))
        raise NotAnArticlePage(f"an HTML page without an article: {found:,} characters of main text "
                               f"(minimum {min_chars:,})")
    title = " ".join((document.title or "").split()) or None
    if title and body.split("\n", 1)[0].strip() != title:
        body = f"{title}\n\n{body}"
    return Page(text=body, title=title, published=_date(document.date))


def _date(value: str | None) -> PartialDate | None:
    if not value or not ISO_DATE.fullmatch(value):
        return None
    try:
        return PartialDate.from_iso(value)
    except ValueError:
        return None


def parse_page(page: Page, file_name: str | None = None) -> ParsedArticle:
    """``parse_article`` on the page's text, with the headline and the date the metadata gave."""
    parsed = parse_article(page.text, file_name)
    changes: dict = {}
    if page.title:
        changes["title"] = page.title
        changes["extra"] = {**parsed.extra, "title_span": (0, len(page.title))}
    if page.published is not None:
        changes["published"] = page.published
        changes["published_phrase"] = page.published.iso()
    return replace(parsed, **changes) if changes else parsed
