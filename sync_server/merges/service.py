"""Merging duplicate people and undoing merges: the merge log, permissions and audit.

The moves of records happen in :mod:`sync_server.sync.merging`, in the same write transaction
as the merge log row and the audit events, so a merge is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pace_shared.records import RecordType
from sync_server.audit import service as audit
from sync_server.auth.principal import Principal
from sync_server.auth.service import known_partner_codes
from sync_server.db import Database
from sync_server.merges.models import PersonMerge
from sync_server.sync import merging
from sync_server.sync.merging import MergeRefusedError
from sync_server.sync.service import ConflictInfo
from sync_server.timeutil import utcnow

__all__ = ["MergeRefusedError", "list_merges", "merge", "undo"]

_NO_SUCH_MERGE = "no such merge is visible to your organisation"


@dataclass(frozen=True, slots=True)
class MergeInfo:
    """A merge as the API shows it (read inside the transaction that wrote or read it)."""

    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None
    #: How many records of each type moved to the survivor.
    moved: dict[str, int]

    @classmethod
    def of(cls, row: PersonMerge) -> MergeInfo:
        return cls(
            row.id,
            row.survivor_id,
            row.merged_id,
            _aware(row.merged_at),
            row.merged_by,
            _aware(row.undone_at) if row.undone_at is not None else None,
            _counts(row.moved),
        )


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _counts(moved: dict[str, list[str]]) -> dict[str, int]:
    return {kind: len(ids) for kind, ids in sorted(moved.items())}


def merge(db: Database, principal: Principal, survivor_id: str, merged_id: str) -> MergeInfo:
    with db.write_session() as session:
        moved = merging.merge_people(
            session, principal.partner, survivor_id, merged_id, known_partner_codes(session)
        )
        row = PersonMerge(
            id=str(uuid.uuid4()),
            survivor_id=survivor_id,
            merged_id=merged_id,
            partner=principal.partner,
            merged_by=principal.username,
            merged_at=utcnow(),
            moved=moved,
        )
        session.add(row)
        _audit(session, principal, "person.merged", row, _counts(moved))
        closed = merging.close_conflicts_of(session, merged_id, principal.username)
        _audit_conflicts(session, principal, "conflict.resolved", row, closed)
        session.flush()
        return MergeInfo.of(row)


def undo(db: Database, principal: Principal, merge_id: str) -> MergeInfo:
    with db.write_session() as session:
        row = _visible_merge(session, principal.partner, merge_id, lock=True)
        if row.undone_at is not None:
            raise MergeRefusedError(409, "already_undone", "this merge has already been undone")
        back = merging.undo_merge(
            session, row.survivor_id, row.merged_id, row.moved, known_partner_codes(session)
        )
        row.undone_at = utcnow()
        row.undone_by = principal.username
        reopened = merging.reopen_conflicts_of(session, row.merged_id)
        _audit_conflicts(session, principal, "conflict.reopened", row, reopened)
        _audit(
            session,
            principal,
            "person.merge_undone",
            row,
            _counts(back),
        )
        session.flush()
        return MergeInfo.of(row)


def list_merges(db: Database, principal: Principal, limit: int = 500) -> list[MergeInfo]:
    """Merges whose survivor the caller's partner can see, newest first."""
    with db.session() as session:
        rows = list(
            session.execute(
                select(PersonMerge).order_by(PersonMerge.merged_at.desc(), PersonMerge.id)
            ).scalars()
        )
        visible = merging.people_visible_to(
            session, principal.partner, {r.survivor_id for r in rows}
        )
        return [MergeInfo.of(r) for r in rows if r.survivor_id in visible][:limit]


def _visible_merge(session: Session, partner: str, merge_id: str, *, lock: bool) -> PersonMerge:
    """A merge both of whose people the partner can see; anything else answers alike."""
    stmt = select(PersonMerge).where(PersonMerge.id == merge_id)
    if lock and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    row = session.execute(stmt).scalar_one_or_none()
    if row is None:
        raise MergeRefusedError(404, "not_found", _NO_SUCH_MERGE)
    wanted = {row.survivor_id, row.merged_id}
    if merging.people_visible_to(session, partner, wanted) != wanted:
        raise MergeRefusedError(404, "not_found", _NO_SUCH_MERGE)
    return row


def _audit_conflicts(
    session: Session,
    principal: Principal,
    action: str,
    row: PersonMerge,
    conflicts: list[ConflictInfo],
) -> None:
    """One event per conflict a merge closed or its undo reopened, as a lead's resolution
    writes one, naming the merge."""
    for conflict in conflicts:
        audit.write(
            session,
            audit.row(
                action,
                principal.actor,
                record_id=conflict.record_id,
                record_type=conflict.record_type,
                fields=[conflict.field],
                detail={
                    "conflict_id": conflict.id,
                    "keep": merging.MERGED_RESOLUTION,
                    "merge_id": row.id,
                },
            ),
        )


def _audit(
    session: Session, principal: Principal, action: str, row: PersonMerge, moved: dict[str, int]
) -> None:
    """One event per person (so each owner's admins see it), ids and counts only."""
    event = audit.row(
        action,
        principal.actor,
        record_type=RecordType.CLIENT,
        detail={
            "merge_id": row.id,
            "survivor_id": row.survivor_id,
            "merged_id": row.merged_id,
            "moved": moved,
        },
    )
    audit.write_per_record(session, event, [row.merged_id, row.survivor_id])
