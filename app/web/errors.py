"""Errors: an HTML page for the web routes, FastAPI's JSON for /api. Bad input is a 4xx, never a 500."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.web import i18n
from app.web.i18n import N_, gettext
from app.web.links import Here, own_path
from app.web.page import Page, language_of

log = logging.getLogger(__name__)

TITLES = {
    400: N_("That request cannot be answered"),
    401: N_("Sign in first"),
    403: N_("Not allowed"),
    409: N_("Changed meanwhile"),
    429: N_("Too many attempts"),
    404: N_("Not found"),
    405: N_("Method not allowed"),
    422: N_("That request cannot be answered"),
    500: N_("Something went wrong"),
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/openapi.json", "/docs", "/redoc")


def _page(request: Request) -> Page:
    requested = request.query_params.get("lang")
    language = language_of(request, requested)
    settings = request.app.state.settings
    i18n.activate(i18n.load_translations(settings.locales_dir, language))
    here = Here.from_query(own_path(request.scope["path"]), request.url.query)
    return Page(request=request, language=language, remember_language=False, here=here)


def render_error(request: Request, status: int, messages: list[str]):
    page = _page(request)
    try:
        title = gettext(TITLES.get(status, TITLES[400] if status < 500 else TITLES[500]))
        return page.render("error.html", {"status": status, "title": title, "messages": messages},
                           status_code=status)
    except Exception:  # the error page itself must never fail
        log.exception("error page failed")
        return PlainTextResponse(f"{status}: " + "; ".join(messages), status_code=status)


def _validation_messages(exc: RequestValidationError) -> list[str]:
    messages = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())
                    if part not in ("query", "path", "body") and not isinstance(part, int)]
        name = ".".join(location) or gettext("request")
        value = error.get("input")
        shown = ""
        if isinstance(value, str | int | float) and str(value):
            shown = " (" + gettext("got “%(value)s”") % {"value": value} + ")"
        messages.append(f"{name}: {error.get('msg', gettext('invalid value'))}{shown}")
    return messages


async def handle_http_exception(request: Request, exc: StarletteHTTPException):
    if _is_api(request):
        return await http_exception_handler(request, exc)
    detail = exc.detail if isinstance(exc.detail, str) else None
    if (exc.status_code == 404 and not detail) or detail == "Not Found":
        detail = gettext("There is no page at this address.")
    response = render_error(request, exc.status_code, [detail] if detail else [])
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def handle_validation_error(request: Request, exc: RequestValidationError):
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    return render_error(request, 400, _validation_messages(exc))


async def handle_unexpected(request: Request, exc: Exception):
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    if _is_api(request):
        from fastapi.responses import JSONResponse

        return JSONResponse({"detail": "internal error"}, status_code=500)
    return render_error(request, 500, [gettext("The error has been logged.")])


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected)
