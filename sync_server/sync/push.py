"""Applying a push: per-change validation, idempotency, the per-field merge, conflicts, audit.

One bad change is rejected with a reason and never blocks the rest of its batch: everything that
can reject a change is checked before anything is written, and the batch is applied in one
transaction under the sequence lock (see sequence.py).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from pace_shared import hlc as hlc_rules
from pace_shared.merge import RecordState, apply_delete, apply_upsert
from pace_shared.records import (
    CHILD_TYPES,
    RECORD_TYPES,
    RecordType,
    missing_required,
    validate_fields,
)
from pace_shared.wire import Change
from sync_server.audit import service as audit
from sync_server.auth.principal import Principal
from sync_server.auth.service import known_partner_codes
from sync_server.conflicts.models import Conflict
from sync_server.db import Database, bulk_insert
from sync_server.sync import compaction, visibility
from sync_server.sync.models import AppliedChange, Record, RecordAccess, Revocation
from sync_server.sync.sequence import SequenceAllocator
from sync_server.sync.visibility import Access
from sync_server.timeutil import utcnow

log = logging.getLogger(__name__)

_CHANGE = TypeAdapter(Change)
_RECORDS = Record.__table__
_ACCESS = RecordAccess.__table__
_REVOCATIONS = Revocation.__table__


class ChangeRejectedError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


@dataclass(slots=True)
class _Row:
    """A record as loaded for (or created by) this batch."""

    id: str
    type: str
    owner: str
    client_id: str | None
    access: Access | None
    state: RecordState
    is_new: bool = False
    dirty: bool = False


@dataclass(slots=True)
class _Batch:
    principal: Principal
    known_partners: frozenset[str]
    rows: dict[str, _Row] = field(default_factory=dict)
    applied: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    audit_rows: list[dict[str, Any]] = field(default_factory=list)
    #: Clients whose access list may have changed (consent or referrals edited).
    recheck_access: set[str] = field(default_factory=set)
    clients_with_new_children: set[str] = field(default_factory=set)
    #: Records deleted and pruned by tombstone compaction (see sync.compaction).
    pruned: set[str] = field(default_factory=set)


def _rejection(change_id: Any, reason: str, detail: str) -> dict[str, Any]:
    return {
        "change_id": change_id if isinstance(change_id, str) else None,
        "status": "rejected",
        "reason": reason,
        "detail": detail,
    }


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        location = ".".join(str(p) for p in error["loc"])
        parts.append(f"{location}: {error['msg']}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A change that passed every check that needs no stored record, with normalised values."""

    index: int
    change: Change
    values: dict[str, Any]


def _check_envelope(change: Change, max_wall_ms: int) -> None:
    if change.record_type not in RECORD_TYPES:
        raise ChangeRejectedError(
            "invalid_request", f"record_type: unknown record type {change.record_type!r}"
        )
    if not hlc_rules.is_valid(change.hlc):
        raise ChangeRejectedError("invalid_request", "hlc: not a hybrid logical clock value")
    for name, base in change.base.items():
        if base is not None and not hlc_rules.is_valid(base):
            raise ChangeRejectedError(
                "invalid_request", f"base.{name}: not a hybrid logical clock value"
            )
    if hlc_rules.wall_ms_of(change.hlc) > max_wall_ms:
        raise ChangeRejectedError(
            "clock_skew",
            "hlc: the device clock is ahead of the server's; the change stays queued and is "
            "sent again once the device has corrected its clock from the server time",
        )
    if change.op == "delete" and change.fields:
        raise ChangeRejectedError("invalid_request", "fields: a delete carries no fields")


def push(
    db: Database, principal: Principal, raw_changes: Sequence[Any], max_clock_skew_seconds: int
) -> list[dict[str, Any]]:
    results: list[dict[str, Any] | None] = [None] * len(raw_changes)
    valid: list[_Parsed] = []
    max_wall_ms = hlc_rules.now_ms() + max_clock_skew_seconds * 1000
    with db.session() as session:
        known_partners = known_partner_codes(session)
    # Everything that needs no stored record is checked here, outside the sequence lock, so
    # that concurrent pushes only serialise on the short apply step.
    for index, raw in enumerate(raw_changes):
        change_id = raw.get("change_id") if isinstance(raw, dict) else None
        try:
            change = _CHANGE.validate_python(raw)
            _check_envelope(change, max_wall_ms)
            values = _validate_values(change, known_partners)
        except ValidationError as exc:
            results[index] = _rejection(change_id, "invalid_request", _describe(exc))
            continue
        except ChangeRejectedError as exc:
            results[index] = _rejection(change_id, exc.reason, exc.detail)
            continue
        valid.append(_Parsed(index, change, values))
    if valid:
        with db.write_session(crash_points="push") as session:
            for index, result in _apply_batch(session, principal, known_partners, valid):
                results[index] = result
    return [r for r in results if r is not None]


def apply_in_transaction(
    session: Session, principal: Principal, changes: list[Change]
) -> list[dict[str, Any]]:
    """Apply changes the server itself made (conflict resolutions) in the caller's transaction."""
    known_partners = known_partner_codes(session)
    results: list[dict[str, Any] | None] = [None] * len(changes)
    parsed: list[_Parsed] = []
    for index, change in enumerate(changes):
        try:
            parsed.append(_Parsed(index, change, _validate_values(change, known_partners)))
        except ChangeRejectedError as exc:
            results[index] = _rejection(change.change_id, exc.reason, exc.detail)
    for index, result in _apply_batch(session, principal, known_partners, parsed):
        results[index] = result
    return [r for r in results if r is not None]


def _validate_values(change: Change, known_partners: frozenset[str]) -> dict[str, Any]:
    if change.op == "delete":
        return {}
    result = validate_fields(
        change.record_type, change.fields, creating=False, known_partners=known_partners
    )
    if not result.ok:
        raise ChangeRejectedError("invalid_request", result.summary())
    return result.values


def _apply_batch(
    session: Session,
    principal: Principal,
    known_partners: frozenset[str],
    changes: list[_Parsed],
) -> Iterable[tuple[int, dict[str, Any]]]:
    sequence = SequenceAllocator(session)
    sequence.lock()  # first, so that every writer commits in sequence order
    batch = _Batch(principal, known_partners)
    already = _already_applied(session, [p.change.change_id for p in changes])
    _load_rows(session, batch, [p.change for p in changes])
    out: list[tuple[int, dict[str, Any]]] = []
    for parsed in changes:
        change = parsed.change
        if change.change_id in already:
            out.append((parsed.index, {"change_id": change.change_id, "status": "duplicate"}))
            continue
        try:
            result = _apply_change(batch, change, parsed.values)
        except ChangeRejectedError as exc:
            out.append((parsed.index, _rejection(change.change_id, exc.reason, exc.detail)))
            continue
        already.add(change.change_id)
        out.append((parsed.index, result))
    _write(session, batch, sequence)
    sequence.save()
    return out


def _already_applied(session: Session, change_ids: list[str]) -> set[str]:
    return set(
        session.execute(
            select(AppliedChange.change_id).where(AppliedChange.change_id.in_(change_ids))
        ).scalars()
    )


def _load_rows(session: Session, batch: _Batch, changes: list[Change]) -> None:
    wanted = {c.record_id for c in changes}
    # Children being created name their client in their fields; load those clients too.
    wanted |= {
        c.fields["client_id"]
        for c in changes
        if c.record_type in CHILD_TYPES and isinstance(c.fields.get("client_id"), str)
    }
    _load(session, batch, wanted)
    parents = {r.client_id for r in batch.rows.values() if r.client_id} - batch.rows.keys()
    _load(session, batch, parents)
    batch.pruned = compaction.pruned_ids(session, wanted - batch.rows.keys())


def _load(session: Session, batch: _Batch, ids: set[str]) -> None:
    if not ids:
        return
    id_list = sorted(ids)
    access: dict[str, set[str]] = {}
    for chunk in _chunks(id_list, 500):
        for record_id, partner in session.execute(
            select(_ACCESS.c.record_id, _ACCESS.c.partner_code).where(
                _ACCESS.c.record_id.in_(chunk)
            )
        ):
            access.setdefault(record_id, set()).add(partner)
        for row in session.execute(
            select(
                _RECORDS.c.id,
                _RECORDS.c.type,
                _RECORDS.c.owner_partner,
                _RECORDS.c.client_id,
                _RECORDS.c.public,
                _RECORDS.c.fields,
                _RECORDS.c.versions,
            ).where(_RECORDS.c.id.in_(chunk))
        ):
            batch.rows[row.id] = _Row(
                id=row.id,
                type=row.type,
                owner=row.owner_partner,
                client_id=row.client_id,
                access=Access(bool(row.public), frozenset(access.get(row.id, ()))),
                state=RecordState(dict(row.fields or {}), dict(row.versions or {})),
            )


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _visible(batch: _Batch, row: _Row) -> bool:
    return row.access is not None and row.access.allows(batch.principal.partner)


def _apply_change(batch: _Batch, change: Change, values: dict[str, Any]) -> dict[str, Any]:
    principal = batch.principal
    row = batch.rows.get(change.record_id)
    if row is None and change.record_id in batch.pruned:
        return _change_to_pruned(batch, change)
    if row is not None and row.type != change.record_type:
        raise ChangeRejectedError(
            "invalid_request", f"record_type: record {change.record_id} is a {row.type}"
        )
    if row is not None and not _visible(batch, row):
        raise ChangeRejectedError("forbidden", "this record is not shared with your organisation")
    if row is None:
        row = _new_row(batch, change)
    elif change.op == "delete" and row.owner != principal.partner:
        raise ChangeRejectedError(
            "forbidden", "only the organisation that created a record can delete it"
        )
    # Everything that can reject the change is checked before the row is touched.
    if change.op == "upsert":
        _check_against_record(batch, row, values)
    batch.rows.setdefault(row.id, row)

    if change.op == "delete":
        changed = apply_delete(row.state, change.hlc)
        row.dirty |= changed
        touched: list[str] = []
        conflict_id = None
        if row.type == RecordType.REFERRAL and changed and row.client_id:
            batch.recheck_access.add(row.client_id)
    else:
        outcomes = apply_upsert(row.state, values, change.hlc, change.base)
        touched = [o.field for o in outcomes]
        applied_fields = {o.field for o in outcomes if o.applied}
        row.dirty |= bool(applied_fields) or row.is_new
        conflict_id = None
        for outcome in outcomes:
            if outcome.conflict:
                cid = _record_conflict(batch, row, outcome)
                conflict_id = conflict_id or cid
        if row.type == RecordType.CLIENT and "share_with" in applied_fields:
            _consent_changed(batch, row)
        if (
            row.type == RecordType.REFERRAL
            and row.client_id
            and (row.is_new or "to_partner" in applied_fields)
        ):
            batch.recheck_access.add(row.client_id)

    status = "conflict" if conflict_id else "applied"
    batch.applied.append(
        {
            "change_id": change.change_id,
            "record_id": row.id,
            "device_id": principal.device_id,
            "status": status,
            "conflict_id": conflict_id,
            "applied_at": utcnow(),
        }
    )
    batch.audit_rows.append(
        audit.row(
            "change.applied",
            principal.actor,
            record_id=row.id,
            record_type=row.type,
            fields=touched,
            detail={"op": change.op, "status": status, "change_id": change.change_id},
        )
    )
    result: dict[str, Any] = {"change_id": change.change_id, "status": status}
    if conflict_id:
        result["conflict_id"] = conflict_id
    return result


def _change_to_pruned(batch: _Batch, change: Change) -> dict[str, Any]:
    """A record deleted and pruned never comes back: an upsert is refused; a delete is done."""
    if change.op != "delete":
        raise ChangeRejectedError(compaction.PRUNED_REASON, compaction.PRUNED_DETAIL)
    batch.applied.append(
        {
            "change_id": change.change_id,
            "record_id": change.record_id,
            "device_id": batch.principal.device_id,
            "status": "applied",
            "conflict_id": None,
            "applied_at": utcnow(),
        }
    )
    return {"change_id": change.change_id, "status": "applied"}


def _consent_changed(batch: _Batch, client: _Row) -> None:
    if not client.is_new:
        batch.recheck_access.add(client.id)
        return
    # A client created in this batch has no referrals stored yet: its access follows from its
    # fields alone. Only children already created in the batch need the full recheck.
    client.access = visibility.for_client(client.owner, client.state.fields, ())
    if client.id in batch.clients_with_new_children:
        batch.recheck_access.add(client.id)


def _new_row(batch: _Batch, change: Change) -> _Row:
    """A record this change creates; children inherit their client's access."""
    partner = batch.principal.partner
    client_id: str | None = None
    access = visibility.for_new_record(change.record_type, partner, change.fields)
    if change.record_type in CHILD_TYPES:
        client_id = change.fields.get("client_id")  # type: ignore[assignment]
        client = batch.rows.get(client_id) if isinstance(client_id, str) else None
        if change.op == "upsert":
            if client is None or client.type != RecordType.CLIENT:
                raise ChangeRejectedError(
                    "invalid_request", "client_id: no such person on the server"
                )
            if not _visible(batch, client):
                raise ChangeRejectedError(
                    "forbidden", "client_id: this person is not shared with your organisation"
                )
            access = client.access
            batch.clients_with_new_children.add(client.id)
        else:
            access = Access(False, frozenset({partner}))
    elif change.record_type == RecordType.CLIENT:
        client_id = change.record_id
    return _Row(
        id=change.record_id,
        type=change.record_type,
        owner=partner,
        client_id=client_id,
        access=access,
        state=RecordState(),
        is_new=True,
        dirty=True,
    )


def _check_against_record(batch: _Batch, row: _Row, values: dict[str, Any]) -> None:
    """The checks that need the stored record: required fields, immutable links, consent."""
    if row.is_new and not row.state.versions:
        missing = missing_required(row.type, values)
        if missing:
            raise ChangeRejectedError("invalid_request", "; ".join(str(e) for e in missing))
    if not row.is_new and "client_id" in values and values["client_id"] != row.client_id:
        raise ChangeRejectedError(
            "invalid_request", "client_id: a record cannot move to another person"
        )
    if "share_with" in values and row.owner != batch.principal.partner:
        raise ChangeRejectedError(
            "forbidden", "share_with: only the organisation that recorded consent can change it"
        )


def _record_conflict(batch: _Batch, row: _Row, outcome: Any) -> str:
    conflict_id = str(uuid.uuid4())
    batch.conflicts.append(
        {
            "id": conflict_id,
            "record_id": row.id,
            "record_type": row.type,
            "owner_partner": row.owner,
            "field": outcome.field,
            "winner_value": outcome.winner_value,
            "winner_hlc": outcome.winner_hlc,
            "loser_value": outcome.loser_value,
            "loser_hlc": outcome.loser_hlc,
            "status": "open",
            "created_at": utcnow(),
        }
    )
    return conflict_id


def _write(session: Session, batch: _Batch, sequence: SequenceAllocator) -> None:
    now = utcnow()
    dirty = [r for r in batch.rows.values() if r.dirty]
    inserts = [
        {
            "id": r.id,
            "type": r.type,
            "owner_partner": r.owner,
            "client_id": r.client_id,
            "public": bool(r.access and r.access.public),
            "fields": r.state.fields,
            "versions": r.state.versions,
            "deleted": r.state.deleted,
            "seq": sequence.take(),
            "created_at": now,
            "updated_at": now,
        }
        for r in dirty
        if r.is_new
    ]
    updates = [
        {
            "b_id": r.id,
            "fields": r.state.fields,
            "versions": r.state.versions,
            "deleted": r.state.deleted,
            "seq": sequence.take(),
            "updated_at": now,
        }
        for r in dirty
        if not r.is_new
    ]
    if inserts:
        bulk_insert(session, _RECORDS, inserts)
        access_rows = [
            {"record_id": r.id, "partner_code": p}
            for r in dirty
            if r.is_new and r.access is not None and not r.access.public
            for p in r.access.partners
        ]
        if access_rows:
            bulk_insert(session, _ACCESS, access_rows)
    if updates:
        session.execute(
            update(_RECORDS).where(_RECORDS.c.id == bindparam("b_id")),
            updates,
            execution_options={"synchronize_session": False},
        )
    if batch.recheck_access:
        _recheck_access(session, batch, sequence)
    if batch.applied:
        bulk_insert(session, AppliedChange.__table__, batch.applied)
    if batch.conflicts:
        bulk_insert(session, Conflict.__table__, batch.conflicts)
    audit.write(session, *batch.audit_rows)


def _recheck_access(session: Session, batch: _Batch, sequence: SequenceAllocator) -> None:
    """Recompute the access of clients whose consent or referrals changed, and of their children.

    Partners who gain sight get the records (their seq moves on); partners who lose it get a
    revocation so their devices purge the records.
    """
    for client_id in sorted(batch.recheck_access):
        client = batch.rows.get(client_id)
        if client is None or client.type != RecordType.CLIENT:
            continue
        targets = [
            fields.get("to_partner")
            for fields, deleted in session.execute(
                select(_RECORDS.c.fields, _RECORDS.c.deleted).where(
                    _RECORDS.c.client_id == client_id, _RECORDS.c.type == RecordType.REFERRAL
                )
            )
            if not deleted and fields
        ]
        new = visibility.for_client(client.owner, client.state.fields, [t for t in targets if t])
        if new == client.access:
            continue
        old = client.access or Access(False, frozenset())
        client.access = new
        family = list(
            session.execute(
                select(_RECORDS.c.id).where(_RECORDS.c.client_id == client_id)
            ).scalars()
        )
        session.execute(delete(_ACCESS).where(_ACCESS.c.record_id.in_(family)))
        if not new.public:
            session.execute(
                insert(_ACCESS),
                [{"record_id": rid, "partner_code": p} for rid in family for p in new.partners],
            )
        session.execute(
            update(_RECORDS).where(_RECORDS.c.id == bindparam("b_id")),
            [{"b_id": rid, "public": new.public, "seq": sequence.take()} for rid in family],
            execution_options={"synchronize_session": False},
        )
        gained = batch.known_partners if new.public else new.partners
        lost = (
            set()
            if new.public
            else ((batch.known_partners if old.public else old.partners) - new.partners)
        )
        session.execute(
            delete(_REVOCATIONS).where(
                _REVOCATIONS.c.record_id.in_(family), _REVOCATIONS.c.partner_code.in_(gained)
            )
        )
        if lost:
            session.execute(
                delete(_REVOCATIONS).where(
                    _REVOCATIONS.c.record_id.in_(family), _REVOCATIONS.c.partner_code.in_(lost)
                )
            )
            session.execute(
                insert(_REVOCATIONS),
                [
                    {"record_id": rid, "partner_code": p, "seq": sequence.take()}
                    for rid in family
                    for p in sorted(lost)
                ],
            )
        log.info(
            "access changed",
            extra={"record_id": client_id, "gained": len(gained), "lost": len(lost)},
        )
