"""What every page handler needs: the interface language, the current URL, and a render call.

``PageDep`` is an async dependency, so that the translations it activates are seen by the handler
(on the same task, or in a thread with a copy of this context) and by its templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse

from app.auth import Account
from app.db import SessionDep
from app.web import i18n
from app.web.auth import csrf_token, signed_in
from app.web.htmx import render, wants_fragment
from app.web.links import Here, own_path, path_with_args


class LanguageParam(str, Enum):
    en = "en"
    id = "id"


def language_of(request: Request, requested: str | None = None) -> str:
    """``lang`` from the query string, else the cookie, else English."""
    if requested in i18n.LANGUAGES:
        return requested
    cookie = request.cookies.get(i18n.COOKIE)
    return cookie if cookie in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


@dataclass
class Page:
    request: Request
    language: str
    remember_language: bool
    here: Here
    account: Account | None = None  # the signed-in user (app/web/auth.py)

    @property
    def editor(self) -> bool:
        """Whether the page is for an editor: rejected events shown, editing forms."""
        return self.account is not None and self.account.can_edit

    @property
    def fragment(self) -> bool:
        return wants_fragment(self.request)

    def common(self) -> dict:
        other = "id" if self.language == "en" else "en"
        return {
            "request": self.request,
            "language": self.language,
            "here": self.here,
            "site_url": self.request.app.state.settings.public_base_url,  # "" → links relative to the site
            "account": self.account,
            "editor": self.editor,
            "csrf_token": csrf_token(self.request) if self.account is not None else "",
            "switch_language": {
                "code": other,
                "label": i18n.locale_display_name(other),
                "url": path_with_args(self.here.path, self.here.args, replace={"lang": other}),
            },
        }

    def render(self, template: str, context: dict, *, block: str | None = None,
               status_code: int = 200, vary_target: bool = False) -> HTMLResponse:
        response = render(self.request, template, {**self.common(), **context}, block=block,
                          status_code=status_code, vary_target=vary_target)
        if self.remember_language:
            response.set_cookie(i18n.COOKIE, self.language, max_age=i18n.COOKIE_MAX_AGE, samesite="lax",
                                httponly=True)
        return response


async def page_context(
    request: Request,
    session: SessionDep,
    lang: Annotated[LanguageParam | None, Query(description="Interface language (remembered in a cookie)")] = None,
) -> Page:
    language = language_of(request, lang.value if lang else None)
    settings = request.app.state.settings
    i18n.activate(i18n.load_translations(settings.locales_dir, language))
    here = Here.from_query(own_path(request.scope["path"]), request.url.query)
    return Page(request=request, language=language, remember_language=lang is not None, here=here,
                account=signed_in(request, session))


PageDep = Annotated[Page, Depends(page_context)]
