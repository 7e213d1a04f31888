"""Upgrading a laptop's encrypted store from the first schema (0001) to head loses nothing.

A real SQLCipher store is made at revision 0001 (as store.migrate does, stopping there),
filled with plain SQL as 0001 knew it, and wrapped in a profile as an enrolled laptop has
it. Unlocking the profile (Session.unlock, which opens the store with the production
open_store and so migrates it to head) must keep every row of every 0001 table unchanged,
and the session must read the records, the queue and the sync state back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData, insert, select, text

from desktop_app.security.keywrap import KdfParams, generate_store_key, wrap_key
from desktop_app.security.secret_store import WrappedKeyStore
from desktop_app.session import TOKEN_IN_STORE, Profile, ProfileMeta, Session
from desktop_app.storage.engine import open_engine
from desktop_app.storage.store import _alembic_config, current_revision, head_revision
from tests.support.memory_keyring import use_memory_keyring

FIRST_RELEASE = "0001"
PASSWORD = "correct horse battery staple"
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)  # tests only
DEVICE = "0190aaaa-0000-7000-8000-0000000000d1"
EMPLOYER = "0190aaaa-0000-7000-8000-000000000e01"
EVENT = "0190aaaa-0000-7000-8000-000000000e02"
PERSON = "0190aaaa-0000-7000-8000-000000000c01"
OTHER_PERSON = "0190aaaa-0000-7000-8000-000000000c02"
GONE_PERSON = "0190aaaa-0000-7000-8000-000000000c03"
ENGAGEMENT = "0190aaaa-0000-7000-8000-000000000c11"
REFERRAL = "0190aaaa-0000-7000-8000-000000000c12"
OUTCOME = "0190aaaa-0000-7000-8000-000000000c13"
USER = {
    "id": "00000000-0000-4000-8000-0000000000a1",
    "username": "up.adviser",
    "display_name": "Upgrade Adviser",
    "role": "adviser",
    "partner": "SDS",
}


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    with use_memory_keyring():
        yield


def hlc(n: int) -> str:
    return f"{1_764_150_000_000 + n:013d}-0000-{DEVICE}"


def _record(
    record_id: str, record_type: str, n: int, fields: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    versions = {name: hlc(n) for name in fields}
    return {
        "id": record_id,
        "type": record_type,
        "owner_partner": "SDS",
        "parent_id": fields.get("client_id") or fields.get("employer_id"),
        "fields": json.dumps(fields),
        "versions": json.dumps(versions),
        "server_fields": json.dumps(fields),
        "server_versions": json.dumps(versions),
        "deleted": 0,
        "has_conflict": 0,
        "updated_at": f"2026-11-26T09:{n:02d}:00.000Z",
        **extra,
    }


PERSON_FIELDS = {
    "first_name": "Eilidh",
    "last_name": "MacLeod",
    "date_of_birth": "1979-03-14",
    "ni_number": "AB123456C",
    "postcode": "KY1 1AA",
    "event_id": EVENT,
    "share_with": ["DWP"],
    "consent_recorded_at": "2026-11-20T10:00:00.000Z",
}


def _records() -> list[dict[str, Any]]:
    child = {"client_id": PERSON}
    return [
        _record(EMPLOYER, "employer", 1, {"name": "Caledonian Castings Ltd", "sector": "C"}),
        _record(
            EVENT,
            "redundancy_event",
            2,
            {"employer_id": EMPLOYER, "site_name": "Kirkcaldy works", "status": "open"},
        ),
        _record(PERSON, "client", 3, PERSON_FIELDS, has_conflict=1),
        _record(
            OTHER_PERSON,
            "client",
            4,
            {**PERSON_FIELDS, "first_name": "Ruaridh", "ni_number": "CE654321A"},
            server_fields=None,
            server_versions=None,  # made offline, never synced
        ),
        _record(GONE_PERSON, "client", 5, {}, deleted=1),
        _record(
            ENGAGEMENT,
            "engagement",
            6,
            {**child, "kind": "one_to_one", "occurred_on": "2026-11-21", "notes": "CV.\nNext."},
        ),
        _record(REFERRAL, "referral", 7, {**child, "to_partner": "DWP", "status": "open"}),
        _record(
            OUTCOME,
            "outcome",
            8,
            {**child, "status": "employed", "recorded_on": "2026-11-25"},
        ),
    ]


def _outbox() -> list[dict[str, Any]]:
    def change(n: int, record_id: str, record_type: str, **extra: Any) -> dict[str, Any]:
        return {
            "change_id": str(uuid.UUID(int=n)),
            "record_id": record_id,
            "record_type": record_type,
            "op": "upsert",
            "hlc": hlc(10 + n),
            "fields": json.dumps({"first_name": "Ruaridh"}),
            "base": json.dumps({}),
            "created_at": "2026-11-26T10:00:00.000Z",
            # Every row names every column: an executemany takes its columns from the first.
            "state": "pending",
            "reason": None,
            "detail": None,
            **extra,
        }

    return [
        change(1, OTHER_PERSON, "client"),  # pending
        change(
            2,
            PERSON,
            "client",
            state="rejected",
            reason="validation",
            detail=json.dumps({"field": "phone"}),
        ),
    ]


def _people() -> list[dict[str, Any]]:
    return [
        {
            "id": pid,
            "first_name": first,
            "last_name": "MacLeod",
            "date_of_birth": "1979-03-14",
            "ni_number": ni,
            "postcode": "KY1 1AA",
            "event_id": EVENT,
            "event_label": "Caledonian Castings Ltd — Kirkcaldy works",
            "owner_partner": "SDS",
            "first_key": first.lower(),
            "last_key": "macleod",
            "event_key": "caledonian castings ltd — kirkcaldy works",
            "search_doc": f"{first.lower()} macleod {ni.lower()} ky1 1aa",
        }
        for pid, first, ni in (
            (PERSON, "Eilidh", "AB123456C"),
            (OTHER_PERSON, "Ruaridh", "CE654321A"),
        )
    ]


def make_first_release_store(path: Path, key: bytes | bytearray) -> None:
    """What store.create_store does, stopping at 0001; then rows as 0001 knew them."""
    engine = open_engine(path, key, create=True)
    try:
        config = _alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, FIRST_RELEASE)
        tables = MetaData()
        tables.reflect(engine)
        sync_state = {
            "id": 1,
            "server_url": "https://sync.example.org",
            "device_id": DEVICE,
            "username": USER["username"],
            "user_json": json.dumps(USER),
            "cursor": "opaque-cursor-from-0001",
            "last_sync_at": "2026-11-26T10:05:00.000Z",
            "hlc_last": hlc(20),
            "access_token": "token-issued-before-the-upgrade",
        }
        with engine.begin() as conn:
            conn.execute(insert(tables.tables["records"]), _records())
            conn.execute(insert(tables.tables["outbox"]), _outbox())
            conn.execute(insert(tables.tables["sync_state"]), [sync_state])
            conn.execute(
                insert(tables.tables["settings"]),
                [
                    {"key": "current_event_id", "value": EVENT},
                    {"key": "idle_minutes", "value": "7"},
                ],
            )
            conn.execute(insert(tables.tables["people"]), _people())
            conn.execute(
                text("INSERT INTO people_fts (rowid, doc) SELECT rid, search_doc FROM people")
            )
    finally:
        engine.dispose()


def snapshot(engine: Engine, tables: MetaData) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the 0001 tables (their 0001 columns only), in rowid order."""
    with engine.connect() as conn:
        found = {
            name: [tuple(r) for r in conn.execute(select(*t.columns).order_by(text("rowid")))]
            for name, t in tables.tables.items()
            if name != "alembic_version" and not name.startswith("people_fts")
        }
        found["people_fts"] = [
            tuple(r) for r in conn.execute(text("SELECT rowid, doc FROM people_fts ORDER BY rowid"))
        ]
    return found


def first_release_profile(tmp_path: Path) -> tuple[Profile, bytearray]:
    """An enrolled laptop's profile (meta, wrapped key, store) whose store is at 0001."""
    profile = Profile(tmp_path / "profile")
    profile.path.mkdir(mode=0o700)
    key = generate_store_key()
    make_first_release_store(profile.store_path, key)
    meta = ProfileMeta(
        profile_id=str(uuid.uuid4()),
        username=USER["username"],
        server_url="https://sync.example.org",
        key_location="file",
        token_location=TOKEN_IN_STORE,
    )
    WrappedKeyStore(meta.profile_id, profile.wrapped_key_path).save(
        wrap_key(key, PASSWORD, meta.profile_id, FAST_KDF), meta.key_location
    )
    profile._write_meta(meta)
    return profile, key


def test_unlock_upgrades_first_release_store_keeping_every_row(tmp_path: Path) -> None:
    profile, key = first_release_profile(tmp_path)
    engine = open_engine(profile.store_path, key)
    try:
        assert current_revision(engine) == FIRST_RELEASE
        schema = MetaData()
        schema.reflect(engine)
        before = snapshot(engine, schema)
    finally:
        engine.dispose()
    assert sum(len(rows) for rows in before.values()) > 15  # the fill really happened

    session = Session.unlock(profile, PASSWORD)
    session.lock()

    engine = open_engine(profile.store_path, key)
    try:
        assert current_revision(engine) == head_revision()
        after = snapshot(engine, schema)  # fails if a 0001 table or column is gone
    finally:
        engine.dispose()
    for name, rows in before.items():
        assert after[name] == rows, f"{name} changed in the upgrade"


def test_upgraded_store_reads_back_through_the_session(tmp_path: Path) -> None:
    profile, _ = first_release_profile(tmp_path)
    session = Session.unlock(profile, PASSWORD)
    try:
        assert session.user.username == USER["username"]
        assert session.device_id == DEVICE
        repo = session.repo
        for record in _records():
            view = repo.get(record["id"])
            assert view is not None, record["id"]
            assert view.type == record["type"]
            assert view.fields == json.loads(record["fields"])
            assert view.versions == json.loads(record["versions"])
            assert view.deleted == bool(record["deleted"])
        assert repo.get(PERSON).has_conflict  # type: ignore[union-attr]
        assert {v.id for v in repo.timeline(PERSON)} == {ENGAGEMENT, REFERRAL, OUTCOME}
        assert [v.id for v in repo.employers()] == [EMPLOYER]
        assert repo.pending_count() == 1
        assert [c.change_id for c in repo.rejected_changes()] == [str(uuid.UUID(int=2))]
        assert repo.current_event_id == EVENT
        assert repo.idle_minutes == 7
        assert repo.people_count() == 2
    finally:
        session.lock()
