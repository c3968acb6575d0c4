"""The ingest job: find files → read → parse → extract → store, one transaction per article.

Parsing and extraction (pure, CPU-bound) run in worker processes when a batch is large enough to
pay for them; this process reads the files and is the single writer, storing each article in its
own transaction in the order the files were found. Files whose content is already stored are
recognised by their hash before anything is parsed.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, func, or_, select

from app.config import Settings, get_settings
from app.db import bulk_writing, refresh_statistics
from app.extract.article import parse_article
from app.extract.pipeline import extract_events
from app.extract.types import ExtractedEvent, ParsedArticle
from app.ingest.files import ArticleFile, Rejected, discover, read_article_file
from app.ingest.store import insert_article, new_reports, recluster, release_article
from app.models import Article

POOL_MIN_FILES = 24  # smaller batches are extracted here: starting workers would cost more
HASH_CHUNK = 500
RESTATE_MIN_ARTICLES = 64  # below this many articles, any plan is fast

articles_t = Article.__table__


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
Extracted = tuple[ParsedArticle, list[ExtractedEvent]]


def list_inputs(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Path | Rejected]:
    settings = settings or get_settings()
    items = list(discover(paths, settings.ingest_extensions))
    if len(items) > settings.max_batch_files:
        extra = items[settings.max_batch_files:]
        items = items[: settings.max_batch_files]
        items += [Rejected(p if isinstance(p, Path) else p.path, "over the batch limit "
                           f"({settings.max_batch_files:,} files); ingest it in another run") for p in extra]
    return items


def default_workers() -> int:
    """Extraction processes beside this one (the writer): one core each, the writer keeps one."""
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def ingest_paths(engine: Engine, paths: Iterable[str | Path], *, settings: Settings | None = None,
                 progress: Progress | None = None, workers: int | None = None) -> IngestSummary:
    """Ingest files and folders; never stops on a bad file. Safe to run twice.

    ``workers``: extraction processes (None: ``default_workers()``; 0: extract in this process).
    """
    settings = settings or get_settings()
    summary = IngestSummary()
    entries = [item if isinstance(item, Rejected) else read_article_file(item, settings.max_file_bytes)
               for item in list_inputs(paths, settings)]
    files = [entry for entry in entries if isinstance(entry, ArticleFile)]
    stored = _stored_hashes(engine, [f.content_hash for f in files])
    fresh = [f for f in files if f.content_hash not in stored]
    workers = default_workers() if workers is None else workers
    extracted = _extract_all(fresh, workers if len(fresh) >= POOL_MIN_FILES else 0)
    statistics = _GrowingStatistics.of(engine)
    with engine.connect() as connection, bulk_writing(connection) as conn:  # one transaction per article
        for entry in entries:  # in the order found, the extraction of fresh files running ahead
            if isinstance(entry, Rejected):
                path, outcome, reason = entry.path, "failed", entry.reason
            elif entry.content_hash in stored:
                path, outcome, reason = entry.path, "unchanged", None
            else:
                path, result, reason = entry.path, next(extracted), None
                if isinstance(result, str):
                    outcome, reason = "failed", result
                else:
                    try:
                        outcome = store_article(conn, entry, *result)
                    except Exception as error:  # one bad article must not stop the batch
                        outcome, reason = "failed", f"{type(error).__name__}: {error}"
                    statistics.stored(conn, outcome)
            if outcome == "failed":
                summary.failed.append((path, reason))
            else:
                getattr(summary, outcome).append(path)
            _report(progress, path, outcome)
    if summary.new or summary.updated:
        refresh_statistics(engine)
    return summary


def _report(progress: Progress | None, path: Path, outcome: str) -> None:
    if progress is not None:
        progress(path, outcome)


@dataclass
class _GrowingStatistics:
    """Refreshes the planner statistics whenever this run has doubled the articles stored.

    The last ANALYZE may have seen a far smaller database (after a first run of a few articles every
    table held a few rows): SQLite then plans full scans, which cost nothing on those figures and more
    with every article stored, so that a long ingest would slow down quadratically.
    """

    articles: int
    refresh_at: int

    @classmethod
    def of(cls, engine: Engine) -> _GrowingStatistics:
        with engine.connect() as conn:
            articles = conn.scalar(select(func.count()).select_from(articles_t))
        return cls(articles, max(2 * articles, RESTATE_MIN_ARTICLES))

    def stored(self, conn: Connection, outcome: str) -> None:
        if outcome != "new":
            return
        self.articles += 1
        if self.articles >= self.refresh_at:
            refresh_statistics(conn)
            self.refresh_at = 2 * self.articles


def _stored_hashes(engine: Engine, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(hashes), HASH_CHUNK):
            chunk = hashes[start:start + HASH_CHUNK]
            found.update(conn.scalars(select(articles_t.c.content_hash).where(articles_t.c.content_hash.in_(chunk))))
    return found


# --- parsing and extraction, here or in worker processes ------------------------------------------


def extract_article(name: str, text: str) -> Extracted | str:
    """Parse and extract one article: its events, or why that failed."""
    try:
        parsed = parse_article(text, name)
        return parsed, list(extract_events(parsed, undated=True))
    except Exception as error:  # reported for this file; the batch goes on
        return f"{type(error).__name__}: {error}"


def _extract_all(files: list[ArticleFile], workers: int) -> Iterator[Extracted | str]:
    """The extraction of each file, in order: here, or ``workers`` processes working ahead."""
    queue = iter(files)
    if workers < 1:
        for article_file in queue:
            yield extract_article(article_file.path.name, article_file.text)
        return
    # The first article is extracted here, which loads the extractor's lexicons and models (seconds);
    # the workers are forked after it and start with all of that loaded.
    first = next(queue, None)
    if first is None:
        return
    yield extract_article(first.path.name, first.text)
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_watch_parent,
                             initargs=(os.getpid(),)) as pool:
        pending: deque[Future] = deque()
        window = workers * 16  # articles extracted ahead of the writer, at most
        for article_file in queue:
            pending.append(pool.submit(extract_article, article_file.path.name, article_file.text))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            following = next(queue, None)
            if following is not None:
                pending.append(pool.submit(extract_article, following.path.name, following.text))
            yield result


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the ingest that started it is gone (killed), instead of lingering."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


# --- storing ---------------------------------------------------------------------------------------


# the article with this content, or the earlier version of this file
_KNOWN = select(articles_t.c.id, articles_t.c.content_hash).where(
    or_(articles_t.c.content_hash == bindparam("hash"), articles_t.c.source_path == bindparam("path")))


def store_article(db: Engine | Connection, article_file: ArticleFile, parsed: ParsedArticle,
                  extracted: list[ExtractedEvent]) -> str:
    """Store one article and its events in one transaction; return new | updated | unchanged."""
    if isinstance(db, Engine):
        with db.connect() as conn:
            return store_article(conn, article_file, parsed, extracted)
    conn, source_path = db, str(article_file.path.resolve())
    with conn.begin():
        known = conn.execute(_KNOWN, {"hash": article_file.content_hash, "path": source_path}).all()
        if any(digest == article_file.content_hash for _, digest in known):
            return "unchanged"
        previous = known[0][0] if known else None  # the file's earlier version
        released = release_article(conn, previous) if previous else set()
        article = insert_article(conn, parsed, file_name=article_file.path.name, source_path=source_path,
                                 content_hash=article_file.content_hash)
        reports = new_reports(article, extracted)
        recluster(conn, reports, released)
    return "updated" if previous else "new"


def ingest_one(engine: Engine, article_file: ArticleFile) -> str:
    """Parse, extract and store one article (in this process); return new | updated | unchanged | failed."""
    if _stored_hashes(engine, [article_file.content_hash]):
        return "unchanged"
    result = extract_article(article_file.path.name, article_file.text)
    if isinstance(result, str):
        raise ValueError(result)
    return store_article(engine, article_file, *result)
