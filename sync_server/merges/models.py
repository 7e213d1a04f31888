from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from sync_server.db import Base
from sync_server.timeutil import utcnow


class PersonMerge(Base):
    """One merge of a duplicate person into a survivor: ids only, no personal values.

    ``moved`` lists, per record type, the ids moved to the survivor, so an undo moves back
    exactly those (and only those still on the survivor)."""

    __tablename__ = "person_merges"
    __table_args__ = (
        Index("ix_person_merges_survivor", "survivor_id"),
        Index("ix_person_merges_merged", "merged_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    survivor_id: Mapped[str] = mapped_column(String(36))
    merged_id: Mapped[str] = mapped_column(String(36))
    #: The partner of the team lead or admin who merged.
    partner: Mapped[str] = mapped_column(String(32))
    merged_by: Mapped[str] = mapped_column(String(100))
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    moved: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(100))
