"""The `timeline` command: migrate, ingest, reindex, export, serve, extract, evaluate, synth, user."""

from __future__ import annotations

import json
import sys
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
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .html) or folders (searched recursively)")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures and the summary")] = False,
    workers: Annotated[int | None, typer.Option(
        help="Processes that parse and extract beside the one that stores, each file under the time "
             "budget (default: one fewer than the cores; 0: all in this process, without the budget, "
             "for a debugger or profiler)", min=0, max=64)] = None,
) -> None:
    """Read articles, extract events, store them. Idempotent: unchanged files are skipped.

    Failures are printed as they happen, and counted by reason at the end.
    """
    from app.ingest.lock import IngestBusy
    from app.ingest.names import shown
    from app.ingest.pipeline import ingest_paths, list_inputs

    engine = _engine(db)
    show_bar = sys.stderr.isatty() and not quiet
    say = lambda line: typer.echo(line, err=True)  # noqa: E731

    def report(path: Path, outcome: str, reason: str | None) -> None:
        if outcome == "failed":
            say(f"failed: {shown(path)}: {shown(reason or 'unknown reason')}")

    try:
        if show_bar:
            from rich.console import Console
            from rich.progress import Progress
            from rich.text import Text

            console = Console(stderr=True)
            say = lambda line: console.print(Text(line), soft_wrap=True)  # noqa: E731 (no markup read in names)
            with Progress(console=console, transient=True) as bar:
                task = bar.add_task("ingesting", total=len(list_inputs(paths)))

                def report_with_bar(path: Path, outcome: str, reason: str | None) -> None:
                    report(path, outcome, reason)
                    bar.advance(task)

                summary = ingest_paths(engine, paths, progress=report_with_bar, workers=workers, waiting=say)
        else:
            summary = ingest_paths(engine, paths, progress=report, workers=workers, waiting=say)
    except IngestBusy as busy:
        typer.echo(f"not ingested: {busy}", err=True)
        raise typer.Exit(1)
    if summary.failed:
        kinds = ", ".join(f"{count} {kind}" for kind, count in summary.failure_counts().items())
        typer.echo(f"{len(summary.failed)} failed, listed above: {shown(kinds)}", err=True)
    typer.echo(summary.line())
    raise typer.Exit(0 if summary.ok else 1)


@cli.command()
def reindex(db: DbOption = None) -> None:
    """Rebuild the search index's stems of every article and event (after the lexicons or stemmers change)."""
    import time

    from app.curation import bump_data_version
    from app.db import refresh_statistics
    from app.search.index import rebuild

    engine = _engine(db)
    began = time.perf_counter()
    with engine.begin() as conn:
        articles, events = rebuild(conn)
        bump_data_version(conn)  # searches may now find other events: cached pages are stale
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
    """Serve the web timeline and the JSON API with gunicorn and uvicorn workers (one process per core)."""
    import os

    from app.migrate import upgrade_database
    from app.serve import serve as run

    url = database_url(db)
    upgrade_database(url)
    os.environ["TIMELINE_DATABASE_URL"] = url
    get_settings.cache_clear()  # the workers, forked from this process, read the settings with the URL
    run(host=host, port=port, workers=workers, reload=reload)


@cli.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Show what the extractor finds in one article: dates, people, places, triggers, events."""
    from app.extract.pipeline import explain
    from app.ingest.files import Rejected, read_article_file
    from app.ingest.html import NotAnArticlePage
    from app.ingest.names import shown
    from app.ingest.pipeline import parse_file

    settings = get_settings()
    read = read_article_file(file, settings.max_file_bytes, settings.min_article_chars)
    try:
        if isinstance(read, Rejected):
            raise NotAnArticlePage(read.reason)
        parsed = parse_file(read, settings.min_article_chars)
    except NotAnArticlePage as refusal:
        typer.echo(f"{shown(file)}: {shown(str(refusal))}", err=True)
        raise typer.Exit(1)
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
    only: Annotated[Path | None, typer.Option(
        "--only", help="Score only the files this list names (one name a line, `lang/` prefix allowed)")] = None,
    exclude: Annotated[Path | None, typer.Option(
        "--exclude", help="Leave out the files this list names (e.g. tests/heldback.txt)")] = None,
    scores_only: Annotated[bool, typer.Option(
        "--scores-only", help="Print the figures alone, no misses or extras (for held-back sets)")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list matched pairs")] = False,
) -> None:
    """Ingest FILES into a temporary database and score the events against GOLD.

    Only the gold events of the ingested files count, so a folder's gold can be scored in parts.
    """
    from app.evaluate import evaluate_files, read_file_list, select_files
    from app.ingest.names import shown

    chosen = select_files(files, only=read_file_list(only) if only else None,
                          exclude=read_file_list(exclude) if exclude else None)
    if not chosen:
        typer.echo("no article files to score", err=True)
        raise typer.Exit(2)
    result, predicted, failed = evaluate_files(gold, chosen)
    scored_names = {path.name for path in chosen}
    no_gold = scored_names - {n for g in result.gold for n in g["files"]}
    from_negatives = [p for p in predicted if {s["article"]["file"] for s in p["sources"]} <= no_gold]
    if as_json:
        report = {
            "files": len(chosen), "precision": result.precision, "recall": result.recall, "f1": result.f1,
            "exact_date": result.exact_date, "source_coverage": result.source_coverage,
            "predicted": result.predicted, "matched": result.matched, "gold_required": result.gold_required,
            "events_from_articles_without_gold": len(from_negatives),
        }
        if not scores_only:
            report["missed"] = [g["id"] for g in result.missed]
            report["extra"] = [{"type": e["type"], "date_start": e["date_start"], "title": e["title"]}
                               for e in result.extra]
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for path, reason in failed:
        typer.echo(f"failed: {shown(path)}: {shown(reason)}", err=True)
    if not scores_only:
        _print_differences(result, verbose)
    typer.echo(f"files: {len(chosen)}; events from articles without gold events: {len(from_negatives)}")
    typer.echo(result.line())


def _print_differences(result, verbose: bool) -> None:
    for g in result.missed:
        typer.echo(f"missed: {g['id']} {g['type']} {g['date_start']} {', '.join(g.get('participants') or [])} "
                   f"[{', '.join(g['files'])}]")
    for e in result.extra:
        files_of = ", ".join(sorted({s['article']['file'] for s in e["sources"]}))
        typer.echo(f"extra:  {e['type']} {e['date_start']} {e['title']} [{files_of}]")
    if verbose:
        for p, g in result.pairs:
            typer.echo(f"match:  {g['id']} ← {p['type']} {p['date_start']} {p['title']}")


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


user_cli = typer.Typer(help="Accounts: editors correct events, admins also manage accounts.", no_args_is_help=True)
cli.add_typer(user_cli, name="user")


class RoleOption(str, Enum):
    reader = "reader"
    editor = "editor"
    admin = "admin"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _accounts(db: str | None, change) -> None:
    """Run ``change(session)`` and commit; an account error is a message and exit status 1."""
    from sqlmodel import Session

    from app.auth import AccountError

    engine = _engine(db)
    try:
        with Session(engine) as session:
            change(session)
            session.commit()
    except AccountError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()


@user_cli.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (no spaces)")],
    role: Annotated[RoleOption, typer.Option(help="reader: signs in, changes nothing; editor: corrects "
                                                  "events; admin: also manages accounts")] = RoleOption.editor,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from the first "
                                                                          "line of standard input")] = False,
    db: DbOption = None,
) -> None:
    """Create an account (the password is prompted for, or read from stdin)."""
    from app.auth import create_user

    password = _password(password_stdin)
    _accounts(db, lambda session: create_user(session, name, role.value, password))
    typer.echo(f"user {name} added ({role.value})")


@user_cli.command("list")
def user_list(db: DbOption = None) -> None:
    """Every account: name, role, and whether it is disabled."""
    from app.auth import list_users

    def show(session) -> None:
        for user in list_users(session):
            state = "disabled" if user.disabled else "active"
            typer.echo(f"{user.name}\t{user.role}\t{state}\t{user.created_at:%Y-%m-%d}")

    _accounts(db, show)


@user_cli.command("disable")
def user_disable(name: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Disable an account: it can no longer sign in, its sessions end and its API tokens are revoked."""
    from app.auth import set_disabled

    _accounts(db, lambda session: set_disabled(session, name, True))
    typer.echo(f"user {name} disabled")


@user_cli.command("enable")
def user_enable(name: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Enable a disabled account again."""
    from app.auth import set_disabled

    _accounts(db, lambda session: set_disabled(session, name, False))
    typer.echo(f"user {name} enabled")


@user_cli.command("password")
def user_password(
    name: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    db: DbOption = None,
) -> None:
    """Set an account's password."""
    from app.auth import set_password

    password = _password(password_stdin)
    _accounts(db, lambda session: set_password(session, name, password))
    typer.echo(f"password of {name} changed")


@user_cli.command("token")
def user_token(
    name: Annotated[str, typer.Argument()],
    label: Annotated[str, typer.Option(help="What the token is for")] = "",
    db: DbOption = None,
) -> None:
    """Make an API token for scripts (Authorization: Bearer TOKEN); printed once, only its hash is kept."""
    from app.auth import create_token

    made = []
    _accounts(db, lambda session: made.append(create_token(session, name, label)))
    typer.echo(made[0])


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
