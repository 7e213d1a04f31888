"""The statistics facts table: per live record, only what the published statistics count by.

Reading every record's JSON ``fields`` made the statistics slow (issue 9), so each record the
statistics use has one ``stats_facts`` row with those values in typed, indexed columns: its
date, partner, person, codes (sex, qualification, occupation group, kinds, statuses), the
council area and sector of employers and events, counts. Nothing that identifies a person
beyond record ids is kept: no name, contact, National Insurance number or notes, and no date
of birth (the age band at registration is kept instead).

Every writer of ``records`` keeps it in step in the same transaction: push (:func:`refresh`),
bulk load (:func:`rows_for`), erasure and compaction (:func:`forget`); migration 0009 fills it
from the records already stored (:func:`backfill`). A deleted record has no row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Date, Index, Integer, String, Table, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pace_shared.records import RecordType
from sync_server.db import Base, bulk_insert, in_chunks
from sync_server.sync.models import Record

#: The columns of the index by type and day (migration 0009 creates it with the same).
COVERED_BY_DAY = (
    "record_type",
    "day",
    "partner",
    "kind",
    "client_id",
    "status",
    "months_after",
    "started_on",
)

#: The columns of the index of people by registration day (migration 0011).
COVERED_CLIENTS = (
    "record_type",
    "day",
    "record_id",
    "partner",
    "event_id",
    "age_band",
    "sex",
    "qualification",
    "occupation",
    "leaving_date",
)


class StatsFact(Base):
    __tablename__ = "stats_facts"
    __table_args__ = (
        # Covering the largest reads: engagements counted by day, partner and kind (and person),
        # outcomes in a period, the people with one, and the kinds each person received.
        Index("ix_stats_facts_type_day", *COVERED_BY_DAY),
        Index("ix_stats_facts_type_client", "record_type", "client_id", "kind"),
        # Covering the people registered in a period, with what they are counted by.
        Index("ix_stats_facts_clients", *COVERED_CLIENTS),
    )

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(32))
    partner: Mapped[str] = mapped_column(String(32))
    #: A person's own id; an engagement's, referral's or outcome's person.
    client_id: Mapped[str | None] = mapped_column(String(36))
    #: The day it is counted on: a person's registration (the day the record first reached the
    #: server, UTC), an event's announcement, an engagement's or support's occurrence, a
    #: referral's making, an outcome's recording. None for employers.
    day: Mapped[dt.date | None] = mapped_column(Date)
    #: An event's or employer support's employer.
    employer_id: Mapped[str | None] = mapped_column(String)
    #: A person's redundancy event.
    event_id: Mapped[str | None] = mapped_column(String)
    #: An employer's or an event's own council area (local authority).
    council_area: Mapped[str | None] = mapped_column(String)
    #: An employer's SIC 2007 section.
    sector: Mapped[str | None] = mapped_column(String)
    #: An engagement's or employer support's kind.
    kind: Mapped[str | None] = mapped_column(String)
    #: A referral's or outcome's status.
    status: Mapped[str | None] = mapped_column(String)
    to_partner: Mapped[str | None] = mapped_column(String)
    sex: Mapped[str | None] = mapped_column(String)
    qualification: Mapped[str | None] = mapped_column(String)
    occupation: Mapped[str | None] = mapped_column(String)
    #: The person's age band on the day they were registered (16-24 ... 65+).
    age_band: Mapped[str | None] = mapped_column(String)
    leaving_date: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    months_after: Mapped[int | None] = mapped_column(Integer)
    #: An event's people affected or employer support's attendees (0 when not recorded).
    amount: Mapped[int | None] = mapped_column(Integer)


STATS_FACTS = cast(Table, StatsFact.__table__)
_RECORDS = cast(Table, Record.__table__)

#: The field each type's ``day`` comes from (a person's is their registration).
_DAY_FIELD: dict[str, str] = {
    RecordType.REDUNDANCY_EVENT: "announced_on",
    RecordType.EMPLOYER_SUPPORT: "occurred_on",
    RecordType.ENGAGEMENT: "occurred_on",
    RecordType.REFERRAL: "referred_on",
    RecordType.OUTCOME: "recorded_on",
}
COUNTED_TYPES = frozenset({RecordType.EMPLOYER, RecordType.CLIENT, *_DAY_FIELD})

_AGE_BANDS = ((65, "65+"), (50, "50-64"), (35, "35-49"), (25, "25-34"), (0, "16-24"))


def to_date(value: object) -> dt.date | None:
    """A stored ISO date, or None when absent or malformed (older data is never trusted)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return max(value, 0)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def age_band(born: dt.date | None, on: dt.date) -> str | None:
    if born is None or born > on:
        return None
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(band for start, band in _AGE_BANDS if age >= start)


def registration_day(created_at: dt.datetime) -> dt.date:
    """The UTC day a record first reached the server."""
    if created_at.tzinfo is not None:
        created_at = created_at.astimezone(dt.UTC)
    return created_at.date()


@dataclass(frozen=True, slots=True)
class Written:
    """A record as just written: ``created_at`` may be None for an update (then it is read)."""

    id: str
    type: str
    owner: str
    client_id: str | None
    fields: Mapping[str, Any]
    deleted: bool
    created_at: dt.datetime | None


def fact_row(record: Written, registered: dt.date | None) -> dict[str, Any] | None:
    """The facts row of one record (all columns), or None when the statistics do not use it."""
    if record.deleted or record.type not in COUNTED_TYPES:
        return None
    f = record.fields
    row: dict[str, Any] = dict.fromkeys(STATS_FACTS.c.keys())
    row.update(record_id=record.id, record_type=record.type, partner=record.owner)
    kind = record.type
    if kind == RecordType.CLIENT:
        if registered is None:
            return None
        row.update(
            client_id=record.id,
            day=registered,
            event_id=_text(f.get("event_id")),
            sex=_text(f.get("sex")),
            qualification=_text(f.get("qualification_level")),
            occupation=_text(f.get("occupation_group")),
            age_band=age_band(to_date(f.get("date_of_birth")), registered),
            leaving_date=to_date(f.get("leaving_date")),
        )
        return row
    if kind == RecordType.EMPLOYER:
        row.update(council_area=_text(f.get("local_authority")), sector=_text(f.get("sector")))
        return row
    row["day"] = to_date(f.get(_DAY_FIELD[kind]))
    if kind == RecordType.REDUNDANCY_EVENT:
        row.update(
            employer_id=_text(f.get("employer_id")),
            council_area=_text(f.get("local_authority")),
            amount=to_int(f.get("affected_count")),
        )
    elif kind == RecordType.EMPLOYER_SUPPORT:
        row.update(
            employer_id=_text(f.get("employer_id")),
            kind=_text(f.get("kind")),
            amount=to_int(f.get("attendees")),
        )
    else:
        row["client_id"] = record.client_id
        if kind == RecordType.ENGAGEMENT:
            row["kind"] = _text(f.get("kind"))
        elif kind == RecordType.REFERRAL:
            row.update(
                to_partner=_text(f.get("to_partner")),
                status=_text(f.get("status")),
                completed_on=to_date(f.get("completed_on")),
            )
        else:
            months = f.get("months_after")
            row.update(
                status=_text(f.get("status")),
                months_after=months
                if isinstance(months, int) and not isinstance(months, bool)
                else None,
                started_on=to_date(f.get("started_on")),
            )
    return row


def rows_for(records: Iterable[Written]) -> list[dict[str, Any]]:
    """Facts rows of records whose ``created_at`` is known (new records: bulk load)."""
    rows = []
    for record in records:
        registered = registration_day(record.created_at) if record.created_at else None
        row = fact_row(record, registered)
        if row is not None:
            rows.append(row)
    return rows


def forget(session: Session, record_ids: Iterable[str]) -> None:
    """Records removed (erased, pruned): their facts go too."""
    for part in in_chunks(sorted(set(record_ids))):
        session.execute(delete(STATS_FACTS).where(STATS_FACTS.c.record_id.in_(part)))


def refresh(session: Session, records: Sequence[Written]) -> None:
    """Records just inserted or updated (push): their facts become what they now hold."""
    if not records:
        return
    forget(session, [r.id for r in records])
    unknown = [r.id for r in records if r.created_at is None and r.type == RecordType.CLIENT]
    created: dict[str, dt.datetime] = {}
    for part in in_chunks(unknown):
        stmt = select(_RECORDS.c.id, _RECORDS.c.created_at).where(_RECORDS.c.id.in_(part))
        created.update(
            (str(rid), at) for rid, at in session.execute(stmt) if isinstance(at, dt.datetime)
        )
    rows = []
    for record in records:
        at = record.created_at or created.get(record.id)
        row = fact_row(record, registration_day(at) if at else None)
        if row is not None:
            rows.append(row)
    bulk_insert(session, STATS_FACTS, rows)


def backfill(connection: Connection, batch: int = 5_000) -> int:
    """Fill the table from every live record already stored (migration 0009); returns rows."""
    records = _RECORDS.c
    stmt = (
        select(
            records.id,
            records.type,
            records.owner_partner,
            records.client_id,
            records.fields,
            records.created_at,
        )
        .where(records.deleted.is_(False), records.type.in_(sorted(COUNTED_TYPES)))
        .execution_options(yield_per=batch)
    )
    written = 0
    pending: list[dict[str, Any]] = []
    for rid, rtype, owner, client_id, fields, created_at in connection.execute(stmt):
        at = created_at if isinstance(created_at, dt.datetime) else None
        person = str(client_id) if client_id is not None else None
        values = fields if isinstance(fields, dict) else {}
        record = Written(str(rid), str(rtype), str(owner), person, values, False, at)
        row = fact_row(record, registration_day(at) if at else None)
        if row is not None:
            pending.append(row)
        if len(pending) >= batch:
            connection.execute(STATS_FACTS.insert(), pending)
            written, pending = written + len(pending), []
    if pending:
        connection.execute(STATS_FACTS.insert(), pending)
        written += len(pending)
    return written
