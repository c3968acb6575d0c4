"""Security headers on every kind of response: pages, fragments, API, static files and errors."""

from __future__ import annotations

import pytest

PAGES = [
    ("/", {}),
    ("/?year=2021&type=meeting", {"HX-Request": "true"}),  # the fragment
    ("/events/1", {}),
    ("/articles/1", {}),
    ("/export?format=csv", {}),
    ("/api/events", {}),
    ("/api/facets?year=2021", {}),
    ("/api/events/1", {}),
    ("/openapi.json", {}),
    ("/static/css/app.css", {}),
    ("/static/js/app.js", {}),
    ("/events/999999", {}),  # 404 page
    ("/no/such/page", {}),  # 404 page
    ("/?year=abc", {}),  # 400 page
    ("/api/events?page=0", {}),  # 422 JSON
    ("/api/events/999999", {}),  # 404 JSON
    ("/_test/explode", {}),  # 500 page from the error middleware
]


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("path, headers", PAGES, ids=[p if isinstance(p, str) else None for p, *_ in PAGES])
def test_every_response_carries_the_security_headers(served, path, headers):
    with served.client() as client:
        response = client.get(path, headers=headers)
    assert response.status_code < 600
    assert response.headers.get("x-content-type-options") == "nosniff", path
    assert response.headers.get("referrer-policy") in ("no-referrer", "strict-origin-when-cross-origin",
                                                       "same-origin"), path
    policy = _directives(response.headers.get("content-security-policy", ""))
    assert policy, f"{path}: no Content-Security-Policy"
    frame_ok = policy.get("frame-ancestors") == ["'none'"] or response.headers.get("x-frame-options") == "DENY"
    assert frame_ok, path
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, path
    assert "*" not in scripts and "data:" not in scripts, path
    assert policy.get("object-src") == ["'none'"], path


def test_error_statuses_are_the_expected_ones(served):
    with served.client() as client:
        assert client.get("/events/999999").status_code == 404
        assert client.get("/?year=abc").status_code == 400
        assert client.get("/api/events?page=0").status_code == 422
        assert client.get("/_test/explode").status_code == 500
