"""Interface language: gettext catalogues (Babel) compiled at start-up, and locale-aware formatting.

The interface speaks English or Indonesian. The choice comes from ``lang`` in the query string
(remembered in a cookie) or the cookie alone. Articles are always shown in their own language.

Catalogues live in ``app/locales/<lang>/LC_MESSAGES/messages.po``; they are compiled in memory
when first needed (no ``.mo`` files to build or commit). To update them after changing templates::

    .venv/bin/pybabel extract -F app/locales/babel.cfg -o app/locales/messages.pot .
    .venv/bin/pybabel update -i app/locales/messages.pot -d app/locales
"""

from __future__ import annotations

import datetime as dt
import io
from contextvars import ContextVar
from functools import cache, lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_interval, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "id")
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Babel locale used for formatting in each interface language ("3 Jul 2024", not "Jul 3, 2024").
FORMAT_LOCALE = {"en": "en_GB", "id": "id"}

_current: ContextVar[NullTranslations | None] = ContextVar("translations", default=None)
_ENGLISH = NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


@cache
def load_translations(locales_dir: Path, language: str) -> NullTranslations:
    """The compiled catalogue of ``language`` (English is the source language: no catalogue)."""
    path = locales_dir / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return GNUTranslations(buffer)


def activate(translations: NullTranslations):
    """Make ``translations`` the ones ``gettext`` uses in this thread of work; returns a reset token."""
    return _current.set(translations)


def deactivate(token) -> None:
    _current.reset(token)


def gettext(message: str) -> str:
    return (_current.get() or _ENGLISH).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return (_current.get() or _ENGLISH).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return (_current.get() or _ENGLISH).pgettext(context, message)


_ = gettext


# --- formatting -------------------------------------------------------------------------------


def _parse_partial(iso: str | None) -> tuple[dt.date, str] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → (first day, precision)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


PRECISION_FORMAT = {"day": "d MMM y", "month": "MMM y", "year": "y"}
PRECISION_SKELETON = {"day": "yMMMd", "month": "yMMM", "year": "y"}


def format_partial(iso: str | None, language: str, end_iso: str | None = None) -> str:
    """A date at its precision: "3 Jul 2024", "Jul 2024", "2023"; ranges as "3–5 Jul 2024"."""
    if not iso:
        return gettext("Date unknown")
    return _format_partial(iso, language, end_iso)


# Formatting is a pure function of its arguments and the (fixed) CLDR data, so each result is kept:
# a timeline page repeats the same few hundred dates, numbers and countries, and Babel takes tens of
# microseconds for each.

@lru_cache(maxsize=16384)
def _format_partial(iso: str, language: str, end_iso: str | None) -> str:
    locale = _locale(language)
    value, precision = _parse_partial(iso)
    end = _parse_partial(end_iso)
    if end is not None and end[0] > value:
        return format_interval(value, end[0], PRECISION_SKELETON[precision], locale=locale)
    return format_date(value, PRECISION_FORMAT[precision], locale=locale)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(FORMAT_LOCALE.get(language, "en_GB"))


def format_day(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    return format_date(value, "d MMM y", locale=_locale(language))


@cache
def month_names(language: str) -> dict[int, str]:
    """Abbreviated month names, 1-12."""
    return dict(get_month_names("abbreviated", locale=_locale(language)))


@lru_cache(maxsize=16384)
def format_number(value: int, language: str) -> str:
    return format_decimal(value, locale=_locale(language))


@lru_cache(maxsize=4096)
def format_share(value: float, language: str) -> str:
    return format_percent(value, locale=_locale(language))


@cache
def _territory_codes() -> dict[str, str]:
    """English territory name → code, from CLDR, to translate the stored English country names."""
    return {name: code for code, name in Locale("en").territories.items()}


@lru_cache(maxsize=4096)
def country_name(name: str | None, language: str) -> str:
    if not name:
        return ""
    if language == DEFAULT_LANGUAGE:
        return name
    code = _territory_codes().get(name)
    return Locale.parse(language).territories.get(code, name) if code else name


@lru_cache(maxsize=1024)
def language_name(code: str | None, language: str) -> str:
    """The name of a language (of an article) in the interface language: "Indonesian", "Inggris"."""
    if not code:
        return ""
    return _locale(language).languages.get(code, code)


@cache
def locale_display_name(code: str) -> str:
    """A language's name in itself, for the language switch ("English", "Bahasa Indonesia")."""
    return {"id": "Bahasa Indonesia"}.get(code) or Locale.parse(code).get_display_name(code).capitalize()
