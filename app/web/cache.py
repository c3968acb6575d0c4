"""A small in-process cache for the timeline's overview reads (facet counts, density).

Those are the costly queries on a large database (grouping every matching event), and many views
repeat them: the landing page, Back, toggling a filter off again. Entries are keyed by database,
data version (``queries.data_version``) and filters, so an ingest makes them stale at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlmodel import Session

from app import queries

T = TypeVar("T")
MAX_ENTRIES = 256

_entries: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()


def overview_key(session: Session, what: str, filters: queries.EventFilters | None = None) -> tuple:
    """The key of one overview read: this database, as it is now, with these filters."""
    return (str(session.get_bind().url), queries.data_version(session), what, filters)
