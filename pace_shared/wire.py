"""The wire schemas of sync contract v1 (``shared/sync-contract.md``), as pydantic models.

The server uses them for its OpenAPI document and for parsing; the desktop client uses them to
build requests and to check answers. Keep key names exactly as the contract writes them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from pace_shared.records import UUID_PATTERN

MAX_CHANGES_PER_PUSH = 1000
MAX_BODY_BYTES = 5_000_000
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 1000
API_PREFIX = "/api/v1"
#: Every id on the wire is a canonical UUID: lower-case hex, 8-4-4-4-12, ASCII, nothing else
#: (pydantic's regex engine anchors ``$`` at the very end, so no trailing newline slips by).
ID_PATTERN = f"^{UUID_PATTERN}$"

#: Roles (decisions.md #10): analysts see statistics only, never a person's record;
#: system admins manage partners, any user and the data-sharing agreement.
Role = Literal["adviser", "team_lead", "admin", "analyst", "system_admin"]
ROLES: tuple[str, ...] = get_args(Role)
FieldValue = str | int | float | bool | list[str] | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    error: str = Field(examples=["invalid_request"])
    detail: str


# Names are stored and audited; control characters (NUL above all) have no place in them.
PrintableName = Annotated[str, Field(min_length=1, pattern=r"^[^\x00-\x1f\x7f]+$")]


class LoginRequest(_Strict):
    username: PrintableName = Field(max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_id: str = Field(pattern=ID_PATTERN)
    device_name: PrintableName = Field(max_length=200)
    #: The secret this device was given at its first successful sign-in (decisions.md #8);
    #: only the right secret makes a sign-in "from the user's own device".
    device_secret: str | None = Field(default=None, max_length=200)


class UserInfo(BaseModel):
    id: str
    username: str
    display_name: str
    role: Role
    partner: str


class LoginResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserInfo
    device_id: str
    server_time: str
    #: Issued once, when the device has no secret yet; the client keeps it in its encrypted
    #: store and sends it at every later sign-in. ``None`` when the device already has one.
    device_secret: str | None = None


class Change(_Strict):
    change_id: str = Field(pattern=ID_PATTERN)
    record_id: str = Field(pattern=ID_PATTERN)
    record_type: str
    op: Literal["upsert", "delete"]
    hlc: str
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    base: dict[str, str | None] = Field(default_factory=dict)


class PushRequest(_Strict):
    # The limit is enforced with 413 payload_too_large (contract), not as a schema violation.
    changes: list[Change] = Field(
        description=f"At most {MAX_CHANGES_PER_PUSH} changes; more answers 413 payload_too_large."
    )


ChangeStatus = Literal["applied", "duplicate", "conflict", "rejected"]
#: Rejection reason for an upsert to a record deleted so long ago that its tombstone was pruned:
#: the server holds nothing of it any more (docs/sync-protocol.md, "Tombstone compaction").
RECORD_DELETED = "deleted"


class ChangeResult(BaseModel):
    change_id: str | None
    status: ChangeStatus
    conflict_id: str | None = None
    reason: str | None = None
    detail: str | None = None
    #: The change named a person merged into another; it was applied to this survivor.
    redirected_to: str | None = None


class PushResponse(BaseModel):
    results: list[ChangeResult]
    server_time: str


class PullItem(BaseModel):
    record_id: str
    record_type: str | None = None
    owner_partner: str | None = None
    fields: dict[str, Any] | None = None
    versions: dict[str, str] | None = None
    deleted: bool = False
    revoked: bool = False
    #: With ``revoked``: the person was erased; the device drops its queued edits of it too.
    erased: bool = False
    #: Fields the data-sharing agreement withholds from the caller (present, but not sent).
    withheld: list[str] = []
    #: With ``deleted``: the person was merged into this survivor (issue 11); the device
    #: moves what it holds of the old id to the survivor and redirects the old id.
    merged_into: str | None = None


class PullResponse(BaseModel):
    items: list[PullItem]
    next_cursor: str
    has_more: bool
    server_time: str
    #: Per record type, what the agreement withholds from the caller in records it does not own.
    withheld_fields: dict[str, list[str]] = {}


class ConflictSide(BaseModel):
    value: Any
    hlc: str
    device_id: str | None
    user: str | None


class ConflictOut(BaseModel):
    id: str
    record_id: str
    record_type: str
    owner_partner: str
    field: str
    status: Literal["open", "resolved"]
    winner: ConflictSide
    loser: ConflictSide
    created_at: str
    resolved_at: str | None = None
    resolved_by: str | None = None
    resolution: str | None = None


class ConflictList(BaseModel):
    items: list[ConflictOut]


class ResolveRequest(_Strict):
    keep: Literal["winner", "loser", "value"]
    value: FieldValue = None


#: The most ``viewed`` events one ``POST /api/v1/audit/viewed`` may carry.
MAX_VIEWED_EVENTS = 400  # ~55 KB: inside the 64 KB body limit


class ViewedEvent(_Strict):
    """A person's record opened on a device of a partner other than its owner."""

    event_id: str = Field(pattern=ID_PATTERN)
    record_id: str = Field(pattern=ID_PATTERN)
    #: When it was opened, ISO 8601 (the device's clock).
    viewed_at: str = Field(min_length=1, max_length=40, pattern=r"^[0-9T:.+\-Z]+$")


class ViewedBatch(_Strict):
    """Sent at the end of each sync: audit ``viewed`` events (maybe none) and how many changes
    the device still holds that the server has not accepted (pending or rejected)."""

    events: list[ViewedEvent] = Field(default_factory=list, max_length=MAX_VIEWED_EVENTS)
    pending_changes: int | None = Field(default=None, ge=0, le=10_000_000)


class ViewedResponse(BaseModel):
    #: Events written now plus those the server already had (the same event_id twice).
    accepted: int
    duplicates: int


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded"]
    database: str
    version: str
