"""At each sync, tell the server what an administrator needs to see of this device: the audit
``viewed`` events waiting in the store and how many changes are not yet on the server.

The app version travels as a header on every request already (the server keeps it per
device). An older server without ``/api/v1/audit/viewed`` answers 404: the events stay queued
and sync goes on.
"""

from __future__ import annotations

import logging

from desktop_app.storage.repository import Repository
from desktop_app.storage.viewed import ViewedEvent, ViewedOutbox
from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import Forbidden, ServerError
from pace_shared.wire import ViewedBatch
from pace_shared.wire import ViewedEvent as WireViewedEvent

log = logging.getLogger(__name__)


def report_device(repo: Repository, client: SyncClient) -> int:
    """Send queued ``viewed`` events (in batches) and the unsent-change count; answers how
    many events the server took."""
    outbox = ViewedOutbox(repo)
    unsent = repo.pending_count() + repo.rejected_count()
    sent = 0
    batch = outbox.batch()
    try:
        client.report_viewed(ViewedBatch(events=_wire(batch), pending_changes=unsent))
        while batch:
            outbox.forget([e.event_id for e in batch])
            sent += len(batch)
            batch = outbox.batch()
            if batch:
                client.report_viewed(ViewedBatch(events=_wire(batch)))
    except Forbidden:
        sent += _one_by_one(outbox, client, batch)
    except ServerError as exc:
        if exc.status != 404:
            raise
        log.info("server does not take viewed events yet; kept for a later sync")
    return sent


def _one_by_one(outbox: ViewedOutbox, client: SyncClient, batch: list[ViewedEvent]) -> int:
    """A batch was refused because some record is no longer visible to this partner (consent
    narrowed since it was opened): send each alone and drop only those refused."""
    sent = 0
    for event in batch:
        try:
            client.report_viewed(ViewedBatch(events=_wire([event])))
            sent += 1
        except Forbidden:
            log.info("viewed event refused: the record is no longer visible here")
        outbox.forget([event.event_id])
    return sent


def _wire(events: list[ViewedEvent]) -> list[WireViewedEvent]:
    return [
        WireViewedEvent(event_id=e.event_id, record_id=e.record_id, viewed_at=e.viewed_at)
        for e in events
    ]
