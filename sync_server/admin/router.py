from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync_server.admin.schemas import (
    AuditEventOut,
    AuditPage,
    DeviceList,
    DeviceOut,
    PasswordReset,
    RoleChange,
    UserCreate,
    UserList,
    UserOut,
)
from sync_server.audit.models import AuditEvent
from sync_server.auth import service as auth_service
from sync_server.auth.models import User
from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, AdminPrincipal, CurrentPrincipal
from sync_server.devices import service as devices
from sync_server.devices.models import Device
from sync_server.errors import ApiError, error_responses, forbidden, invalid, not_found
from sync_server.sync.models import Record
from sync_server.timeutil import iso

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

DeviceId = Annotated[str, Path(pattern=r"^[0-9a-fA-F-]{36}$")]
Username = Annotated[str, Path(min_length=1, max_length=100)]


def require_account_admin(principal: CurrentPrincipal) -> Principal:
    """Admins manage their own partner's users; system admins any user (decisions.md #10)."""
    if principal.role not in ("admin", "system_admin"):
        raise forbidden("Only an administrator can do this.")
    return principal


AccountAdmin = Annotated[Principal, Depends(require_account_admin)]


def _scope(principal: Principal) -> str | None:
    """The partner an admin is limited to; ``None`` (any) for a system admin."""
    return None if principal.role == "system_admin" else principal.partner


def _guard_system_admin(principal: Principal, *roles: str) -> None:
    # Only a system admin makes, changes or unmakes a system admin.
    if principal.role != "system_admin" and "system_admin" in roles:
        raise forbidden("Only a system administrator can manage system administrators.")


def _device_out(device: Device) -> DeviceOut:
    return DeviceOut(
        id=device.id,
        name=device.name,
        user_id=device.user_id,
        partner=device.partner_code,
        registered_at=iso(device.registered_at) or "",
        last_seen_at=iso(device.last_seen_at) or "",
        revoked_at=iso(device.revoked_at),
    )


def _user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        partner=user.partner_code,
        active=user.active,
    )


@router.get("/devices", response_model=DeviceList, responses=error_responses(401, 403))
def list_devices(principal: AdminPrincipal, db: DB) -> DeviceList:
    """Your partner's registered devices."""
    with db.session() as session:
        return DeviceList(
            items=[_device_out(d) for d in devices.list_devices(session, principal.partner)]
        )


@router.post(
    "/devices/{device_id}/revoke",
    response_model=DeviceOut,
    responses=error_responses(401, 403, 404, 422),
)
def revoke_device(device_id: DeviceId, principal: AdminPrincipal, db: DB) -> DeviceOut:
    """Revoke a lost or stolen laptop: its next contact answers 403 ``device_revoked`` and the
    app wipes its local store."""
    with db.session() as session:
        return _device_out(
            devices.revoke(session, device_id, principal.actor, partner=principal.partner)
        )


@router.get("/users", response_model=UserList, responses=error_responses(401, 403))
def list_users(principal: AdminPrincipal, db: DB) -> UserList:
    with db.session() as session:
        users = session.execute(
            select(User).where(User.partner_code == principal.partner).order_by(User.username)
        ).scalars()
        return UserList(items=[_user_out(u) for u in users])


@router.post(
    "/users",
    response_model=UserOut,
    status_code=201,
    responses=error_responses(401, 403, 409, 422),
)
def create_user(body: UserCreate, principal: AdminPrincipal, db: DB) -> UserOut:
    """Create a user in your own partner."""
    _guard_system_admin(principal, body.role)
    with db.session() as session:
        try:
            user = auth_service.create_user(
                session,
                body.username,
                body.password,
                partner=principal.partner,
                role=body.role,
                display_name=body.display_name,
                actor=principal.actor,
            )
        except auth_service.DuplicateAccountError as exc:
            raise ApiError(409, "already_exists", str(exc)) from None
        except auth_service.AccountError as exc:
            raise invalid(str(exc)) from None
        return _user_out(user)


def _account_change(
    principal: Principal, db: DB, username: str, change: Callable[[Session, str | None], User]
) -> UserOut:
    """Run one audited account change on ``username`` within the caller's scope."""
    with db.session() as session:
        try:
            target = auth_service.find_user(session, username, partner=_scope(principal))
            _guard_system_admin(principal, target.role)
            return _user_out(change(session, _scope(principal)))
        except auth_service.UnknownUserError:
            raise not_found(f"No user {username} in your partner.") from None
        except auth_service.AccountError as exc:
            raise invalid(str(exc)) from None


_ACCOUNT_ERRORS = error_responses(401, 403, 404, 422)


@router.post("/users/{username}/deactivate", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def deactivate_user(username: Username, principal: AccountAdmin, db: DB) -> UserOut:
    """A leaver: sign-in answers 403 ``account_disabled`` and every device of the user is
    revoked, so each laptop wipes itself at its next contact."""
    if username == principal.username:
        raise forbidden("You cannot deactivate your own account.")
    return _account_change(
        principal,
        db,
        username,
        lambda s, p: auth_service.deactivate_user(s, username, principal.actor, partner=p),
    )


@router.post("/users/{username}/reactivate", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def reactivate_user(username: Username, principal: AccountAdmin, db: DB) -> UserOut:
    """Sign-in allowed again; revoked devices stay revoked (the user enrols again)."""
    return _account_change(
        principal,
        db,
        username,
        lambda s, p: auth_service.reactivate_user(s, username, principal.actor, partner=p),
    )


@router.post("/users/{username}/password", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def reset_password(
    username: Username, body: PasswordReset, principal: AccountAdmin, db: DB
) -> UserOut:
    """Set a new password (the password policy applies); every session of the user ends."""
    return _account_change(
        principal,
        db,
        username,
        lambda s, p: auth_service.reset_password(
            s, username, body.password, principal.actor, partner=p
        ),
    )


@router.post("/users/{username}/role", response_model=UserOut, responses=_ACCOUNT_ERRORS)
def set_role(username: Username, body: RoleChange, principal: AccountAdmin, db: DB) -> UserOut:
    _guard_system_admin(principal, body.role)
    return _account_change(
        principal,
        db,
        username,
        lambda s, p: auth_service.set_role(s, username, body.role, principal.actor, partner=p),
    )


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
    principal: AdminPrincipal,
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
    your partner owns. Names of fields only, never their values."""
    since_at, until_at = _parse_time(since, "since"), _parse_time(until, "until")
    with db.session() as session:
        owned = select(Record.id).where(Record.owner_partner == principal.partner)
        stmt = (
            select(AuditEvent)
            .where(
                or_(
                    AuditEvent.partner_code == principal.partner,
                    AuditEvent.record_id.in_(owned),
                )
            )
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
        if before is not None:
            stmt = stmt.where(AuditEvent.id < before)
        for column, value in (
            (AuditEvent.record_id, record_id),
            (AuditEvent.username, username),
            (AuditEvent.action, action),
        ):
            if value is not None:
                stmt = stmt.where(column == value)
        if since_at is not None:
            stmt = stmt.where(AuditEvent.at >= since_at)
        if until_at is not None:
            stmt = stmt.where(AuditEvent.at < until_at)
        return AuditPage(
            items=[
                AuditEventOut(
                    id=e.id,
                    at=iso(e.at) or "",
                    action=e.action,
                    username=e.username,
                    device_id=e.device_id,
                    record_id=e.record_id,
                    record_type=e.record_type,
                    fields=e.fields,
                    detail=e.detail,
                )
                for e in session.execute(stmt).scalars()
            ]
        )
