"""Plain data objects the repository hands to the UI (no SQLAlchemy rows leak upwards)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.errors import RecordNotFoundError, RecordValidationError

__all__ = [
    "Changes",
    "ConflictSideView",
    "ConflictView",
    "DuplicateCandidate",
    "PersonRow",
    "RecordNotFoundError",
    "RecordValidationError",
    "RecordView",
    "RejectedChange",
]


@dataclass(frozen=True, slots=True)
class RecordView:
    id: str
    type: str
    owner_partner: str | None
    fields: dict[str, Any]
    versions: dict[str, str]
    deleted: bool
    pending_fields: frozenset[str] = frozenset()
    has_conflict: bool = False
    updated_at: str = ""
    #: Fields the data-sharing agreement keeps from this partner (another partner wrote the
    #: record): the app shows them as "Withheld", never as blank. Filled by the timeline.
    withheld: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: str
    first_name: str
    last_name: str
    date_of_birth: str | None
    ni_number: str | None
    postcode: str | None
    event_label: str
    owner_partner: str | None
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    person: PersonRow
    #: 0..1, higher is more likely the same person.
    score: float
    #: Why it matched, e.g. ["same NI number", "similar name (92%)"].
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RejectedChange:
    change_id: str
    record_id: str
    record_type: str
    op: str
    fields: dict[str, Any]
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class ConflictSideView:
    """One side of a conflict: the value, who wrote it, from which device, and when."""

    value: Any
    user: str | None
    device_id: str | None
    #: When the edit was made (from its HLC), ISO 8601 UTC; None if unreadable.
    at: str | None
    hlc: str


@dataclass(frozen=True, slots=True)
class ConflictView:
    """An open conflict from the local cache (refreshed at each sync) for a team lead."""

    id: str
    record_id: str
    record_type: str
    owner_partner: str
    field: str
    #: The value the merge kept (shown everywhere now) and the one it set aside.
    winner: ConflictSideView
    loser: ConflictSideView
    created_at: str
    #: A resolution queued offline and not yet sent: "winner", "loser" or "value", else None.
    queued_keep: str | None = None
    queued_value: Any = None


@dataclass(frozen=True, slots=True)
class Changes:
    """What one write changed, so views refresh only that (Anki's ``OpChanges``).

    ``records`` holds (record id, record type) pairs in the order they were written;
    ``settings`` names local settings changed (e.g. the current event); ``everything`` is set
    by a sync that pulled records, whose ids the views do not need one by one.
    """

    records: tuple[tuple[str, str], ...] = ()
    settings: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def record(cls, record_id: str, record_type: str) -> Changes:
        return cls(records=((record_id, record_type),))

    @classmethod
    def setting(cls, key: str) -> Changes:
        return cls(settings=frozenset({key}))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.records + other.records,
            self.settings | other.settings,
            self.everything or other.everything,
        )

    @property
    def record_ids(self) -> frozenset[str]:
        return frozenset(record_id for record_id, _type in self.records)

    @property
    def types(self) -> frozenset[str]:
        return frozenset(record_type for _id, record_type in self.records)

    def ids_of(self, record_type: str) -> list[str]:
        return [record_id for record_id, kind in self.records if kind == record_type]

    def touches(self, *record_types: str) -> bool:
        """True when a record of any of these types (or everything) changed."""
        return self.everything or not self.types.isdisjoint(record_types)

    def touches_setting(self, key: str) -> bool:
        return self.everything or key in self.settings

    def __bool__(self) -> bool:
        return bool(self.records or self.settings or self.everything)
