"""Writing and reading audit events. Callers pass names and ids only; values of personal
fields never. The ``audit_events`` table is this module's alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, or_, select
from sqlalchemy.orm import Session

from sync_server.audit.models import AuditEvent
from sync_server.db import bulk_insert, bulk_insert_varying
from sync_server.timeutil import utcnow

_EVENTS = cast(Table, AuditEvent.__table__)


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
    bulk_insert(session, _EVENTS, rows)


def write_per_record(session: Session, row: dict[str, Any], record_ids: Sequence[str]) -> None:
    """One event per record id, otherwise the same ``row`` (its ``record_id`` is ignored), in
    one bulk insert: the disclosure log writes a row per person per pull."""
    constant = {k: v for k, v in row.items() if k != "record_id"}
    bulk_insert_varying(session, _EVENTS, constant, "record_id", record_ids)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read, newest first: ids below ``before``, times in [since, until)."""

    limit: int
    before: int | None = None
    record_id: str | None = None
    username: str | None = None
    action: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: dt.datetime
    action: str
    username: str | None
    device_id: str | None
    record_id: str | None
    record_type: str | None
    fields: list[str] | None
    detail: dict[str, Any] | None


def partner_events(
    session: Session, partner: str, owned_records: Select[str], wanted: EventFilter
) -> list[Event]:
    """The events of ``partner`` and every event on a record in ``owned_records`` (a query of
    record ids, from the domain that owns records), filtered by ``wanted``."""
    return _read(
        session,
        select(AuditEvent).where(
            or_(AuditEvent.partner_code == partner, AuditEvent.record_id.in_(owned_records))
        ),
        wanted,
    )


def all_events(session: Session, wanted: EventFilter) -> list[Event]:
    """Every partner's events (a system admin's view), filtered by ``wanted``."""
    return _read(session, select(AuditEvent), wanted)


def _read(session: Session, stmt: Select[AuditEvent], wanted: EventFilter) -> list[Event]:
    stmt = stmt.order_by(AuditEvent.id.desc()).limit(wanted.limit)
    if wanted.before is not None:
        stmt = stmt.where(AuditEvent.id < wanted.before)
    for column, value in (
        (AuditEvent.record_id, wanted.record_id),
        (AuditEvent.username, wanted.username),
        (AuditEvent.action, wanted.action),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if wanted.since is not None:
        stmt = stmt.where(AuditEvent.at >= wanted.since)
    if wanted.until is not None:
        stmt = stmt.where(AuditEvent.at < wanted.until)
    return [_event(e) for e in session.execute(stmt).scalars()]


def _event(e: AuditEvent) -> Event:
    return Event(
        e.id,
        e.at,
        e.action,
        e.username,
        e.device_id,
        e.record_id,
        e.record_type,
        e.fields,
        e.detail,
    )


def events_for_records(session: Session, record_ids: Sequence[str]) -> list[Event]:
    """Every event on any of ``record_ids``, oldest first (subject access)."""
    events: list[Event] = []
    ids = sorted(set(record_ids))
    for start in range(0, len(ids), 500):
        stmt = select(AuditEvent).where(AuditEvent.record_id.in_(ids[start : start + 500]))
        events.extend(_event(e) for e in session.execute(stmt).scalars())
    return sorted(events, key=lambda e: e.id)
