"""Partners and users, login with rate limiting, and resolving a bearer token to a principal."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from pace_shared.records import is_valid_partner_code
from sync_server.audit import service as audit
from sync_server.audit.service import Actor
from sync_server.auth.models import AccessToken, LoginFailure, Partner, User
from sync_server.auth.passwords import hash_password, verify_password
from sync_server.auth.principal import ROLES, Principal
from sync_server.auth.tokens import new_token, token_hash
from sync_server.config import Settings
from sync_server.db import Database
from sync_server.devices import service as devices
from sync_server.devices.models import Device
from sync_server.errors import ApiError, unauthenticated
from sync_server.timeutil import utcnow


class AccountError(ValueError):
    """A bad request to create a partner or user (duplicate, unknown partner, bad role…)."""


class DuplicateAccountError(AccountError):
    """The partner or user already exists."""


def _printable(text: str, what: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise AccountError(f"the {what} must not contain control characters")
    return text.strip()


def create_partner(session: Session, code: str, name: str, actor: Actor = audit.SYSTEM) -> Partner:
    if not is_valid_partner_code(code):
        raise AccountError(
            f"partner code {code!r} must be 2-32 capital letters, digits or underscores, "
            "starting with a letter"
        )
    if not _printable(name, "partner name"):
        raise AccountError("the partner needs a name")
    if session.get(Partner, code) is not None:
        raise DuplicateAccountError(f"partner {code} already exists")
    partner = Partner(code=code, name=name.strip())
    session.add(partner)
    session.flush()
    audit.write(session, audit.row("partner.created", actor, detail={"partner": code}))
    return partner


def create_user(
    session: Session,
    username: str,
    password: str,
    *,
    partner: str,
    role: str,
    display_name: str | None = None,
    actor: Actor = audit.SYSTEM,
) -> User:
    username = _printable(username, "username")
    display_name = _printable(display_name or username, "display name") or username
    if not username or len(username) > 100 or any(c.isspace() for c in username):
        raise AccountError("the username must be 1-100 characters without spaces")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if not password:
        raise AccountError("the password must not be empty")
    if session.get(Partner, partner) is None:
        raise AccountError(f"unknown partner {partner!r}")
    if session.execute(select(User.id).where(User.username == username)).first():
        raise DuplicateAccountError(f"user {username} already exists")
    user = User(
        id=str(uuid.uuid4()),
        username=username,
        display_name=display_name,
        role=role,
        partner_code=partner,
        password_hash=hash_password(password),
        active=True,
    )
    session.add(user)
    session.flush()
    audit.write(
        session,
        audit.row(
            "user.created", actor, detail={"user": username, "role": role, "partner": partner}
        ),
    )
    return user


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    user: User
    device: Device


def _recent_failures(session: Session, column: object, value: str, since: dt.datetime) -> int:
    return session.execute(
        select(func.count())
        .select_from(LoginFailure)
        .where(column == value, LoginFailure.at >= since)
    ).scalar_one()


def check_rate_limit(session: Session, settings: Settings, username: str, address: str) -> None:
    since = utcnow() - dt.timedelta(seconds=settings.login_window_seconds)
    if (
        _recent_failures(session, LoginFailure.username, username, since)
        >= settings.login_max_failures_per_user
        or _recent_failures(session, LoginFailure.address, address, since)
        >= settings.login_max_failures_per_address
    ):
        raise ApiError(
            429,
            "rate_limited",
            "Too many failed sign-ins. Wait a few minutes and try again.",
        )


#: Key of the PostgreSQL advisory lock that serialises the rate-limit check of every login
#: (on SQLite, BEGIN IMMEDIATE does the same).
_LOGIN_LOCK_KEY = 0x50414345  # "PACE"


def _claim_attempt(db: Database, settings: Settings, username: str, address: str) -> int:
    """Check the limits and count this attempt as a failure, atomically with other logins.

    Counting before the (slow) password check is what makes the limit hold under a burst of
    parallel guesses: each guess that passes the check has already been counted when the next
    one is checked. A successful login removes the count again."""
    with db.write_session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOGIN_LOCK_KEY})
        check_rate_limit(session, settings, username, address)
        attempt = LoginFailure(username=username[:100], address=address[:64])
        session.add(attempt)
        session.flush()
        return attempt.id


def login(
    db: Database,
    settings: Settings,
    *,
    username: str,
    password: str,
    device_id: str,
    device_name: str,
    address: str,
) -> LoginResult | None:
    """Sign in; ``None`` when the credentials are wrong (the failure stays counted)."""
    attempt_id = _claim_attempt(db, settings, username, address)
    with db.session() as session:
        found = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        stored_hash = found.password_hash if found else None
    # The slow Argon2 check runs outside any transaction or lock.
    good = verify_password(stored_hash, password) and found is not None and found.active
    if not good:
        with db.write_session() as session:
            audit.write(
                session,
                # Attributed to the account's partner when it exists, so its admins see attempts.
                audit.row(
                    "login.failed",
                    Actor(
                        username=username[:100],
                        partner_code=found.partner_code if found else None,
                        address=address,
                    ),
                ),
            )
        return None
    try:
        with db.write_session() as session:
            user = session.get(User, found.id)  # type: ignore[union-attr]
            if user is None or not user.active:
                return None
            actor = Actor(user.id, user.username, user.partner_code, device_id, address)
            device = devices.register(session, user, device_id, device_name, actor)
            token = new_token()
            session.add(
                AccessToken(
                    token_hash=token_hash(token),
                    user_id=user.id,
                    device_id=device.id,
                    expires_at=utcnow() + dt.timedelta(seconds=settings.token_ttl_seconds),
                )
            )
            session.execute(delete(LoginFailure).where(LoginFailure.username == username))
            audit.write(session, audit.row("login.succeeded", actor))
    except ApiError:
        # The right password from a refused device (revoked, other partner): not a guess.
        with db.write_session() as session:
            session.execute(delete(LoginFailure).where(LoginFailure.id == attempt_id))
        raise
    return LoginResult(token, user, device)


def resolve_token(session: Session, token: str, address: str | None) -> Principal:
    row = session.execute(
        select(AccessToken, User, Device)
        .join(User, User.id == AccessToken.user_id)
        .join(Device, Device.id == AccessToken.device_id)
        .where(AccessToken.token_hash == token_hash(token))
    ).first()
    if row is None:
        raise unauthenticated()
    access, user, device = row
    expires_at = access.expires_at
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=dt.UTC)
    if expires_at <= utcnow() or not user.active:
        raise unauthenticated("The session has expired: sign in again.")
    if device.revoked_at is not None:
        raise ApiError(
            403,
            "device_revoked",
            "This device has been revoked by an administrator; its local data must be wiped.",
        )
    devices.touch(session, device)
    return Principal(
        user.id, user.username, user.display_name, user.role, user.partner_code, device.id, address
    )


def known_partner_codes(session: Session) -> frozenset[str]:
    return frozenset(session.execute(select(Partner.code)).scalars())
