"""Extraction quality on the dev corpus, scored against the hand-made gold events.

The floors are raised as the extractor improves; the figures are printed (run with -s).
"""

from pathlib import Path

import pytest
from sqlmodel import Session

from app.evaluate import load_gold, score
from app.export import event_dict, iter_events
from app.ingest.pipeline import ingest_paths

CORPUS = Path(__file__).parent / "corpus"
SEEDS = Path(__file__).parent.parent / "seeds"
PROBE = Path(__file__).parent / "probe"
PROBE2 = Path(__file__).parent / "probe2"
PROBE3 = Path(__file__).parent / "probe3"
PROBE5 = Path(__file__).parent / "probe5"

# part: (gold file, articles, F1 floor, exact-date floor)
# The probes (articles the team wrote to test generalisation: outlets, years and people the dev corpus
# lacks) are the closest stand-ins for unseen articles; all three have since been diagnosed, so their floors,
# just under what the extractor reaches, guard against regressions rather than measure generalisation.
PARTS = {
    "seeds": (CORPUS / "seeds.gold.jsonl", SEEDS, 0.98, 0.89),
    "id": (CORPUS / "id.gold.jsonl", CORPUS / "id", 0.98, 0.80),
    "en": (CORPUS / "en.gold.jsonl", CORPUS / "en", 0.98, 0.85),
    "probe": (PROBE / "probe.gold.jsonl", PROBE, 0.97, 0.90),
    "probe2": (PROBE2 / "probe2.gold.jsonl", PROBE2, 0.98, 0.95),
    "probe3": (PROBE3 / "probe3.gold.jsonl", PROBE3, 0.95, 0.95),
    "probe5": (PROBE5 / "probe5.gold.jsonl", PROBE5, 0.97, 0.83),
}
MANIFESTS = {"probe": PROBE / "probe.manifest.jsonl", "probe2": PROBE2 / "probe2.manifest.jsonl",
             "probe3": PROBE3 / "probe3.manifest.jsonl", "probe5": PROBE5 / "probe5.manifest.jsonl"}


def negatives(part: str) -> set[str]:
    manifest = MANIFESTS.get(part, CORPUS / f"{part}.manifest.jsonl")
    if not manifest.exists():
        return set()
    return {row["file"] for row in load_gold(manifest) if row["kind"] == "negative"}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    from app.db import make_engine
    from app.migrate import upgrade_database

    results = {}
    for part, (gold_path, folder, *_floors) in PARTS.items():
        url = f"sqlite:///{tmp_path_factory.mktemp(part) / 'eval.db'}"
        upgrade_database(url)
        engine = make_engine(url)
        summary = ingest_paths(engine, [folder])
        assert summary.ok, summary.failed
        with Session(engine) as session:
            predicted = [event_dict(e) for e in iter_events(session)]
        engine.dispose()
        results[part] = (score(load_gold(gold_path), predicted), predicted)
    return results


@pytest.mark.parametrize("part", PARTS)
def test_f1_and_dates_stay_above_the_floor(scored, part):
    result, _ = scored[part]
    print(f"\n{part}: {result.line()}")
    _, _, f1_floor, date_floor = PARTS[part]
    assert result.f1 >= f1_floor
    assert result.exact_date >= date_floor


@pytest.mark.parametrize("part", PARTS)
def test_no_events_from_negative_articles(scored, part):
    _, predicted = scored[part]
    bad = negatives(part)
    from_negatives = [e["title"] for e in predicted if {s["article"]["file"] for s in e["sources"]} & bad]
    assert from_negatives == []


def test_every_passage_is_the_stored_text(scored):
    for _, predicted in scored.values():
        for event in predicted:
            assert event["sources"], event["title"]
            for source in event["sources"]:
                assert source["text"] and len(source["text"]) == source["end"] - source["start"]
