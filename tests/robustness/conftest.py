"""A small real timeline served over loopback, shared by the header and fuzzing tests."""

from __future__ import annotations

import pytest

from app.db import make_engine
from app.migrate import upgrade_database
from tests.conftest import LiveServer
from tests.factories import build_timeline


@pytest.fixture(scope="module")
def timeline_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('robust') / 'timeline.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    build_timeline(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def served(timeline_url):
    """A live server whose app also has a route that fails, to see what a 500 looks like."""
    live = LiveServer(timeline_url)

    def explode():
        raise RuntimeError("boom")

    live.server.config.app.add_api_route("/_test/explode", explode, include_in_schema=False)
    with live:
        yield live
