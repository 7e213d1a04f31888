"""Listing and resolving conflicts. Resolving with another value is one new edit, made once.

The conflicts themselves belong to the sync domain (the push transaction writes them); this
service reads and closes them through :mod:`sync_server.sync.service`, which returns only the
conflicts whose record the reviewer's partner can still see (consent may have been narrowed
since): the others are neither listed nor resolvable (404).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pace_shared.hlc import node_of
from pace_shared.wire import ConflictOut, ConflictSide, ResolveRequest
from sync_server.audit import service as audit
from sync_server.auth import service as accounts
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.errors import ApiError, not_found
from sync_server.sync import service as sync
from sync_server.sync.service import ConflictInfo
from sync_server.timeutil import iso

Authors = dict[str, tuple[str | None, str | None]]


def _authors(session: Session, hlcs: list[str]) -> Authors:
    """Device and username behind each HLC (its node is the device id)."""
    known = accounts.usernames_of_devices(session, {node_of(h) for h in hlcs})
    return {h: (node_of(h), known.get(node_of(h))) for h in hlcs}


def _to_out(conflict: ConflictInfo, authors: Authors) -> ConflictOut:
    def side(value: Any, hlc: str) -> ConflictSide:
        device, user = authors.get(hlc, (None, None))
        return ConflictSide(value=value, hlc=hlc, device_id=device, user=user)

    return ConflictOut(
        id=conflict.id,
        record_id=conflict.record_id,
        record_type=conflict.record_type,
        owner_partner=conflict.owner_partner,
        field=conflict.field,
        status=conflict.status,
        winner=side(conflict.winner_value, conflict.winner_hlc),
        loser=side(conflict.loser_value, conflict.loser_hlc),
        created_at=iso(conflict.created_at) or "",
        resolved_at=iso(conflict.resolved_at),
        resolved_by=conflict.resolved_by,
        resolution=conflict.resolution,
    )


def list_conflicts(
    db: Database, principal: Principal, status: str, limit: int
) -> list[ConflictOut]:
    with db.session() as session:
        conflicts = sync.visible_conflicts(session, principal.partner, status, limit)
        authors = _authors(session, [h for c in conflicts for h in (c.winner_hlc, c.loser_hlc)])
        return [_to_out(c, authors) for c in conflicts]


def resolve(
    db: Database, principal: Principal, conflict_id: str, request: ResolveRequest
) -> ConflictOut:
    with db.write_session() as session:
        # Lock first (as every writer does) so the conflict and record are read stably.
        sync.lock_for_write(session)
        conflict = sync.visible_conflict(session, principal.partner, conflict_id)
        if conflict is None:
            raise not_found(f"No conflict {conflict_id}.")
        if conflict.status != "open":
            raise ApiError(409, "already_resolved", "This conflict has already been resolved.")
        if request.keep != "winner":
            value = conflict.loser_value if request.keep == "loser" else request.value
            # The resolution goes through the push path like any edit.
            sync.write_field(session, principal, conflict.record_id, conflict.field, value)
        resolved = sync.close_conflict(session, conflict.id, request.keep, principal.username)
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
        return _to_out(resolved, _authors(session, [conflict.winner_hlc, conflict.loser_hlc]))
