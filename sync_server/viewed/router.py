"""``POST /api/v1/audit/viewed``: what a device reports at the end of each sync."""

from __future__ import annotations

from fastapi import APIRouter

from pace_shared.wire import ViewedBatch, ViewedResponse
from sync_server.dependencies import DB, CurrentPrincipal
from sync_server.errors import error_responses
from sync_server.viewed import service

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


@router.post(
    "/viewed",
    response_model=ViewedResponse,
    responses=error_responses(401, 403, 413, 422),
    summary="Record that people's records were opened on this device",
)
def report_viewed(body: ViewedBatch, principal: CurrentPrincipal, db: DB) -> ViewedResponse:
    """Each event (a person's record of another partner opened on the device) becomes one
    audit event with action ``viewed``, once per ``event_id`` however often it is sent. Every
    record must be a person the caller's partner may see now, otherwise the whole batch is
    refused ``forbidden``. ``pending_changes`` is the number of changes the device still holds
    that the server has not accepted; administrators see it in the device list."""
    return service.receive(db, principal, body)
