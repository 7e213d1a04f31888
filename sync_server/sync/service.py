"""What the sync domain offers other domains: its conflicts, server-made edits, record scopes.

Conflicts are written by the push transaction that detects them (and closed, their values
dropped, by the one that deletes their record), so their table belongs here; the conflicts
domain lists and resolves them only through these functions. A conflict follows its record's
sight exactly as a pull does: one on a record the partner can no longer see is not returned.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, exists, func, or_, select
from sqlalchemy.orm import Session

from pace_shared.hlc import HybridClock
from pace_shared.records import PERSON_TYPES, RecordType
from pace_shared.wire import Change
from sync_server.auth.principal import Principal
from sync_server.errors import ApiError
from sync_server.sync import push
from sync_server.sync.models import Conflict, Record, RecordAccess
from sync_server.sync.sequence import SequenceAllocator, current_seq
from sync_server.timeutil import utcnow

#: The HLC node of edits the server makes itself (conflict resolutions).
SERVER_NODE = "server"


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    id: str
    record_id: str
    record_type: str
    owner_partner: str
    field: str
    status: str
    winner_value: Any
    winner_hlc: str
    loser_value: Any
    loser_hlc: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: str | None
    resolution: str | None


def conflict_info(conflict: Conflict) -> ConflictInfo:
    return ConflictInfo(
        id=conflict.id,
        record_id=conflict.record_id,
        record_type=conflict.record_type,
        owner_partner=conflict.owner_partner,
        field=conflict.field,
        status=conflict.status,
        winner_value=conflict.winner_value,
        winner_hlc=conflict.winner_hlc,
        loser_value=conflict.loser_value,
        loser_hlc=conflict.loser_hlc,
        created_at=conflict.created_at,
        resolved_at=conflict.resolved_at,
        resolved_by=conflict.resolved_by,
        resolution=conflict.resolution,
    )


def lock_for_write(session: Session) -> None:
    """Take the lock every writer takes first, so what is read next stays stable."""
    SequenceAllocator(session).lock()


def _record_visible_to(partner: str) -> ColumnElement[bool]:
    """The conflict's record is one ``partner`` may see now (the rule pull applies)."""
    return exists().where(
        Record.id == Conflict.record_id,
        or_(
            Record.public,
            exists().where(
                RecordAccess.record_id == Record.id, RecordAccess.partner_code == partner
            ),
        ),
    )


def _owned_and_visible(partner: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return Conflict.owner_partner == partner, _record_visible_to(partner)


def visible_conflicts(
    session: Session, partner: str, status: str, limit: int
) -> list[ConflictInfo]:
    """Conflicts on records ``partner`` owns and still sees, oldest first; ``status`` is
    ``open``, ``resolved`` or ``all``."""
    stmt = (
        select(Conflict)
        .where(*_owned_and_visible(partner))
        .order_by(Conflict.created_at, Conflict.id)
        .limit(limit)
    )
    if status != "all":
        stmt = stmt.where(Conflict.status == status)
    return [conflict_info(c) for c in session.execute(stmt).scalars()]


def visible_conflict(session: Session, partner: str, conflict_id: str) -> ConflictInfo | None:
    conflict = session.execute(
        select(Conflict).where(Conflict.id == conflict_id, *_owned_and_visible(partner))
    ).scalar_one_or_none()
    return None if conflict is None else conflict_info(conflict)


def close_conflict(
    session: Session, conflict_id: str, resolution: str, resolved_by: str
) -> ConflictInfo:
    """Mark a conflict resolved (the caller checked it is open and visible)."""
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise LookupError(conflict_id)
    mark_resolved(conflict, resolution, resolved_by)
    session.flush()
    return conflict_info(conflict)


def mark_resolved(conflict: Conflict, resolution: str, resolved_by: str) -> None:
    conflict.status, conflict.resolution = "resolved", resolution
    conflict.resolved_at, conflict.resolved_by = utcnow(), resolved_by


def write_field(
    session: Session, principal: Principal, record_id: str, field: str, value: Any
) -> None:
    """One new edit of one field by the server, applied exactly as a pushed change is.

    Going through the push path keeps everything a change implies: the sequence, the audit
    row, and the access recheck when consent or a referral's partner changes.
    """
    record = session.execute(
        select(Record.type, Record.deleted, Record.versions).where(Record.id == record_id)
    ).one_or_none()
    if record is None or record.deleted:
        raise ApiError(409, "record_deleted", "The record was deleted; there is nothing to change.")
    clock = HybridClock(SERVER_NODE)
    for stamp in record.versions.values():
        clock.receive(stamp)
    change = Change(
        change_id=str(uuid.uuid4()),
        record_id=record_id,
        record_type=record.type,
        op="upsert",
        hlc=clock.tick(),
        fields={field: value},
        base={field: record.versions.get(field)},
    )
    (result,) = push.apply_in_transaction(session, principal, [change])
    if result["status"] == "rejected":
        raise ApiError(
            422 if result["reason"] == "invalid_request" else 403,
            result["reason"],
            result["detail"],
        )


def records_owned_by(partner: str) -> Select[str]:
    """A query of the ids of the records ``partner`` owns, to filter another domain's rows
    by inside the database (the list itself can be far too long to pass as values)."""
    return select(Record.id).where(Record.owner_partner == partner)


def existing_record_ids(session: Session, record_ids: list[str]) -> set[str]:
    """Which of ``record_ids`` the server holds (live or deleted)."""
    found: set[str] = set()
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        found.update(session.scalars(select(Record.id).where(Record.id.in_(chunk))))
    return found


def live_records(record_type: str) -> Subquery:
    """The records of one type that are not deleted, for aggregate statistics read inside the
    database: ``id``, ``owner_partner``, ``client_id``, ``fields`` (JSON), ``created_at``."""
    stmt = select(
        Record.id, Record.owner_partner, Record.client_id, Record.fields, Record.created_at
    ).where(Record.type == record_type, Record.deleted.is_(False))
    if record_type not in PERSON_TYPES:
        # Records of no person have no client_id: its index finds them without a full scan.
        stmt = stmt.where(Record.client_id.is_(None))
    return stmt.subquery(record_type)


def latest_sequence(session: Session) -> int:
    """The last sequence number handed out (0 for none): every change to a record moves it,
    and so does an erasure (its revocations take numbers, though its records are gone), so
    what is computed from the records can be cached against it."""
    return current_seq(session)


def visible_clients(session: Session, partner: str, record_ids: set[str]) -> set[str]:
    """Of ``record_ids``, the live person (``client``) records ``partner`` may see now."""
    if not record_ids:
        return set()
    stmt = clients_visible_to(partner).where(Record.id.in_(sorted(record_ids)))
    return set(session.execute(stmt).scalars())


def live_clients(session: Session, names: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    """Every client record not deleted, as (id, the fields ``names`` as text): what
    record linkage compares. The database picks the fields out of each record's JSON, so the
    rest of it (notes, consent, ...) is neither sent nor parsed."""
    picked = [Record.fields[name].as_string() for name in names]
    rows = session.execute(
        select(Record.id, *picked).where(
            Record.type == RecordType.CLIENT, Record.deleted.is_(False)
        )
    )
    return [(row[0], dict(zip(names, row[1:], strict=True))) for row in rows.tuples()]


def live_client_ids(session: Session) -> list[str]:
    rows = session.execute(
        select(Record.id).where(Record.type == RecordType.CLIENT, Record.deleted.is_(False))
    )
    return list(rows.scalars())


def clients_visible_to(partner: str) -> Select[str]:
    """A query of the ids of the live clients ``partner`` may see now (the rule pull applies:
    public, or in the record's access list), to filter another domain's rows by."""
    return select(Record.id).where(
        Record.type == RecordType.CLIENT,
        Record.deleted.is_(False),
        or_(
            Record.public,
            exists().where(
                RecordAccess.record_id == Record.id, RecordAccess.partner_code == partner
            ),
        ),
    )


def record_counts(session: Session, partner: str | None = None) -> dict[str, int]:
    """Live records by type, owned by ``partner`` (None: every partner)."""
    stmt = select(Record.type, func.count()).where(Record.deleted.is_(False)).group_by(Record.type)
    if partner is not None:
        stmt = stmt.where(Record.owner_partner == partner)
    return {str(kind): int(n) for kind, n in session.execute(stmt).tuples()}


def open_conflict_count(session: Session, partner: str | None = None) -> int:
    """Open conflicts on records ``partner`` owns and sees (None: every open conflict)."""
    stmt = select(func.count()).select_from(Conflict).where(Conflict.status == "open")
    if partner is not None:
        stmt = stmt.where(*_owned_and_visible(partner))
    return int(session.execute(stmt).scalar_one())
