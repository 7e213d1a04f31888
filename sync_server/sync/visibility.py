"""Who may see what (contract: Visibility), computed on the server for push and pull.

Employers and events are public. A client is visible to its owner and to the partners in its
``share_with`` (``["ALL"]`` makes it public), nothing else: sharing follows consent, and a
referral never widens it (decisions.md #7; push refuses a referral outside consent).
Engagements, referrals and outcomes are visible exactly where their client is, so the server
keeps one access list per client and copies it to the client's children.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pace_shared.records import CHILD_TYPES, PUBLIC_TYPES, SHARE_ALL, RecordType


@dataclass(frozen=True, slots=True)
class Access:
    public: bool
    partners: frozenset[str]

    def allows(self, partner: str) -> bool:
        return self.public or partner in self.partners


PUBLIC = Access(True, frozenset())


def for_client(owner: str, fields: Mapping[str, Any]) -> Access:
    share_with = fields.get("share_with") or []
    if SHARE_ALL in share_with:
        return PUBLIC
    return Access(False, frozenset({owner, *share_with}))


def consent_covers(owner: str, fields: Mapping[str, Any], partner: str) -> bool:
    """Whether a person's consent lets ``partner`` see them (the owner always can)."""
    return for_client(owner, fields).allows(partner)


def for_new_record(record_type: str, owner: str, fields: Mapping[str, Any]) -> Access | None:
    """Access of a record that has no client to inherit from, or ``None`` for a child."""
    if record_type in PUBLIC_TYPES:
        return PUBLIC
    if record_type == RecordType.CLIENT:
        return for_client(owner, fields)
    if record_type in CHILD_TYPES:
        return None
    return Access(False, frozenset({owner}))
