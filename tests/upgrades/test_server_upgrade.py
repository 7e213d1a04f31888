"""Upgrading a server database from the first released schema (0001) to head keeps every row.

The database is made at revision 0001 with Alembic, filled with plain SQL through tables
reflected from that schema (never today's models, which follow head), then ``pace-sync-server
init`` upgrades it. Every row of every 0001 table must come back with the same contents, and a
real server on the upgraded database must sign its users in and serve the records back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from argon2 import PasswordHasher
from sqlalchemy import Engine, MetaData, create_engine, insert, select, text
from sqlalchemy.exc import DBAPIError

from sync_server.migrate import alembic_config
from tests.support.databases import fresh_postgres_database, sqlite_url
from tests.support.live_server import run_cli, start_server

FIRST_RELEASE = "0001"
PASSWORD = "Upgrade-tartan-kettle-2026"
SDS, DWP, FIFE = "SDS", "DWP", "FIFE_COUNCIL"
WHEN = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)

# Ids that read as what they are.
ADVISER_ID = "00000000-0000-4000-8000-0000000000a1"
ADMIN_ID = "00000000-0000-4000-8000-0000000000a2"
DWP_USER_ID = "00000000-0000-4000-8000-0000000000a3"
ADVISER_DEVICE = "00000000-0000-4000-8000-0000000000d1"
ADMIN_DEVICE = "00000000-0000-4000-8000-0000000000d2"
DWP_DEVICE = "00000000-0000-4000-8000-0000000000d3"
EMPLOYER = "00000000-0000-4000-8000-000000000e01"
EVENT = "00000000-0000-4000-8000-000000000e02"
SHARED_PERSON = "00000000-0000-4000-8000-000000000c01"  # SDS's, consent for DWP
PUBLIC_PERSON = "00000000-0000-4000-8000-000000000c02"  # SDS's, shared with ALL
HIDDEN_PERSON = "00000000-0000-4000-8000-000000000c03"  # DWP's, not shared with SDS
DELETED_PERSON = "00000000-0000-4000-8000-000000000c04"  # SDS's tombstone
ENGAGEMENT = "00000000-0000-4000-8000-000000000c11"
REFERRAL = "00000000-0000-4000-8000-000000000c12"
OUTCOME = "00000000-0000-4000-8000-000000000c13"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        with fresh_postgres_database() as url:
            yield url


def migrate_to(engine: Engine, revision: str) -> None:
    """What sync_server.migrate.upgrade does, stopping at ``revision``."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def hlc(millis: int, device: str) -> str:
    return f"{1_764_150_000_000 + millis:013d}-0000-{device}"


def _record(
    record_id: str,
    record_type: str,
    owner: str,
    seq: int,
    fields: dict[str, Any],
    *,
    client_id: str | None = None,
    public: bool = False,
    deleted: bool = False,
) -> dict[str, Any]:
    device = ADVISER_DEVICE if owner == SDS else DWP_DEVICE
    return {
        "id": record_id,
        "type": record_type,
        "owner_partner": owner,
        "client_id": client_id,
        "public": public,
        "fields": fields,
        "versions": {name: hlc(seq, device) for name in fields},
        "deleted": deleted,
        "seq": seq,
        "created_at": WHEN,
        "updated_at": WHEN + dt.timedelta(minutes=seq),
    }


def _people() -> list[dict[str, Any]]:
    person = {
        "first_name": "Eilidh",
        "last_name": "MacLeod",
        "date_of_birth": "1979-03-14",
        "ni_number": "AB123456C",
        "email": "eilidh@example.org",
        "phone": "07700 900123",
        "postcode": "KY1 1AA",
        "occupation": "Machine operator",
        "event_id": EVENT,
        "consent_recorded_at": "2026-11-20T10:00:00.000Z",
    }
    return [
        _record(
            SHARED_PERSON,
            "client",
            SDS,
            3,
            {**person, "share_with": [DWP]},
            client_id=SHARED_PERSON,
        ),
        _record(
            PUBLIC_PERSON,
            "client",
            SDS,
            4,
            {**person, "first_name": "Ruaridh", "ni_number": "CE654321A", "share_with": ["ALL"]},
            client_id=PUBLIC_PERSON,
            public=True,
        ),
        _record(
            HIDDEN_PERSON,
            "client",
            DWP,
            5,
            {**person, "first_name": "Mhairi", "share_with": []},
            client_id=HIDDEN_PERSON,
        ),
        _record(DELETED_PERSON, "client", SDS, 6, {}, client_id=DELETED_PERSON, deleted=True),
    ]


def _records() -> list[dict[str, Any]]:
    child = {"client_id": SHARED_PERSON}
    return [
        _record(
            EMPLOYER,
            "employer",
            SDS,
            1,
            {"name": "Caledonian Castings Ltd", "sector": "C", "local_authority": "Fife"},
            public=True,
        ),
        _record(
            EVENT,
            "redundancy_event",
            SDS,
            2,
            {
                "employer_id": EMPLOYER,
                "site_name": "Kirkcaldy works",
                "local_authority": "Fife",
                "announced_on": "2026-10-01",
                "affected_count": 240,
                "status": "open",
            },
            public=True,
        ),
        *_people(),
        _record(
            ENGAGEMENT,
            "engagement",
            SDS,
            7,
            {
                **child,
                "kind": "one_to_one",
                "occurred_on": "2026-11-21",
                "notes": "CV review.\nNext: interview practice.",
            },
            client_id=SHARED_PERSON,
        ),
        _record(
            REFERRAL,
            "referral",
            SDS,
            8,
            {**child, "to_partner": DWP, "reason": "Benefits advice", "status": "open"},
            client_id=SHARED_PERSON,
        ),
        _record(
            OUTCOME,
            "outcome",
            SDS,
            9,
            {**child, "status": "employed", "recorded_on": "2026-11-25", "months_after": 1},
            client_id=SHARED_PERSON,
        ),
    ]


def _access() -> list[dict[str, str]]:
    """Sight as consent gives it (decisions.md #7): owner plus share_with, children alike."""
    shared = [SHARED_PERSON, ENGAGEMENT, REFERRAL, OUTCOME]
    return [
        *({"record_id": r, "partner_code": p} for r in shared for p in (SDS, DWP)),
        {"record_id": HIDDEN_PERSON, "partner_code": DWP},
        {"record_id": DELETED_PERSON, "partner_code": SDS},
    ]


def _accounts() -> dict[str, list[dict[str, Any]]]:
    password_hash = PasswordHasher().hash(PASSWORD)
    users = [
        (ADVISER_ID, "up.adviser", "Upgrade Adviser", "adviser", SDS),
        (ADMIN_ID, "up.admin", "Upgrade Admin", "admin", SDS),
        (DWP_USER_ID, "up.dwp", "Upgrade DWP", "adviser", DWP),
    ]
    devices = [
        (ADVISER_DEVICE, ADVISER_ID, SDS),
        (ADMIN_DEVICE, ADMIN_ID, SDS),
        (DWP_DEVICE, DWP_USER_ID, DWP),
    ]
    return {
        "partners": [
            {"code": code, "name": name, "created_at": WHEN}
            for code, name in (
                (SDS, "Skills Development Scotland"),
                (DWP, "Department for Work and Pensions"),
                (FIFE, "Fife Council"),
            )
        ],
        "users": [
            {
                "id": i,
                "username": u,
                "display_name": d,
                "role": r,
                "partner_code": p,
                "password_hash": password_hash,
                "active": True,
                "created_at": WHEN,
            }
            for i, u, d, r, p in users
        ],
        "devices": [
            {
                "id": d,
                "user_id": u,
                "partner_code": p,
                "name": f"laptop {d[-2:]}",
                "registered_at": WHEN,
                "last_seen_at": WHEN,
                "revoked_at": None,
                "revoked_by": None,
            }
            for d, u, p in devices
        ],
        "access_tokens": [
            {
                "token_hash": "ab" * 32,
                "user_id": ADVISER_ID,
                "device_id": ADVISER_DEVICE,
                "created_at": WHEN,
                "expires_at": WHEN + dt.timedelta(hours=12),
            },
        ],
        "login_failures": [{"username": "up.adviser", "address": "203.0.113.7", "at": WHEN}],
    }


def _sync_rows() -> dict[str, list[dict[str, Any]]]:
    seqs = {r["id"]: r["seq"] for r in _records()}
    return {
        "applied_changes": [
            {
                "change_id": f"00000000-0000-4000-9000-{seq:012d}",
                "record_id": rid,
                "device_id": ADVISER_DEVICE,
                "status": "applied",
                "conflict_id": None,
                "applied_at": WHEN,
            }
            for rid, seq in seqs.items()
        ],
        "conflicts": [
            {
                "id": "00000000-0000-4000-a000-000000000001",
                "record_id": SHARED_PERSON,
                "record_type": "client",
                "owner_partner": SDS,
                "field": "phone",
                "winner_value": "07700 900123",
                "winner_hlc": hlc(3, ADVISER_DEVICE),
                "loser_value": "07700 900999",
                "loser_hlc": hlc(2, DWP_DEVICE),
                "status": "open",
                "created_at": WHEN,
                "resolved_at": None,
                "resolved_by": None,
                "resolution": None,
            },
            {
                "id": "00000000-0000-4000-a000-000000000002",
                "record_id": EVENT,
                "record_type": "redundancy_event",
                "owner_partner": SDS,
                "field": "affected_count",
                "winner_value": 240,
                "winner_hlc": hlc(2, ADVISER_DEVICE),
                "loser_value": 200,
                "loser_hlc": hlc(1, DWP_DEVICE),
                "status": "resolved",
                "created_at": WHEN,
                "resolved_at": WHEN,
                "resolved_by": "up.admin",
                "resolution": "kept",
            },
        ],
        "audit_events": [
            {
                "at": WHEN,
                "action": action,
                "user_id": ADVISER_ID,
                "username": "up.adviser",
                "partner_code": SDS,
                "device_id": ADVISER_DEVICE,
                "record_id": rid,
                "record_type": rtype,
                "fields": fields,
                "detail": detail,
                "address": "127.0.0.1",
            }
            for action, rid, rtype, fields, detail in (
                ("login", None, None, None, {"device_name": "laptop a1"}),
                (
                    "create",
                    SHARED_PERSON,
                    "client",
                    ["first_name", "last_name"],
                    {"op": "upsert", "status": "applied"},
                ),
                (
                    "disclosed",
                    SHARED_PERSON,
                    "client",
                    None,
                    {"partner": DWP, "device_id": DWP_DEVICE},
                ),
            )
        ],
        "revocations": [{"record_id": HIDDEN_PERSON, "partner_code": FIFE, "seq": 10}],
    }


def fill_first_release(engine: Engine) -> None:
    """Rows of every 0001 table, inserted through that schema as reflected from the database."""
    tables = MetaData()
    tables.reflect(engine)
    rows = {**_accounts(), "records": _records(), "record_access": _access(), **_sync_rows()}
    with engine.begin() as conn:
        for name, values in rows.items():  # dict order: parents before children
            conn.execute(insert(tables.tables[name]), values)
        conn.execute(text("UPDATE sync_counter SET value = 10"))


def snapshot(engine: Engine, tables: MetaData) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables`` (the 0001 columns only), in primary-key order."""
    with engine.connect() as conn:
        return {
            name: [
                tuple(row)
                for row in conn.execute(select(*table.columns).order_by(*table.primary_key.columns))
            ]
            for name, table in tables.tables.items()
            if name != "alembic_version"
        }


def first_release_database(url: str) -> tuple[Engine, MetaData, dict[str, list[tuple]]]:
    engine = create_engine(url)
    migrate_to(engine, FIRST_RELEASE)
    fill_first_release(engine)
    schema = MetaData()
    schema.reflect(engine)
    return engine, schema, snapshot(engine, schema)


def test_init_upgrades_first_release_keeping_every_row(database_url: str) -> None:
    engine, schema, before = first_release_database(database_url)
    assert sum(len(rows) for rows in before.values()) > 40  # the fill really happened
    try:
        for _ in range(2):  # init is idempotent: a second run changes nothing either
            result = run_cli("init", database_url=database_url)
            assert "database is ready" in result.stdout
            after = snapshot(engine, schema)  # fails if a 0001 table or column is gone
            for name, rows in before.items():
                if name == "server_meta":  # upgrade steps may add their own markers
                    assert set(rows) <= set(after[name])
                else:
                    assert after[name] == rows, f"{name} changed in the upgrade"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() != (
                FIRST_RELEASE
            )
    finally:
        engine.dispose()


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["record_id"]: item for item in items}


def test_upgraded_database_is_served(database_url: str, tmp_path: Path) -> None:
    engine, _, _ = first_release_database(database_url)
    try:
        with start_server(tmp_path, database_url=database_url, seed=False) as server:
            adviser = server.client("up.adviser", PASSWORD, login=False)
            adviser.device_id = ADVISER_DEVICE  # the laptop enrolled before the upgrade
            response = adviser.login()
            assert response.status_code == 200, response.text
            # Enrolled before device secrets existed: it gets one now (decisions.md #8).
            assert response.json().get("device_secret")

            items, _ = adviser.pull_all()
            pulled = _by_id(items)
            expected = {r["id"]: r for r in _records() if r["id"] != HIDDEN_PERSON}
            assert set(pulled) == set(expected)  # the DWP-only person stays hidden
            for record_id, record in expected.items():
                item = pulled[record_id]
                assert item["record_type"] == record["type"]
                assert item["owner_partner"] == record["owner_partner"]
                assert item["fields"] == record["fields"]
                assert item["versions"] == record["versions"]
                assert item["deleted"] == record["deleted"]

            dwp = server.client("up.dwp", PASSWORD)
            dwp_items, _ = dwp.pull_all()
            assert HIDDEN_PERSON in _by_id(dwp_items)
            assert SHARED_PERSON in _by_id(dwp_items)

            admin = server.client("up.admin", PASSWORD)
            audit = admin.request("GET", "/api/v1/admin/audit", params={"record_id": SHARED_PERSON})
            assert audit.status_code == 200, audit.text
            actions = {item["action"] for item in audit.json()["items"]}
            assert {"create", "disclosed"} <= actions
        assert_audit_append_only(engine)
    finally:
        engine.dispose()


def assert_audit_append_only(engine: Engine) -> None:
    for statement in (
        "UPDATE audit_events SET action = 'rewritten'",
        "DELETE FROM audit_events",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        actions = conn.execute(text("SELECT action FROM audit_events")).scalars().all()
    assert actions
    assert "rewritten" not in actions
