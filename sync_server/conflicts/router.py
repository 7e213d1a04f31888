from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from pace_shared.wire import ID_PATTERN, ConflictList, ConflictOut, ResolveRequest
from sync_server.conflicts import service
from sync_server.dependencies import DB, ReviewerPrincipal
from sync_server.errors import error_responses

router = APIRouter(prefix="/api/v1/conflicts", tags=["conflicts"])

ConflictId = Annotated[str, Path(pattern=ID_PATTERN)]


@router.get(
    "",
    response_model=ConflictList,
    responses=error_responses(401, 403, 422),
    summary="Conflicts of your organisation's records",
)
def list_conflicts(
    principal: ReviewerPrincipal,
    db: DB,
    status: Literal["open", "resolved", "all"] = "open",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ConflictList:
    """Team leads and administrators see the conflicts on records their partner owns, with
    both values, their HLCs, devices and users."""
    return ConflictList(items=service.list_conflicts(db, principal, status, limit))


@router.post(
    "/{conflict_id}/resolve",
    response_model=ConflictOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Resolve one conflict",
)
def resolve(
    conflict_id: ConflictId, body: ResolveRequest, principal: ReviewerPrincipal, db: DB
) -> ConflictOut:
    """``keep: winner`` accepts the merged value; ``loser`` or ``value`` writes a new edit that
    syncs to every device like any other."""
    return service.resolve(db, principal, conflict_id, body)
