"""What a reader sees of a real ingested corpus (the seeds and the development articles of the shared
corpus, read in place; skipped where it is absent): titles that name the same people in both
interface languages."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app import queries
from app.db import make_engine
from app.extract.titles import short_name
from app.extract.types import Participant
from app.ingest.pipeline import ingest_paths
from app.migrate import upgrade_database
from app.models import Event
from app.web.labels import display_title
from tests.conftest import SEEDS
from tests.shared_corpus import LANGUAGES, articles, requires_corpus

pytestmark = requires_corpus


@pytest.fixture(scope="module")
def corpus_session(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'timeline.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    dev = [path for lang in LANGUAGES for path in articles(lang)]  # not the held-back ones: not read for failures
    summary = ingest_paths(engine, [SEEDS, *dev], workers=0)
    assert summary.ok, summary.failed
    with Session(engine) as session:
        yield session
    engine.dispose()


def _named(title: str, event) -> set[str]:
    """The people of ``event`` a title names (in full or by their short name)."""
    named = set()
    for p in event.participants:
        person = Participant(p.name, p.country, p.role, p.side)
        if p.name != p.country and (p.name in title or short_name(person) in title):
            named.add(p.name)
    return named


def test_titles_name_the_same_people_in_both_languages(corpus_session):
    ids = corpus_session.scalars(select(Event.id).order_by(Event.id)).all()
    events = queries.load_events(corpus_session, ids, with_sources=False)
    assert len(events) > 40
    differing = []
    for event in events:
        english, indonesian = display_title(event, "en"), display_title(event, "id")
        assert english == event.title
        if _named(english, event) != _named(indonesian, event):
            differing.append((event.id, english, indonesian))
    assert differing == []
