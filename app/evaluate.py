"""Score exported events against hand-made gold events (the rules of the shared corpus's README).

A predicted event matches a gold event when the type is the same, its start date falls inside
the gold range at the coarser of the two precisions, and a participant shares a name part.
Matching is one to one, best first; recall counts required gold events only.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STATE_NAMES = {"china", "kazakhstan"}


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return ascii_text.lower().replace("-", " ").replace("'", "").strip()


def name_parts(names: Iterable) -> set[str]:
    """First and last word of each name (Chinese names put the family name first)."""
    parts: set[str] = set()
    for name in names:
        if isinstance(name, dict):
            name = name.get("name") or ""
        words = _fold(name).split()
        if words:
            parts.update({words[0], words[-1]})
    return parts


def _date(value) -> tuple[int, ...] | None:
    return tuple(int(x) for x in str(value)[:10].split("-")) if value else None


def date_within(predicted, low, high) -> bool:
    if predicted is None or low is None:
        return False
    high = high or low
    return predicted[: len(low)] >= low[: len(predicted)] and predicted[: len(high)] <= high[: len(predicted)]


def source_files(event: dict) -> set[str]:
    files = set()
    for source in event.get("sources") or []:
        name = source.get("file") or (source.get("article") or {}).get("file") or ""
        files.add(name.rsplit("/", 1)[-1])
    return files


@dataclass
class Score:
    predicted: int
    gold_required: int
    matched: int
    matched_required: int
    precision: float
    recall: float
    f1: float
    exact_date: float
    source_coverage: float
    missed: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    pairs: list[tuple[dict, dict]] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"exact_date={self.exact_date:.3f} sources={self.source_coverage:.3f} "
                f"(predicted {self.predicted}, matched {self.matched}, gold required {self.gold_required})")


def score(gold: Sequence[dict], predicted: Sequence[dict], files: set[str] | None = None) -> Score:
    if files is not None:
        gold = [g for g in gold if set(g["files"]) & files]
        predicted = [p for p in predicted if source_files(p) & files]
    candidates = []
    for i, p in enumerate(predicted):
        p_date = _date(p.get("date_start"))
        p_names = name_parts(p.get("participants") or [])
        for j, g in enumerate(gold):
            if p.get("type") != g["type"]:
                continue
            if not date_within(p_date, _date(g["date_start"]), _date(g.get("date_end"))):
                continue
            g_names = name_parts(g.get("participants") or [])
            if not g_names <= STATE_NAMES and not p_names & g_names:
                continue
            exact = len(p_date) == len(_date(g["date_start"]))
            overlap = len(source_files(p) & set(g["files"]))
            candidates.append((-int(g.get("required", True)), -int(exact), -overlap, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    required = [j for j, g in enumerate(gold) if g.get("required", True)]
    matched_required = sum(1 for _, j in pairs if gold[j].get("required", True))
    precision = len(pairs) / len(predicted) if predicted else 0.0
    recall = matched_required / len(required) if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(1 for i, j in pairs if _date(predicted[i]["date_start"]) == _date(gold[j]["date_start"]))
    coverage = [len(source_files(predicted[i]) & _scored_files(gold[j], files)) / len(_scored_files(gold[j], files))
                for i, j in pairs]
    return Score(
        predicted=len(predicted), gold_required=len(required), matched=len(pairs),
        matched_required=matched_required, precision=precision, recall=recall, f1=f1,
        exact_date=exact / len(pairs) if pairs else 0.0,
        source_coverage=sum(coverage) / len(coverage) if coverage else 0.0,
        missed=[gold[j] for j in required if j not in used_g],
        extra=[predicted[i] for i in range(len(predicted)) if i not in used_p],
        pairs=[(predicted[i], gold[j]) for i, j in pairs],
        gold=list(gold),
    )


def _scored_files(gold_event: dict, files: set[str] | None) -> set[str]:
    """The files of a gold event that were scored (all of them when no part was chosen)."""
    named = set(gold_event["files"])
    return named & files if files is not None else named


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_files(gold: Sequence[dict]) -> set[str]:
    return {name for g in gold for name in g["files"]}


def read_file_list(path: Path) -> set[str]:
    """The file names a list names, one a line (`lang/name` or `name`); `#` starts a comment."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            names.add(entry.rsplit("/", 1)[-1])
    return names


def select_files(paths: Iterable[Path], *, only: set[str] | None = None,
                 exclude: set[str] | None = None) -> list[Path]:
    """The `.txt` files under ``paths``, kept or left out by name."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return [f for f in found
            if (only is None or f.name in only) and (exclude is None or f.name not in exclude)]


def evaluate_files(gold_path: Path, files: Sequence[Path]) -> tuple[Score, list[dict], list]:
    """Ingest ``files`` into a temporary database and score its export against the gold of those files."""
    import tempfile

    from sqlmodel import Session

    from app.db import make_engine
    from app.export import event_dict, iter_events
    from app.ingest.pipeline import ingest_paths
    from app.migrate import upgrade_database

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/evaluate.db"
        upgrade_database(url)
        engine = make_engine(url)
        summary = ingest_paths(engine, files)
        with Session(engine) as session:
            predicted = [event_dict(e) for e in iter_events(session)]
        engine.dispose()
    result = score(load_gold(gold_path), predicted, files={f.name for f in files})
    return result, predicted, summary.failed
