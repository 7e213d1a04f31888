"""Admin API for data governance: the sharing agreement, erasure, subject access."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from pydantic import BaseModel, Field

from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, CurrentPrincipal
from sync_server.errors import error_responses, forbidden, invalid, not_found
from sync_server.governance import service
from sync_server.sync.erasure import NotAPersonError

router = APIRouter(prefix="/api/v1/admin", tags=["governance"])

RecordId = Annotated[
    str, Path(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
_NO_SUCH_PERSON = "no such person is recorded by your organisation"


def require_system_admin(principal: CurrentPrincipal) -> Principal:
    if principal.role != "system_admin":
        raise forbidden("Only a system administrator can do this.")
    return principal


def require_any_admin(principal: CurrentPrincipal) -> Principal:
    if principal.role not in ("admin", "system_admin"):
        raise forbidden("Only an administrator can do this.")
    return principal


SystemAdmin = Annotated[Principal, Depends(require_system_admin)]
AnyAdmin = Annotated[Principal, Depends(require_any_admin)]


def _check_person(db: DB, principal: Principal, record_id: str) -> None:
    """System admins act on anyone; an admin only on people their partner recorded. Anything
    else answers like a person who does not exist."""
    owner = service.owner_of(db, record_id)
    if owner is None or (principal.role != "system_admin" and owner != principal.partner):
        raise not_found(_NO_SUCH_PERSON)


@router.get("/sharing-agreement", responses=error_responses(401, 403))
def get_sharing_agreement(_principal: AnyAdmin, db: DB) -> dict[str, Any]:
    """The data-sharing agreement in force: per record type, the fields partners other than
    the one that wrote a record do not receive (``withheld``, or a partner's own list under
    ``partners``)."""
    return service.get_agreement(db)


@router.put("/sharing-agreement", responses=error_responses(401, 403, 422))
def put_sharing_agreement(
    principal: SystemAdmin, db: DB, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    """Record a new version of the agreement (audited); every device re-pulls people's
    records under it on its next sync."""
    try:
        return service.set_agreement(db, body, principal.actor)
    except ValueError as exc:
        raise invalid(str(exc)) from None


@router.post("/people/{record_id}/erase", responses=error_responses(401, 403, 404, 422))
def erase_person(record_id: RecordId, principal: AnyAdmin, db: DB) -> dict[str, Any]:
    """Erase a person and everything recorded about them, on the server and, at their next
    sync, on every device that held them. Counts only in the answer."""
    _check_person(db, principal, record_id)
    try:
        done = service.erase(db, record_id, principal.actor)
    except NotAPersonError:
        raise not_found(_NO_SUCH_PERSON) from None
    return {"record_id": record_id, "removed": done.removed}


@router.get("/people/{record_id}/subject-access", responses=error_responses(401, 403, 404, 422))
def subject_access(record_id: RecordId, principal: AnyAdmin, db: DB) -> dict[str, Any]:
    """Everything held about one person (fields, consent history, engagements, referrals,
    outcomes) and the audit of who viewed, changed or received the record."""
    _check_person(db, principal, record_id)
    try:
        return service.subject_access(db, record_id, principal.actor)
    except NotAPersonError:
        raise not_found(_NO_SUCH_PERSON) from None


class RetentionRun(BaseModel):
    #: People with no activity for this many calendar months are erased.
    months: int = Field(ge=1, le=1200)
    #: False: a dry run that reports exactly what applying would erase now.
    apply: bool = False


@router.post("/retention", responses=error_responses(401, 403, 422))
def run_retention(principal: SystemAdmin, db: DB, body: RetentionRun) -> dict[str, Any]:
    """The retention rule across every partner (system administrators): report, or erase,
    every person none of whose records changed for ``months``. Ids and counts only."""
    return service.retention(db, body.months, apply=body.apply, actor=principal.actor).as_json()
