"""Requests shaped to lead links off the site: a path that names another host, a forged Host header.
And HEAD, which every GET route answers as its GET, without the body."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from bs4 import BeautifulSoup

OFF_SITE_PATHS = ["//evil.com/x", "///evil.com/x", "/\\evil.com/x", "/%5Cevil.com/x", "//evil.com/events/1",
                  "/%2F%2Fevil.com"]


def _links(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return ([a["href"] for a in page.find_all("a", href=True)] + [f["action"] for f in page.find_all("form")]
            + [link["href"] for link in page.find_all("link", href=True)])


@pytest.mark.parametrize("path", OFF_SITE_PATHS)
def test_no_page_links_off_the_site_whatever_its_path(served, path):
    with httpx.Client(timeout=30) as client:
        response = client.get(httpx.URL(served.url + path), params={"year": "2021"})
    assert response.status_code == 404
    links = _links(response.text)
    assert any("lang=id" in link for link in links)  # the language switch, built from the path
    for link in (link for link in links if not link.startswith("#")):
        parts = urlsplit(link)
        assert not parts.netloc and not parts.scheme, link
        assert link.startswith("/") and not link.startswith(("//", "/\\")), link
    switch = next(link for link in links if "lang=id" in link)
    assert switch.startswith("/evil.com") or switch.startswith("/%5Cevil.com") or switch.startswith("/%2F")


def test_a_forged_host_reaches_no_export_or_page(served):
    with served.client() as client:
        for url in ("/export?format=ics", "/export?format=timelinejs", "/events/1", "/", "/articles/1"):
            response = client.get(url, headers={"Host": "evil.example"})
            assert response.status_code == 200, url
            assert "evil.example" not in response.text, url


GET_ROUTES = ["/", "/?year=2021&type=meeting", "/events/1", "/articles/1", "/export?format=csv",
              "/export?format=ics", "/api/events", "/api/facets", "/api/events/1", "/api/articles/1",
              "/openapi.json", "/docs", "/static/css/app.css", "/events/999999", "/no/such/page", "/?year=abc"]


@pytest.mark.parametrize("url", GET_ROUTES)
def test_head_answers_as_get_without_a_body(served, url):
    with served.client() as client:
        get = client.get(url)
        head = client.head(url)
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    for name in ("content-type", "content-security-policy", "vary"):
        assert head.headers.get(name) == get.headers.get(name), name
    if "content-length" in get.headers and not get.headers.get("content-encoding"):
        assert head.headers["content-length"] == get.headers["content-length"]
