from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import select

from sync_server.admin.schemas import (
    AuditEventOut,
    AuditPage,
    DeviceList,
    DeviceOut,
    UserCreate,
    UserList,
    UserOut,
)
from sync_server.audit.models import AuditEvent
from sync_server.auth import service as auth_service
from sync_server.auth.models import User
from sync_server.dependencies import DB, AdminPrincipal
from sync_server.devices import service as devices
from sync_server.devices.models import Device
from sync_server.errors import ApiError, error_responses, invalid
from sync_server.timeutil import iso

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

DeviceId = Annotated[str, Path(pattern=r"^[0-9a-fA-F-]{36}$")]


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
) -> AuditPage:
    """Your partner's audit events, newest first. Names of fields only, never their values."""
    with db.session() as session:
        stmt = (
            select(AuditEvent)
            .where(AuditEvent.partner_code == principal.partner)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
        if before is not None:
            stmt = stmt.where(AuditEvent.id < before)
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
