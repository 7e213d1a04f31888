"""Device registration at login, revocation, and last-seen bookkeeping.

The ``devices`` table is this module's alone: other domains get plain :class:`DeviceInfo`
values and answers, never the table or its rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_server.audit import service as audit
from sync_server.audit.service import Actor
from sync_server.devices.models import Device
from sync_server.errors import ApiError, forbidden, not_found
from sync_server.timeutil import utcnow

_TOUCH_EVERY = dt.timedelta(minutes=1)
#: What an app version may look like (PEP 440 and local labels); anything else is not stored.
_APP_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,63}")

DeviceStatus = Literal["unknown", "active", "revoked"]


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    id: str
    name: str
    user_id: str
    partner_code: str
    registered_at: dt.datetime
    last_seen_at: dt.datetime
    revoked_at: dt.datetime | None
    #: The app version sent with the device's last authenticated request; None before any.
    app_version: str | None = None
    #: Unsent changes the device last reported at the end of a sync, and when.
    pending_changes: int | None = None
    pending_reported_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SignedInDevice:
    device_id: str
    #: Set only when this sign-in issued the device its secret (shown once).
    issued_secret: str | None
    #: The sign-in proved the device with the secret it was issued earlier.
    proved: bool


def _info(device: Device) -> DeviceInfo:
    return DeviceInfo(
        id=device.id,
        name=device.name,
        user_id=device.user_id,
        partner_code=device.partner_code,
        registered_at=device.registered_at,
        last_seen_at=device.last_seen_at,
        revoked_at=device.revoked_at,
        app_version=device.app_version,
        pending_changes=device.pending_changes,
        pending_reported_at=device.pending_reported_at,
    )


def _register(
    session: Session, user_id: str, partner_code: str, device_id: str, name: str, actor: Actor
) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        device = Device(id=device_id, user_id=user_id, partner_code=partner_code, name=name)
        session.add(device)
        session.flush()
        audit.write(session, audit.row("device.registered", actor, detail={"device_name": name}))
        return device
    if device.revoked_at is not None:
        raise ApiError(
            403, "device_revoked", "This device has been revoked; ask an administrator for help."
        )
    # A device stays bound to the user who enrolled it: nobody else can take it over.
    if device.user_id != user_id:
        raise forbidden("This device is registered to another user.")
    device.name, device.last_seen_at = name, utcnow()
    return device


def sign_in(
    session: Session,
    *,
    user_id: str,
    partner_code: str,
    device_id: str,
    name: str,
    secret: str | None,
    actor: Actor,
) -> SignedInDevice:
    """Register the device (or refresh it) for a successful sign-in of ``user_id``; a device
    signing in for the first time is issued its secret."""
    device = _register(session, user_id, partner_code, device_id, name, actor)
    issued = _issue_secret(device) if device.secret_hash is None else None
    proved = issued is None and secret_matches(device.secret_hash, secret)
    return SignedInDevice(device.id, issued, proved)


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue_secret(device: Device) -> str:
    """A new random device secret, shown once; only its hash is stored (decisions.md #8)."""
    secret = secrets.token_urlsafe(32)
    device.secret_hash = _secret_hash(secret)
    return secret


def secret_matches(stored_hash: str | None, secret: str | None) -> bool:
    if not stored_hash or not secret:
        return False
    return hmac.compare_digest(stored_hash, _secret_hash(secret))


def proves_owner(session: Session, device_id: str, user_id: str, secret: str | None) -> bool:
    """Whether ``device_id`` is bound to ``user_id`` and ``secret`` is its secret."""
    stored = session.execute(
        select(Device.secret_hash).where(Device.id == device_id, Device.user_id == user_id)
    ).scalar_one_or_none()
    return secret_matches(stored, secret)


def status(session: Session, device_id: str) -> DeviceStatus:
    device = session.get(Device, device_id)
    if device is None:
        return "unknown"
    return "active" if device.revoked_at is None else "revoked"


def clean_app_version(raw: str | None) -> str | None:
    """The app version a client reported, or None when it sent none or something that is not a
    version (a header is client input: it is never stored or shown unchecked)."""
    if raw is None:
        return None
    value = raw.strip()
    return value if _APP_VERSION.fullmatch(value) else None


def touch(session: Session, device_id: str, app_version: str | None = None) -> None:
    """Note that the device called in, and the app version it runs when it said which."""
    device = session.get(Device, device_id)
    if device is None:
        return
    version = clean_app_version(app_version)
    if version is not None and device.app_version != version:
        device.app_version = version  # written only when it changes: reads stay reads
    last = device.last_seen_at
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    if utcnow() - last > _TOUCH_EVERY:  # not on every request: it would make reads write
        device.last_seen_at = utcnow()


def report_pending(session: Session, device_id: str, count: int) -> None:
    """Keep the number of changes the device says it still holds unsent (support: who has
    work that has not reached the server)."""
    device = session.get(Device, device_id)
    if device is None:
        return
    last = device.pending_reported_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    # Every sync reports; an unchanged count is written at most once a minute (reads stay cheap).
    if device.pending_changes == count and last is not None and utcnow() - last < _TOUCH_EVERY:
        return
    device.pending_changes = count
    device.pending_reported_at = utcnow()


def revoke(
    session: Session, device_id: str, actor: Actor, *, partner: str | None = None
) -> DeviceInfo:
    """Revoke a device; ``partner`` limits an admin to their own partner's devices."""
    device = session.get(Device, device_id)
    if device is None or (partner is not None and device.partner_code != partner):
        raise not_found(f"No device {device_id}.")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        device.revoked_by = actor.username
        audit.write(
            session,
            audit.row(
                "device.revoked",
                actor,
                detail={"device": device_id, "partner": device.partner_code},
            ),
        )
    return _info(device)


def revoke_all_of_user(session: Session, user_id: str, actor: Actor) -> None:
    """Revoke every device of a leaver still active, each audited as one revocation."""
    active = session.execute(
        select(Device.id).where(Device.user_id == user_id, Device.revoked_at.is_(None))
    ).scalars()
    for device_id in list(active):
        revoke(session, device_id, actor)


def revoke_all_of_partner(session: Session, partner_code: str, actor: Actor) -> None:
    """Revoke every device of a deactivated partner still active, each audited."""
    active = session.execute(
        select(Device.id).where(Device.partner_code == partner_code, Device.revoked_at.is_(None))
    ).scalars()
    for device_id in list(active):
        revoke(session, device_id, actor)


def list_devices(session: Session, partner: str | None = None) -> list[DeviceInfo]:
    stmt = select(Device).order_by(Device.registered_at)
    if partner is not None:
        stmt = stmt.where(Device.partner_code == partner)
    return [_info(d) for d in session.execute(stmt).scalars()]


def owners(session: Session, device_ids: Iterable[str]) -> dict[str, str]:
    """The user id behind each known device id."""
    rows = session.execute(
        select(Device.id, Device.user_id).where(Device.id.in_(set(device_ids)))
    ).all()
    return {str(d): str(u) for d, u in rows}
