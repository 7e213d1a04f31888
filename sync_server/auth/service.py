"""Partners and users, login with rate limiting, and resolving a bearer token to a principal."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Mapped, Session
from starlette.exceptions import HTTPException

from pace_shared.records import is_valid_partner_code
from sync_server.audit import service as audit
from sync_server.audit.service import Actor
from sync_server.auth.models import AccessToken, LoginFailure, Partner, User
from sync_server.auth.passwords import hash_password, verify_password
from sync_server.auth.policy import WeakPasswordError, check_password
from sync_server.auth.principal import ROLES, Principal
from sync_server.auth.tokens import new_token, token_hash
from sync_server.config import Settings
from sync_server.db import Database
from sync_server.devices import service as devices
from sync_server.errors import ApiError, unauthenticated
from sync_server.timeutil import utcnow


class AccountError(ValueError):
    """A bad request to create a partner or user (duplicate, unknown partner, bad role…)."""


class DuplicateAccountError(AccountError):
    """The partner or user already exists."""


@dataclass(frozen=True, slots=True)
class Account:
    """A user as other domains see it (never the row, never the password hash)."""

    id: str
    username: str
    display_name: str
    role: str
    partner_code: str
    active: bool


def _account(user: User) -> Account:
    return Account(
        user.id, user.username, user.display_name, user.role, user.partner_code, user.active
    )


def _printable(text: str, what: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise AccountError(f"the {what} must not contain control characters")
    return text.strip()


def create_partner(session: Session, code: str, name: str, actor: Actor = audit.SYSTEM) -> None:
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


def create_user(
    session: Session,
    username: str,
    password: str,
    *,
    partner: str,
    role: str,
    display_name: str | None = None,
    actor: Actor = audit.SYSTEM,
) -> Account:
    username = _printable(username, "username")
    display_name = _printable(display_name or username, "display name") or username
    if not username or len(username) > 100 or any(c.isspace() for c in username):
        raise AccountError("the username must be 1-100 characters without spaces")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if not password:
        raise AccountError("the password must not be empty")
    _check_policy(password, username)
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
    return _account(user)


def _check_policy(password: str, username: str) -> None:
    try:
        check_password(password, username)
    except WeakPasswordError as exc:
        raise AccountError(str(exc)) from None


class UnknownUserError(AccountError):
    """No such user (or, for an admin, none in their partner: the same answer)."""


def find_user(session: Session, username: str, *, partner: str | None = None) -> Account:
    """The user called ``username``; ``partner`` limits an admin to their own partner's users."""
    return _account(_find_user(session, username, partner=partner))


def _find_user(session: Session, username: str, *, partner: str | None = None) -> User:
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None or (partner is not None and user.partner_code != partner):
        raise UnknownUserError(f"unknown user {username!r}")
    return user


def _end_sessions(session: Session, user: User) -> None:
    session.execute(delete(AccessToken).where(AccessToken.user_id == user.id))


def deactivate_user(
    session: Session, username: str, actor: Actor = audit.SYSTEM, *, partner: str | None = None
) -> Account:
    """A leaver: sign-in refused (403 ``account_disabled``) and every device revoked, so each
    laptop wipes itself at its next contact."""
    user = _find_user(session, username, partner=partner)
    user.active = False
    devices.revoke_all_of_user(session, user.id, actor)
    audit.write(session, audit.row("user.deactivated", actor, detail={"user": user.username}))
    return _account(user)


def reactivate_user(
    session: Session, username: str, actor: Actor = audit.SYSTEM, *, partner: str | None = None
) -> Account:
    """Sign-in allowed again; revoked devices stay revoked (the user enrols again)."""
    user = _find_user(session, username, partner=partner)
    user.active = True
    audit.write(session, audit.row("user.reactivated", actor, detail={"user": user.username}))
    return _account(user)


def reset_password(
    session: Session,
    username: str,
    password: str,
    actor: Actor = audit.SYSTEM,
    *,
    partner: str | None = None,
) -> Account:
    """A new password (under the policy); every session of the user ends."""
    user = _find_user(session, username, partner=partner)
    _check_policy(password, user.username)
    user.password_hash = hash_password(password)
    _end_sessions(session, user)
    # The owner now knows the new password: earlier guesses no longer lock them out.
    session.execute(delete(LoginFailure).where(LoginFailure.username == user.username))
    audit.write(session, audit.row("user.password_reset", actor, detail={"user": user.username}))
    return _account(user)


def set_role(
    session: Session,
    username: str,
    role: str,
    actor: Actor = audit.SYSTEM,
    *,
    partner: str | None = None,
) -> Account:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    user = _find_user(session, username, partner=partner)
    previous, user.role = user.role, role
    audit.write(
        session,
        audit.row(
            "user.role_changed",
            actor,
            detail={"user": user.username, "from": previous, "to": role},
        ),
    )
    return _account(user)


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    user: Account
    device_id: str
    #: Set only when this sign-in issued the device its secret (shown once).
    device_secret: str | None = None


def _failures(
    session: Session, column: Mapped[str], value: str, since: dt.datetime
) -> tuple[int, dt.datetime | None]:
    """How many failures for ``value`` since ``since``, and when the latest was."""
    count, latest = session.execute(
        select(func.count(), func.max(LoginFailure.at)).where(
            column == value, LoginFailure.at >= since
        )
    ).one()
    return int(count), latest


def _wait_seconds(count: int, latest: dt.datetime | None, limit: int, settings: Settings) -> float:
    """Seconds left before another attempt is allowed: none below the limit, then a delay that
    doubles with every further failure (capped at the window)."""
    if count < limit or latest is None:
        return 0.0
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=dt.UTC)
    delay = min(
        settings.login_window_seconds,
        settings.login_lockout_seconds * 2 ** min(count - limit, 20),
    )
    return (latest + dt.timedelta(seconds=delay) - utcnow()).total_seconds()


def check_rate_limit(
    session: Session, settings: Settings, username: str, address: str, *, own_device: bool = False
) -> None:
    """429 with ``Retry-After`` while the username or the address is throttled. A sign-in from
    the user's own device (right device secret) skips the username limit, so a password
    guesser cannot lock the user out; the address limit holds for everyone."""
    since = utcnow() - dt.timedelta(seconds=settings.login_window_seconds)
    waits = [
        _wait_seconds(
            *_failures(session, LoginFailure.address, address, since),
            settings.login_max_failures_per_address,
            settings,
        )
    ]
    if not own_device:
        waits.append(
            _wait_seconds(
                *_failures(session, LoginFailure.username, username, since),
                settings.login_max_failures_per_user,
                settings,
            )
        )
    wait = max(waits)
    if wait > 0:
        raise HTTPException(
            429,
            "Too many failed sign-ins. Wait a few minutes and try again.",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


#: Key of the PostgreSQL advisory lock that serialises the rate-limit check of every login
#: (on SQLite, BEGIN IMMEDIATE does the same).
_LOGIN_LOCK_KEY = 0x50414345  # "PACE"


def _claim_attempt(
    db: Database, settings: Settings, username: str, address: str, *, own_device: bool
) -> int:
    """Check the limits and count this attempt as a failure, atomically with other logins.

    Counting before the (slow) password check is what makes the limit hold under a burst of
    parallel guesses: each guess that passes the check has already been counted when the next
    one is checked. A successful login removes the count again."""
    with db.write_session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOGIN_LOCK_KEY})
        check_rate_limit(session, settings, username, address, own_device=own_device)
        attempt = LoginFailure(username=username[:100], address=address[:64])
        session.add(attempt)
        session.flush()
        return attempt.id


def _device_revoked() -> ApiError:
    return ApiError(
        403,
        "device_revoked",
        "This device has been revoked by an administrator; its local data must be wiped.",
    )


def _refuse_revoked_device(db: Database, device_id: str) -> bool:
    """Raise ``device_revoked`` for a revoked device id, whatever the password (so a revoked
    laptop wipes itself); otherwise whether the device is known."""
    with db.session() as session:
        known = devices.status(session, device_id)
    if known == "revoked":
        raise _device_revoked()
    return known != "unknown"


def _is_own_device(db: Database, username: str, device_id: str, secret: str | None) -> bool:
    """Whether the sign-in comes from a device bound to ``username`` that proves it with its
    secret. A device id alone proves nothing: ids travel in every HLC."""
    if not secret:
        return False
    with db.session() as session:
        user_id = session.execute(
            select(User.id).where(User.username == username)
        ).scalar_one_or_none()
        return user_id is not None and devices.proves_owner(session, device_id, user_id, secret)


def _forget_attempt(db: Database, attempt_id: int) -> None:
    with db.write_session() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.id == attempt_id))


def login(
    db: Database,
    settings: Settings,
    *,
    username: str,
    password: str,
    device_id: str,
    device_name: str,
    address: str,
    device_secret: str | None = None,
) -> LoginResult | None:
    """Sign in; ``None`` when the credentials are wrong (the failure stays counted).

    Order matters: a revoked device is refused first, then the throttles, then the password;
    the right password of a deactivated account answers ``account_disabled``."""
    _refuse_revoked_device(db, device_id)
    own_device = _is_own_device(db, username, device_id, device_secret)
    attempt_id = _claim_attempt(db, settings, username, address, own_device=own_device)
    with db.session() as session:
        found = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        stored_hash = found.password_hash if found else None
    # The slow Argon2 check runs outside any transaction or lock.
    if not (verify_password(stored_hash, password) and found is not None):
        with db.write_session() as session:
            audit.write(
                session,
                # Attributed to the account's partner when it exists, so its admins see attempts.
                audit.row(
                    "login.failed",
                    Actor(
                        username=username[:100],
                        partner_code=found.partner_code if found else None,
                        device_id=device_id,
                        address=address,
                    ),
                ),
            )
        return None
    try:
        return _sign_in(
            db, settings, found.id, device_id, device_name, address, device_secret, attempt_id
        )
    except ApiError:
        # The right password from a refused account or device: not a guess.
        _forget_attempt(db, attempt_id)
        raise


def _sign_in(
    db: Database,
    settings: Settings,
    user_id: str,
    device_id: str,
    device_name: str,
    address: str,
    device_secret: str | None,
    attempt_id: int,
) -> LoginResult:
    with db.write_session() as session:
        user = session.get(User, user_id)
        if user is None:
            raise unauthenticated("The username or password is wrong.")
        actor = Actor(user.id, user.username, user.partner_code, device_id, address)
        if not user.active:
            audit.write(session, audit.row("login.refused", actor, detail={"reason": "disabled"}))
            raise ApiError(
                403, "account_disabled", "This account has been disabled by an administrator."
            )
        device = devices.sign_in(
            session,
            user_id=user.id,
            partner_code=user.partner_code,
            device_id=device_id,
            name=device_name,
            secret=device_secret,
            actor=actor,
        )
        token = new_token()
        session.add(
            AccessToken(
                token_hash=token_hash(token),
                user_id=user.id,
                device_id=device.device_id,
                expires_at=utcnow() + dt.timedelta(seconds=settings.token_ttl_seconds),
            )
        )
        own = device.proved
        if own:
            # Only this attempt is forgiven: a guesser's failures keep the username throttled
            # for everyone else (a sign-in of the owner must not hand them fresh guesses).
            session.execute(delete(LoginFailure).where(LoginFailure.id == attempt_id))
        else:
            session.execute(delete(LoginFailure).where(LoginFailure.username == user.username))
        audit.write(session, audit.row("login.succeeded", actor, detail={"own_device": own}))
    return LoginResult(token, _account(user), device.device_id, device.issued_secret)


def resolve_token(
    session: Session, token: str, address: str | None, app_version: str | None = None
) -> Principal:
    row = session.execute(
        select(AccessToken, User)
        .join(User, User.id == AccessToken.user_id)
        .where(AccessToken.token_hash == token_hash(token))
    ).first()
    if row is None:
        raise unauthenticated()
    access, user = row
    device_status = devices.status(session, access.device_id)
    if device_status == "unknown":
        raise unauthenticated()
    # Revocation before expiry: a revoked laptop must hear it even with an expired token.
    if device_status == "revoked":
        raise _device_revoked()
    expires_at = access.expires_at
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=dt.UTC)
    if expires_at <= utcnow() or not user.active:
        raise unauthenticated("The session has expired: sign in again.")
    devices.touch(session, access.device_id, app_version)
    return Principal(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.partner_code,
        access.device_id,
        address,
    )


def known_partner_codes(session: Session) -> frozenset[str]:
    return frozenset(session.execute(select(Partner.code)).scalars())


def has_users(session: Session) -> bool:
    return session.execute(select(User.id).limit(1)).first() is not None


def usernames(session: Session) -> set[str]:
    return set(session.execute(select(User.username)).scalars())


def list_accounts(session: Session, partner: str | None) -> list[Account]:
    """The users of ``partner`` (``None``: of every partner), by username."""
    stmt = select(User).order_by(User.username)
    if partner is not None:
        stmt = stmt.where(User.partner_code == partner)
    users = session.execute(stmt).scalars()
    return [_account(u) for u in users]


def usernames_of_devices(session: Session, device_ids: Iterable[str]) -> dict[str, str]:
    """The username of the user each known device id is bound to."""
    owners = devices.owners(session, device_ids)
    rows = session.execute(
        select(User.id, User.username).where(User.id.in_(set(owners.values())))
    ).all()
    names = {str(user): str(name) for user, name in rows}
    return {device: names[user] for device, user in owners.items() if user in names}


def user_counts(session: Session, partner: str | None = None) -> dict[str, int]:
    """Active users by role (and ``inactive``), for one partner or (None) every partner."""
    stmt = select(User.role, User.active, func.count()).group_by(User.role, User.active)
    if partner is not None:
        stmt = stmt.where(User.partner_code == partner)
    counts: dict[str, int] = {}
    for role, active, n in session.execute(stmt).tuples():
        key = role if active else "inactive"
        counts[key] = counts.get(key, 0) + int(n)
    return counts


def recent_sign_in_failures(session: Session, since: dt.datetime) -> int:
    """Failed sign-ins recorded since ``since`` (the rate limiter's own table)."""
    return int(
        session.execute(
            select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
        ).scalar_one()
    )
