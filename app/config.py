"""Settings in one place: read from the environment (prefix ``TIMELINE_``) or a ``.env`` file."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIMELINE_", env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'timeline.db'}"
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    templates_dir: Path = PROJECT_ROOT / "templates"
    static_dir: Path = PROJECT_ROOT / "static"
    node_modules_dir: Path = PROJECT_ROOT / "node_modules"
    locales_dir: Path = PROJECT_ROOT / "app" / "locales"

    page_size: int = 50
    max_page_size: int = 200
    max_file_bytes: int = 5_000_000
    max_batch_files: int = 100_000
    min_article_chars: int = Field(100, ge=1)
    """Shorter texts (characters besides blanks) are no article: a headline, a stray line."""
    extract_timeout_seconds: float = Field(10.0, gt=0)
    """Parsing and extracting one file may take this long; a file over it is skipped as too slow."""
    ingest_lock_wait_seconds: float = Field(600.0, ge=0)
    """How long an ingest waits for another one writing to the same database before giving up."""
    ingest_extensions: tuple[str, ...] = (".txt", ".html", ".htm")
    sqlite_busy_timeout_ms: int = 10_000
    public_base_url: str = ""
    """Where the site is served for its readers (``https://timeline.example.org``): exports link
    there. Empty: exports give links relative to the site where a format allows and leave them out
    where it needs an absolute address (iCalendar's URL). Never taken from a request's Host header."""

    @field_validator("public_base_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("public_base_url must be an http(s) address like https://timeline.example.org "
                             "(a path is allowed; no query or fragment)")
        return value

    # the response cache and HTTP validators (app/web/cache.py)
    response_cache_bytes: int = Field(64 * 2**20, ge=0)
    """Memory each worker process may keep rendered public responses in (0: keep none; ETags and
    304s still work). A response over an eighth of it is never kept."""
    http_max_age: int = Field(5, ge=0)
    """Seconds a browser or proxy may reuse a public page before asking again (it then gets a 304
    when nothing changed): how long a reader may see a page from before the last write."""

    # accounts and sessions (app/auth.py, app/web/auth.py)
    session_secret: str | None = None  # None: generated on first use and kept in the database
    secure_cookies: bool = False  # send the session cookie over HTTPS only (set behind TLS)
    session_max_age: int = 14 * 24 * 3600  # seconds a sign-in lasts
    sign_in_window_seconds: int = 900  # failed sign-ins are counted over this window
    sign_in_max_failures_account: int = 5  # per account name in the window, then refused (429)
    sign_in_max_failures_address: int = 20  # per client address in the window


@cache
def get_settings() -> Settings:
    return Settings()
