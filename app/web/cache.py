"""Rendered public responses, kept in each worker and keyed by the data version; HTTP validators.

The data change only when something writes (an ingest, an editor's correction, ``timeline synth``
or ``reindex``), and every write raises the data version in its own transaction
(app/curation/version.py). A public response is then a function of its request and that version,
so this middleware keeps the responses to GET requests of the public routes (whole pages, HTMX
fragments, the JSON API, exports) in an LRU bounded in bytes (``TIMELINE_RESPONSE_CACHE_BYTES``
per worker), keyed by

* the path, and the query string as the route reads it: names sorted, the values of list
  parameters (the filters, which are sets) sorted and without repeats, a parameter at its default
  (``page=1``, ``sort=oldest``) left out, and blank ones (``q=``) too where the route drops them;
* the interface language (``lang``, else its cookie, else the default);
* the HTMX headers that choose a block (``HX-Request``, ``HX-Target``, ``HX-History-Restore-Request``);
* whether the body is gzipped (an entry is kept as sent, compressed or not);

and the data version, read with one small query per request (on a connection the worker keeps
for it, in autocommit: a pooled checkout would cost more than the query), so that a write by any
process is seen by the next request to every worker (a new version empties the worker's cache).

Every public 200 carries a weak ``ETag`` made of that key, the version and the build being served
(templates, static files, catalogues, code, settings), ``Cache-Control: public, max-age=N,
must-revalidate`` (``TIMELINE_HTTP_MAX_AGE``) and ``Vary`` on the headers above and ``Cookie``; a
request whose ``If-None-Match`` names the current ETag gets a 304 without anything being rendered.
There is no ``Last-Modified``: the version does not record when it was raised, and the ETag
answers every revalidation a date would.

Requests with a session cookie (a signed-in editor) or an ``Authorization`` header bypass the
cache: never answered from it, never stored, and sent ``Cache-Control: private, no-store``. A
response is stored only when it is a 200 of a public route that sets no cookie but the language
one. ``X-Cache`` says ``hit``, ``miss`` or ``bypass`` (the benchmark counts it).

The public routes are those app/main.py hands over (the reader's pages and the read API). A GET
route among them must answer from its request's key and the stored data alone; one that depends
on anything else (the clock, another header) sets its own ``Cache-Control``, and is then never
stored.
"""

from __future__ import annotations

import hashlib
import logging
import re
import typing
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi.routing import APIRoute
from sqlalchemy import Connection, Engine
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.routing import Mount

from app.config import PROJECT_ROOT, Settings
from app.curation.version import data_version
from app.web import i18n
from app.web.auth import SESSION_COOKIE
from app.web.page import language_of

log = logging.getLogger(__name__)

FRAGMENT_HEADERS = ("hx-request", "hx-target", "hx-history-restore-request")
VARY = "Accept-Encoding, Cookie, HX-Request, HX-History-Restore-Request, HX-Target"
ENTRY_OVERHEAD = 512  # bytes an entry costs besides its body, headers and key (objects, the LRU's links)
Key = tuple[str, str, str, tuple[str, ...] | None, bool]


# --- the store ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """A response as it was sent: status, headers (without ``X-Cache``), body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    size: int


class ResponseStore:
    """Least recently used entries, bounded by the bytes they hold (body, headers and key)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: OrderedDict[Key, Kept] = OrderedDict()
        self.bytes = 0
        self.hits = self.misses = 0

    @property
    def largest_entry(self) -> int:
        return self.limit // 8

    def get(self, key: Key) -> Kept | None:
        kept = self.entries.get(key)
        if kept is None:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return kept

    def put(self, key: Key, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> bool:
        size = len(body) + sum(len(n) + len(v) for n, v in headers) + len(repr(key)) + ENTRY_OVERHEAD
        if size > self.largest_entry:
            return False
        self.discard(key)
        self.entries[key] = Kept(status, headers, body, size)
        self.bytes += size
        while self.bytes > self.limit:
            _, oldest = self.entries.popitem(last=False)
            self.bytes -= oldest.size
        return True

    def discard(self, key: Key) -> None:
        kept = self.entries.pop(key, None)
        if kept is not None:
            self.bytes -= kept.size

    def clear(self) -> None:
        self.entries.clear()
        self.bytes = 0


# --- the key -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteShape:
    """What the cache must know of a public route to key its requests."""

    pattern: re.Pattern
    defaults: dict[str, str]  # parameter → its default as written in a query string
    lists: frozenset[str]  # parameters read as sets of values
    clean: Callable[[bytes], bytes] | None  # the route's own cleaning of the raw query string

    def query(self, raw: bytes) -> str:
        """The query string in its normal form: equal for requests the route reads alike."""
        if self.clean is not None:
            raw = self.clean(raw)
        if not raw:
            return ""
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        by_name: dict[str, list[str]] = {}
        for name, value in pairs:
            by_name.setdefault(name, []).append(value)
        normal = []
        for name in sorted(by_name):
            values = by_name[name]
            if name in self.lists:
                values = sorted(set(values))
            elif len(values) == 1 and self.defaults.get(name) == values[0]:
                continue
            normal += [(name, value) for value in values]
        return urlencode(normal)


def route_shapes(routes: Iterable[object]) -> list[RouteShape]:
    """The shapes of the GET routes among ``routes`` (FastAPI's, with their query parameters)."""
    shapes = []
    for route in routes:
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        defaults, lists = {}, set()
        for field in _query_fields(route.dependant):
            if typing.get_origin(field.field_info.annotation) in (list, set, tuple, frozenset):
                lists.add(field.alias)
            elif isinstance(field.default, Enum):
                defaults[field.alias] = str(field.default.value)
            elif isinstance(field.default, (int, str)) and not isinstance(field.default, bool):
                defaults[field.alias] = str(field.default)
        shapes.append(RouteShape(route.path_regex, defaults, frozenset(lists),
                                 getattr(route, "clean_query_string", None)))
    return shapes


def _query_fields(dependant) -> Iterable:
    yield from dependant.query_params
    for dependency in dependant.dependencies:
        yield from _query_fields(dependency)


def build_id(settings: Settings) -> str:
    """A digest of what the responses are made with besides the data: the settings, templates,
    static files, catalogues and code. ETags change with a deploy, the same in every worker."""
    digest = hashlib.blake2b(settings.model_dump_json(exclude={"session_secret"}).encode(), digest_size=16)
    folders = (settings.templates_dir, settings.static_dir, settings.locales_dir, PROJECT_ROOT / "app")
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and path.suffix not in (".pyc", ".mo"):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    lock = PROJECT_ROOT / "package-lock.json"  # the front-end libraries pages load
    if lock.is_file():
        digest.update(lock.read_bytes())
    return digest.hexdigest()


# --- the middleware ----------------------------------------------------------------------------


class ResponseCache:
    """ASGI middleware; ``routes``: the public routes whose GET responses may be kept."""

    def __init__(self, app, *, routes: Sequence[object]) -> None:
        self.app = app
        self.shapes = route_shapes(routes)
        self.store: ResponseStore | None = None
        self.settings: Settings | None = None
        self.engine: Engine | None = None
        self.build = ""
        self.version: int | None = None
        self.connection: Connection | None = None  # kept for reading the data version
        self.mounts: tuple[str, ...] = ()  # static files: their own validators, no cache policy here
        self.shape_of = lru_cache(maxsize=4096)(self._shape_of)

    def _shape_of(self, path: str) -> RouteShape | None:
        return next((shape for shape in self.shapes if shape.pattern.match(path)), None)

    def _start(self, scope) -> None:
        app = scope["app"]
        self.settings, self.engine = app.state.settings, app.state.engine
        self.store = ResponseStore(self.settings.response_cache_bytes)
        self.build = build_id(self.settings)
        self.mounts = tuple(route.path + "/" for route in app.routes if isinstance(route, Mount))
        app.state.response_cache = self

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if self.store is None:
            self._start(scope)
        request = Request(scope)
        headers = request.headers
        if SESSION_COOKIE in request.cookies or "authorization" in headers:
            await self.app(scope, receive, send if scope["path"].startswith(self.mounts) else _private(send))
            return
        shape = self.shape_of(scope["path"])
        version = self._current_version() if shape is not None else None
        if version is None:
            await self.app(scope, receive, send)
            return
        key = self._key(request, shape)
        etag = self._etag(key, version)
        if _matches(headers.get("if-none-match"), etag):
            await _not_modified(send, etag, self.settings.http_max_age)
            return
        kept = self.store.get(key) if self.store.limit else None
        if kept is not None:
            await _replay(send, kept)
            return
        await self.app(scope, receive, self._keeping(send, key, etag, version))

    def _current_version(self) -> int | None:
        version = self._read_version()
        if version is not None and version != self.version:
            self.store.clear()
            self.version = version
        return version

    def _read_version(self) -> int | None:
        """The data version, or None when it cannot be read (the request is then served uncached)."""
        for attempt in (1, 2):  # a kept connection may have been closed by the server: reconnect once
            try:
                if self.connection is None:
                    self.connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
                return data_version(self.connection)
            except Exception as error:
                self.close()
                if attempt == 2:
                    log.warning("the data version could not be read (%s); serving without the response cache",
                                error)
        return None

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # already broken: nothing to give back
                pass
            self.connection = None

    def _key(self, request: Request, shape: RouteShape) -> Key:
        headers = request.headers
        query = shape.query(request.scope.get("query_string", b""))
        fragment = tuple(headers.get(name, "") for name in FRAGMENT_HEADERS) if "hx-request" in headers else None
        gzipped = "gzip" in headers.get("accept-encoding", "")  # as GZipMiddleware decides
        language = language_of(request, request.query_params.get("lang"))
        return request.scope["path"], query, language, fragment, gzipped

    def _etag(self, key: Key, version: int) -> str:
        digest = hashlib.blake2b(repr((self.build, version, key)).encode(), digest_size=12).hexdigest()
        return f'W/"{digest}"'

    def _keeping(self, send, key: Key, etag: str, version: int):
        """``send``, adding the validators to a public 200 and keeping it in the store."""
        kept: dict = {}
        chunks: list[bytes] = []
        room = self.store.largest_entry

        async def send_and_keep(message) -> None:
            nonlocal room
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=list(message.get("headers", [])))
                if message["status"] == 200 and _public(headers):
                    _add_validators(headers, etag, self.settings.http_max_age)
                    kept.update(status=200, headers=list(headers.raw))
                headers["x-cache"] = "miss"
                message = {**message, "headers": headers.raw}
            elif message["type"] == "http.response.body" and kept:
                body = message.get("body", b"")
                room -= len(body)
                if room < 0:
                    kept.clear()
                else:
                    chunks.append(body)
                    if not message.get("more_body", False) and version == self.version and self.store.limit:
                        self.store.put(key, kept["status"], kept["headers"], b"".join(chunks))
            await send(message)

        return send_and_keep


def _public(headers: MutableHeaders) -> bool:
    """Whether a response may be kept and shared: no cache policy of its own, no cookie but the
    interface language."""
    if "cache-control" in headers:
        return False
    return all(value.split("=", 1)[0].strip() == i18n.COOKIE for value in headers.getlist("set-cookie"))


def _add_validators(headers: MutableHeaders, etag: str, max_age: int) -> None:
    headers["etag"] = etag
    scope = "private" if "set-cookie" in headers else "public"  # a shared cache must not hand out a cookie
    headers["cache-control"] = f"{scope}, max-age={max_age}, must-revalidate"
    named = [name.strip() for name in headers.get("vary", "").split(",") if name.strip()]
    named += [name for name in ("Accept-Encoding", "Cookie") if name.lower() not in {n.lower() for n in named}]
    headers["vary"] = ", ".join(named)


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison, as GET asks for (RFC 9110, 13.1.2)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


async def _not_modified(send, etag: str, max_age: int) -> None:
    headers = [(b"etag", etag.encode()), (b"cache-control", f"public, max-age={max_age}, must-revalidate".encode()),
               (b"vary", VARY.encode()), (b"x-cache", b"hit")]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _replay(send, kept: Kept) -> None:
    await send({"type": "http.response.start", "status": kept.status, "headers": [*kept.headers, (b"x-cache", b"hit")]})
    await send({"type": "http.response.body", "body": kept.body})


def _private(send):
    """``send``, marking the response as for this user only (unless the route said otherwise)."""

    async def send_private(message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(raw=list(message.get("headers", [])))
            headers.setdefault("cache-control", "private, no-store")
            headers["x-cache"] = "bypass"
            message = {**message, "headers": headers.raw}
        await send(message)

    return send_private
