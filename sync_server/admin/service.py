"""Administration: a partner's devices, users and audit log, within the caller's scope.

The router parses and authorises; this service does the work through the other domains'
services (it owns no table) and answers in the admin schemas.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from sync_server.admin.schemas import (
    AuditEventOut,
    AuditPage,
    DeviceOut,
    PartnerOut,
    UserCreate,
    UserOut,
)
from sync_server.audit import service as audit
from sync_server.auth import service as accounts
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.devices import service as devices
from sync_server.errors import ApiError, forbidden, invalid, not_found
from sync_server.sync import service as sync
from sync_server.timeutil import iso

#: One account change on a username, within a partner scope (``None``: any partner).
AccountChange = Callable[[Session, str | None], accounts.Account]


def scope(principal: Principal) -> str | None:
    """The partner an admin is limited to; ``None`` (any) for a system admin."""
    return None if principal.role == "system_admin" else principal.partner


def guard_system_admin(principal: Principal, *roles: str) -> None:
    # Only a system admin makes, changes or unmakes a system admin.
    if principal.role != "system_admin" and "system_admin" in roles:
        raise forbidden("Only a system administrator can manage system administrators.")


def _device_out(device: devices.DeviceInfo) -> DeviceOut:
    return DeviceOut(
        id=device.id,
        name=device.name,
        user_id=device.user_id,
        partner=device.partner_code,
        registered_at=iso(device.registered_at) or "",
        last_seen_at=iso(device.last_seen_at) or "",
        revoked_at=iso(device.revoked_at),
        app_version=device.app_version,
        pending_changes=device.pending_changes,
        pending_reported_at=iso(device.pending_reported_at),
    )


def _user_out(user: accounts.Account) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        partner=user.partner_code,
        active=user.active,
    )


def list_devices(db: Database, principal: Principal) -> list[DeviceOut]:
    """An admin's partner's devices; every partner's for a system admin."""
    with db.session() as session:
        return [_device_out(d) for d in devices.list_devices(session, scope(principal))]


def revoke_device(db: Database, principal: Principal, device_id: str) -> DeviceOut:
    with db.session() as session:
        return _device_out(
            devices.revoke(session, device_id, principal.actor, partner=scope(principal))
        )


def list_users(db: Database, principal: Principal) -> list[UserOut]:
    """An admin's partner's users; every partner's for a system admin."""
    with db.session() as session:
        return [_user_out(u) for u in accounts.list_accounts(session, scope(principal))]


def _new_user_partner(principal: Principal, body: UserCreate) -> str:
    partner = body.partner or principal.partner
    if scope(principal) not in (None, partner):
        raise forbidden("An administrator creates users in their own partner only.")
    return partner


def create_user(db: Database, principal: Principal, body: UserCreate) -> UserOut:
    """A user in the caller's own partner (a system admin may name another)."""
    guard_system_admin(principal, body.role)
    partner = _new_user_partner(principal, body)
    with db.session() as session:
        try:
            user = accounts.create_user(
                session,
                body.username,
                body.password,
                partner=partner,
                role=body.role,
                display_name=body.display_name,
                actor=principal.actor,
            )
        except accounts.DuplicateAccountError as exc:
            raise ApiError(409, "already_exists", str(exc)) from None
        except accounts.AccountError as exc:
            raise invalid(str(exc)) from None
        return _user_out(user)


def change_account(
    db: Database, principal: Principal, username: str, change: AccountChange
) -> UserOut:
    """Run one audited account change on ``username`` within the caller's scope."""
    with db.session() as session:
        try:
            target = accounts.find_user(session, username, partner=scope(principal))
            guard_system_admin(principal, target.role)
            return _user_out(change(session, scope(principal)))
        except accounts.UnknownUserError:
            raise not_found(f"No user {username} in your partner.") from None
        except accounts.AccountError as exc:
            raise invalid(str(exc)) from None


def deactivate_user(db: Database, principal: Principal, username: str) -> UserOut:
    if username == principal.username:
        raise forbidden("You cannot deactivate your own account.")
    return change_account(
        db,
        principal,
        username,
        lambda s, p: accounts.deactivate_user(s, username, principal.actor, partner=p),
    )


def reactivate_user(db: Database, principal: Principal, username: str) -> UserOut:
    return change_account(
        db,
        principal,
        username,
        lambda s, p: accounts.reactivate_user(s, username, principal.actor, partner=p),
    )


def reset_password(db: Database, principal: Principal, username: str, password: str) -> UserOut:
    return change_account(
        db,
        principal,
        username,
        lambda s, p: accounts.reset_password(s, username, password, principal.actor, partner=p),
    )


def set_role(db: Database, principal: Principal, username: str, role: str) -> UserOut:
    guard_system_admin(principal, role)
    return change_account(
        db,
        principal,
        username,
        lambda s, p: accounts.set_role(s, username, role, principal.actor, partner=p),
    )


def _event_out(event: audit.Event) -> AuditEventOut:
    return AuditEventOut(
        id=event.id,
        at=iso(event.at) or "",
        action=event.action,
        username=event.username,
        device_id=event.device_id,
        record_id=event.record_id,
        record_type=event.record_type,
        fields=event.fields,
        detail=event.detail,
    )


def audit_page(db: Database, partner: str | None, wanted: audit.EventFilter) -> AuditPage:
    """A partner's own events, and every event by anyone on records it owns; ``None`` (a
    system admin's whole-server view): every event."""
    with db.session() as session:
        if partner is None:
            events = audit.all_events(session, wanted)
        else:
            events = audit.partner_events(session, partner, sync.records_owned_by(partner), wanted)
        return AuditPage(items=[_event_out(e) for e in events])


# --- partners (system admins only, decisions.md #10) ------------------------------------------

#: One change on a partner code, returning the partner as it now is.
PartnerChange = Callable[[Session], accounts.PartnerInfo]


def _partner_out(partner: accounts.PartnerInfo) -> PartnerOut:
    return PartnerOut(
        code=partner.code,
        name=partner.name,
        active=partner.active,
        created_at=iso(partner.created_at) or "",
    )


def list_partners(db: Database) -> list[PartnerOut]:
    with db.session() as session:
        return [_partner_out(p) for p in accounts.list_partners(session)]


def create_partner(db: Database, principal: Principal, code: str, name: str) -> PartnerOut:
    with db.session() as session:
        try:
            return _partner_out(accounts.create_partner(session, code, name, principal.actor))
        except accounts.DuplicateAccountError as exc:
            raise ApiError(409, "already_exists", str(exc)) from None
        except accounts.AccountError as exc:
            raise invalid(str(exc)) from None


def change_partner(db: Database, code: str, change: PartnerChange) -> PartnerOut:
    with db.session() as session:
        try:
            return _partner_out(change(session))
        except accounts.UnknownPartnerError:
            raise not_found(f"No partner {code}.") from None
        except accounts.AccountError as exc:
            raise invalid(str(exc)) from None


def rename_partner(db: Database, principal: Principal, code: str, name: str) -> PartnerOut:
    return change_partner(
        db, code, lambda s: accounts.rename_partner(s, code, name, principal.actor)
    )


def deactivate_partner(db: Database, principal: Principal, code: str) -> PartnerOut:
    if code == principal.partner:
        raise forbidden("You cannot deactivate your own partner: you would lock yourself out.")
    return change_partner(db, code, lambda s: accounts.deactivate_partner(s, code, principal.actor))


def reactivate_partner(db: Database, principal: Principal, code: str) -> PartnerOut:
    return change_partner(db, code, lambda s: accounts.reactivate_partner(s, code, principal.actor))
