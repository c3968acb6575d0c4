"""Settings in one place: read from the environment (prefix ``TIMELINE_``) or a ``.env`` file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
    ingest_extensions: tuple[str, ...] = (".txt",)
    sqlite_busy_timeout_ms: int = 10_000

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
