"""Audit ``viewed`` events from devices, once each, and the device's unsent-change count.

A device sends the events when a person's record of another partner was opened on it. Only
records the device's partner may see now are accepted; any other id (hidden, unknown, not a
person) refuses the whole batch with the one generic ``forbidden`` (decisions.md #8), so the
answer says nothing about whether the record exists. Analysts never see a person's record.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pace_shared.wire import ViewedBatch, ViewedResponse
from sync_server.audit import service as audit
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.devices import service as devices
from sync_server.errors import forbidden
from sync_server.sync import service as sync
from sync_server.viewed.models import ViewedReceipt

_HIDDEN = "You cannot record a view of that record."


def receive(db: Database, principal: Principal, batch: ViewedBatch) -> ViewedResponse:
    try:
        return _receive(db, principal, batch)
    except IntegrityError:
        # The same event arrived twice at once (a retried request): the other copy won.
        return _receive(db, principal, batch)


def _receive(db: Database, principal: Principal, batch: ViewedBatch) -> ViewedResponse:
    ids = {e.record_id for e in batch.events}
    with db.write_session() as session:
        if ids and (
            principal.role == "analyst"
            or sync.visible_clients(session, principal.partner, ids) != ids
        ):
            raise forbidden(_HIDDEN)
        fresh = _fresh(session, [e.event_id for e in batch.events])
        written = 0
        for event in batch.events:
            if event.event_id not in fresh:
                continue
            fresh.discard(event.event_id)  # the same id twice in one batch counts once
            written += 1
            session.add(ViewedReceipt(event_id=event.event_id, device_id=principal.device_id))
            audit.write(
                session,
                audit.row(
                    "viewed",
                    principal.actor,
                    record_id=event.record_id,
                    record_type="client",
                    detail={
                        "event_id": event.event_id,
                        "viewed_at": event.viewed_at,
                        "partner": principal.partner,
                        "device_id": principal.device_id,
                    },
                ),
            )
        if batch.pending_changes is not None:
            devices.report_pending(session, principal.device_id, batch.pending_changes)
        session.flush()
    return ViewedResponse(accepted=written, duplicates=len(batch.events) - written)


def _fresh(session: Session, event_ids: list[str]) -> set[str]:
    if not event_ids:
        return set()
    known = set(
        session.execute(
            select(ViewedReceipt.event_id).where(ViewedReceipt.event_id.in_(event_ids))
        ).scalars()
    )
    return set(event_ids) - known
