from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync_server.db import Base
from sync_server.timeutil import utcnow


class SharingAgreement(Base):
    """One version of the data-sharing agreement; the highest version is in force. Versions are
    never changed or removed, so what was in force when is always known (and audited)."""

    __tablename__ = "sharing_agreements"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
