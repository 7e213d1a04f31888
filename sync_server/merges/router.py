"""The merge API (issue 11): team leads and admins merge duplicate people and undo merges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from starlette.concurrency import run_in_threadpool

from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, get_principal
from sync_server.errors import ApiError, error_responses, forbidden
from sync_server.merges import service
from sync_server.merges.schemas import MergeList, MergeOut, MergeRequest

router = APIRouter(prefix="/api/v1/merges", tags=["merges"])

#: Who merges duplicates: the people who review them for their own partner.
MERGER_ROLES = frozenset({"team_lead", "admin"})

MergeId = Annotated[str, Path(max_length=36)]


def require_merger(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if principal.role not in MERGER_ROLES:
        raise forbidden("Only team leads and administrators merge duplicate records.")
    return principal


Merger = Annotated[Principal, Depends(require_merger)]


def _out(info: service.MergeInfo) -> MergeOut:
    return MergeOut(
        merge_id=info.merge_id,
        survivor_id=info.survivor_id,
        merged_id=info.merged_id,
        merged_at=info.merged_at,
        merged_by=info.merged_by,
        undone_at=info.undone_at,
        moved=info.moved,
    )


def _refused(exc: service.MergeRefusedError) -> ApiError:
    return ApiError(exc.status, exc.code, exc.detail)


@router.post(
    "",
    status_code=201,
    response_model=MergeOut,
    responses=error_responses(400, 401, 403, 404, 409, 422),
    summary="Merge a duplicate person into the record that stays",
)
async def merge_people(principal: Merger, db: DB, body: MergeRequest) -> MergeOut:
    """Both records must be visible to your organisation. The merged record's engagements,
    referrals and outcomes move to the survivor; the merged id redirects to the survivor on
    every device. Refused (409 ``consent_wider``) when the survivor is shared more widely than
    the merged record."""
    try:
        info = await run_in_threadpool(
            service.merge, db, principal, body.survivor_id, body.merged_id
        )
    except service.MergeRefusedError as exc:
        raise _refused(exc) from None
    return _out(info)


@router.get(
    "",
    response_model=MergeList,
    responses=error_responses(401, 403),
    summary="Merges whose surviving record your organisation can see, newest first",
)
def list_merges(principal: Merger, db: DB) -> MergeList:
    return MergeList(items=[_out(info) for info in service.list_merges(db, principal)])


@router.post(
    "/{merge_id}/undo",
    response_model=MergeOut,
    responses=error_responses(401, 403, 404, 409),
    summary="Undo a merge: the merged person comes back with the records that moved",
)
async def undo_merge(principal: Merger, db: DB, merge_id: MergeId) -> MergeOut:
    """Records moved by the merge and still on the survivor move back; edits made to the
    survivor (or redirected to it) while merged stay on the survivor."""
    try:
        info = await run_in_threadpool(service.undo, db, principal, merge_id)
    except service.MergeRefusedError as exc:
        raise _refused(exc) from None
    return _out(info)
