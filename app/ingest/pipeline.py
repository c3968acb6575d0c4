"""The ingest job: find files → read → parse → extract → store, one transaction per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.config import Settings, get_settings
from app.db import refresh_statistics
from app.extract.article import parse_article
from app.extract.pipeline import extract_events
from app.ingest.files import ArticleFile, Rejected, discover, read_article_file
from app.ingest.store import insert_article, insert_reports, recluster, release_article
from app.models import Article


@dataclass
class IngestSummary:
    new: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    events_touched: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        parts = [f"{len(self.new)} new"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        parts += [f"{len(self.unchanged)} unchanged", f"{len(self.failed)} failed"]
        return ", ".join(parts)


Progress = Callable[[Path, str], None]


def list_inputs(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Path | Rejected]:
    settings = settings or get_settings()
    items = list(discover(paths, settings.ingest_extensions))
    if len(items) > settings.max_batch_files:
        extra = items[settings.max_batch_files:]
        items = items[: settings.max_batch_files]
        items += [Rejected(p if isinstance(p, Path) else p.path, "over the batch limit "
                           f"({settings.max_batch_files:,} files); ingest it in another run") for p in extra]
    return items


def ingest_paths(engine: Engine, paths: Iterable[str | Path], *, settings: Settings | None = None,
                 progress: Progress | None = None) -> IngestSummary:
    """Ingest files and folders; never stops on a bad file. Safe to run twice."""
    settings = settings or get_settings()
    summary = IngestSummary()
    for item in list_inputs(paths, settings):
        if isinstance(item, Rejected):
            summary.failed.append((item.path, item.reason))
            _report(progress, item.path, "failed")
            continue
        read = read_article_file(item, settings.max_file_bytes)
        if isinstance(read, Rejected):
            summary.failed.append((read.path, read.reason))
            _report(progress, read.path, "failed")
            continue
        try:
            outcome = ingest_one(engine, read)
        except Exception as error:  # one bad article must not stop the batch
            summary.failed.append((item, f"{type(error).__name__}: {error}"))
            _report(progress, item, "failed")
            continue
        getattr(summary, outcome).append(item)
        _report(progress, item, outcome)
    if summary.new or summary.updated:
        refresh_statistics(engine)
    return summary


def _report(progress: Progress | None, path: Path, outcome: str) -> None:
    if progress is not None:
        progress(path, outcome)


def ingest_one(engine: Engine, article_file: ArticleFile) -> str:
    """Store one article and its events in one transaction; return new | updated | unchanged."""
    source_path = str(article_file.path.resolve())
    with Session(engine, expire_on_commit=False) as session:
        if session.scalar(select(Article.id).where(Article.content_hash == article_file.content_hash)):
            return "unchanged"
    parsed = parse_article(article_file.text, article_file.path.name)
    extracted = extract_events(parsed)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if session.scalar(select(Article.id).where(Article.content_hash == article_file.content_hash)):
            return "unchanged"
        previous = session.scalar(select(Article.id).where(Article.source_path == source_path))
        released = release_article(session, previous) if previous else set()
        article = insert_article(session, parsed, file_name=article_file.path.name,
                                 source_path=source_path, content_hash=article_file.content_hash)
        reports = insert_reports(session, article, extracted)
        recluster(session, reports, released)
    return "updated" if previous else "new"
