from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from sync_server.db import Base
from sync_server.timeutil import utcnow


class ServerMeta(Base):
    """Key/value facts about this database: its epoch (identity), the oldest honoured cursor."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class SyncCounter(Base):
    """One row: the last change sequence number handed out. Writers lock it (see sequence.py)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Record(Base):
    """The merged state of one record, and the sequence number of its latest change."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_seq", "seq", unique=True),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    owner_partner: Mapped[str] = mapped_column(String(32), index=True)
    #: For a client, its own id; for engagements, referrals and outcomes, their client.
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    #: Visible to every partner (employers, events, clients shared with ALL).
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    versions: Mapped[dict[str, str]] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: A person merged away as a duplicate (issue 11): the survivor's id. Such a record is
    #: ``deleted`` yet keeps its fields and versions, so that undoing the merge restores it.
    merged_into: Mapped[str | None] = mapped_column(String(36), nullable=True, default=None)
    seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RecordAccess(Base):
    """Which partners may see a non-public record."""

    __tablename__ = "record_access"
    __table_args__ = (Index("ix_record_access_partner", "partner_code", "record_id"),)

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    partner_code: Mapped[str] = mapped_column(String(32), primary_key=True)


class Revocation(Base):
    """A partner lost sight of a record at ``seq``; its next pull tells its devices to purge."""

    __tablename__ = "revocations"
    __table_args__ = (Index("ix_revocations_partner_seq", "partner_code", "seq"),)

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    partner_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class AppliedChange(Base):
    """Every change id the server applied, so a retry is answered as a duplicate."""

    __tablename__ = "applied_changes"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16))
    conflict_id: Mapped[str | None] = mapped_column(String(36))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Conflict(Base):
    """Written by the push transaction that detects it; read and closed through
    :mod:`sync_server.sync.service` (the conflicts domain owns no table)."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_owner_status", "owner_partner", "status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    record_type: Mapped[str] = mapped_column(String(32))
    owner_partner: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(64))
    winner_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winner_hlc: Mapped[str] = mapped_column(String(100))
    loser_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    loser_hlc: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str | None] = mapped_column(String(16))


class ErasedRecord(Base):
    """A record erased on request (issue 11): no personal data, only what stops an offline
    device's old edit from bringing it back and lets erasures be counted."""

    __tablename__ = "erased_records"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The person the record belonged to (itself for a person).
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    record_type: Mapped[str] = mapped_column(String(32))
    owner_partner: Mapped[str] = mapped_column(String(32))
    #: ``request`` (erase command or API) or ``retention`` (the retention rule).
    reason: Mapped[str] = mapped_column(String(16))
    erased_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
