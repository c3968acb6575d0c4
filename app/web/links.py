"""Build URLs from the current query string by replacing, adding or removing arguments.

One helper (after Datasette's ``path_with_replaced_args``) so that every link on a page keeps the
rest of the view state: filters, sort, language. Changing a filter drops ``page``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, quote, quote_plus, urlencode

Args = tuple[tuple[str, str], ...]

FILTER_KEYS = ("year", "type", "topic", "actor", "with", "place", "outlet", "language", "status", "q", "from", "to")
VIEW_KEYS = ("sort", "page")
# What a `back` parameter may carry: the timeline's own query string and nothing else.
BACK_KEYS = FILTER_KEYS + ("sort",)
MAX_BACK_LENGTH = 2000
MAX_BACK_VALUE = 200


SAFE_PATH_CHARACTERS = "/:@!$&'()*+,;=-._~"
"""Left as they are in a path; anything else (a backslash, a space, a percent sign) is percent-encoded."""


def own_path(path: str) -> str:
    """A request's (decoded) path as a link back to this site: one leading slash, percent-encoded.

    A link built from ``//evil.com/x`` as it came would be protocol-relative, leading to another
    host, and so would ``/\\evil.com`` in a browser; ``/evil.com/x`` stays on this site.
    """
    return quote("/" + path.lstrip("/\\"), safe=SAFE_PATH_CHARACTERS)


def _pair(key: str, value: object) -> str:
    """One ``key=value`` of a query string, encoded as ``urlencode`` encodes it."""
    return f"{quote_plus(key)}={quote_plus(str(value))}"


def path_with_args(
    path: str,
    args: Iterable[tuple[str, str]],
    *,
    replace: Mapping[str, object] | None = None,
    add: Iterable[tuple[str, object]] = (),
    remove: Iterable[tuple[str, object]] = (),
    drop: Iterable[str] = (),
) -> str:
    """``path`` with ``args`` changed.

    ``replace`` sets a key to one value, to several (a list) or removes it (None); ``add`` appends
    a value unless present; ``remove`` takes one value of a key out; ``drop`` removes keys.
    """
    current = [(k, str(v)) for k, v in args]
    dropped = set(drop)
    replace = dict(replace or {})
    dropped.update(replace)
    removals = {(k, str(v)) for k, v in remove}
    result = [(k, v) for k, v in current if k not in dropped and (k, v) not in removals]
    for key, value in replace.items():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        result.extend((key, str(v)) for v in values)
    for key, value in add:
        if (key, str(value)) not in result:
            result.append((key, str(value)))
    query = "&".join(_pair(k, v) for k, v in result)
    return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class Here:
    """The current path and query string, with the link-building helper bound to them.

    A page builds a hundred links that each change one argument (facet options, chips, axis years):
    the current arguments are encoded once, and each link joins those pieces with its change.
    """

    path: str
    args: Args

    @classmethod
    def from_query(cls, path: str, query: str | Sequence[tuple[str, str]]) -> Here:
        pairs = parse_qsl(query, keep_blank_values=False) if isinstance(query, str) else query
        return cls(path, tuple((k, v) for k, v in pairs))

    @cached_property
    def _encoded(self) -> tuple[tuple[str, str, str], ...]:
        """(key, value, "key=value" encoded) of each argument."""
        return tuple((k, v, _pair(k, v)) for k, v in self.args)

    def _link(self, pieces: Iterable[str]) -> str:
        query = "&".join(pieces)
        return f"{self.path}?{query}" if query else self.path

    def values(self, key: str) -> list[str]:
        return [v for k, v in self.args if k == key]

    def has(self, key: str, value: object) -> bool:
        return (key, str(value)) in self.args

    def filter_args(self) -> Args:
        return tuple((k, v) for k, v in self.args if k in FILTER_KEYS)

    # Filter changes start again at page 1.
    def add(self, key: str, value: object) -> str:
        kept = [piece for k, _, piece in self._encoded if k != "page"]
        if not self.has(key, value):
            kept.append(_pair(key, value))
        return self._link(kept)

    def remove(self, key: str, value: object) -> str:
        value = str(value)
        return self._link(piece for k, v, piece in self._encoded if k != "page" and (k, v) != (key, value))

    def toggle(self, key: str, value: object) -> str:
        return self.remove(key, value) if self.has(key, value) else self.add(key, value)

    def replace(self, **changes: object) -> str:
        """Replace arguments; a trailing underscore escapes Python keywords (``from_``)."""
        changes = {k.rstrip("_"): v for k, v in changes.items()}
        dropped = set(changes) if "page" in changes else {*changes, "page"}
        pieces = [piece for k, _, piece in self._encoded if k not in dropped]
        for key, value in changes.items():
            if value is None:
                continue
            values = value if isinstance(value, list | tuple) else [value]
            pieces.extend(_pair(key, v) for v in values)
        return self._link(pieces)

    def without(self, *keys: str) -> str:
        dropped = {*keys, "page"}
        return self._link(piece for k, _, piece in self._encoded if k not in dropped)

    def cleared(self) -> str:
        """No filters; sort and language kept."""
        return self.without(*FILTER_KEYS)

    def to(self, path: str, *, keep: Iterable[str] = FILTER_KEYS, **extra: object) -> str:
        """Another path carrying the arguments named in ``keep`` plus ``extra``."""
        kept = [(k, v) for k, v in self.args if k in set(keep)]
        return path_with_args(path, kept, replace={k.rstrip("_"): v for k, v in extra.items()})

    @cached_property
    def url(self) -> str:
        return self._link(piece for _, _, piece in self._encoded)


def clean_back(value: str | None) -> str:
    """A timeline query string safe to link back to: known keys only, bounded, re-encoded.

    Whatever arrives (a full URL, a scheme, a fragment), the result is only ever appended to ``/?``.
    """
    if not value or len(value) > MAX_BACK_LENGTH:
        return ""
    pairs = parse_qsl(value.lstrip("?"), keep_blank_values=False)
    kept = [(k, v) for k, v in pairs if k in BACK_KEYS and len(v) <= MAX_BACK_VALUE]
    return urlencode(kept)


def timeline_url(back: str) -> str:
    return f"/?{back}" if back else "/"
