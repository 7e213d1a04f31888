"""Writing audit events. Callers pass names and ids only; values of personal fields never."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sync_server.audit.models import AuditEvent
from sync_server.db import bulk_insert
from sync_server.timeutil import utcnow


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str | None = None
    username: str | None = None
    partner_code: str | None = None
    device_id: str | None = None
    address: str | None = None


SYSTEM = Actor(username="system")


def row(
    action: str,
    actor: Actor,
    *,
    record_id: str | None = None,
    record_type: str | None = None,
    fields: Iterable[str] | None = None,
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One audit row, for :func:`write` (batched with others in the same transaction)."""
    return {
        "at": utcnow(),
        "action": action,
        "user_id": actor.user_id,
        "username": actor.username,
        "partner_code": actor.partner_code,
        "device_id": actor.device_id,
        "address": actor.address,
        "record_id": record_id,
        "record_type": record_type,
        "fields": sorted(fields) if fields is not None else None,
        "detail": detail,
    }


def write(session: Session, *rows: dict[str, Any]) -> None:
    bulk_insert(session, AuditEvent.__table__, rows)
