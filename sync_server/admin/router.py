from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from sync_server.admin import health, service
from sync_server.admin.schemas import (
    AuditPage,
    DeviceList,
    DeviceOut,
    HealthSummary,
    PartnerCreate,
    PartnerList,
    PartnerOut,
    PartnerRename,
    PasswordReset,
    RoleChange,
    UserCreate,
    UserList,
    UserOut,
)
from sync_server.audit.service import EventFilter
from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, CurrentPrincipal
from sync_server.errors import error_responses, forbidden, invalid

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

DeviceId = Annotated[str, Path(pattern=r"^[0-9a-fA-F-]{36}$")]
Username = Annotated[str, Path(min_length=1, max_length=100)]


def require_account_admin(principal: CurrentPrincipal) -> Principal:
    """Admins manage their own partner's users; system admins any user (decisions.md #10)."""
    if principal.role not in ("admin", "system_admin"):
        raise forbidden("Only an administrator can do this.")
    return principal


AccountAdmin = Annotated[Principal, Depends(require_account_admin)]

PartnerParam = Annotated[
    str | None,
    Query(
        max_length=32,
        pattern=r"^[A-Z0-9_]+$",
        description="System administrators: one partner's view (default: every partner). "
        "Administrators may name only their own partner.",
    ),
]


def partner_scope(principal: AccountAdmin, partner: PartnerParam = None) -> str | None:
    """The partner an admin call covers: an admin's own always; a system admin's choice, or
    None for every partner."""
    if principal.role == "system_admin":
        return partner
    if partner is not None and partner != principal.partner:
        raise forbidden("Administrators manage their own partner only.")
    return principal.partner


PartnerScope = Annotated[str | None, Depends(partner_scope)]


@router.get("/health", response_model=HealthSummary, responses=error_responses(401, 403, 422))
def health_summary(scope: PartnerScope, db: DB) -> HealthSummary:
    """Counts for the admin workspace: users by role, devices (silent, with unsent changes, by
    app version), records, open conflicts. Administrators see their own partner; system
    administrators every partner, or one with ``partner``."""
    return health.summary(db, scope)


def require_system_admin(principal: CurrentPrincipal) -> Principal:
    """Partners are the system admins' alone (decisions.md #10)."""
    if principal.role != "system_admin":
        raise forbidden("Only a system administrator can manage partners.")
    return principal


SystemAdmin = Annotated[Principal, Depends(require_system_admin)]
PartnerCode = Annotated[str, Path(min_length=2, max_length=32, pattern=r"^[A-Z][A-Z0-9_]+$")]


@router.get("/devices", response_model=DeviceList, responses=error_responses(401, 403))
def list_devices(principal: AccountAdmin, db: DB) -> DeviceList:
    """Your partner's registered devices (a system admin: every partner's)."""
    return DeviceList(items=service.list_devices(db, principal))


@router.post(
    "/devices/{device_id}/revoke",
    response_model=DeviceOut,
    responses=error_responses(401, 403, 404, 422),
)
def revoke_device(device_id: DeviceId, principal: AccountAdmin, db: DB) -> DeviceOut:
    """Revoke a lost or stolen laptop: its next contact answers 403 ``device_revoked`` and the
    app wipes its local store."""
    return service.revoke_device(db, principal, device_id)


@router.get("/users", response_model=UserList, responses=error_responses(401, 403))
def list_users(principal: AccountAdmin, db: DB) -> UserList:
    """Your partner's users (a system admin: every partner's)."""
    return UserList(items=service.list_users(db, principal))


@router.post(
    "/users",
    response_model=UserOut,
    status_code=201,
    responses=error_responses(401, 403, 409, 422),
)
def create_user(body: UserCreate, principal: AccountAdmin, db: DB) -> UserOut:
    """Create a user in your own partner (a system admin may name another ``partner``)."""
    return service.create_user(db, principal, body)


_ACCOUNT_ERRORS = error_responses(401, 403, 404, 422)


@router.post("/users/{username}/deactivate", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def deactivate_user(username: Username, principal: AccountAdmin, db: DB) -> UserOut:
    """A leaver: sign-in answers 403 ``account_disabled`` and every device of the user is
    revoked, so each laptop wipes itself at its next contact."""
    return service.deactivate_user(db, principal, username)


@router.post("/users/{username}/reactivate", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def reactivate_user(username: Username, principal: AccountAdmin, db: DB) -> UserOut:
    """Sign-in allowed again; revoked devices stay revoked (the user enrols again)."""
    return service.reactivate_user(db, principal, username)


@router.post("/users/{username}/password", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def reset_password(
    username: Username, body: PasswordReset, principal: AccountAdmin, db: DB
) -> UserOut:
    """Set a new password (the password policy applies); every session of the user ends."""
    return service.reset_password(db, principal, username, body.password)


@router.post("/users/{username}/role", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def set_role(username: Username, body: RoleChange, principal: AccountAdmin, db: DB) -> UserOut:
    return service.set_role(db, principal, username, body.role)


@router.get("/partners", response_model=PartnerList, responses=error_responses(401, 403))
def list_partners(_principal: SystemAdmin, db: DB) -> PartnerList:
    """Every partner, active or not."""
    return PartnerList(items=service.list_partners(db))


@router.post(
    "/partners",
    response_model=PartnerOut,
    status_code=201,
    responses=error_responses(401, 403, 409, 422),
)
def create_partner(body: PartnerCreate, principal: SystemAdmin, db: DB) -> PartnerOut:
    return service.create_partner(db, principal, body.code, body.name)


_PARTNER_ERRORS = error_responses(401, 403, 404, 422)


@router.post("/partners/{code}/rename", response_model=PartnerOut, responses=_PARTNER_ERRORS)
def rename_partner(
    code: PartnerCode, body: PartnerRename, principal: SystemAdmin, db: DB
) -> PartnerOut:
    return service.rename_partner(db, principal, code, body.name)


@router.post("/partners/{code}/deactivate", response_model=PartnerOut, responses=_PARTNER_ERRORS)
def deactivate_partner(code: PartnerCode, principal: SystemAdmin, db: DB) -> PartnerOut:
    """A partner leaving: its users' sign-ins answer 403 ``account_disabled`` and every one of
    its devices is revoked (403 ``device_revoked``: each laptop wipes itself at its next
    contact)."""
    return service.deactivate_partner(db, principal, code)


@router.post("/partners/{code}/reactivate", response_model=PartnerOut, responses=_PARTNER_ERRORS)
def reactivate_partner(code: PartnerCode, principal: SystemAdmin, db: DB) -> PartnerOut:
    """Its users can sign in again; revoked devices stay revoked (they enrol again)."""
    return service.reactivate_partner(db, principal, code)


def _parse_time(value: str | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid(f"{name}: not an ISO 8601 date-time") from None
    # Stored times are UTC (SQLite keeps them without an offset): compare in UTC.
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@router.get("/audit", response_model=AuditPage, responses=error_responses(401, 403, 422))
def audit_log(
    scope: PartnerScope,
    db: DB,
    before: Annotated[
        int | None,
        # le: a 64-bit id (beyond it SQLite and PostgreSQL overflow: was a 500)
        Query(ge=1, le=2**63 - 1, description="Events with a smaller id (paging)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    record_id: Annotated[str | None, Query(max_length=36)] = None,
    username: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[str | None, Query(max_length=40, description="ISO 8601, inclusive")] = None,
    until: Annotated[str | None, Query(max_length=40, description="ISO 8601, exclusive")] = None,
) -> AuditPage:
    """Audit events newest first: your partner's own, and every event by anyone on records
    your partner owns (a system admin: every event, or one partner's with ``partner``). Names
    of fields only, never their values."""
    wanted = EventFilter(
        limit=limit,
        before=before,
        record_id=record_id,
        username=username,
        action=action,
        since=_parse_time(since, "since"),
        until=_parse_time(until, "until"),
    )
    return service.audit_page(db, scope, wanted)
