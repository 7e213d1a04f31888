"""Governance operations, for the admin API and the command line alike.

Each runs in one write transaction under the sequence lock (like a push), so devices see its
effect whole: a new agreement version with every person's records re-delivered; an erasure with
its revocations; a retention run erasing every person it reports.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from sync_server.audit import service as audit
from sync_server.auth.service import known_partner_codes
from sync_server.db import Database
from sync_server.linkage import service as linkage
from sync_server.sharing import service as sharing
from sync_server.sync import erasure
from sync_server.timeutil import utcnow

#: A person erased by a system admin, or by the retention rule.
REQUEST, RETENTION = "request", "retention"


def agreement_json(agreement: sharing.Agreement) -> dict[str, Any]:
    return {
        "version": agreement.version,
        "terms": agreement.terms.as_json(),
        "created_at": agreement.created_at,
        "created_by": agreement.created_by,
    }


def get_agreement(db: Database) -> dict[str, Any]:
    with db.session() as session:
        return agreement_json(sharing.current(session))


def set_agreement(db: Database, raw: Any, actor: audit.Actor) -> dict[str, Any]:
    """Record a new version (ValueError if the terms are not valid) and re-deliver every
    person's records, so each device holds exactly what the new version allows."""
    with db.write_session() as session:
        terms = sharing.parse_terms(raw, known_partner_codes(session))
        erasure.redeliver_person_records(session)  # takes the sequence lock first
        return agreement_json(sharing.record_version(session, terms, actor))


def owner_of(db: Database, client_id: str) -> str | None:
    with db.session() as session:
        people = erasure.family_of(session, client_id)
    person = next((r for r in people if r["record_id"] == client_id), None)
    if person is None or person["record_type"] != "client":
        return None
    return str(person["owner_partner"])


def erase(
    db: Database, client_id: str, actor: audit.Actor, *, reason: str = REQUEST
) -> erasure.Erasure:
    """Raises erasure.NotAPersonError when no such person is on the server."""
    with db.write_session() as session:
        return _erase(session, client_id, known_partner_codes(session), actor, reason)


def _erase(
    session: Session,
    client_id: str,
    partners: frozenset[str],
    actor: audit.Actor,
    reason: str,
) -> erasure.Erasure:
    done = erasure.erase_person(session, client_id, partners, actor, reason=reason)
    linkage.forget(session, done.people)  # the last run's links would keep the erased ids
    return done


def subject_access(db: Database, client_id: str, actor: audit.Actor) -> dict[str, Any]:
    """Everything the server (and so every partner) holds about one person, and the audit of
    who viewed, changed or received it. Raises erasure.NotAPersonError for no such person."""
    with db.write_session() as session:
        records = erasure.family_of(session, client_id)
        person = next((r for r in records if r["record_id"] == client_id), None)
        if person is None or person["record_type"] != "client":
            raise erasure.NotAPersonError(client_id)
        events = audit.events_for_records(session, [r["record_id"] for r in records])
        audit.write(
            session,
            audit.row("subject_access.exported", actor, record_id=client_id, record_type="client"),
        )

    def of_type(record_type: str) -> list[dict[str, Any]]:
        return [r for r in records if r["record_type"] == record_type]

    return {
        "record_id": client_id,
        "generated_at": utcnow().isoformat(),
        "owner_partner": person["owner_partner"],
        "person": person,
        "consent_history": of_type("consent_change"),
        "engagements": of_type("engagement"),
        "referrals": of_type("referral"),
        "outcomes": of_type("outcome"),
        "audit": [
            {
                "at": e.at.isoformat(),
                "action": e.action,
                "username": e.username,
                "device_id": e.device_id,
                "record_id": e.record_id,
                "record_type": e.record_type,
                "fields": e.fields,
                "detail": e.detail,
            }
            for e in events
        ],
    }


@dataclass(slots=True)
class RetentionReport:
    months: int
    cutoff: dt.datetime
    applied: bool
    people: list[str] = field(default_factory=list)
    #: Records removed (or that would be) per type, over every person erased.
    removed: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "months": self.months,
            "cutoff": self.cutoff.isoformat(),
            "applied": self.applied,
            "people": self.people,
            "removed": self.removed,
        }


def retention_cutoff(months: int, now: dt.datetime | None = None) -> dt.datetime:
    """``months`` calendar months before ``now`` (day clamped to the month's length)."""
    now = now or utcnow()
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return now.replace(year=year, month=month, day=min(now.day, monthrange(year, month)[1]))


def retention(
    db: Database, months: int, *, apply: bool, actor: audit.Actor = audit.SYSTEM
) -> RetentionReport:
    """Erase (``apply``) or list (dry run) every person with no activity for ``months``.

    Both run the same steps in one write transaction; a dry run rolls it back, so what it
    reports is exactly what applying would do at that moment."""
    if months < 1:
        raise ValueError("--months must be 1 or more")
    cutoff = retention_cutoff(months)
    report = RetentionReport(months, cutoff, apply)
    with db.write_session() as session:
        partners = known_partner_codes(session)
        report.people = erasure.inactive_people(session, cutoff)
        for client_id in report.people:
            done = _erase(session, client_id, partners, actor, RETENTION)
            for record_type, count in done.removed.items():
                report.removed[record_type] = report.removed.get(record_type, 0) + count
        report.removed = dict(sorted(report.removed.items()))
        if not apply:
            session.rollback()
    return report
