"""The merge rule, per field, that the server applies and every replica converges on.

A record's state is a map of field values and a map of the HLC that wrote each one. Each field is
a last-writer-wins register ordered by HLC, so applying edits commutes and is idempotent:
every replica that has applied the same edits, in any order, holds the same state. Deletion is
the pseudo-field ``_deleted``: once a record has it, it stays deleted and holds no values
(tombstones never come back).

Whether an incoming edit *conflicts* is a separate question from which value wins: it conflicts
when the device had not seen the stored value (``base`` differs from the stored HLC). The winner
is still the greater HLC, so every replica agrees; the conflict is recorded with both values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pace_shared.hlc import node_of

DELETED = "_deleted"


@dataclass(slots=True)
class RecordState:
    fields: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def deleted(self) -> bool:
        return DELETED in self.versions

    def copy(self) -> RecordState:
        return RecordState(dict(self.fields), dict(self.versions))


class FieldOutcome(NamedTuple):  # a tuple: one is made per field of every change
    field: str
    #: The incoming value is now the stored value.
    applied: bool
    #: The device had not seen the stored value; both are kept in a conflict record.
    conflict: bool
    winner_value: Any = None
    winner_hlc: str | None = None
    loser_value: Any = None
    loser_hlc: str | None = None


def _same_node(a: str, b: str) -> bool:
    # A device's own edits are causally ordered even when they arrive out of order.
    return node_of(a) == node_of(b)


def apply_upsert(
    state: RecordState,
    values: Mapping[str, Any],
    hlc: str,
    base: Mapping[str, str | None],
) -> list[FieldOutcome]:
    """Apply one upsert to ``state`` in place and say what happened to each field."""
    outcomes: list[FieldOutcome] = []
    if state.deleted:
        tomb = state.versions[DELETED]
        for name, value in values.items():
            # An edit to a deleted record never revives it; keep it visible as a conflict.
            outcomes.append(FieldOutcome(name, False, True, None, tomb, value, hlc))
        return outcomes
    for name, value in values.items():
        stored_hlc = state.versions.get(name)
        if stored_hlc is None:
            state.fields[name], state.versions[name] = value, hlc
            outcomes.append(FieldOutcome(name, True, False, value, hlc))
            continue
        if stored_hlc == hlc:  # the same edit again
            outcomes.append(FieldOutcome(name, False, False, state.fields.get(name), hlc))
            continue
        seen = base.get(name) == stored_hlc
        incoming_wins = hlc > stored_hlc
        conflict = not (seen and incoming_wins) and not _same_node(hlc, stored_hlc)
        stored_value = state.fields.get(name)
        if incoming_wins:
            state.fields[name], state.versions[name] = value, hlc
            outcomes.append(
                FieldOutcome(name, True, conflict, value, hlc, stored_value, stored_hlc)
            )
        else:
            outcomes.append(
                FieldOutcome(name, False, conflict, stored_value, stored_hlc, value, hlc)
            )
    return outcomes


def apply_delete(state: RecordState, hlc: str) -> bool:
    """Tombstone the record. Returns whether anything changed."""
    current = state.versions.get(DELETED)
    if current is not None and current >= hlc:
        return False
    state.fields = {}
    state.versions = {DELETED: hlc}
    return True
