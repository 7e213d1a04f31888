"""Erasing a person on request or by the retention rule (issue 11), and re-delivering people.

Erasure removes the person and everything recorded about them (engagements, referrals,
outcomes, consent history) from the server, closes and removes their conflicts, and gives every
partner that could see them a revocation, so each device purges them on its next pull (the same
path as narrowed consent; pull marks these revocations ``erased`` so the device also drops any
queued edit of them). What stays is a marker per record (``erased_records``: id, person id,
type, owner partner, reason, time; no personal data): an offline device's old edit to an
erased record is then refused (reason ``erased``) instead of bringing the person back. The
audit log never held personal values (field names only), so it keeps its rows, plus one
``person.erased`` event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from pace_shared.records import RecordType
from sync_server.audit import service as audit
from sync_server.db import in_chunks
from sync_server.sync import stats_facts
from sync_server.sync.models import (
    Conflict,
    ErasedRecord,
    Record,
    RecordAccess,
    Revocation,
)
from sync_server.sync.sequence import SequenceAllocator
from sync_server.timeutil import utcnow

#: Rejection reason for a change to an erased record.
ERASED_REASON = "erased"
ERASED_DETAIL = "this person's record was erased on request; the change was not applied"
# Records merged into the person (issue 11) are the same human: they are erased with them.


class NotAPersonError(LookupError):
    """No person (client record) with that id is on the server."""


@dataclass(slots=True)
class Erasure:
    client_id: str
    #: The person's record and those merged into it: the client records erased.
    people: list[str] = field(default_factory=list)
    #: Count of records removed per type (no ids of children, no values).
    removed: dict[str, int] = field(default_factory=dict)
    partners_revoked: int = 0


def erase_person(
    session: Session,
    client_id: str,
    known_partners: frozenset[str],
    actor: audit.Actor,
    *,
    reason: str = "request",
) -> Erasure:
    """Erase one person and their records inside the caller's write transaction."""
    sequence = SequenceAllocator(session)
    sequence.lock()
    erasure = _erase(session, sequence, client_id, known_partners, reason)
    audit.write(
        session,
        audit.row(
            "person.erased",
            actor,
            record_id=client_id,
            record_type=RecordType.CLIENT,
            detail={"reason": reason, "removed": erasure.removed},
        ),
    )
    sequence.save()
    return erasure


def _erase(
    session: Session,
    sequence: SequenceAllocator,
    client_id: str,
    known_partners: frozenset[str],
    reason: str,
) -> Erasure:
    person = session.execute(
        select(Record.public).where(Record.id == client_id, Record.type == RecordType.CLIENT)
    ).one_or_none()
    if person is None:
        raise NotAPersonError(client_id)
    people = _with_merged_away(session, client_id)
    family = session.execute(
        select(Record.id, Record.type, Record.owner_partner).where(Record.client_id.in_(people))
    ).all()
    ids = [row.id for row in family]
    holders = set(known_partners) if person.public else _partners_with_access(session, ids)
    # Owners hold their own records whatever the access list says.
    holders |= {row.owner_partner for row in family}
    now = utcnow()
    for part in in_chunks(ids):
        session.execute(delete(RecordAccess).where(RecordAccess.record_id.in_(part)))
        session.execute(delete(Revocation).where(Revocation.record_id.in_(part)))
        session.execute(delete(Conflict).where(Conflict.record_id.in_(part)))
        session.execute(delete(Record).where(Record.id.in_(part)))
    stats_facts.forget(session, ids)
    session.execute(
        insert(Revocation),
        [
            {"record_id": rid, "partner_code": partner, "seq": sequence.take()}
            for rid in ids
            for partner in sorted(holders)
        ],
    )
    session.execute(
        insert(ErasedRecord),
        [
            {
                "record_id": row.id,
                "client_id": client_id,
                "record_type": row.type,
                "owner_partner": row.owner_partner,
                "reason": reason,
                "erased_at": now,
            }
            for row in family
        ],
    )
    removed: dict[str, int] = {}
    for row in family:
        removed[row.type] = removed.get(row.type, 0) + 1
    return Erasure(client_id, people, dict(sorted(removed.items())), len(holders))


def _with_merged_away(session: Session, client_id: str) -> list[str]:
    """The person and every record merged into them (at any depth): one human, so erasing
    the survivor erases the duplicates merged into it too (their consent history included)."""
    found, frontier = [client_id], [client_id]
    while frontier:
        frontier = [
            str(rid)
            for rid in session.execute(
                select(Record.id).where(Record.merged_into.in_(frontier))
            ).scalars()
            if rid not in found
        ]
        found.extend(frontier)
    return found


def _partners_with_access(session: Session, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for part in in_chunks(ids):
        found.update(
            session.execute(
                select(RecordAccess.partner_code).where(RecordAccess.record_id.in_(part))
            ).scalars()
        )
    return found


def erased_ids(session: Session, record_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for part in in_chunks(sorted(set(record_ids))):
        found.update(
            session.execute(
                select(ErasedRecord.record_id).where(ErasedRecord.record_id.in_(part))
            ).scalars()
        )
    return found


def inactive_people(session: Session, before: dt.datetime) -> list[str]:
    """People none of whose records (their own or anything about them) changed since
    ``before``: the retention rule's candidates, oldest activity first."""
    last = func.max(Record.updated_at)
    return [
        str(client_id)
        for client_id in session.execute(
            select(Record.client_id)
            .where(Record.client_id.is_not(None))
            .group_by(Record.client_id)
            .having(last < before)
            .order_by(last, Record.client_id)
        ).scalars()
    ]


def people_ids(session: Session) -> set[str]:
    return set(session.execute(select(Record.id).where(Record.type == RecordType.CLIENT)).scalars())


def redeliver_person_records(session: Session) -> int:
    """Give every record about a person a new sequence number, so every device pulls it again
    (after the sharing agreement changed, what each partner receives has changed)."""
    sequence = SequenceAllocator(session)
    sequence.lock()
    ids = list(
        session.execute(
            select(Record.id).where(Record.client_id.is_not(None)).order_by(Record.seq)
        ).scalars()
    )
    for part in in_chunks(ids):
        session.execute(
            update(Record),
            [{"id": rid, "seq": sequence.take()} for rid in part],
        )
    sequence.save()
    return len(ids)


def family_of(session: Session, client_id: str) -> list[dict[str, Any]]:
    """The person's record and every record about them, as stored (for subject access)."""
    rows = session.execute(
        select(Record).where(Record.client_id == client_id).order_by(Record.seq)
    ).scalars()
    return [
        {
            "record_id": r.id,
            "record_type": r.type,
            "owner_partner": r.owner_partner,
            "fields": dict(r.fields or {}),
            "versions": dict(r.versions or {}),
            "deleted": bool(r.deleted),
            "created_at": r.created_at.isoformat(),
            "updated_at": r.updated_at.isoformat(),
        }
        for r in rows
    ]
