"""Team leads' offline view of conflicts: a cache of the partner's open conflicts, refreshed at
each sync, and resolutions chosen offline that the next sync sends.

The cache holds personal values (both sides of a field), so it lives only in the encrypted
store, like the records themselves. A queued resolution is one row per conflict: choosing
again replaces the earlier choice until it is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import text

from desktop_app.storage.codec import dumps, loads, utc_now
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import each, first
from desktop_app.storage.views import (
    Changes,
    ConflictSideView,
    ConflictView,
    RecordNotFoundError,
    RecordValidationError,
)
from pace_shared.hlc import InvalidHLCError, wall_ms_of
from pace_shared.records import FieldError, validate_fields
from pace_shared.wire import ConflictOut, ConflictSide

#: The ``settings`` name in :class:`Changes` for "the conflicts list changed".
CONFLICTS_CHANGED = "conflicts"

Keep = Literal["winner", "loser", "value"]
KEEP_CHOICES: tuple[str, ...] = ("winner", "loser", "value")


@dataclass(frozen=True, slots=True)
class QueuedResolution:
    conflict_id: str
    keep: Keep
    value: Any


class ConflictCache:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    # --- the cache ----------------------------------------------------------------------

    def replace_open(self, conflicts: Sequence[ConflictOut]) -> None:
        """The server's open conflicts replace the cache in one transaction."""
        rows = [
            {
                "id": c.id,
                "rid": c.record_id,
                "rtype": c.record_type,
                "owner": c.owner_partner,
                "field": c.field,
                "winner": dumps(c.winner.model_dump()),
                "loser": dumps(c.loser.model_dump()),
                "created": c.created_at,
            }
            for c in conflicts
            if c.status == "open"
        ]
        with self.repo.writing() as conn:
            conn.execute(text("DELETE FROM conflicts"))
            if rows:
                conn.execute(
                    text(
                        "INSERT INTO conflicts (id, record_id, record_type, owner_partner, field, "
                        "winner, loser, created_at) VALUES (:id, :rid, :rtype, :owner, :field, "
                        ":winner, :loser, :created)"
                    ),
                    rows,
                )

    def clear(self) -> None:
        with self.repo.writing() as conn:
            conn.execute(text("DELETE FROM conflicts"))
            conn.execute(text("DELETE FROM conflict_resolutions"))

    def open_conflicts(self) -> list[ConflictView]:
        """The cached open conflicts, oldest first, each with its queued resolution if any."""
        with self.repo.reading() as conn:
            rows = conn.execute(
                text(
                    "SELECT c.id, c.record_id, c.record_type, c.owner_partner, c.field, c.winner, "
                    "c.loser, c.created_at, r.keep, r.value FROM conflicts c "
                    "LEFT JOIN conflict_resolutions r ON r.conflict_id = c.id "
                    "ORDER BY c.created_at, c.id"
                )
            ).all()
        return [
            ConflictView(
                id=row[0],
                record_id=row[1],
                record_type=row[2],
                owner_partner=row[3],
                field=row[4],
                winner=_side(loads(row[5])),
                loser=_side(loads(row[6])),
                created_at=row[7],
                queued_keep=row[8],
                queued_value=loads(row[9]) if row[9] is not None else None,
            )
            for row in rows
        ]

    def open_count(self) -> int:
        with self.repo.reading() as conn:
            return int(conn.execute(text("SELECT count(*) FROM conflicts")).scalar_one())

    # --- queued resolutions -------------------------------------------------------------

    def queue_resolution(self, conflict_id: str, keep: str, value: Any = None) -> Changes:
        """Choose how to resolve a cached conflict; sent at the next sync.

        ``keep`` is ``winner``, ``loser`` or ``value`` (then ``value`` is checked against the
        field's rules here, so a typo is caught offline)."""
        if keep not in KEEP_CHOICES:
            raise RecordValidationError([FieldError("keep", "choose winner, loser or value")])
        with self.repo.writing() as conn:
            row = first(
                conn.execute(
                    text("SELECT record_id, record_type, field FROM conflicts WHERE id = :i"),
                    {"i": conflict_id},
                )
            )
            if row is None:
                raise RecordNotFoundError(conflict_id)
            record_id, record_type, field_name = row
            stored = None
            if keep == "value":
                result = validate_fields(
                    record_type,
                    {field_name: value},
                    creating=False,
                    known_partners=self.repo.known_partners,
                )
                if not result.ok:
                    raise RecordValidationError(result.errors)
                stored = dumps(result.values.get(field_name, value))
            conn.execute(
                text(
                    "INSERT INTO conflict_resolutions (conflict_id, keep, value, queued_at) "
                    "VALUES (:i, :k, :v, :t) ON CONFLICT(conflict_id) DO UPDATE SET "
                    "keep = excluded.keep, value = excluded.value, queued_at = excluded.queued_at"
                ),
                {"i": conflict_id, "k": keep, "v": stored, "t": utc_now()},
            )
        return Changes.record(record_id, record_type) | Changes.setting(CONFLICTS_CHANGED)

    def queued_resolutions(self) -> list[QueuedResolution]:
        with self.repo.reading() as conn:
            rows = each(
                conn.execute(
                    text(
                        "SELECT conflict_id, keep, value FROM conflict_resolutions "
                        "ORDER BY queued_at, conflict_id"
                    )
                )
            )
            return [
                QueuedResolution(cid, keep, loads(value) if value is not None else None)
                for cid, keep, value in rows
            ]

    def forget_resolution(self, conflict_id: str) -> None:
        """The server answered (resolved, or already resolved elsewhere): drop the choice."""
        with self.repo.writing() as conn:
            conn.execute(
                text("DELETE FROM conflict_resolutions WHERE conflict_id = :i"), {"i": conflict_id}
            )
            conn.execute(text("DELETE FROM conflicts WHERE id = :i"), {"i": conflict_id})


def _side(data: dict[str, Any]) -> ConflictSideView:
    side = ConflictSide.model_validate(data)
    return ConflictSideView(
        value=side.value,
        user=side.user,
        device_id=side.device_id,
        at=_hlc_time(side.hlc),
        hlc=side.hlc,
    )


def _hlc_time(hlc: str) -> str | None:
    """When the edit was made (the HLC's wall clock), as ISO 8601 UTC."""
    try:
        ms = wall_ms_of(hlc)
    except (InvalidHLCError, ValueError):
        return None
    when = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")
