from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from pace_shared.wire import PrintableName, Role


class DeviceOut(BaseModel):
    id: str
    name: str
    user_id: str
    partner: str
    registered_at: str
    last_seen_at: str
    revoked_at: str | None
    #: The app version the device last reported (None until it reports one).
    app_version: str | None = None
    #: Changes the device still held unsent at the end of its last sync (None until it
    #: reports), and when it reported.
    pending_changes: int | None = None
    pending_reported_at: str | None = None


class DeviceList(BaseModel):
    items: list[DeviceOut]


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    partner: str
    active: bool


class UserList(BaseModel):
    items: list[UserOut]


class UserCreate(BaseModel):
    #: No spaces or control characters (what the account service accepts).
    username: str = Field(min_length=1, max_length=100, pattern=r"^[^\s\x00-\x1f\x7f]+$")
    display_name: PrintableName = Field(max_length=200)
    role: Role
    #: The password policy (sync_server.auth.policy) answers 422 with the reason.
    password: str = Field(min_length=1, max_length=1000)
    #: Only a system admin names another partner; an admin's users join the admin's partner.
    partner: str | None = Field(default=None, min_length=2, max_length=32)


class PasswordReset(BaseModel):
    password: str = Field(min_length=1, max_length=1000)


class RoleChange(BaseModel):
    role: Role


class AuditEventOut(BaseModel):
    id: int
    at: str
    action: str
    username: str | None
    device_id: str | None
    record_id: str | None
    record_type: str | None
    fields: list[str] | None
    detail: dict[str, Any] | None


class AuditPage(BaseModel):
    items: list[AuditEventOut]


class DeviceHealth(BaseModel):
    active: int
    revoked: int
    #: Active devices that have not called in for 7 days.
    not_seen_recently: int
    #: Active devices that reported changes the server has not accepted, and how many.
    with_unsent_changes: int
    unsent_changes: int
    #: Active devices by the app version they last reported ("unknown" before any).
    app_versions: dict[str, int]


class HealthSummary(BaseModel):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "error"]
    backend: str
    version: str
    generated_at: str
    #: The partner these counts cover; None for the whole server (system admin, CLI).
    partner: str | None
    #: Users by role, with "inactive" for deactivated accounts.
    users: dict[str, int] = {}
    devices: DeviceHealth | None = None
    #: Live records by type (owned by the partner when one is given).
    records: dict[str, int] = {}
    open_conflicts: int = 0
    #: Failed sign-ins in the last hour (whole-server view only, else None).
    sign_in_failures_last_hour: int | None = None
