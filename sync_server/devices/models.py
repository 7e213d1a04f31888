from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync_server.db import Base
from sync_server.timeutil import utcnow


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    partner_code: Mapped[str] = mapped_column(ForeignKey("partners.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    #: SHA-256 of the secret issued at the device's first successful sign-in; only the hash.
    secret_hash: Mapped[str | None] = mapped_column(String(64))
    #: The app version the device sent with its last authenticated request (support, upgrades).
    app_version: Mapped[str | None] = mapped_column(String(64))
    #: Changes the device held that the server had not accepted, as it last reported (at the
    #: end of a sync), and when; None until it reports.
    pending_changes: Mapped[int | None] = mapped_column(Integer)
    pending_reported_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
