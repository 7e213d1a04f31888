"""Demo data: the PACE partners, users of each role, an employer and a redundancy event.

For demonstrations and tests only: every demo user has the same published password.
"""

from __future__ import annotations

import uuid

from pace_shared.hlc import HybridClock
from pace_shared.reference import partner_names
from sync_server.auth import service as auth_service
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.sync import push

DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = (
    # username, display name, partner, role
    ("demo.adviser", "Alice Reid", "SDS", "adviser"),
    ("demo.lead", "Morag Campbell", "SDS", "team_lead"),
    ("demo.admin", "Iain Fraser", "SDS", "admin"),
    ("dwp.adviser", "Sunil Patel", "DWP", "adviser"),
    ("fife.adviser", "Kirsty Brown", "FIFE_COUNCIL", "adviser"),
)
# Fixed ids so that seeding twice, or on two servers, names the same records.
EMPLOYER_ID = "01900000-0000-7000-8000-00000000e001"
EVENT_ID = "01900000-0000-7000-8000-00000000e002"
SEED_DEVICE = "00000000-0000-4000-8000-000000005eed"


def has_users(db: Database) -> bool:
    with db.session() as session:
        return auth_service.has_users(session)


def seed_demo(db: Database) -> list[str]:
    """Create what is missing; returns a line per thing created."""
    created: list[str] = []
    with db.session() as session:
        existing = auth_service.known_partner_codes(session)
        # Every partner the app offers for consent, so any choice an adviser makes is valid.
        missing = {c: n for c, n in partner_names().items() if c not in existing}
        for code, name in missing.items():
            auth_service.create_partner(session, code, name)
        if missing:
            created.append(f"{len(missing)} partners ({', '.join(sorted(missing))})")
        users = auth_service.usernames(session)
        for username, display_name, partner, role in DEMO_USERS:
            if username not in users:
                auth_service.create_user(
                    session,
                    username,
                    DEMO_PASSWORD,
                    partner=partner,
                    role=role,
                    display_name=display_name,
                )
                created.append(f"user {username} ({role}, {partner})")
    clock = HybridClock(SEED_DEVICE)
    seeder = Principal("seed", "seed", "Demo seed", "admin", "SDS", SEED_DEVICE)
    changes = [
        {
            "change_id": str(uuid.uuid5(uuid.NAMESPACE_URL, "pace-demo/employer")),
            "record_id": EMPLOYER_ID,
            "record_type": "employer",
            "op": "upsert",
            "hlc": clock.tick(),
            "fields": {
                "name": "Forth Valley Components Ltd",
                "sector": "C",
                "local_authority": "Fife",
            },
        },
        {
            "change_id": str(uuid.uuid5(uuid.NAMESPACE_URL, "pace-demo/event")),
            "record_id": EVENT_ID,
            "record_type": "redundancy_event",
            "op": "upsert",
            "hlc": clock.tick(),
            "fields": {
                "employer_id": EMPLOYER_ID,
                "site_name": "Rosyth assembly plant",
                "local_authority": "Fife",
                "announced_on": "2026-11-02",
                "affected_count": 180,
                "status": "open",
            },
        },
    ]
    results = push.push(db, seeder, changes, max_clock_skew_seconds=600)
    if any(r["status"] == "applied" for r in results):
        created.append("employer Forth Valley Components Ltd and its event at Rosyth")
    return created
