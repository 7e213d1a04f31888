"""The health summary for the admin workspace and ``pace-sync-server status``: is the database
answering, and counts an administrator acts on (devices not syncing, unsent changes, open
conflicts, old app versions). Counts only: no names, no personal data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sync_server import __version__
from sync_server.admin.schemas import DeviceHealth, HealthSummary
from sync_server.auth import service as accounts
from sync_server.db import Database
from sync_server.devices import service as devices
from sync_server.sync import service as sync
from sync_server.timeutil import iso, utcnow

#: A device silent longer than this is counted as "not seen recently".
QUIET_AFTER = dt.timedelta(days=7)


def summary(db: Database, partner: str | None) -> HealthSummary:
    """For one partner (an admin's own) or every partner (``None``: system admin, CLI)."""
    try:
        with db.session() as session:
            session.execute(text("SELECT 1 FROM sync_counter"))
            return _summary(session, db, partner)
    except SQLAlchemyError:
        return HealthSummary(
            status="degraded",
            database="error",
            backend=db.engine.dialect.name,
            version=__version__,
            generated_at=iso(utcnow()) or "",
            partner=partner,
        )


def _summary(session: Session, db: Database, partner: str | None) -> HealthSummary:
    now = utcnow()
    since = now - dt.timedelta(hours=1)
    return HealthSummary(
        status="ok",
        database="ok",
        backend=db.engine.dialect.name,
        version=__version__,
        generated_at=iso(now) or "",
        partner=partner,
        users=accounts.user_counts(session, partner),
        devices=_devices(session, partner, now),
        records=sync.record_counts(session, partner),
        open_conflicts=sync.open_conflict_count(session, partner),
        # The rate limiter's records carry no partner: only the whole-server view shows them.
        sign_in_failures_last_hour=(
            accounts.recent_sign_in_failures(session, since) if partner is None else None
        ),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _devices(session: Session, partner: str | None, now: dt.datetime) -> DeviceHealth:
    listed = devices.list_devices(session, partner)
    active = [d for d in listed if d.revoked_at is None]
    pending = [d.pending_changes for d in active if d.pending_changes]
    return DeviceHealth(
        active=len(active),
        revoked=len(listed) - len(active),
        not_seen_recently=sum(1 for d in active if now - _aware(d.last_seen_at) > QUIET_AFTER),
        with_unsent_changes=len(pending),
        unsent_changes=sum(pending),
        app_versions=dict(Counter(d.app_version or "unknown" for d in active)),
    )


def as_text(summary: HealthSummary) -> str:
    """The summary as lines for a terminal (``pace-sync-server status``)."""
    scope = summary.partner or "all partners"
    lines = [
        f"status: {summary.status} (database {summary.database}, {summary.backend}); "
        f"server {summary.version}; {scope}"
    ]
    if summary.devices is not None:
        d = summary.devices
        versions = ", ".join(f"{v}: {n}" for v, n in sorted(d.app_versions.items())) or "none"
        lines += [
            f"devices: {d.active} active, {d.revoked} revoked, "
            f"{d.not_seen_recently} not seen for 7 days",
            f"unsent changes: {d.unsent_changes} on {d.with_unsent_changes} devices",
            f"app versions: {versions}",
        ]
    users = ", ".join(f"{role}: {n}" for role, n in sorted(summary.users.items())) or "none"
    records = ", ".join(f"{kind}: {n}" for kind, n in sorted(summary.records.items())) or "none"
    lines += [f"users: {users}", f"records: {records}", f"open conflicts: {summary.open_conflicts}"]
    if summary.sign_in_failures_last_hour is not None:
        lines.append(f"sign-in failures in the last hour: {summary.sign_in_failures_last_hour}")
    return "\n".join(lines)
