"""Reading, checking and versioning the data-sharing agreement (issue 11).

The agreement names, per record type, the fields of a person that partners *other than the
owner* do not receive: ``withheld`` applies to every such partner, and ``partners`` may give a
partner its own list instead (``{"DWP": {"client": ["ni_number"]}}``). The owner always sees
everything. Only optional personal fields can be withheld: names, links, consent and required
fields are what makes a shared record usable at all. With no agreement recorded nothing is
withheld (version 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pace_shared.records import PERSON_TYPES, withholdable_fields
from sync_server.audit import service as audit
from sync_server.sharing.models import SharingAgreement
from sync_server.timeutil import utcnow

#: The example a new installation is offered (docs/data-protection.md): only the owner sees the
#: NI number, the phone number and engagement notes.
EXAMPLE_TERMS: dict[str, Any] = {
    "withheld": {"client": ["ni_number", "phone"], "engagement": ["notes"]},
    "partners": {},
}

Withheld = Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Terms:
    withheld: Withheld = field(default_factory=dict)
    partners: Mapping[str, Withheld] = field(default_factory=dict)

    def withheld_for(self, partner: str, record_type: str) -> frozenset[str]:
        """Fields of a ``record_type`` owned by another partner that ``partner`` must not get."""
        rules = self.partners.get(partner, self.withheld)
        return rules.get(record_type, frozenset())

    def for_partner(self, partner: str) -> dict[str, list[str]]:
        rules = self.partners.get(partner, self.withheld)
        return {t: sorted(names) for t, names in sorted(rules.items()) if names}

    def as_json(self) -> dict[str, Any]:
        return {
            "withheld": _rules_json(self.withheld),
            "partners": {p: _rules_json(r) for p, r in sorted(self.partners.items())},
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    version: int
    terms: Terms
    created_at: str | None = None
    created_by: str | None = None


def _rules_json(rules: Withheld) -> dict[str, list[str]]:
    return {t: sorted(names) for t, names in sorted(rules.items())}


def _parse_rules(raw: Any, where: str) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: must map record types to lists of field names")
    rules: dict[str, frozenset[str]] = {}
    for record_type, names in raw.items():
        if record_type not in PERSON_TYPES:
            raise ValueError(f"{where}.{record_type}: not a record type about a person")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"{where}.{record_type}: must be a list of field names")
        allowed = withholdable_fields(record_type)
        for name in names:
            if name not in allowed:
                raise ValueError(
                    f"{where}.{record_type}: {name!r} cannot be withheld (only optional personal "
                    f"fields: {', '.join(sorted(allowed))})"
                )
        rules[record_type] = frozenset(names)
    return rules


def parse_terms(raw: Any, known_partners: frozenset[str]) -> Terms:
    """Check an agreement sent by an administrator; ValueError says what is wrong."""
    if not isinstance(raw, dict) or not set(raw) <= {"withheld", "partners"}:
        raise ValueError('the agreement is {"withheld": {...}, "partners": {...}}')
    withheld = _parse_rules(raw.get("withheld", {}), "withheld")
    partners_raw = raw.get("partners", {})
    if not isinstance(partners_raw, dict):
        raise ValueError("partners: must map partner codes to rules")
    partners: dict[str, Withheld] = {}
    for code, rules in partners_raw.items():
        if code not in known_partners:
            raise ValueError(f"partners: unknown partner {code!r}")
        partners[code] = _parse_rules(rules, f"partners.{code}")
    return Terms(withheld, partners)


def _terms_of(stored: Mapping[str, Any]) -> Terms:
    def rules(raw: Any) -> dict[str, frozenset[str]]:
        return {str(t): frozenset(names) for t, names in dict(raw or {}).items()}

    partners = {str(p): rules(r) for p, r in dict(stored.get("partners") or {}).items()}
    return Terms(rules(stored.get("withheld")), partners)


def current(session: Session) -> Agreement:
    row = session.execute(
        select(SharingAgreement).order_by(SharingAgreement.version.desc()).limit(1)
    ).scalar_one_or_none()
    if row is None:
        return Agreement(0, Terms())
    return Agreement(row.version, _terms_of(row.terms), row.created_at.isoformat(), row.created_by)


def record_version(session: Session, terms: Terms, actor: audit.Actor) -> Agreement:
    """Store ``terms`` as the next version and audit it (terms hold field names only)."""
    latest = session.execute(select(func.max(SharingAgreement.version))).scalar_one_or_none()
    version = int(latest or 0) + 1
    now = utcnow()
    session.add(
        SharingAgreement(
            version=version,
            terms=terms.as_json(),
            created_at=now,
            created_by=actor.username or "system",
        )
    )
    audit.write(
        session,
        audit.row(
            "sharing_agreement.changed",
            actor,
            detail={"version": version, "terms": terms.as_json()},
        ),
    )
    return Agreement(version, terms, now.isoformat(), actor.username)
