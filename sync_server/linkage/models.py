from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync_server.db import Base
from sync_server.timeutil import utcnow


class PersonLink(Base):
    """A client record that the last linkage run found to be one person with another.

    Records not listed are a person of their own (their key is their own id)."""

    __tablename__ = "person_links"
    __table_args__ = (Index("ix_person_links_person_key", "person_key"),)

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The cluster id: the smallest record id among the person's records.
    person_key: Mapped[str] = mapped_column(String(36))
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DuplicatePair(Base):
    """Two client records the last run scored as probably one person, for review."""

    __tablename__ = "duplicate_pairs"
    __table_args__ = (Index("ix_duplicate_pairs_probability", "match_probability"),)

    #: ``record_id_1 < record_id_2``.
    record_id_1: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id_2: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkageRun(Base):
    """One row per completed run: when, and the counts it found (no personal data)."""

    __tablename__ = "linkage_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    records: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)
    links: Mapped[int] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
