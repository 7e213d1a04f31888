"""Device registration at login, revocation, and last-seen bookkeeping."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_server.audit import service as audit
from sync_server.audit.service import Actor
from sync_server.auth.models import User
from sync_server.devices.models import Device
from sync_server.errors import ApiError, forbidden, not_found
from sync_server.timeutil import utcnow

_TOUCH_EVERY = dt.timedelta(minutes=1)


def register(session: Session, user: User, device_id: str, name: str, actor: Actor) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        device = Device(id=device_id, user_id=user.id, partner_code=user.partner_code, name=name)
        session.add(device)
        session.flush()
        audit.write(session, audit.row("device.registered", actor, detail={"device_name": name}))
        return device
    if device.revoked_at is not None:
        raise ApiError(
            403, "device_revoked", "This device has been revoked; ask an administrator for help."
        )
    # A device stays bound to the user who enrolled it: nobody else can take it over.
    if device.user_id != user.id:
        raise forbidden("This device is registered to another user.")
    device.name, device.last_seen_at = name, utcnow()
    return device


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_secret(device: Device) -> str:
    """A new random device secret, shown once; only its hash is stored (decisions.md #8)."""
    secret = secrets.token_urlsafe(32)
    device.secret_hash = _secret_hash(secret)
    return secret


def secret_matches(stored_hash: str | None, secret: str | None) -> bool:
    if not stored_hash or not secret:
        return False
    return hmac.compare_digest(stored_hash, _secret_hash(secret))


def touch(session: Session, device: Device) -> None:
    last = device.last_seen_at
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    if utcnow() - last > _TOUCH_EVERY:  # not on every request: it would make reads write
        device.last_seen_at = utcnow()


def revoke(session: Session, device_id: str, actor: Actor, *, partner: str | None = None) -> Device:
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
    return device


def list_devices(session: Session, partner: str | None = None) -> list[Device]:
    stmt = select(Device).order_by(Device.registered_at)
    if partner is not None:
        stmt = stmt.where(Device.partner_code == partner)
    return list(session.execute(stmt).scalars())
