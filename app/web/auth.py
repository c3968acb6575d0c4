"""Who is asking: signed sessions, CSRF tokens, and the checks every state-changing route makes.

Sessions are Starlette's ``SessionMiddleware`` (an itsdangerous-signed cookie, HttpOnly,
SameSite=Lax, Secure when ``TIMELINE_SECURE_COOKIES`` is set), signed with
``TIMELINE_SESSION_SECRET`` or, when none is set, a key made on first use and kept in the
database (``app.auth.session_secret``), so that every worker and every restart share it. The
session holds the user's id and a CSRF token; the account is looked up on each request, so that
disabling it ends its sessions at once. Readers without an account get no cookie at all.

Every form that changes something carries the session's CSRF token (``csrf_token``), checked
before anything else is read; the API takes ``Authorization: Bearer`` tokens instead (no cookie,
so no CSRF). Without a signed-in account a change is refused with 401, with an account that may
not make it (a reader's, or a disabled one) with 403.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session
from starlette.middleware.sessions import SessionMiddleware

from app import auth
from app.auth import Account
from app.db import SessionDep
from app.web.i18n import gettext

SESSION_COOKIE = "timeline_session"


class Sessions:
    """``SessionMiddleware``, made on the first request (the signing key may live in the database,
    which the app migrates at start-up)."""

    def __init__(self, app) -> None:
        self.app = app
        self.inner = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.inner is None:
            state = scope["app"].state
            settings = state.settings
            with Session(state.engine) as session:
                secret = auth.session_secret(session, settings)
            self.inner = SessionMiddleware(self.app, secret_key=secret, session_cookie=SESSION_COOKIE,
                                           max_age=settings.session_max_age, same_site="lax",
                                           https_only=settings.secure_cookies)
        await self.inner(scope, receive, send)


def signed_in(request: Request, session: Session) -> Account | None:
    """The session's active account, or None (anonymous, unknown or disabled)."""
    if "session" not in request.scope or SESSION_COOKIE not in request.cookies:
        return None
    account = auth.active_account(session, request.session.get("uid"))
    if account is None and "uid" in request.session:
        request.session.pop("uid", None)
    return account


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use, which starts the session)."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, sent: str | None) -> None:
    expected = request.session.get("csrf") if "session" in request.scope else None
    if not expected or not sent or not secrets.compare_digest(expected, sent):
        raise HTTPException(403, gettext("This form has expired or did not come from this site. "
                                         "Load the page again and resend it."))


def start_session(request: Request, account: Account) -> None:
    """Signed in: a new CSRF token too (nothing from before signing in carries over)."""
    request.session.clear()
    request.session["uid"] = account.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    request.session.clear()


async def editor_for_form(request: Request, session: SessionDep) -> Account:
    """The signed-in editor making a change through a form: 401 without an account, 403 for a reader
    or a disabled one, then 403 without this session's CSRF token (read from the form)."""
    account = require_editor(request, session)
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, token if isinstance(token, str) else None)
    return account


def require_admin(request: Request, session: Session) -> Account:
    account = require_editor(request, session)
    if not account.is_admin:
        raise HTTPException(403, gettext("Only an administrator manages accounts."))
    return account


async def admin_for_page(request: Request, session: SessionDep) -> Account:
    return require_admin(request, session)


async def admin_for_form(request: Request, session: SessionDep) -> Account:
    account = require_admin(request, session)
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, token if isinstance(token, str) else None)
    return account


def require_editor(request: Request, session: Session) -> Account:
    if "session" not in request.scope or "uid" not in request.session:
        raise HTTPException(401, gettext("Sign in as an editor to change events."))
    account = signed_in(request, session)
    if account is None:
        raise HTTPException(403, gettext("This account is disabled."))
    if not account.can_edit:
        raise HTTPException(403, gettext("This account may read but not change events."))
    return account


async def editor_for_page(request: Request, session: SessionDep) -> Account:
    """An editor's page (a form, the review queue): the same checks, without a token to read."""
    return require_editor(request, session)


async def editor_for_api(request: Request, session: SessionDep) -> Account:
    """An API change: a user's token (``Authorization: Bearer``): 401 without a valid one, 403 for a reader."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    account = auth.account_for_token(session, token.strip()) if scheme.lower() == "bearer" else None
    if account is None:
        raise HTTPException(401, "a valid API token is required (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
    if not account.can_edit:
        raise HTTPException(403, "this account may read but not change events")
    return account


FormEditor = Annotated[Account, Depends(editor_for_form)]
PageAdmin = Annotated[Account, Depends(admin_for_page)]
FormAdmin = Annotated[Account, Depends(admin_for_form)]
PageEditor = Annotated[Account, Depends(editor_for_page)]
ApiEditor = Annotated[Account, Depends(editor_for_api)]
