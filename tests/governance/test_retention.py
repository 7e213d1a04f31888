"""Retention: people with no activity for N months are erased; a dry run reports exactly what
applying does (counts and ids, no personal data)."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from tests.server.conftest import Devices
from tests.server.helpers import new_id
from tests.support.live_server import LiveServer


def _age(database_url: str, client_id: str, days: int) -> None:
    """Set the last activity of a person and their records ``days`` ago (test set-up: the
    server only ever stamps the present)."""
    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE records SET updated_at = :t WHERE client_id = :c"),
                {"t": dt.datetime.now(dt.UTC) - dt.timedelta(days=days), "c": client_id},
            )
    finally:
        engine.dispose()


def test_dry_run_reports_exactly_what_apply_erases(server: LiveServer, devices: Devices) -> None:
    sds = devices["demo.adviser"]
    stale, _ = sds.create_client(first_name="Elspeth", last_name="Oldrecord", share_with=["ALL"])
    note = sds.upsert(
        "engagement",
        new_id(),
        {"client_id": stale, "kind": "cv_support", "occurred_on": "2023-01-10"},
    )
    assert sds.push_one(note)["status"] == "applied"
    recent_but_old_person, _ = sds.create_client(first_name="Still", last_name="Active")
    current, _ = sds.create_client(first_name="New", last_name="Person")
    _age(server.database_url, stale, days=800)
    _age(server.database_url, recent_but_old_person, days=800)
    # An engagement last week is activity: that person is kept.
    fresh = sds.upsert(
        "engagement",
        new_id(),
        {"client_id": recent_but_old_person, "kind": "job_search", "occurred_on": "2026-11-20"},
    )
    assert sds.push_one(fresh)["status"] == "applied"

    dry = server.cli("retention", "--months", "24", "--dry-run")
    planned = json.loads(dry.stdout)
    assert planned["applied"] is False
    assert stale in planned["people"]
    assert recent_but_old_person not in planned["people"]
    assert current not in planned["people"]
    applied = json.loads(server.cli("retention", "--months", "24", "--apply").stdout)
    assert applied["applied"] is True
    assert (applied["people"], applied["removed"]) == (planned["people"], planned["removed"])
    assert applied["removed"]["engagement"] >= 1
    for personal in ("Elspeth", "Oldrecord"):
        assert personal not in dry.stdout
    # Erased: gone for every partner; nothing left for the rule to find.
    items, _ = devices.new("dwp.adviser").pull()
    assert stale not in items or items[stale].get("revoked")
    again = json.loads(server.cli("retention", "--months", "24", "--dry-run").stdout)
    assert stale not in again["people"]
    kept, _ = devices.new("demo.adviser").pull()
    assert {recent_but_old_person, current} <= kept.keys()


def test_the_rule_must_be_given(server: LiveServer) -> None:
    unset = server.cli("retention", "--dry-run", check=False)
    assert unset.returncode != 0
    assert "PACE_RETENTION_MONTHS" in unset.stderr
    assert server.cli("retention", "--months", "0", "--apply", check=False).returncode != 0
    assert server.cli("retention", "--months", "6", check=False).returncode != 0  # no mode
