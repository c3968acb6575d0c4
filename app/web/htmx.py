"""Rendering: one template per page, its HTMX fragments blocks of it (jinja2-fragments).

A request gets a fragment when ``HX-Request`` is set and ``HX-History-Restore-Request`` is not
(htmx restoring history wants the whole page). Every response says ``Vary: HX-Request,
HX-History-Restore-Request`` (and ``HX-Target`` where the block depends on it) so that caches keep
them apart: a browser must not answer a history restore with a fragment it kept.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, nodes, pass_context, select_autoescape
from jinja2_fragments import render_block
from markupsafe import Markup, escape

from app.web import i18n, labels


def wants_fragment(request: Request) -> bool:
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-history-restore-request") != "true"


def render(request: Request, template: str, context: dict, *, block: str | None = None,
           status_code: int = 200, headers: dict[str, str] | None = None,
           vary_target: bool = False) -> HTMLResponse:
    """The whole page, or only ``block`` of it for an HTMX request.

    ``vary_target``: the block also depends on ``HX-Target`` (the timeline's facets and axis).
    """
    settings = request.app.state.settings
    env = environment(settings.templates_dir, settings.static_dir)
    language = context.get("language", i18n.DEFAULT_LANGUAGE)
    token = i18n.activate(i18n.load_translations(settings.locales_dir, language))
    try:
        if block and wants_fragment(request):
            html = render_block(env, defining_template(env, template, block), block, context)
        else:
            html = env.get_template(template).render(context)
    finally:
        i18n.deactivate(token)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    vary = "HX-Request, HX-History-Restore-Request"
    response.headers["Vary"] = f"{vary}, HX-Target" if vary_target else vary
    return response


@lru_cache(maxsize=256)
def defining_template(env: Environment, name: str, block: str) -> str:
    """The template of ``name``'s inheritance chain that defines ``block``: a page that extends a
    layout (listing.html) and only fills in its intro has its fragments rendered from the layout."""
    current = name
    while block not in env.get_template(current).blocks:
        source = env.loader.get_source(env, current)[0]
        parent = next((node.template.value for node in env.parse(source).find_all(nodes.Extends)
                       if isinstance(node.template, nodes.Const)), None)
        if parent is None:
            return name  # not found anywhere: render_block says so
        current = parent
    return current


# --- the template environment -----------------------------------------------------------------


@cache
def environment(templates_dir: Path, static_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        auto_reload=False,  # templates change with a deploy, not while serving: no stat() per render
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True,
                                  pgettext=i18n.pgettext)
    env.globals["static"] = _static_url_function(static_dir)
    env.globals.update(type_label=labels.type_label, type_plural=labels.type_plural,
                       side_label=labels.side_label, precision_label=labels.precision_label,
                       facet_label=labels.facet_label, subtype_label=labels.subtype_label)
    env.filters["date"] = _format_date
    env.filters["country"] = _country
    env.filters["num"] = _number
    env.filters["percent"] = _percent
    env.filters["langname"] = _language_name
    env.filters["highlight"] = highlight
    return env


def _static_url_function(static_dir: Path):
    """``static('css/app.css')`` → ``/static/css/app.css?v=<content hash>`` for safe long caching."""

    @cache
    def static(path: str) -> str:
        file = static_dir / path
        version = hashlib.sha256(file.read_bytes()).hexdigest()[:10] if file.is_file() else "0"
        return f"/static/{path}?v={version}"

    return static


@pass_context
def _format_date(context, iso: str | None, end: str | None = None) -> str:
    return i18n.format_partial(iso, context.get("language", "en"), end)


@pass_context
def _country(context, name: str | None) -> str:
    return i18n.country_name(name, context.get("language", "en"))


@pass_context
def _number(context, value: int) -> str:
    return i18n.format_number(value, context.get("language", "en"))


@pass_context
def _percent(context, value: float) -> str:
    return i18n.format_share(value, context.get("language", "en"))


@pass_context
def _language_name(context, code: str | None) -> str:
    return i18n.language_name(code, context.get("language", "en"))


def highlight(text: str | None, pattern: re.Pattern | None) -> Markup:
    """``text`` escaped, with the matches of ``pattern`` wrapped in ``<mark>``."""
    if not text:
        return Markup("")
    if pattern is None:
        return escape(text)
    out, position = [], 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        out.append(escape(text[position:match.start()]))
        out.append(Markup("<mark>%s</mark>") % text[match.start():match.end()])
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)
