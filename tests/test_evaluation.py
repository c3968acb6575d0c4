"""Extraction quality on the dev corpus, scored against the hand-made gold events.

The floors are raised as the extractor improves; the figures are printed (run with -s).
"""

from pathlib import Path

import pytest

from app.evaluate import evaluate_files, load_gold
from tests.shared_corpus import SHARED_CORPUS, articles, gold_path, negatives, requires_corpus

SEEDS = Path(__file__).parent.parent / "seeds"
PROBE = Path(__file__).parent / "probe"
PROBE2 = Path(__file__).parent / "probe2"
PROBE3 = Path(__file__).parent / "probe3"
PROBE5 = Path(__file__).parent / "probe5"
PROBE7 = Path(__file__).parent / "probe7"
PROBE8 = Path(__file__).parent / "probe8"
PROBE9 = Path(__file__).parent / "probe9"
PROBE10 = Path(__file__).parent / "probe10"
PROBE11 = Path(__file__).parent / "probe11"

# part: (gold file, articles, F1 floor, exact-date floor)
# The real corpus is read in place (../shared/corpus); its held-back parts are scored only, never read
# for failures, so their floors are set well under the first-sight figures: they catch a collapse, not
# a regression of a point. The probes are articles the team wrote to test generalisation (outlets, years
# and people the dev corpus lacks); those diagnosed guard against regressions; probe 10 is held back
# like the real held-back part (scored only, a floor that catches a collapse).
PARTS = {
    "seeds": (gold_path("seeds"), [SEEDS], 0.98, 0.89),
    "id": (gold_path("id"), articles("id"), 0.95, 0.80),
    "en": (gold_path("en"), articles("en"), 0.97, 0.85),
    "id-held-back": (gold_path("id"), articles("id", held_back=True), 0.6, 0.6),
    "en-held-back": (gold_path("en"), articles("en", held_back=True), 0.6, 0.6),
    "probe": (PROBE / "probe.gold.jsonl", [PROBE], 0.97, 0.90),
    "probe2": (PROBE2 / "probe2.gold.jsonl", [PROBE2], 0.98, 0.95),
    "probe3": (PROBE3 / "probe3.gold.jsonl", [PROBE3], 0.95, 0.95),
    "probe5": (PROBE5 / "probe5.gold.jsonl", [PROBE5], 0.97, 0.83),
    "probe7": (PROBE7 / "probe7.gold.jsonl", [PROBE7], 0.81, 0.90),
    "probe8": (PROBE8 / "probe8.gold.jsonl", [PROBE8], 0.86, 0.89),
    "probe9": (PROBE9 / "probe9.gold.jsonl", [PROBE9], 0.85, 0.88),
    "probe10-held-back": (PROBE10 / "probe10.gold.jsonl", [PROBE10], 0.6, 0.6),
    "probe11": (PROBE11 / "probe11.gold.jsonl", [PROBE11], 0.77, 0.83),
}
REAL = {"seeds", "id", "en", "id-held-back", "en-held-back"}


def negative_files(part: str) -> set[str]:
    if part in REAL:
        return negatives()
    folder = PARTS[part][1][0]
    manifest = folder / f"{folder.name}.manifest.jsonl"
    return {row["file"] for row in load_gold(manifest) if row["kind"] == "negative"} if manifest.exists() else set()


def _files(paths: list[Path]) -> list[Path]:
    return [f for p in paths for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]


@pytest.fixture(scope="module")
def scored():
    results = {}
    for part, (gold, paths, *_floors) in PARTS.items():
        if part in REAL and not SHARED_CORPUS.is_dir():
            continue
        result, predicted, failed = evaluate_files(gold, _files(paths))
        assert not failed, failed
        results[part] = (result, predicted)
    return results


def _scored(scored, part):
    if part not in scored:
        pytest.skip(f"the shared corpus is not at {SHARED_CORPUS}")
    return scored[part]


@pytest.mark.parametrize("part", PARTS)
def test_f1_and_dates_stay_above_the_floor(scored, part):
    result, _ = _scored(scored, part)
    print(f"\n{part}: {result.line()}")
    _, _, f1_floor, date_floor = PARTS[part]
    assert result.f1 >= f1_floor
    assert result.exact_date >= date_floor


@pytest.mark.parametrize("part", PARTS)
def test_no_events_from_negative_articles(scored, part):
    _, predicted = _scored(scored, part)
    bad = negative_files(part)
    from_negatives = [e["title"] for e in predicted if {s["article"]["file"] for s in e["sources"]} & bad]
    if part.endswith("held-back"):  # scored only: the count, not what the events are
        assert len(from_negatives) == 0
    else:
        assert from_negatives == []


def test_every_passage_is_the_stored_text(scored):
    for _, predicted in scored.values():
        for event in predicted:
            assert event["sources"], event["title"]
            for source in event["sources"]:
                assert source["text"] and len(source["text"]) == source["end"] - source["start"]
