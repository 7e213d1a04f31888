"""Tombstone compaction: deleted records older than the sync horizon are pruned.

A deletion is kept as a tombstone (the record's id and ``versions: {"_deleted": <hlc>}``) so
that it reaches every device. Once it is older than the longest time a device may stay offline
(``PACE_TOMBSTONE_MAX_AGE_DAYS``, default 180), ``pace-sync-server compact-tombstones`` removes
it with its access rows, and the revocations nobody can be served any more. ``min_cursor_seq``
then moves to the highest pruned sequence number: a device whose cursor is older could have
missed a pruned deletion, so its pull answers 409 ``resync_required`` and it pulls from the
start, where the pruned record is simply absent.

Pruning must not bring a deleted record back. The server keeps every applied change id forever
(``applied_changes``, for idempotence), each with its record id, so "has applied changes but
no record row" means "deleted and pruned": a late upsert to such a record is rejected (reason
``deleted``) instead of creating it afresh, and a late delete is answered ``applied`` without
writing a new tombstone. See docs/sync-protocol.md, "Tombstone compaction".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pace_shared.wire import RECORD_DELETED
from sync_server.audit import service as audit
from sync_server.db import Database, in_chunks
from sync_server.sync import stats_facts
from sync_server.sync.models import AppliedChange, Record, RecordAccess, Revocation
from sync_server.sync.sequence import SequenceAllocator, meta, set_meta
from sync_server.timeutil import utcnow

MIN_CURSOR_SEQ = "min_cursor_seq"
#: The reason a change to a deleted-and-pruned record is rejected with.
PRUNED_REASON = RECORD_DELETED
PRUNED_DETAIL = (
    "this record was deleted on the server long ago (beyond the sync horizon); "
    "the change was not applied"
)


@dataclass(frozen=True, slots=True)
class PrunedTombstone:
    record_id: str
    record_type: str
    seq: int
    deleted_at: dt.datetime


@dataclass(slots=True)
class CompactionReport:
    cutoff: dt.datetime
    dry_run: bool
    min_cursor_seq: int
    tombstones: list[PrunedTombstone] = field(default_factory=list)
    revocations: int = 0


def compact_tombstones(
    db: Database, older_than_days: int, *, dry_run: bool = False
) -> CompactionReport:
    """Prune tombstones deleted more than ``older_than_days`` ago; advance ``min_cursor_seq``."""
    if older_than_days < 0:
        raise ValueError("--older-than-days must be 0 or more")
    cutoff = utcnow() - dt.timedelta(days=older_than_days)
    with db.write_session() as session:
        # Under the sequence lock, like a push: no change commits while the horizon moves.
        SequenceAllocator(session).lock()
        current = int(meta(session, MIN_CURSOR_SEQ) or 0)
        report = CompactionReport(cutoff, dry_run, current)
        report.tombstones = [
            PrunedTombstone(row.id, row.type, int(row.seq), row.updated_at)
            for row in session.execute(
                select(Record.id, Record.type, Record.seq, Record.updated_at)
                # A person merged away is not a tombstone: it is kept so the merge can be
                # undone and old ids keep redirecting.
                .where(
                    Record.deleted.is_(True),
                    Record.merged_into.is_(None),
                    Record.updated_at < cutoff,
                )
                .order_by(Record.seq)
            )
        ]
        if not report.tombstones:
            return report
        report.min_cursor_seq = max(current, report.tombstones[-1].seq)
        # No cursor at or past the new horizon can be served a revocation at or before it.
        stale_revocations = Revocation.seq <= report.min_cursor_seq
        report.revocations = len(
            session.execute(select(Revocation.record_id).where(stale_revocations)).all()
        )
        if dry_run:
            session.rollback()
            return report
        ids = [t.record_id for t in report.tombstones]
        for part in in_chunks(ids):
            session.execute(delete(RecordAccess).where(RecordAccess.record_id.in_(part)))
            session.execute(delete(Record).where(Record.id.in_(part)))
        stats_facts.forget(session, ids)  # a deleted record has none; kept in step regardless
        session.execute(delete(Revocation).where(stale_revocations))
        set_meta(session, MIN_CURSOR_SEQ, str(report.min_cursor_seq))
        audit.write(
            session,
            audit.row(
                "tombstones.compacted",
                audit.SYSTEM,
                detail={
                    "tombstones": len(ids),
                    "revocations": report.revocations,
                    "min_cursor_seq": report.min_cursor_seq,
                    "older_than_days": older_than_days,
                },
            ),
        )
    return report


def pruned_ids(session: Session, record_ids: Iterable[str]) -> set[str]:
    """Of ``record_ids`` that have no record row, those the server once applied changes to:
    records deleted and then pruned (no other path removes a record row)."""
    found: set[str] = set()
    for part in in_chunks(sorted(set(record_ids))):
        found.update(
            session.execute(
                select(AppliedChange.record_id).where(AppliedChange.record_id.in_(part)).distinct()
            ).scalars()
        )
    return found
