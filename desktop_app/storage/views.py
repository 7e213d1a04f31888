"""Plain data objects the repository hands to the UI (no SQLAlchemy rows leak upwards)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pace_shared.records import FieldError


class RecordValidationError(ValueError):
    """A save was refused; ``errors`` says which field and why, in words for the adviser."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class RecordNotFoundError(KeyError):
    """No (live) record with that id in the local store."""


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
