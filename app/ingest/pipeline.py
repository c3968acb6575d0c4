"""The ingest job: find files → read → parse → extract → store, one transaction per article.

Parsing and extraction (pure, CPU-bound) run in worker processes (a ``pebble`` pool), each file
under a time budget (``extract_timeout_seconds``): a file over it is reported "too slow to extract"
and skipped, its worker is replaced, and the batch goes on. This process reads the files and is
the single writer, storing each article in its own transaction in the order the files were found.
Files whose content is already stored are recognised by their hash before anything is parsed. One
ingest at a time writes to a database (``app/ingest/lock.py``).

``workers=0`` parses and extracts in this process instead, for a debugger or a profiler to see:
no file can then be stopped, so the time budget does not apply.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from pebble import ProcessExpired, ProcessFuture, ProcessPool
from sqlalchemy import Connection, Engine, bindparam, func, or_, select
from sqlalchemy.exc import DBAPIError, OperationalError

from app.config import Settings, get_settings
from app.db import bulk_writing, refresh_statistics
from app.extract.article import detect_language, parse_article
from app.extract.pipeline import extract_events
from app.extract.types import ExtractedEvent, ParsedArticle
from app.ingest.files import ArticleFile, Rejected, discover, read_article_file
from app.ingest.html import NotAnArticlePage, parse_page, read_page
from app.ingest.lock import ingest_lock
from app.curation.replay import after_ingest
from app.ingest.store import insert_article, new_reports, recluster, release_article
from app.models import Article

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

    def failure_counts(self) -> dict[str, int]:
        """Failures by kind of reason ("too large", "too slow to extract", ...), most frequent first."""
        kinds = Counter(failure_kind(reason) for _, reason in self.failed)
        return dict(kinds.most_common())


def failure_kind(reason: str) -> str:
    """The reason without its particulars: "too large: 6,000,000 bytes (limit ...)" → "too large"."""
    return re.split(r":| \(|, |; ", reason, maxsplit=1)[0].strip()


Progress = Callable[[Path, str, str | None], None]
"""Called once per file as it is settled: (path, new | updated | unchanged | failed, reason or None)."""
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
                 progress: Progress | None = None, workers: int | None = None,
                 waiting: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest files and folders; never stops on a bad file. Safe to run twice, and twice at once.

    ``workers``: extraction processes (None: ``default_workers()``; 0: extract in this process,
    without the time budget). ``waiting`` is told when another ingest holds the database first
    (this one then waits for it; ``IngestBusy`` if it waited ``ingest_lock_wait_seconds`` in vain).
    """
    settings = settings or get_settings()
    with ingest_lock(engine, settings.ingest_lock_wait_seconds, waiting):
        return _ingest(engine, paths, settings, progress, default_workers() if workers is None else workers)


def _ingest(engine: Engine, paths: Iterable[str | Path], settings: Settings, progress: Progress | None,
            workers: int) -> IngestSummary:
    summary = IngestSummary()
    entries = [item if isinstance(item, Rejected)
               else read_article_file(item, settings.max_file_bytes, settings.min_article_chars)
               for item in list_inputs(paths, settings)]
    files = [entry for entry in entries if isinstance(entry, ArticleFile)]
    stored = _stored_hashes(engine, [f.content_hash for f in files])
    fresh = [f for f in files if f.content_hash not in stored]
    extracted = _extract_all(fresh, workers, settings)
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
                        outcome, reason = "failed", _storing_failure(error, settings)
                    statistics.stored(conn, outcome)
            if outcome == "failed":
                summary.failed.append((path, reason))
            else:
                getattr(summary, outcome).append(path)
            if progress is not None:
                progress(path, outcome, reason)
    if summary.new or summary.updated:
        refresh_statistics(engine)
    return summary


MAX_REASON_CHARS = 300
"""The longest reason a failure is reported with (one line of the report, not a statement's dump)."""


def _storing_failure(error: Exception, settings: Settings) -> str:
    if isinstance(error, OperationalError) and "locked" in str(error.orig):
        return (f"not stored: the database stayed locked by another writer for more than "
                f"{settings.sqlite_busy_timeout_ms / 1000:g} s; ingest this file again")
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    message = f"not stored: {type(cause).__name__}: {cause}"  # the driver's words, without the statement
    return message if len(message) <= MAX_REASON_CHARS else message[:MAX_REASON_CHARS - 1] + "…"


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


def parse_file(article_file: ArticleFile, min_chars: int = 1) -> ParsedArticle:
    """The article a file holds: its text, or the article taken out of a web page (``NotAnArticlePage``)."""
    if article_file.html:
        return parse_page(read_page(article_file.text, min_chars), article_file.path.name)
    return parse_article(article_file.text, article_file.path.name)


def extract_article(article_file: ArticleFile, min_chars: int = 1) -> Extracted | str:
    """Parse and extract one file: the article and its events, or why that failed."""
    try:
        parsed = parse_file(article_file, min_chars)
        return parsed, list(extract_events(parsed, undated=True))
    except NotAnArticlePage as refusal:
        return str(refusal)
    except Exception as error:  # reported for this file; the batch goes on
        return f"{type(error).__name__}: {error}"


WARM_UP_ARTICLES = {  # invented: extracting one loads that language's lexicons and matchers (seconds)
    "en": "Talks in the capital\n\nASTANA, 3 July 2024 -- The president of Kazakhstan met the president of "
          "China in Astana on Wednesday and signed an agreement on trade.\n",
    "id": "Pertemuan di ibu kota\n\nASTANA - Presiden Kazakhstan bertemu Presiden China di Astana pada Rabu "
          "(3/7/2024) dan menandatangani perjanjian perdagangan.\n",
}


@cache
def warm_up(language: str) -> None:
    """Load what extracting ``language`` needs in this process, so that worker processes forked
    from it start ready (and a worker replaced after a slow file costs milliseconds, not seconds)."""
    extract_events(parse_article(WARM_UP_ARTICLES[language], f"warm-up-{language}.txt"))


def _languages(files: list[ArticleFile]) -> set[str]:
    """The languages of the batch's text files, from a sample of each (cheap; web pages are left to
    the worker that reads them)."""
    return {detect_language(f.text) for f in files if not f.html}


def _extract_all(files: list[ArticleFile], workers: int, settings: Settings) -> Iterator[Extracted | str]:
    """The extraction of each file, in order: in ``workers`` processes working ahead, each file
    under the time budget; or here, one after the other, when ``workers`` is 0."""
    min_chars, budget = settings.min_article_chars, settings.extract_timeout_seconds
    if not files:
        return
    if workers < 1:
        for article_file in files:
            yield extract_article(article_file, min_chars)
        return
    for language in sorted(_languages(files)):
        warm_up(language)
    queue = iter(files)
    pool = ProcessPool(max_workers=min(workers, len(files)), context=get_context("fork"),
                       initializer=_watch_parent, initargs=(os.getpid(),))
    try:
        pending: deque[ProcessFuture] = deque(
            pool.schedule(extract_article, args=(f, min_chars), timeout=budget)
            for f in islice(queue, workers * 16))  # articles extracted ahead of the writer, at most
        while pending:
            result = _result(pending.popleft(), budget)
            following = next(queue, None)
            if following is not None:
                pending.append(pool.schedule(extract_article, args=(following, min_chars), timeout=budget))
            yield result
    finally:
        pool.stop()
        pool.join()


def _result(future: ProcessFuture, budget: float) -> Extracted | str:
    try:
        return future.result()
    except TimeoutError:
        return (f"too slow to extract: stopped after {budget:g} s, the time budget for one file "
                "(TIMELINE_EXTRACT_TIMEOUT_SECONDS); skipped")
    except ProcessExpired as error:
        return f"the extraction process died ({error}); skipped"
    except Exception as error:  # e.g. the result could not be sent back
        return f"{type(error).__name__}: {error}"


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
        touched = recluster(conn, reports, released)
        # editors' corrections of these events are applied again (and the data version raised)
        after_ingest(conn, touched, hashes={article.content_hash, *(digest for _, digest in known)},
                     files={article.file_name})
    return "updated" if previous else "new"


def ingest_one(engine: Engine, article_file: ArticleFile) -> str:
    """Parse, extract and store one article (in this process); return new | updated | unchanged | failed."""
    if _stored_hashes(engine, [article_file.content_hash]):
        return "unchanged"
    result = extract_article(article_file)
    if isinstance(result, str):
        raise ValueError(result)
    return store_article(engine, article_file, *result)
