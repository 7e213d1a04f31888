"""A store at desktop revision 0006 (caseload table, per-row triggers) upgrades to head.

A real SQLCipher store is migrated to 0006 and filled with plain SQL, as 0006 knew it (its
triggers fill the caseload). Opening it with the production ``open_store`` migrates it: the
caseload rows must be unchanged, the triggers and indexes must be the live definitions in
``caseload_table``, and pull pages and local saves must keep the table equal to a rebuild.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Engine, text

from desktop_app.storage import people_index
from desktop_app.storage.caseload import CaseloadFilter, open_caseload
from desktop_app.storage.caseload_table import INDEXES, TRIGGERS, rebuild_caseload
from desktop_app.storage.engine import open_engine
from desktop_app.storage.repository import Repository
from desktop_app.storage.store import (
    _alembic_config,
    create_store,
    current_revision,
    head_revision,
    open_store,
)
from desktop_app.storage.sync_store import SyncStore
from pace_shared.hlc import HybridClock
from pace_shared.wire import PullItem

KEY = bytes(range(32))
DEVICE = "0190aaaa-0000-7000-8000-0000000000d1"
EMPLOYER = "0190aaaa-0000-7000-8000-000000000e01"
EVENT = "0190aaaa-0000-7000-8000-000000000e02"


def _hlc(day: int) -> str:
    return f"{1_767_225_600_000 + day * 86_400_000:013d}-0000-{DEVICE}"


def _person(n: int) -> str:
    return f"0190aaaa-0000-7000-8000-{n:012d}"


def _records() -> list[tuple[str, str, str | None, dict[str, Any], int]]:
    """(id, type, parent, fields, day) as a laptop at 0006 would hold them."""
    rows: list[tuple[str, str, str | None, dict[str, Any], int]] = [
        (EMPLOYER, "employer", None, {"name": "Acme", "local_authority": "Fife"}, 0),
        (EVENT, "redundancy_event", None, {"employer_id": EMPLOYER, "site_name": "Leven"}, 0),
    ]
    for n in range(1, 6):
        person = _person(n)
        rows.append(
            (
                person,
                "client",
                None,
                {"first_name": f"P{n}", "last_name": f"Surname{n}", "event_id": EVENT},
                n,
            )
        )
        rows.append(
            (
                _person(100 + n),
                "engagement",
                person,
                {"client_id": person, "kind": "one_to_one", "occurred_on": "2026-02-01"},
                n + 10,
            )
        )
        if n % 2:
            rows.append((_person(200 + n), "referral", person,
                         {"client_id": person, "to_partner": "DWP", "status": "open",
                          "referred_on": "2026-02-02"}, n + 11))  # fmt: skip
    return rows  # fmt: skip


def _store_at_0006(path: Path) -> None:
    engine = open_engine(path, KEY, create=True)
    try:
        config = _alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0006")
            for rid, kind, parent, fields, day in _records():
                conn.execute(
                    text(
                        "INSERT INTO records (id, type, owner_partner, parent_id, fields, "
                        "versions, deleted, has_conflict, updated_at) VALUES (:id, :type, 'SDS', "
                        ":parent, :fields, :versions, 0, 0, '2026-01-01T00:00:00Z')"
                    ),
                    {"id": rid, "type": kind, "parent": parent, "fields": json.dumps(fields),
                     "versions": json.dumps(dict.fromkeys(fields, _hlc(day)))},
                )  # fmt: skip
                if kind == "client":
                    people_index.upsert_people(conn, [(rid, "SDS", fields)])
        assert current_revision(engine) == "0006"
    finally:
        engine.dispose()


def _caseload(engine: Engine, rebuild: bool = False) -> list[tuple[Any, ...]]:
    with engine.connect() as conn, conn.begin() as tx:
        if rebuild:
            rebuild_caseload(conn)
        rows = [tuple(r) for r in conn.execute(text("SELECT * FROM caseload ORDER BY 1"))]
        tx.rollback()
    return rows


def _definitions(engine: Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name IN ('caseload', 'records', "
                "'people') AND type IN ('trigger', 'index') AND name LIKE '%caseload%' "
                "AND sql IS NOT NULL"
            )
        ).all()
    return {str(s) for t, s in found if t == "trigger"}, {str(s) for t, s in found if t == "index"}


def test_store_at_0006_upgrades_keeping_its_caseload(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    _store_at_0006(path)
    engine = open_engine(path, KEY)
    try:
        before = _caseload(engine)
    finally:
        engine.dispose()
    assert len(before) == 5  # 0006's triggers filled it

    engine = open_store(path, KEY)
    try:
        assert current_revision(engine) == head_revision()
        assert _caseload(engine) == before
        assert _definitions(engine) == (set(TRIGGERS), set(INDEXES))
        repo = Repository(engine, HybridClock(DEVICE), "SDS")
        sync = SyncStore(repo)
        sync.init_state("http://127.0.0.1:9", DEVICE, "tester", {"username": "tester"})
        fields = {"first_name": "New", "last_name": "Person", "event_id": EVENT}
        sync.apply_page(
            [
                PullItem(record_id=_person(9), record_type="client", owner_partner="SDS",
                         fields=fields, versions=dict.fromkeys(fields, _hlc(40))),
                PullItem(record_id=_person(1), revoked=True),
                PullItem(record_id=EMPLOYER, record_type="employer", owner_partner="SDS",
                         fields={"name": "Acme", "local_authority": "Angus"},
                         versions={"name": _hlc(41), "local_authority": _hlc(41)}),
            ],
            "c1",
        )  # fmt: skip
        repo.save("engagement", {"client_id": _person(2), "kind": "one_to_one",
                                 "occurred_on": "2026-03-03"})  # fmt: skip
        after = _caseload(engine)
        assert after == _caseload(engine, rebuild=True)
        assert len(after) == 5  # one revoked, one pulled
        index = open_caseload(repo, "Upgrade Adviser")
        result = index.query(CaseloadFilter(council_area="Angus"))
        assert result.total == 5
        assert [r.last_name for r in result.first_page][:2] == ["Person", "Surname2"]
    finally:
        engine.dispose()


def test_new_store_has_the_live_caseload_definitions(tmp_path: Path) -> None:
    engine = create_store(tmp_path / "store.db", KEY)
    try:
        assert _definitions(engine) == (set(TRIGGERS), set(INDEXES))
    finally:
        engine.dispose()
