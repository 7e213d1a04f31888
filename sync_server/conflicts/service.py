"""Listing and resolving conflicts. Resolving with another value is one new edit, made once.

A reviewer sees a conflict only while its partner can see the record (consent may have been
narrowed since): a conflict holds values, so it follows the record's sight exactly as a pull
does. Conflicts of records it can no longer see are neither listed nor resolvable (404).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from pace_shared.hlc import HybridClock, node_of
from pace_shared.wire import Change, ConflictOut, ConflictSide, ResolveRequest
from sync_server.audit import service as audit
from sync_server.auth.models import User
from sync_server.auth.principal import Principal
from sync_server.conflicts.models import Conflict
from sync_server.db import Database
from sync_server.devices.models import Device
from sync_server.errors import ApiError, not_found
from sync_server.sync import push
from sync_server.sync.models import Record, RecordAccess
from sync_server.sync.sequence import SequenceAllocator
from sync_server.timeutil import iso, utcnow

SERVER_NODE = "server"


def _authors(session: Session, hlcs: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Device and username behind each HLC (its node is the device id)."""
    nodes = {node_of(h) for h in hlcs}
    rows = session.execute(
        select(Device.id, User.username)
        .join(User, User.id == Device.user_id)
        .where(Device.id.in_(nodes))
    ).all()
    known: dict[str, str] = {str(d): str(u) for d, u in rows}
    return {h: (node_of(h), known.get(node_of(h))) for h in hlcs}


def _to_out(conflict: Conflict, authors: dict[str, tuple[str | None, str | None]]) -> ConflictOut:
    def side(value: Any, hlc: str) -> ConflictSide:
        device, user = authors.get(hlc, (None, None))
        return ConflictSide(value=value, hlc=hlc, device_id=device, user=user)

    return ConflictOut(
        id=conflict.id,
        record_id=conflict.record_id,
        record_type=conflict.record_type,
        owner_partner=conflict.owner_partner,
        field=conflict.field,
        status=conflict.status,  # type: ignore[arg-type]
        winner=side(conflict.winner_value, conflict.winner_hlc),
        loser=side(conflict.loser_value, conflict.loser_hlc),
        created_at=iso(conflict.created_at) or "",
        resolved_at=iso(conflict.resolved_at),
        resolved_by=conflict.resolved_by,
        resolution=conflict.resolution,
    )


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


def list_conflicts(
    db: Database, principal: Principal, status: str, limit: int
) -> list[ConflictOut]:
    with db.session() as session:
        stmt = (
            select(Conflict)
            .where(
                Conflict.owner_partner == principal.partner,
                _record_visible_to(principal.partner),
            )
            .order_by(Conflict.created_at, Conflict.id)
            .limit(limit)
        )
        if status != "all":
            stmt = stmt.where(Conflict.status == status)
        conflicts = list(session.execute(stmt).scalars())
        authors = _authors(session, [h for c in conflicts for h in (c.winner_hlc, c.loser_hlc)])
        return [_to_out(c, authors) for c in conflicts]


def resolve(
    db: Database, principal: Principal, conflict_id: str, request: ResolveRequest
) -> ConflictOut:
    with db.write_session() as session:
        # Lock first (as every writer does) so the conflict and record are read stably.
        SequenceAllocator(session).lock()
        conflict = session.execute(
            select(Conflict).where(
                Conflict.id == conflict_id,
                Conflict.owner_partner == principal.partner,
                _record_visible_to(principal.partner),
            )
        ).scalar_one_or_none()
        if conflict is None:
            raise not_found(f"No conflict {conflict_id}.")
        if conflict.status != "open":
            raise ApiError(409, "already_resolved", "This conflict has already been resolved.")
        if request.keep != "winner":
            value = conflict.loser_value if request.keep == "loser" else request.value
            _write_value(session, principal, conflict, value)
        conflict.status = "resolved"
        conflict.resolution = request.keep
        conflict.resolved_at = utcnow()
        conflict.resolved_by = principal.username
        audit.write(
            session,
            audit.row(
                "conflict.resolved",
                principal.actor,
                record_id=conflict.record_id,
                record_type=conflict.record_type,
                fields=[conflict.field],
                detail={"conflict_id": conflict.id, "keep": request.keep},
            ),
        )
        session.flush()
        return _to_out(conflict, _authors(session, [conflict.winner_hlc, conflict.loser_hlc]))


def _write_value(session: Session, principal: Principal, conflict: Conflict, value: Any) -> None:
    """The resolution as one new edit of the field, applied exactly as a pushed change is.

    Going through the push path keeps everything a change implies: the sequence, the audit
    row, and the access recheck when consent or a referral's partner changes.
    """
    record = session.get(Record, conflict.record_id)
    if record is None or record.deleted:
        raise ApiError(409, "record_deleted", "The record was deleted; there is nothing to change.")
    clock = HybridClock(SERVER_NODE)
    for stamp in record.versions.values():
        clock.receive(stamp)
    change = Change(
        change_id=str(uuid.uuid4()),
        record_id=record.id,
        record_type=record.type,
        op="upsert",
        hlc=clock.tick(),
        fields={conflict.field: value},
        base={conflict.field: record.versions.get(conflict.field)},
    )
    session.expunge(record)  # the push path reads and writes records with Core statements
    (result,) = push.apply_in_transaction(session, principal, [change])
    if result["status"] == "rejected":
        raise ApiError(
            422 if result["reason"] == "invalid_request" else 403,
            result["reason"],
            result["detail"],
        )
