"""Applying a push: per-change validation, idempotency, the per-field merge, conflicts, audit.

One bad change is rejected with a reason and never blocks the rest of its batch: everything that
can reject a change is checked before anything is written, and the batch is applied in one
transaction under the sequence lock (see sequence.py).

The order of the checks is a security property (decisions.md #7, #8). The envelope (ids, HLC
written by this device, clock skew) depends on nothing stored. Then comes sight: a record the
partner cannot see, and a child of a person it cannot see or who does not exist, are answered
with one generic ``forbidden`` *before* the record type and the fields are looked at, so the
answer is the same whether the record exists or not and never names a type. Only then the
record type, the fields, and the checks against the stored record (consent, owner-only fields).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from pace_shared import hlc as hlc_rules
from pace_shared.merge import RecordState, apply_delete, apply_upsert
from pace_shared.records import (
    CHILD_TYPES,
    CONSENT_CHANGE,
    RECORD_TYPES,
    RecordType,
    is_valid_uuid,
    missing_required,
    validate_fields,
)
from pace_shared.wire import Change
from sync_server.audit import service as audit
from sync_server.auth.principal import Principal
from sync_server.auth.service import known_partner_codes
from sync_server.db import Database, bulk_insert, in_chunks
from sync_server.sharing import service as sharing
from sync_server.sync import compaction, erasure, stats_facts, visibility
from sync_server.sync.models import AppliedChange, Conflict, Record, RecordAccess, Revocation
from sync_server.sync.sequence import SequenceAllocator
from sync_server.sync.visibility import Access
from sync_server.timeutil import utcnow

log = logging.getLogger(__name__)

_CHANGE = TypeAdapter(Change)
# The tables themselves (Core statements: the push path writes thousands of rows at once).
_RECORDS = cast(Table, Record.__table__)
_ACCESS = cast(Table, RecordAccess.__table__)
_REVOCATIONS = cast(Table, Revocation.__table__)
_APPLIED = cast(Table, AppliedChange.__table__)
_CONFLICTS = cast(Table, Conflict.__table__)


class ChangeRejectedError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


#: The one answer for a record this partner cannot see, whether or not it exists; it names
#: neither the record's type nor anything else about it.
NOT_SHARED_DETAIL = "no such record is shared with your organisation"
#: For a person the partner saw, merged into a record it may not see: pull has already told
#: it of the merge (without the survivor), so saying so reveals nothing new.
MERGED_OUT_OF_SIGHT_DETAIL = (
    "this person's record was merged into one not shared with your organisation; the change "
    "was not applied"
)
#: Fields only the owner partner changes: the person's consent (decisions.md #7, #8).
CONSENT_FIELDS = frozenset({"share_with", "consent_recorded_at"})


def _not_shared() -> ChangeRejectedError:
    return ChangeRejectedError("forbidden", NOT_SHARED_DETAIL)


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
    #: A person merged away as a duplicate: the survivor (changes to it are redirected).
    merged_into: str | None = None


@dataclass(slots=True)
class _Batch:
    principal: Principal
    known_partners: frozenset[str]
    #: The data-sharing agreement in force: fields other partners may not receive or write.
    terms: sharing.Terms = field(default_factory=sharing.Terms)
    rows: dict[str, _Row] = field(default_factory=dict)
    applied: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    audit_rows: list[dict[str, Any]] = field(default_factory=list)
    #: Clients whose access list may have changed (consent edited).
    recheck_access: set[str] = field(default_factory=set)
    clients_with_new_children: set[str] = field(default_factory=set)
    #: Records deleted by this batch: their conflicts are closed and their values dropped.
    deleted: set[str] = field(default_factory=set)
    #: Records deleted and pruned by tombstone compaction (see sync.compaction).
    pruned: set[str] = field(default_factory=set)
    #: Records erased on request or by the retention rule (see sync.erasure).
    erased: set[str] = field(default_factory=set)


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
    """A change whose envelope passed, with its normalised values.

    ``error`` is what the record type and fields have against it. It is raised only once the
    change is known to touch something the partner may see (or creates), so a hidden record
    and a missing one get the same answer.
    """

    index: int
    change: Change
    values: dict[str, Any]
    error: ChangeRejectedError | None = None


def _check_envelope(change: Change, max_wall_ms: int, device_id: str) -> None:
    """What needs no stored record: the HLC (strict, and this device's own), skew, op shape."""
    if not hlc_rules.is_valid(change.hlc):
        raise ChangeRejectedError("invalid_request", "hlc: not a hybrid logical clock value")
    if not hlc_rules.matches_node(change.hlc, device_id):
        raise ChangeRejectedError(
            "invalid_request", "hlc: its node must be the id of the device that pushes it"
        )
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
            _check_envelope(change, max_wall_ms, principal.device_id)
        except ValidationError as exc:
            results[index] = _rejection(change_id, "invalid_request", _describe(exc))
            continue
        except ChangeRejectedError as exc:
            results[index] = _rejection(change_id, exc.reason, exc.detail)
            continue
        valid.append(_parse(index, change, known_partners))
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
    parsed = [_parse(index, change, known_partners) for index, change in enumerate(changes)]
    for index, result in _apply_batch(session, principal, known_partners, parsed):
        results[index] = result
    return [r for r in results if r is not None]


def _parse(index: int, change: Change, known_partners: frozenset[str]) -> _Parsed:
    """Validate type and fields now (outside the lock), keeping any error for later."""
    if change.record_type not in RECORD_TYPES:
        detail = f"record_type: unknown record type {change.record_type!r}"
        return _Parsed(index, change, {}, ChangeRejectedError("invalid_request", detail))
    if change.op == "delete":
        return _Parsed(index, change, {})
    result = validate_fields(
        change.record_type, change.fields, creating=False, known_partners=known_partners
    )
    error = None if result.ok else ChangeRejectedError("invalid_request", result.summary())
    # The valid values are kept even with errors: a child's client_id decides its sight.
    return _Parsed(index, change, result.values, error)


def _apply_batch(
    session: Session,
    principal: Principal,
    known_partners: frozenset[str],
    changes: list[_Parsed],
) -> Iterable[tuple[int, dict[str, Any]]]:
    sequence = SequenceAllocator(session)
    sequence.lock()  # first, so that every writer commits in sequence order
    batch = _Batch(principal, known_partners, sharing.current(session).terms)
    already = _already_applied(session, [p.change.change_id for p in changes])
    _load_rows(session, batch, changes)
    out: list[tuple[int, dict[str, Any]]] = []
    for parsed in changes:
        change = parsed.change
        if change.change_id in already:
            out.append((parsed.index, {"change_id": change.change_id, "status": "duplicate"}))
            continue
        try:
            result = _apply_change(batch, parsed)
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


def _load_rows(session: Session, batch: _Batch, changes: list[_Parsed]) -> None:
    wanted = {p.change.record_id for p in changes}
    # Children being created name their client in their fields; load those clients too.
    wanted |= {
        p.values["client_id"]
        for p in changes
        if p.change.record_type in CHILD_TYPES and is_valid_uuid(p.values.get("client_id"))
    }
    _load(session, batch, wanted)
    parents = {r.client_id for r in batch.rows.values() if r.client_id} - batch.rows.keys()
    _load(session, batch, parents)
    # Survivors of merged-away people, however many merges deep (see _redirect).
    for _ in range(_MAX_MERGE_DEPTH):
        survivors = {r.merged_into for r in batch.rows.values() if r.merged_into}
        survivors -= batch.rows.keys()
        if not survivors:
            break
        wanted |= survivors
        _load(session, batch, survivors)
    missing = wanted - batch.rows.keys()
    batch.erased = erasure.erased_ids(session, missing)
    batch.pruned = compaction.pruned_ids(session, missing - batch.erased)


def _load(session: Session, batch: _Batch, ids: set[str]) -> None:
    if not ids:
        return
    id_list = sorted(ids)
    access: dict[str, set[str]] = {}
    for chunk in in_chunks(id_list):
        for record_id, partner in session.execute(
            select(_ACCESS.c.record_id, _ACCESS.c.partner_code).where(
                _ACCESS.c.record_id.in_(chunk)
            )
        ):
            access.setdefault(str(record_id), set()).add(str(partner))
        for row in session.execute(
            select(
                _RECORDS.c.id,
                _RECORDS.c.type,
                _RECORDS.c.owner_partner,
                _RECORDS.c.client_id,
                _RECORDS.c.public,
                _RECORDS.c.fields,
                _RECORDS.c.versions,
                _RECORDS.c.merged_into,
            ).where(_RECORDS.c.id.in_(chunk))
        ):
            batch.rows[row.id] = _Row(
                id=row.id,
                type=row.type,
                owner=row.owner_partner,
                client_id=row.client_id,
                access=Access(bool(row.public), frozenset(access.get(row.id, ()))),
                state=RecordState(dict(row.fields or {}), dict(row.versions or {})),
                merged_into=row.merged_into,
            )


#: How many merges deep a redirect is followed (a survivor may itself be merged away later).
_MAX_MERGE_DEPTH = 8


def _survivor_of(batch: _Batch, row: _Row) -> _Row:
    """The live record a merged-away person now is (decisions.md #3: ids are never rewritten;
    a merged-away id redirects to its survivor). Every step must be visible to the caller, so
    a redirect reveals nothing a partner could not already see; otherwise one generic answer."""
    current = row
    for _ in range(_MAX_MERGE_DEPTH):
        if current.merged_into is None:
            return current
        if current.merged_into in batch.erased:
            raise ChangeRejectedError(erasure.ERASED_REASON, erasure.ERASED_DETAIL)
        target = batch.rows.get(current.merged_into)
        if target is None or not _visible(batch, target):
            raise ChangeRejectedError("forbidden", MERGED_OUT_OF_SIGHT_DETAIL)
        current = target
    raise _not_shared()


def _redirect(batch: _Batch, parsed: _Parsed) -> tuple[_Parsed, str | None]:
    """A change to a merged-away person applies to its survivor (field-level merge as usual,
    conflicts recorded on the survivor); a child that names a merged-away person as its
    ``client_id`` gets the survivor instead. Returns the change to apply and the survivor's id
    when the change's own record was redirected."""
    change = parsed.change
    row = batch.rows.get(change.record_id)
    if row is not None and row.merged_into is not None:
        if not _visible(batch, row):
            raise _not_shared()
        survivor = _survivor_of(batch, row)
        moved = change.model_copy(update={"record_id": survivor.id})
        return _Parsed(parsed.index, moved, parsed.values, parsed.error), survivor.id
    client_id = parsed.values.get("client_id")
    if change.record_type in CHILD_TYPES and isinstance(client_id, str):
        client = batch.rows.get(client_id)
        if client is not None and client.merged_into is not None and _visible(batch, client):
            parsed.values["client_id"] = _survivor_of(batch, client).id
    return parsed, None


def _visible(batch: _Batch, row: _Row) -> bool:
    return row.access is not None and row.access.allows(batch.principal.partner)


def _row_for(batch: _Batch, parsed: _Parsed) -> _Row:
    """The stored row this change may touch, or the one it creates; sight first (see top)."""
    change = parsed.change
    row = batch.rows.get(change.record_id)
    if row is None:
        return _new_row(batch, parsed)
    if not _visible(batch, row):
        raise _not_shared()
    if parsed.error is not None:
        raise parsed.error
    if row.type != change.record_type:
        raise ChangeRejectedError(
            "invalid_request", f"record_type: record {change.record_id} is a {row.type}"
        )
    if change.op == "delete" and row.owner != batch.principal.partner:
        raise ChangeRejectedError(
            "forbidden", "only the organisation that created a record can delete it"
        )
    return row


def _apply_change(batch: _Batch, parsed: _Parsed) -> dict[str, Any]:
    change = parsed.change
    if change.record_id in batch.erased:
        raise ChangeRejectedError(erasure.ERASED_REASON, erasure.ERASED_DETAIL)
    if change.record_id in batch.pruned:
        return _change_to_pruned(batch, change)
    merged_away = batch.rows.get(change.record_id)
    if change.op == "delete" and merged_away is not None and merged_away.merged_into:
        return _delete_of_merged(batch, parsed, merged_away)
    parsed, redirected_to = _redirect(batch, parsed)
    result = _apply_to_row(batch, parsed)
    if redirected_to:  # optional key: older apps ignore it; pull brings the redirect too
        result["redirected_to"] = redirected_to
    return result


def _apply_to_row(batch: _Batch, parsed: _Parsed) -> dict[str, Any]:
    principal, change, values = batch.principal, parsed.change, parsed.values
    row = _row_for(batch, parsed)
    # Everything that can reject the change is checked before the row is touched.
    if change.op == "upsert":
        _check_against_record(batch, row, values)
    batch.rows.setdefault(row.id, row)

    if change.op == "delete":
        changed = apply_delete(row.state, change.hlc)
        row.dirty |= changed
        touched: list[str] = []
        conflict_id = None
        if changed:
            batch.deleted.add(row.id)
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


def _delete_of_merged(batch: _Batch, parsed: _Parsed, row: _Row) -> dict[str, Any]:
    """A delete of a merged-away person (queued before the device heard of the merge) is
    acknowledged and changes nothing: that record is already out of use, and deleting the
    survivor would destroy the other record's history. Sight and type are checked first."""
    change = parsed.change
    if not _visible(batch, row):
        raise _not_shared()
    if row.type != change.record_type:
        raise ChangeRejectedError(
            "invalid_request", f"record_type: record {change.record_id} is a {row.type}"
        )
    if row.owner != batch.principal.partner:
        raise ChangeRejectedError(
            "forbidden", "only the organisation that created a record can delete it"
        )
    batch.applied.append(
        {
            "change_id": change.change_id,
            "record_id": row.id,
            "device_id": batch.principal.device_id,
            "status": "applied",
            "conflict_id": None,
            "applied_at": utcnow(),
        }
    )
    batch.audit_rows.append(
        audit.row(
            "change.applied",
            batch.principal.actor,
            record_id=row.id,
            record_type=row.type,
            fields=[],
            detail={
                "op": "delete",
                "status": "applied",
                "change_id": change.change_id,
                "merged_into": row.merged_into,
            },
        )
    )
    return {"change_id": change.change_id, "status": "applied"}


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
    client.access = visibility.for_client(client.owner, client.state.fields)
    if client.id in batch.clients_with_new_children:
        batch.recheck_access.add(client.id)


def _new_row(batch: _Batch, parsed: _Parsed) -> _Row:
    """A record this change creates; children inherit their client's access.

    A new child's person is checked for sight before its fields, so a person who is hidden
    and one who does not exist get the same answer.
    """
    change, partner = parsed.change, batch.principal.partner
    client_id: str | None = None
    access: Access | None
    if change.record_type in CHILD_TYPES and change.op == "upsert":
        client = _person_of_new_child(batch, parsed)
        if parsed.error is not None:
            raise parsed.error
        client_id, access = client.id, client.access
        batch.clients_with_new_children.add(client.id)
    elif parsed.error is not None:
        raise parsed.error
    elif change.record_type in CHILD_TYPES:  # a delete of a child never seen here
        access = Access(False, frozenset({partner}))
    else:
        access = visibility.for_new_record(change.record_type, partner, parsed.values)
        if change.record_type == RecordType.CLIENT:
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


def _person_of_new_child(batch: _Batch, parsed: _Parsed) -> _Row:
    client_id = parsed.values.get("client_id")
    if not isinstance(client_id, str) or not is_valid_uuid(client_id):
        # Missing or malformed: no record could match it, so saying so reveals nothing.
        raise parsed.error or ChangeRejectedError("invalid_request", "client_id: is required")
    client = batch.rows.get(client_id)
    if client is None or client.type != RecordType.CLIENT or not _visible(batch, client):
        raise _not_shared()
    return client


def _check_against_record(batch: _Batch, row: _Row, values: dict[str, Any]) -> None:
    """The checks that need the stored record: required fields, immutable links, consent.

    The batch's rows hold every change applied before this one, so an owner who widens
    consent and then refers in one push has the referral checked against the wider consent.
    """
    if row.is_new and not row.state.versions:
        missing = missing_required(row.type, values)
        if missing:
            raise ChangeRejectedError("invalid_request", "; ".join(str(e) for e in missing))
    if not row.is_new and "client_id" in values and values["client_id"] != row.client_id:
        raise ChangeRejectedError(
            "invalid_request", "client_id: a record cannot move to another person"
        )
    changed_consent = sorted(CONSENT_FIELDS & values.keys())
    if changed_consent and row.owner != batch.principal.partner:
        raise ChangeRejectedError(
            "forbidden",
            f"{changed_consent[0]}: only the organisation that recorded the person's consent "
            "can change it; ask them",
        )
    _check_agreement(batch, row, values)
    if row.type == RecordType.REFERRAL and "to_partner" in values:
        _check_referral_consent(batch, row, values["to_partner"])
    if row.type == CONSENT_CHANGE:
        _check_consent_change(batch, row)


def _check_agreement(batch: _Batch, row: _Row, values: dict[str, Any]) -> None:
    """A partner cannot write a field the sharing agreement withholds from it."""
    partner = batch.principal.partner
    if row.owner == partner:
        return
    hidden = sorted(batch.terms.withheld_for(partner, row.type) & values.keys())
    if hidden:
        raise ChangeRejectedError(
            "forbidden",
            f"{hidden[0]}: the data-sharing agreement withholds this field from your "
            "organisation, so it cannot be changed from here",
        )


def _check_consent_change(batch: _Batch, entry: _Row) -> None:
    """Consent history is written by the owner (who alone changes consent) and never edited:
    a later change of consent is a new entry."""
    client = batch.rows.get(entry.client_id or "")
    if client is None or client.owner != batch.principal.partner:
        raise ChangeRejectedError(
            "forbidden",
            "only the organisation that recorded the person's consent can record its history",
        )
    if not entry.is_new or entry.state.versions:
        raise ChangeRejectedError(
            "invalid_request", "consent history is kept as written; record a new change instead"
        )


def _check_referral_consent(batch: _Batch, referral: _Row, to_partner: str) -> None:
    """A referral goes only where the person's consent already reaches (decisions.md #7)."""
    client = batch.rows.get(referral.client_id or "")
    if client is None or not visibility.consent_covers(
        client.owner, client.state.fields, to_partner
    ):
        raise ChangeRejectedError(
            "forbidden",
            f"to_partner: the person has not agreed to share their record with {to_partner}; "
            "consent for that partner must be recorded first",
        )


def _record_conflict(batch: _Batch, row: _Row, outcome: Any) -> str:
    conflict_id = str(uuid.uuid4())
    conflict = {
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
    if row.state.deleted:
        # An edit that arrives after the delete: recorded (nothing is silently dropped) but
        # closed at once and without the value, as deleting closes every conflict.
        conflict.update(_closed_by_delete(batch.principal), winner_value=None, loser_value=None)
    batch.conflicts.append(conflict)
    return conflict_id


def _closed_by_delete(principal: Principal) -> dict[str, Any]:
    return {
        "status": "resolved",
        "resolution": "deleted",
        "resolved_at": utcnow(),
        "resolved_by": principal.username,
    }


def _close_conflicts_of_deleted(session: Session, batch: _Batch) -> None:
    """Deleting a record closes its open conflicts and drops the values every one holds."""
    conflicts = _CONFLICTS
    for chunk in in_chunks(sorted(batch.deleted)):
        session.execute(
            update(conflicts)
            .where(conflicts.c.record_id.in_(chunk), conflicts.c.status == "open")
            .values(**_closed_by_delete(batch.principal))
        )
        session.execute(
            update(conflicts)
            .where(conflicts.c.record_id.in_(chunk))
            .values(winner_value=None, loser_value=None)
        )


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
    stats_facts.refresh(session, [_written(r, now) for r in dirty])
    if batch.recheck_access:
        _recheck_access(session, batch, sequence)
    if batch.applied:
        bulk_insert(session, _APPLIED, batch.applied)
    if batch.conflicts:
        bulk_insert(session, _CONFLICTS, batch.conflicts)
    if batch.deleted:
        _close_conflicts_of_deleted(session, batch)
    audit.write(session, *batch.audit_rows)


def _written(row: _Row, now: dt.datetime) -> stats_facts.Written:
    """What the statistics facts table needs of a row written (see sync.stats_facts)."""
    state = row.state
    created = now if row.is_new else None
    return stats_facts.Written(
        row.id, row.type, row.owner, row.client_id, state.fields, state.deleted, created
    )


def _recheck_access(session: Session, batch: _Batch, sequence: SequenceAllocator) -> None:
    """Recompute the access of clients whose consent changed, and of their children.

    Partners who gain sight get the records (their seq moves on); partners who lose it get a
    revocation so their devices purge the records.
    """
    for client_id in sorted(batch.recheck_access):
        client = batch.rows.get(client_id)
        if client is None or client.type != RecordType.CLIENT:
            continue
        new = visibility.for_client(client.owner, client.state.fields)
        if new == client.access:
            continue
        old = client.access or Access(False, frozenset())
        client.access = new
        family: list[str] = list(
            session.execute(
                select(_RECORDS.c.id).where(_RECORDS.c.client_id == client_id)
            ).scalars()
        )
        gained = batch.known_partners if new.public else new.partners
        lost: set[str] = (
            set()
            if new.public
            else set((batch.known_partners if old.public else old.partners) - new.partners)
        )
        # A person may have many records: IN-lists in chunks, as _load does.
        for part in in_chunks(family):
            move_access(session, part, new, sequence)
            move_revocations(session, part, gained, lost, sequence)
        log.info(
            "access changed",
            extra={"record_id": client_id, "gained": len(gained), "lost": len(lost)},
        )


def move_access(
    session: Session, record_ids: Sequence[str], new: Access, sequence: SequenceAllocator
) -> None:
    """The records' access rows become ``new``; each record gets a new sequence number, so
    partners who gain sight pull it."""
    session.execute(delete(_ACCESS).where(_ACCESS.c.record_id.in_(record_ids)))
    if not new.public:
        session.execute(
            insert(_ACCESS),
            [{"record_id": rid, "partner_code": p} for rid in record_ids for p in new.partners],
        )
    session.execute(
        update(_RECORDS).where(_RECORDS.c.id == bindparam("b_id")),
        [{"b_id": rid, "public": new.public, "seq": sequence.take()} for rid in record_ids],
        execution_options={"synchronize_session": False},
    )


def move_revocations(
    session: Session,
    record_ids: Sequence[str],
    gained: Iterable[str],
    lost: set[str],
    sequence: SequenceAllocator,
) -> None:
    """Partners who see the records again lose their revocations; those who no longer see
    them get new ones (with fresh sequence numbers, so their next pull purges)."""
    session.execute(
        delete(_REVOCATIONS).where(
            _REVOCATIONS.c.record_id.in_(record_ids), _REVOCATIONS.c.partner_code.in_(gained)
        )
    )
    if not lost:
        return
    session.execute(
        delete(_REVOCATIONS).where(
            _REVOCATIONS.c.record_id.in_(record_ids), _REVOCATIONS.c.partner_code.in_(lost)
        )
    )
    session.execute(
        insert(_REVOCATIONS),
        [
            {"record_id": rid, "partner_code": p, "seq": sequence.take()}
            for rid in record_ids
            for p in sorted(lost)
        ],
    )


#: Who the server acts as when it re-applies consent itself (no user, no device).
_SYSTEM = Principal("system", "system", "PACE sync server", "system_admin", "", "server")


def reapply_consent(db: Database) -> int:
    """Recompute every person's access from consent alone; returns how many changed.

    For databases written before decisions.md #7, when a referral also gave its partner sight:
    partners who had sight only through a referral get revocations now. Idempotent, so an
    upgrade step (or an operator) may run it any number of times.
    """
    with db.write_session() as session:
        sequence = SequenceAllocator(session)
        sequence.lock()
        batch = _Batch(_SYSTEM, known_partner_codes(session))
        private_clients: Iterable[str] = session.execute(
            select(_RECORDS.c.id).where(
                _RECORDS.c.type == RecordType.CLIENT, _RECORDS.c.public.is_(False)
            )
        ).scalars()
        _load(session, batch, set(private_clients))
        stale = {
            row.id
            for row in batch.rows.values()
            if visibility.for_client(row.owner, row.state.fields) != row.access
        }
        batch.recheck_access = stale
        _recheck_access(session, batch, sequence)
        sequence.save()
    return len(stale)
