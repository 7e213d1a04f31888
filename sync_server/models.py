"""Every table, imported in one place so Alembic and the app see the whole schema."""

from sync_server.audit.models import AuditEvent
from sync_server.auth.models import AccessToken, LoginFailure, Partner, User
from sync_server.db import Base
from sync_server.devices.models import Device
from sync_server.linkage.models import DuplicatePair, LinkageRun, PersonLink
from sync_server.merges.models import PersonMerge
from sync_server.sharing.models import SharingAgreement
from sync_server.sync.models import (
    AppliedChange,
    Conflict,
    ErasedRecord,
    Record,
    RecordAccess,
    Revocation,
    ServerMeta,
    SyncCounter,
)
from sync_server.sync.stats_facts import StatsFact
from sync_server.viewed.models import ViewedReceipt

__all__ = [
    "AccessToken",
    "AppliedChange",
    "AuditEvent",
    "Base",
    "Conflict",
    "Device",
    "DuplicatePair",
    "ErasedRecord",
    "LinkageRun",
    "LoginFailure",
    "Partner",
    "PersonLink",
    "PersonMerge",
    "Record",
    "RecordAccess",
    "Revocation",
    "ServerMeta",
    "SharingAgreement",
    "StatsFact",
    "SyncCounter",
    "User",
    "ViewedReceipt",
]
