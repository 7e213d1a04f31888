"""Merging two records of one person (issue 11), and undoing it: the moves of records.

The merges domain (:mod:`sync_server.merges`) owns the merge log and the API; this module moves
the records, inside the caller's write transaction and under the sequence lock as a push does,
so every move gets a new sequence number and pull delivers it.

- The merged person's engagements, referrals and outcomes get the survivor as ``client_id``,
  written with a server HLC newer than any version they hold, and the survivor's access
  (partners who lose sight get revocations, as with narrowed consent).
- Consent history (``consent_change``) stays with the merged record: it documents the consent
  under which *that* record was shared, which is not the survivor's consent, and only the
  survivor's owner may write the survivor's history.
- The merged person is taken out of use: ``deleted`` with ``merged_into`` = survivor, but its
  fields and versions are kept (pull sends it as a deleted item with ``merged_into``, no
  values), so undoing the merge restores it as it was.
- The survivor's own fields are never touched: copying values across partners could hand a
  partner fields the sharing agreement withholds from it.
- The merged person's open field conflicts are closed with the resolution ``merged``
  (:func:`close_conflicts_of`; its values are out of use, so there is nothing left to choose
  between); undoing the merge reopens them (:func:`reopen_conflicts_of`).

A merge never widens who sees data: it is refused unless every partner that sees the survivor
also sees the merged person (decisions.md #7).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from pace_shared.hlc import HybridClock
from pace_shared.records import RecordType
from sync_server.sync import stats_facts
from sync_server.sync.models import Conflict, Record, RecordAccess
from sync_server.sync.push import move_access, move_revocations
from sync_server.sync.sequence import SequenceAllocator
from sync_server.sync.service import SERVER_NODE, ConflictInfo, conflict_info, mark_resolved
from sync_server.sync.visibility import Access
from sync_server.timeutil import utcnow

#: What moves to the survivor. Consent history stays with its own record (see above).
#: Plain strings: they are keys of the JSON merge log.
MOVED_TYPES: tuple[str, ...] = tuple(
    str(kind) for kind in (RecordType.ENGAGEMENT, RecordType.REFERRAL, RecordType.OUTCOME)
)
#: How a conflict closed by merging its record away is marked resolved.
MERGED_RESOLUTION = "merged"
_CHUNK = 500
_RECORDS = cast(Table, Record.__table__)


class MergeRefusedError(Exception):
    """A merge (or undo) the server will not do; ``code`` and ``status`` are the API's."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


#: The one answer for a person the caller's partner cannot see, whether or not it exists.
NOT_VISIBLE_DETAIL = "no such person is shared with your organisation"


@dataclass(frozen=True, slots=True)
class _Person:
    id: str
    type: str
    owner: str
    deleted: bool
    merged_into: str | None
    access: Access


def _load(session: Session, record_id: str) -> _Person | None:
    row = session.execute(
        select(
            Record.id,
            Record.type,
            Record.owner_partner,
            Record.public,
            Record.deleted,
            Record.merged_into,
        ).where(Record.id == record_id)
    ).one_or_none()
    if row is None:
        return None
    partners = frozenset(
        session.execute(
            select(RecordAccess.partner_code).where(RecordAccess.record_id == record_id)
        ).scalars()
    )
    return _Person(
        row.id,
        row.type,
        row.owner_partner,
        bool(row.deleted),
        row.merged_into,
        Access(bool(row.public), partners),
    )


def _within(inner: Access, outer: Access) -> bool:
    """Whether every partner ``inner`` lets see a record is one ``outer`` lets see it too."""
    if outer.public:
        return True
    return not inner.public and inner.partners <= outer.partners


def _audience(access: Access, known_partners: frozenset[str]) -> frozenset[str]:
    return known_partners if access.public else access.partners


def merge_people(
    session: Session,
    partner: str,
    survivor_id: str,
    merged_id: str,
    known_partners: frozenset[str],
) -> dict[str, list[str]]:
    """Merge ``merged_id`` into ``survivor_id``; returns the ids moved, per record type."""
    if survivor_id == merged_id:
        raise MergeRefusedError(400, "invalid_request", "a person cannot be merged with itself")
    sequence = SequenceAllocator(session)
    sequence.lock()
    survivor, merged = _checked_pair(session, partner, survivor_id, merged_id)
    moved = _move_children(
        session,
        sequence,
        _children(session, merged.id, None),
        to=survivor,
        from_access=merged.access,
        known_partners=known_partners,
    )
    _set_person(session, sequence, merged.id, deleted=True, merged_into=survivor.id)
    sequence.save()
    return moved


def close_conflicts_of(session: Session, merged_id: str, merged_by: str) -> list[ConflictInfo]:
    """Close the merged-away person's open field conflicts (resolution ``merged``): its values
    are out of use, so there is nothing left to choose between. Returns those closed."""
    closed = list(
        session.execute(
            select(Conflict).where(Conflict.record_id == merged_id, Conflict.status == "open")
        ).scalars()
    )
    for conflict in closed:
        mark_resolved(conflict, MERGED_RESOLUTION, merged_by)
    session.flush()
    return [conflict_info(c) for c in closed]


def reopen_conflicts_of(session: Session, merged_id: str) -> list[ConflictInfo]:
    """Open again what :func:`close_conflicts_of` closed when the merge is undone. A record is
    merged away at most once at a time, and people resolve conflicts only by keeping a
    value, so the conflicts resolved ``merged`` on it are exactly those its merge closed."""
    reopened = list(
        session.execute(
            select(Conflict).where(
                Conflict.record_id == merged_id, Conflict.resolution == MERGED_RESOLUTION
            )
        ).scalars()
    )
    for conflict in reopened:
        conflict.status, conflict.resolution = "open", None
        conflict.resolved_at, conflict.resolved_by = None, None
    session.flush()
    return [conflict_info(c) for c in reopened]


def _checked_pair(
    session: Session, partner: str, survivor_id: str, merged_id: str
) -> tuple[_Person, _Person]:
    """Both people, once every check a merge has passed; sight first, so a hidden record and
    a missing one answer alike (decisions.md #8)."""
    survivor, merged = _load(session, survivor_id), _load(session, merged_id)
    if (
        survivor is None
        or merged is None
        or not survivor.access.allows(partner)
        or not merged.access.allows(partner)
    ):
        raise MergeRefusedError(404, "not_found", NOT_VISIBLE_DETAIL)
    for person in (survivor, merged):
        if person.type != RecordType.CLIENT:
            raise MergeRefusedError(400, "invalid_request", "only person records can be merged")
    for person in (survivor, merged):
        if person.merged_into is not None:
            raise MergeRefusedError(
                409,
                "already_merged",
                f"{person.id} has already been merged into another record; "
                "undo that merge first or merge with the record it went into",
            )
        if person.deleted:
            raise MergeRefusedError(404, "not_found", NOT_VISIBLE_DETAIL)
    if not _within(survivor.access, merged.access):
        raise MergeRefusedError(
            409,
            "consent_wider",
            "the record you chose to keep is shared more widely than the other one, so merging "
            "would show its engagements, referrals and outcomes to organisations the person has "
            "not agreed to; merge the other way round, or have the owner record matching "
            "consent first",
        )
    return survivor, merged


def undo_merge(
    session: Session,
    survivor_id: str,
    merged_id: str,
    moved: dict[str, list[str]],
    known_partners: frozenset[str],
) -> dict[str, list[str]]:
    """Restore the merged person and move back those of ``moved`` still on the survivor.

    Edits redirected to the survivor while the two were merged stay on the survivor: the
    server cannot tell which record such an edit was meant for."""
    sequence = SequenceAllocator(session)
    sequence.lock()
    survivor, merged = _load(session, survivor_id), _load(session, merged_id)
    if merged is None or merged.merged_into != survivor_id or survivor is None:
        raise MergeRefusedError(
            409,
            "cannot_undo",
            "one of the two records has since been erased, so the merge cannot be undone",
        )
    wanted = sorted({rid for ids in moved.values() for rid in ids})
    back = _move_children(
        session,
        sequence,
        _children(session, survivor.id, wanted),
        to=merged,
        from_access=survivor.access,
        known_partners=known_partners,
    )
    _set_person(session, sequence, merged.id, deleted=False, merged_into=None)
    sequence.save()
    return back


def _children(session: Session, client_id: str, only: list[str] | None) -> list[Any]:
    stmt = select(
        Record.id, Record.type, Record.owner_partner, Record.fields, Record.versions
    ).where(
        Record.client_id == client_id,
        Record.type.in_(MOVED_TYPES),
        Record.deleted.is_(False),
    )
    if only is None:
        return list(session.execute(stmt.order_by(Record.seq)).all())
    found: list[Any] = []
    for start in range(0, len(only), _CHUNK):
        part = only[start : start + _CHUNK]
        found.extend(session.execute(stmt.where(Record.id.in_(part))).all())
    return found


def _move_children(
    session: Session,
    sequence: SequenceAllocator,
    children: Iterable[Any],
    *,
    to: _Person,
    from_access: Access,
    known_partners: frozenset[str],
) -> dict[str, list[str]]:
    """Give ``children`` the person ``to`` (a new ``client_id`` value with a server HLC newer
    than any they hold) and ``to``'s access; partners who lose sight get revocations."""
    rows = list(children)
    moved: dict[str, list[str]] = {kind: [] for kind in MOVED_TYPES}
    if not rows:
        return moved
    clock = HybridClock(SERVER_NODE)
    for row in rows:
        for stamp in (row.versions or {}).values():
            clock.receive(stamp)
    now = utcnow()
    session.execute(
        update(_RECORDS).where(_RECORDS.c.id == bindparam("b_id")),
        [
            {
                "b_id": row.id,
                "client_id": to.id,
                "fields": {**(row.fields or {}), "client_id": to.id},
                "versions": {**(row.versions or {}), "client_id": clock.tick()},
                "updated_at": now,
            }
            for row in rows
        ],
        execution_options={"synchronize_session": False},
    )
    stats_facts.refresh(
        session,
        [
            stats_facts.Written(
                row.id,
                row.type,
                row.owner_partner,
                to.id,
                {**(row.fields or {}), "client_id": to.id},
                False,
                None,
            )
            for row in rows
        ],
    )
    ids = [row.id for row in rows]
    gained = _audience(to.access, known_partners)
    lost = set(_audience(from_access, known_partners) - gained)
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        move_access(session, part, to.access, sequence)  # new seq: pull delivers the move
        move_revocations(session, part, gained, lost, sequence)
    for row in rows:
        moved[row.type].append(row.id)
    return moved


def _set_person(
    session: Session,
    sequence: SequenceAllocator,
    person_id: str,
    *,
    deleted: bool,
    merged_into: str | None,
) -> None:
    session.execute(
        update(Record)
        .where(Record.id == person_id)
        .values(deleted=deleted, merged_into=merged_into, seq=sequence.take(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    # The statistics count a merged-away person no more, and again once the merge is undone.
    if deleted:
        stats_facts.forget(session, [person_id])
        return
    person = session.execute(
        select(Record.type, Record.owner_partner, Record.fields).where(Record.id == person_id)
    ).one()
    stats_facts.refresh(
        session,
        [
            stats_facts.Written(
                person_id, person.type, person.owner_partner, person_id, person.fields or {},
                False, None,
            )
        ],
    )  # fmt: skip


def people_visible_to(session: Session, partner: str, record_ids: Iterable[str]) -> set[str]:
    """Of ``record_ids``, the person records (live or merged away) ``partner`` may see."""
    ids = sorted(set(record_ids))
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        found.update(
            session.execute(
                select(Record.id).where(
                    Record.id.in_(part),
                    Record.type == RecordType.CLIENT,
                    Record.public
                    | Record.id.in_(
                        select(RecordAccess.record_id).where(
                            RecordAccess.record_id.in_(part), RecordAccess.partner_code == partner
                        )
                    ),
                )
            ).scalars()
        )
    return found
