"""The ingest benchmark: hostile sizes and the real corpus, each file timed under the time budget.

    python -m bench.ingest            (or `make bench-ingest`; `--help` for the knobs)

Inputs, each in a fresh temporary SQLite database:

* 1 MB of generated article-like text (visits, talks and signings with names, places and dates;
  ``app.synth.long_article_text``) with line breaks, and the same without any (one line, as a
  careless scrape gives);
* the dev corpus (``--corpus``, default /work/shared/corpus: its ``en`` and ``id`` folders, read in
  place), skipped with a message when it is not there.

For each input it prints the end-to-end ``timeline ingest`` run (wall time, articles per second,
the summary line), then every file: its size, the time its parsing and extraction took in a worker
process under the budget (``TIMELINE_EXTRACT_TIMEOUT_SECONDS``, or ``--budget``), the events found,
and the outcome ("ok" or "too slow to extract"). Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_CORPUS = Path("/work/shared/corpus")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class FileFigures:
    name: str
    size: int
    seconds: float
    events: int | None
    outcome: str


@dataclass
class RunFigures:
    label: str
    files: int
    size: int
    wall_s: float
    stored: int
    summary: str


def _timed_extract(article_file, min_chars: int) -> tuple[float, int | str]:
    """In a worker: parse and extract one file; (seconds, events found or why it failed)."""
    from app.ingest.pipeline import extract_article

    began = time.perf_counter()
    result = extract_article(article_file, min_chars)
    return time.perf_counter() - began, result if isinstance(result, str) else len(result[1])


def time_files(paths: list[Path], budget: float) -> list[FileFigures]:
    """Each file parsed and extracted alone in a worker process, stopped at the budget."""
    from multiprocessing import get_context

    from pebble import ProcessPool

    from app.config import get_settings
    from app.ingest.files import Rejected, read_article_file
    from app.ingest.pipeline import warm_up

    settings = get_settings()
    for language in ("en", "id"):
        warm_up(language)  # the worker forked below starts with the lexicons loaded
    figures = []
    with ProcessPool(max_workers=1, context=get_context("fork")) as pool:
        for path in paths:
            read = read_article_file(path, settings.max_file_bytes, settings.min_article_chars)
            if isinstance(read, Rejected):
                figures.append(FileFigures(path.name, path.stat().st_size, 0.0, None, f"refused: {read.reason}"))
                continue
            began = time.perf_counter()
            future = pool.schedule(_timed_extract, args=(read, settings.min_article_chars), timeout=budget)
            try:
                seconds, result = future.result()
            except TimeoutError:
                figures.append(FileFigures(path.name, path.stat().st_size, time.perf_counter() - began, None,
                                           f"too slow to extract (stopped at {budget:g} s)"))
                continue
            if isinstance(result, str):
                figures.append(FileFigures(path.name, path.stat().st_size, seconds, None, f"failed: {result}"))
            else:
                figures.append(FileFigures(path.name, path.stat().st_size, seconds, result, "ok"))
    return figures


def time_ingest(label: str, paths: list[Path], budget: float, workers: int | None) -> RunFigures:
    """`timeline ingest` of ``paths`` into a fresh database, as a user runs it."""
    with tempfile.TemporaryDirectory(prefix="timeline-bench-ingest-") as tmp:
        url = f"sqlite:///{tmp}/ingest.db"
        subprocess.run([BIN / "timeline", "migrate", "--db", url], check=True, stdout=subprocess.DEVNULL)
        command = [BIN / "timeline", "ingest", "--db", url, "-q", *map(str, paths)]
        if workers is not None:
            command += ["--workers", str(workers)]
        env = {**os.environ, "TIMELINE_EXTRACT_TIMEOUT_SECONDS": str(budget)}
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - began
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
    stored = sum(int(part.split()[0]) for part in summary.split(", ") if part.endswith((" new", " updated")))
    files = [p for path in paths for p in (sorted(path.rglob("*")) if path.is_dir() else [path]) if p.is_file()]
    return RunFigures(label, len(files), sum(p.stat().st_size for p in files), wall, stored, summary)


def print_run(run: RunFigures, startup_s: float) -> None:
    print(f"\n### {run.label}: `timeline ingest` of {run.files} files ({run.size / 1024:,.0f} KiB)\n")
    beyond = run.wall_s - startup_s
    if beyond < 0.5:  # the run took no longer than the start-up measured apart: the rate would be noise
        print(f"{run.wall_s:.1f} s wall, within the start-up's own variation; {run.summary}\n")
        return
    print(f"{run.wall_s:.1f} s wall, {beyond:.1f} s beyond the start-up = {run.stored / beyond:.1f} articles/s "
          f"after start-up; {run.summary}\n")


def print_files(figures: list[FileFigures]) -> None:
    print("| file | KiB | parse+extract s | events | outcome |")
    print("|---|---:|---:|---:|---|")
    for f in figures:
        events = "" if f.events is None else f"{f.events}"
        print(f"| {f.name} | {f.size / 1024:,.1f} | {f.seconds:.2f} | {events} | {f.outcome} |")
    done = [f for f in figures if f.outcome == "ok"]
    if done:
        total = sum(f.seconds for f in done)
        print(f"\n{len(done)} of {len(figures)} extracted in {total:.2f} s = "
              f"{len(done) / max(total, 1e-9):.1f} articles/s in one worker; "
              f"slowest {max(done, key=lambda f: f.seconds).name} ({max(f.seconds for f in done):.2f} s)")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from app.config import get_settings
    from app.synth import long_article_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the generated articles")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding the corpus's en/ and id/ folders (read in place)")
    parser.add_argument("--budget", type=float, default=get_settings().extract_timeout_seconds,
                        help="time budget per file, seconds (default: the setting)")
    parser.add_argument("--workers", type=int, default=None, help="timeline ingest --workers (default: its own)")
    args = parser.parse_args()

    started = time.perf_counter()
    load_before = os.getloadavg()
    print(f"# ingest benchmark: budget {args.budget:g} s per file, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-long-") as tmp:
        one = Path(tmp) / "one-short-article.txt"
        one.write_text(long_article_text(1500, line_breaks=True), encoding="utf-8")
        say("start-up: one short article ...")
        startup = time_ingest(one.name, [one], args.budget, args.workers)
        print(f"\nstart-up: `timeline ingest` of one short article takes {startup.wall_s:.1f} s "
              f"(imports, migration check, loading one language's lexicons) [{startup.summary}]")
        generated = []
        for name, breaks in (("generated-1mb-lines.txt", True), ("generated-1mb-one-line.txt", False)):
            path = Path(tmp) / name
            path.write_text(long_article_text(args.size, line_breaks=breaks), encoding="utf-8")
            generated.append(path)
        for path in generated:
            say(f"{path.name} ...")
            print_run(time_ingest(path.name, [path], args.budget, args.workers), startup.wall_s)
            print_files(time_files([path], args.budget))
    for language in ("en", "id"):
        folder = args.corpus / language
        if not folder.is_dir():
            print(f"\n### corpus {language}: skipped, {folder} is not there (give --corpus)")
            continue
        say(f"corpus {language} ...")
        print_run(time_ingest(f"corpus {language} ({folder})", [folder], args.budget, args.workers),
                  startup.wall_s)
        print_files(time_files(sorted(folder.glob("*.txt")), args.budget))
    load_after = os.getloadavg()
    print(f"\n(run took {time.perf_counter() - started:.0f} s; load average before {load_before[0]:.1f}, "
          f"after {load_after[0]:.1f}: other work on the machine inflates the figures)")


if __name__ == "__main__":
    main()
