from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, get_principal
from sync_server.errors import error_responses, forbidden
from sync_server.linkage import model, service
from sync_server.linkage.schemas import DuplicateList, DuplicatePairOut

router = APIRouter(prefix="/api/v1/duplicates", tags=["linkage"])

#: Who reviews probable duplicates (analysts see statistics only; advisers their caseload).
REVIEWER_ROLES = frozenset({"team_lead", "admin", "system_admin"})


def require_duplicate_reviewer(
    principal: Annotated[Principal, Depends(get_principal)],
) -> Principal:
    if principal.role not in REVIEWER_ROLES:
        raise forbidden("Only team leads and administrators review probable duplicates.")
    return principal


@router.get(
    "",
    response_model=DuplicateList,
    responses=error_responses(401, 403, 422),
    summary="Probable duplicate people among the records you can see",
)
def list_duplicates(
    principal: Annotated[Principal, Depends(require_duplicate_reviewer)],
    db: DB,
    min_probability: Annotated[float, Query(ge=0, le=1)] = model.REVIEW_THRESHOLD,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> DuplicateList:
    """Pairs of client records the last linkage run scored as probably one person, where your
    partner can see both records; a pair with either side hidden from you is never listed."""
    with db.session() as session:
        pairs = service.visible_duplicates(session, principal.partner, min_probability, limit)
        run = service.last_run(session)
        linked_at = run.finished_at if run else None
    return DuplicateList(
        items=[
            DuplicatePairOut(
                record_id_1=p.record_id_1,
                record_id_2=p.record_id_2,
                match_probability=p.match_probability,
                same_person=p.same_person,
            )
            for p in pairs
        ],
        linked_at=linked_at,
    )
