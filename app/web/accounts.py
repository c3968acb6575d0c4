"""Signing in and out (``GET``/``POST /login``, ``POST /logout``) and the admins' accounts page (``/users``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from app import auth
from app.db import SessionDep
from app.models import ROLES
from app.web.auth import FormAdmin, PageAdmin, check_csrf, csrf_token, end_session, start_session
from app.web.i18n import gettext
from app.web.page import PageDep

router = APIRouter(include_in_schema=False)

FieldText = Annotated[str, Form(max_length=200)]


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another host)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 500:
        return "/"
    return value


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login")
async def show_login(request: Request, page_: PageDep, next: str | None = None):
    return page_.render("login.html", {"login_csrf": csrf_token(request), "next": safe_next(next), "failed": None,
                                       "username": ""})


@router.post("/login")
async def sign_in(request: Request, session: SessionDep, page_: PageDep, username: FieldText = "",
                  password: FieldText = "", csrf_token_: Annotated[str, Form(alias="csrf_token")] = "",
                  next: Annotated[str, Form(max_length=500)] = "/"):
    check_csrf(request, csrf_token_)
    settings = request.app.state.settings
    try:
        account = auth.sign_in(session, username, password, address=_client_address(request), settings=settings)
    except auth.RateLimited as limited:
        raise HTTPException(429, gettext("Too many failed sign-ins. Try again in %(seconds)s seconds.")
                            % {"seconds": limited.retry_after},
                            headers={"Retry-After": str(limited.retry_after)}) from None
    if account is None:
        return page_.render("login.html", {"login_csrf": csrf_token(request), "next": safe_next(next),
                                           "failed": gettext("Wrong user name or password."),
                                           "username": username}, status_code=401)
    start_session(request, account)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
async def sign_out(request: Request, csrf_token_: Annotated[str, Form(alias="csrf_token")] = ""):
    check_csrf(request, csrf_token_)
    end_session(request)
    return RedirectResponse("/", status_code=303)


@router.get("/users")
async def show_users(session: SessionDep, page_: PageDep, admin: PageAdmin, error: str | None = None):
    return page_.render("users.html", {"users": auth.list_users(session), "roles": ROLES, "error": None})


@router.post("/users")
async def add_user(session: SessionDep, page_: PageDep, admin: FormAdmin, name: FieldText = "",
                   role: Annotated[str, Form(max_length=20)] = "editor", password: FieldText = ""):
    try:
        auth.create_user(session, name, role, password)
        session.commit()
    except auth.AccountError as error:
        session.rollback()
        return page_.render("users.html", {"users": auth.list_users(session), "roles": ROLES, "error": str(error)},
                            status_code=400)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/disable")
async def disable_user(name: str, session: SessionDep, admin: FormAdmin):
    return _set_disabled(session, admin, name, True)


@router.post("/users/{name}/enable")
async def enable_user(name: str, session: SessionDep, admin: FormAdmin):
    return _set_disabled(session, admin, name, False)


def _set_disabled(session, admin: auth.Account, name: str, disabled: bool):
    if disabled and name.lower() == admin.name.lower():
        raise HTTPException(400, gettext("You cannot disable your own account."))
    try:
        auth.set_disabled(session, name, disabled)
        session.commit()
    except auth.AccountError as error:
        raise HTTPException(404, str(error)) from None
    return RedirectResponse("/users", status_code=303)
