"""The `timeline` command: migrate, ingest, reindex, export, serve, extract, evaluate, synth."""

from __future__ import annotations

import json
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from app.config import get_settings

cli = typer.Typer(help="China–Kazakhstan diplomatic timeline explorer.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy database URL (default: $TIMELINE_DATABASE_URL or ./timeline.db)"),
]


def database_url(db: str | None) -> str:
    return db or get_settings().database_url


def _engine(db: str | None):
    from app.db import make_engine
    from app.migrate import upgrade_database

    url = database_url(db)
    upgrade_database(url)
    return make_engine(url)


@cli.command()
def migrate(db: DbOption = None) -> None:
    """Create or upgrade the database schema (Alembic `upgrade head`)."""
    from app.migrate import upgrade_database

    upgrade_database(database_url(db))
    typer.echo(f"database at head: {database_url(db)}")


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (searched recursively)")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary")] = False,
    workers: Annotated[int | None, typer.Option(
        help="Processes that parse and extract beside the one that stores (0: all in one process; "
             "default: one fewer than the cores)", min=0, max=64)] = None,
) -> None:
    """Read articles, extract events, store them. Idempotent: unchanged files are skipped."""
    from app.ingest.pipeline import ingest_paths, list_inputs

    engine = _engine(db)
    show_bar = sys.stderr.isatty() and not quiet
    if show_bar:
        from rich.progress import Progress

        total = len(list_inputs(paths))
        with Progress(transient=True) as bar:
            task = bar.add_task("ingesting", total=total)
            summary = ingest_paths(engine, paths, progress=lambda path, outcome: bar.advance(task),
                                   workers=workers)
    else:
        summary = ingest_paths(engine, paths, workers=workers)
    for path, reason in summary.failed:
        typer.echo(f"failed: {path}: {reason}", err=True)
    typer.echo(summary.line())
    raise typer.Exit(0 if summary.ok else 1)


@cli.command()
def reindex(db: DbOption = None) -> None:
    """Rebuild the search index's stems of every article and event (after the lexicons or stemmers change)."""
    import time

    from app.db import refresh_statistics
    from app.search.index import rebuild

    engine = _engine(db)
    began = time.perf_counter()
    with engine.begin() as conn:
        articles, events = rebuild(conn)
    refresh_statistics(engine)
    engine.dispose()
    typer.echo(f"reindexed {articles:,} articles and {events:,} events in {time.perf_counter() - began:.1f} s")


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


@cli.command()
def export(
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
) -> None:
    """Print every event: {"events": [...]} as JSON, or CSV."""
    from sqlmodel import Session

    from app.export import export_csv, export_json

    engine = _engine(db)
    with Session(engine) as session:
        text = export_json(session) if format is ExportFormat.json else export_csv(session)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@cli.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development)")] = False,
) -> None:
    """Serve the web timeline and the JSON API with uvicorn (workers: one process per core)."""
    import os

    from app.migrate import upgrade_database
    from app.serve import serve as run

    url = database_url(db)
    upgrade_database(url)
    os.environ["TIMELINE_DATABASE_URL"] = url
    get_settings.cache_clear()  # read again with the URL (a single worker runs in this process)
    run(host=host, port=port, workers=workers, reload=reload)


@cli.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Show what the extractor finds in one article: dates, people, places, triggers, events."""
    from app.extract.article import parse_article
    from app.extract.pipeline import explain
    from app.ingest.files import Rejected, read_article_file

    read = read_article_file(file, get_settings().max_file_bytes)
    if isinstance(read, Rejected):
        typer.echo(f"{read.path}: {read.reason}", err=True)
        raise typer.Exit(1)
    parsed = parse_article(read.text, file.name)
    report = explain(parsed)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    from app.extract.pipeline import format_explanation

    typer.echo(format_explanation(parsed, report))


@cli.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold events, one JSON object a line")],
    files: Annotated[list[Path], typer.Argument(help="The article files (or folders) the gold covers")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list matched pairs")] = False,
) -> None:
    """Ingest FILES into a temporary database and score the events against GOLD."""
    from sqlmodel import Session

    from app.evaluate import load_gold, score
    from app.export import event_dict, iter_events
    from app.ingest.pipeline import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(f"sqlite:///{tmp}/evaluate.db")
        summary = ingest_paths(engine, files)
        with Session(engine) as session:
            predicted = [event_dict(e) for e in iter_events(session)]
        engine.dispose()
    gold_events = load_gold(gold)
    result = score(gold_events, predicted)
    gold_file_names = {name for g in gold_events for name in g["files"]}
    from_negatives = [p for p in predicted if not ({s["article"]["file"] for s in p["sources"]} & gold_file_names)]
    if as_json:
        typer.echo(json.dumps({
            "precision": result.precision, "recall": result.recall, "f1": result.f1,
            "exact_date": result.exact_date, "source_coverage": result.source_coverage,
            "predicted": result.predicted, "matched": result.matched, "gold_required": result.gold_required,
            "events_from_articles_without_gold": len(from_negatives),
            "missed": [g["id"] for g in result.missed],
            "extra": [{"type": e["type"], "date_start": e["date_start"], "title": e["title"]} for e in result.extra],
        }, ensure_ascii=False, indent=2))
        return
    for path, reason in summary.failed:
        typer.echo(f"failed: {path}: {reason}", err=True)
    for g in result.missed:
        typer.echo(f"missed: {g['id']} {g['type']} {g['date_start']} {', '.join(g.get('participants') or [])} "
                   f"[{', '.join(g['files'])}]")
    for e in result.extra:
        files_of = ", ".join(sorted({s['article']['file'] for s in e["sources"]}))
        typer.echo(f"extra:  {e['type']} {e['date_start']} {e['title']} [{files_of}]")
    if verbose:
        for p, g in result.pairs:
            typer.echo(f"match:  {g['id']} ← {p['type']} {p['date_start']} {p['title']}")
    typer.echo(f"events from articles without gold events: {len(from_negatives)}")
    typer.echo(result.line())


@cli.command()
def synth(
    events: Annotated[int, typer.Option(help="Events to generate")] = 100_000,
    articles: Annotated[int, typer.Option(help="Articles to generate")] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data")] = 1,
    db: DbOption = None,
) -> None:
    """Fill a database with realistic synthetic events and articles (for benchmarks)."""
    import time

    from app.synth import synthesize

    engine = _engine(db)
    began = time.perf_counter()
    summary = synthesize(engine, events=events, articles=articles, seed=seed)
    typer.echo(f"{summary.events:,} events, {summary.articles:,} articles, {summary.evidence:,} passages "
               f"in {time.perf_counter() - began:.1f} s")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
