"""Accounts: users and roles, Argon2 password hashes, API tokens, sign-in rate limiting, the session key.

No FastAPI here: the CLI, the web pages and the API call these with a database session.
Roles: a *reader* may sign in but changes nothing; an *editor* corrects events; an *admin* also
manages accounts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlmodel import Session

from app.config import Settings
from app.models import ROLES, ApiToken, InstanceSecret, SignInAttempt, User

EDITING_ROLES = ("editor", "admin")
NAME_MAX = 64
PASSWORD_MIN = 8
TOKEN_PREFIX = "tl_"

_hasher = PasswordHasher()  # argon2id with the library's current parameters
# compared against when the name is unknown, so that a wrong name takes as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (the message says why)."""


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Account:
    """The signed-in user, as the pages and routes need them."""

    id: int
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role in EDITING_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _account(user: User) -> Account:
    return Account(user.id, user.name, user.role)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX or any(c.isspace() or not c.isprintable() for c in name):
        raise AccountError(f"a user name is 1–{NAME_MAX} printable characters without spaces")
    return name


def create_user(session: Session, name: str, role: str, password: str) -> Account:
    name = clean_name(name)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"a password has at least {PASSWORD_MIN} characters")
    if session.scalar(select(User.id).where(func.lower(User.name) == name.lower())) is not None:
        raise AccountError(f"there is already a user {name}")
    user = User(name=name, role=role, password_hash=_hasher.hash(password), created_at=_now())
    session.add(user)
    session.flush()
    return _account(user)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def set_disabled(session: Session, name: str, disabled: bool) -> None:
    user = _user_named(session, name)
    if user is None:
        raise AccountError(f"there is no user {name}")
    user.disabled = disabled
    if disabled:  # a disabled account's tokens stop working at once, and stay revoked
        session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))


def set_password(session: Session, name: str, password: str) -> None:
    user = _user_named(session, name)
    if user is None:
        raise AccountError(f"there is no user {name}")
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"a password has at least {PASSWORD_MIN} characters")
    user.password_hash = _hasher.hash(password)


def _user_named(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.name) == (name or "").strip().lower()))


def active_account(session: Session, user_id: object) -> Account | None:
    """The account of a session's user id, unless it is gone or disabled."""
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    return _account(user) if user is not None and not user.disabled else None


# --- signing in ------------------------------------------------------------------------------------


def sign_in(session: Session, name: str, password: str, *, address: str, settings: Settings) -> Account | None:
    """The account for ``name`` and ``password``, or None; raises ``RateLimited`` after too many failures.

    Failures are counted per account name and per client address over a sliding window (in the
    database, so that every worker process sees them); a success clears the account's count.
    """
    now = _now()
    since = now - dt.timedelta(seconds=settings.sign_in_window_seconds)
    key = (name or "").strip().lower()[:NAME_MAX * 2]
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < since))
    by_name = session.scalar(select(func.count()).where(SignInAttempt.username == key, SignInAttempt.at >= since))
    by_address = session.scalar(select(func.count()).where(SignInAttempt.address == address,
                                                            SignInAttempt.at >= since))
    if by_name >= settings.sign_in_max_failures_account or by_address >= settings.sign_in_max_failures_address:
        first = session.scalar(select(func.min(SignInAttempt.at)).where(
            (SignInAttempt.username == key) | (SignInAttempt.address == address), SignInAttempt.at >= since))
        wait = settings.sign_in_window_seconds - int((now - (first or now)).total_seconds())
        session.commit()
        raise RateLimited(max(1, wait))
    user = _user_named(session, key)
    if not _verify(user.password_hash if user else _DUMMY_HASH, password or "") or user is None or user.disabled:
        session.add(SignInAttempt(username=key, address=address, at=now))
        session.commit()
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    session.execute(delete(SignInAttempt).where(SignInAttempt.username == key))
    session.commit()
    return _account(user)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# --- API tokens ---------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, name: str, label: str = "") -> str:
    """A new API token for user ``name``: shown once, only its hash is kept."""
    user = _user_named(session, name)
    if user is None or user.disabled:
        raise AccountError(f"there is no active user {name}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), label=label[:100], created_at=_now()))
    return token


def account_for_token(session: Session, token: str) -> Account | None:
    if not token or len(token) > 200:
        return None
    user = session.scalar(select(User).join(ApiToken, ApiToken.user_id == User.id)
                          .where(ApiToken.token_hash == _token_hash(token)))
    return _account(user) if user is not None and not user.disabled else None


# --- the session signing key ----------------------------------------------------------------------------


def session_secret(session: Session, settings: Settings) -> str:
    """``TIMELINE_SESSION_SECRET``, or the key made on first use and kept in the database, so that
    every worker process (and every restart) signs and checks sessions with the same key."""
    if settings.session_secret:
        return settings.session_secret
    stored = session.get(InstanceSecret, "session")
    if stored is None:
        session.add(InstanceSecret(name="session", value=secrets.token_urlsafe(48)))
        try:
            session.commit()
        except Exception:  # another worker made it first: use theirs
            session.rollback()
        stored = session.get(InstanceSecret, "session")
    return stored.value
