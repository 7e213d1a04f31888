"""Security: sharing follows consent, always (issue 8; decisions.md #7), over HTTP against a real
server on SQLite and PostgreSQL.

A person's record is visible to its owner partner and the partners in its ``share_with`` and to
nobody else: a referral never widens that. A referral outside consent is refused ``forbidden``;
the owner may widen consent and refer in one push (consent first); narrowing consent revokes
every partner no longer covered, referral receivers included. Conflict listings follow the same
sight, and deleting a record closes its conflicts and drops the values they hold."""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import DEMO_PASSWORD, LiveServer

CONFLICTS = "/api/v1/conflicts"


@pytest.fixture(scope="module")
def dwp_lead(server: LiveServer, devices: Devices) -> Device:
    """A team lead of DWP (the demo seed has none), to review DWP's conflicts."""
    server.cli(
        "create-user", "dwp.lead", "--partner", "DWP", "--role", "team_lead",
        "--display-name", "DWP Lead", "--password-stdin", stdin=DEMO_PASSWORD,
    )  # fmt: skip
    return devices["dwp.lead"]


def _referral(device: Device, client_id: str, to_partner: str) -> tuple[str, dict[str, Any]]:
    referral_id = new_id()
    fields = {"client_id": client_id, "to_partner": to_partner, "reason": "Housing advice"}
    return referral_id, device.upsert("referral", referral_id, fields)


def _child(device: Device, record_type: str, client_id: str) -> tuple[str, dict[str, Any]]:
    record_id = new_id()
    fields: dict[str, Any] = (
        {"client_id": client_id, "kind": "one_to_one", "occurred_on": "2026-11-21"}
        if record_type == "engagement"
        else {"client_id": client_id, "status": "training", "recorded_on": "2026-11-25"}
    )
    return record_id, device.upsert(record_type, record_id, fields)


def _visible(device: Device) -> set[str]:
    items, _ = device.pull()
    return {rid for rid, item in items.items() if not item.get("revoked")}


def _statuses(results: list[dict[str, Any]]) -> list[str]:
    return [r["status"] for r in results]


# --- referrals need consent -------------------------------------------------------------------


def test_a_referral_outside_consent_is_forbidden_and_gives_no_sight(devices: Devices) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["DWP"])
    engagement_id, engagement = _child(alice, "engagement", client_id)
    referral_id, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    fine_id, fine = _referral(alice, client_id, "DWP")
    results = alice.push(engagement, referral, fine)
    assert _statuses(results) == ["applied", "rejected", "applied"]
    assert results[1]["reason"] == "forbidden"
    assert "consent" in results[1]["detail"]
    assert "first" in results[1]["detail"]
    # FIFE sees nothing of the person: not the person, the engagement or either referral.
    assert not {client_id, engagement_id, referral_id, fine_id} & _visible(fife)
    assert referral_id not in _visible(alice)


def test_consent_for_all_covers_a_referral_to_any_partner(devices: Devices) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["ALL"])
    referral_id, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    assert alice.push_one(referral)["status"] == "applied"
    assert {client_id, referral_id} <= _visible(fife)


def test_a_referral_to_the_owner_is_always_within_consent(devices: Devices) -> None:
    alice, dwp, fife = devices["demo.adviser"], devices["dwp.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["DWP"])
    back_id, back = _referral(dwp, client_id, "SDS")
    onward_id, onward = _referral(dwp, client_id, "FIFE_COUNCIL")
    results = dwp.push(back, onward)
    assert _statuses(results) == ["applied", "rejected"]
    assert results[1]["reason"] == "forbidden"
    assert back_id in _visible(alice)
    assert not {client_id, back_id, onward_id} & _visible(fife)


def test_changing_a_referrals_partner_is_checked_against_consent(devices: Devices) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["DWP"])
    referral_id, referral = _referral(alice, client_id, "DWP")
    assert alice.push_one(referral)["status"] == "applied"
    move = alice.upsert(
        "referral", referral_id, {"to_partner": "FIFE_COUNCIL"},
        base={"to_partner": referral["hlc"]},
    )  # fmt: skip
    result = alice.push_one(move)
    assert (result["status"], result["reason"]) == ("rejected", "forbidden")
    assert alice.record(referral_id)["fields"]["to_partner"] == "DWP"  # type: ignore[index]
    assert not {client_id, referral_id} & _visible(fife)


# --- only the owner changes consent -----------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"share_with": ["DWP", "FIFE_COUNCIL"]},
        {"share_with": ["ALL"]},
        {"consent_recorded_at": "2026-11-27T09:00:00Z"},
    ],
)
def test_only_the_owner_changes_consent(devices: Devices, fields: dict[str, Any]) -> None:
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    client_id, _ = alice.create_client(
        share_with=["DWP"], consent_recorded_at="2026-11-20T09:00:00Z"
    )
    before = alice.record(client_id)
    dwp.pull()
    result = dwp.push_one(dwp.upsert("client", client_id, fields, base=dict.fromkeys(fields)))
    assert (result["status"], result["reason"]) == ("rejected", "forbidden")
    assert alice.record(client_id) == before


def test_the_owner_widens_consent_and_refers_in_one_push(devices: Devices) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, h0 = alice.create_client(share_with=["DWP"])
    _, fife_cursor = fife.pull()
    widen = alice.upsert(
        "client",
        client_id,
        {"share_with": ["DWP", "FIFE_COUNCIL"], "consent_recorded_at": "2026-11-27T10:00:00Z"},
        base={"share_with": h0, "consent_recorded_at": None},
    )
    referral_id, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    assert _statuses(alice.push(widen, referral)) == ["applied", "applied"]
    changed, _ = fife.pull(fife_cursor)
    assert {client_id, referral_id} <= set(changed)
    assert changed[client_id]["fields"]["share_with"] == ["DWP", "FIFE_COUNCIL"]


def test_the_referral_before_the_consent_in_one_push_is_refused(devices: Devices) -> None:
    """Consent first: a batch is applied in order, so a referral sent ahead of the consent
    that would cover it is outside consent when it is applied."""
    alice = devices["demo.adviser"]
    client_id, h0 = alice.create_client()
    _, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    widen = alice.upsert(
        "client", client_id, {"share_with": ["FIFE_COUNCIL"]}, base={"share_with": h0}
    )
    results = alice.push(referral, widen)
    assert _statuses(results) == ["rejected", "applied"]
    assert results[0]["reason"] == "forbidden"


# --- narrowing consent revokes everyone it no longer covers -----------------------------------


def test_narrowing_consent_revokes_the_referral_receiver(devices: Devices) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, h0 = alice.create_client(share_with=["FIFE_COUNCIL"])
    engagement_id, engagement = _child(alice, "engagement", client_id)
    referral_id, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    assert _statuses(alice.push(engagement, referral)) == ["applied", "applied"]
    # The receiver works with the person: accepts the referral, records an outcome and a session.
    accept = fife.upsert("referral", referral_id, {"status": "accepted"}, base={"status": None})
    outcome_id, outcome = _child(fife, "outcome", client_id)
    own_id, own = _child(fife, "engagement", client_id)
    assert _statuses(fife.push(accept, outcome, own)) == ["applied"] * 3
    family = {client_id, engagement_id, referral_id, outcome_id, own_id}
    _, fife_cursor = fife.pull()

    narrow = alice.upsert("client", client_id, {"share_with": []}, base={"share_with": h0})
    assert alice.push_one(narrow)["status"] == "applied"

    changed, _ = fife.pull(fife_cursor)
    for record_id in family:
        assert changed.get(record_id) == {"record_id": record_id, "revoked": True}, record_id
    assert not family & _visible(fife)
    # ...and the receiver can no longer write to any of it, its own records included.
    late = fife.upsert("outcome", outcome_id, {"months_after": 3}, base={"months_after": None})
    note = fife.upsert("engagement", own_id, {"notes": "after"}, base={"notes": None})
    status = fife.upsert("referral", referral_id, {"status": "completed"}, base={"status": None})
    results = fife.push(late, note, status)
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "forbidden")] * 3
    # The owner keeps everything.
    assert family <= _visible(alice)


def test_narrowing_consent_of_a_person_with_many_records_revokes_them_all(
    devices: Devices,
) -> None:
    """More records than one IN-list chunk (500): every one moves, none is left visible."""
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    client_id, h0 = alice.create_client(share_with=["DWP"])
    engagements = [_child(alice, "engagement", client_id) for _ in range(1_100)]
    for start in range(0, len(engagements), 550):
        batch = [change for _, change in engagements[start : start + 550]]
        assert set(_statuses(alice.push(*batch))) == {"applied"}
    family = {client_id, *(record_id for record_id, _ in engagements)}
    assert family <= _visible(dwp)
    _, cursor = dwp.pull()

    narrow = alice.upsert("client", client_id, {"share_with": []}, base={"share_with": h0})
    assert alice.push_one(narrow)["status"] == "applied"

    changed, _ = dwp.pull(cursor)
    assert {rid for rid, item in changed.items() if item.get("revoked")} == family
    assert not family & _visible(dwp)
    widen = alice.upsert("client", client_id, {"share_with": ["DWP"]}, base={"share_with": None})
    widen["base"] = {"share_with": narrow["hlc"]}
    assert alice.push_one(widen)["status"] == "applied"
    assert family <= _visible(dwp)


def test_deleting_a_referral_neither_gives_nor_takes_sight(devices: Devices) -> None:
    """Sight comes from consent alone: the receiver keeps the person while consent covers it."""
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["FIFE_COUNCIL"])
    referral_id, referral = _referral(alice, client_id, "FIFE_COUNCIL")
    assert alice.push_one(referral)["status"] == "applied"
    assert alice.push_one(alice.delete("referral", referral_id))["status"] == "applied"
    assert client_id in _visible(fife)


# --- conflicts follow sight, and deletion -----------------------------------------------------


def _conflict_on(
    first: Device, second: Device, record_type: str, record_id: str, field: str
) -> str:
    """Two concurrent edits of ``field`` (neither device saw the other's); the conflict id."""
    one = first.upsert(record_type, record_id, {field: "First value"}, base={field: None})
    two = second.upsert(record_type, record_id, {field: "Second value"}, base={field: None})
    assert first.push_one(one)["status"] == "applied"
    result = second.push_one(two)
    assert result["status"] == "conflict", result
    return str(result["conflict_id"])


def _listed(lead: Device, status: str = "all") -> dict[str, dict[str, Any]]:
    response = lead.api.request("GET", CONFLICTS, params={"status": status, "limit": 1000})
    assert response.status_code == 200, response.text
    return {c["id"]: c for c in response.json()["items"]}


def test_conflicts_of_records_the_partner_no_longer_sees_are_not_listed(
    devices: Devices, dwp_lead: Device
) -> None:
    alice = devices["demo.adviser"]
    dwp_one, dwp_two = devices["dwp.adviser"], devices.new("dwp.adviser")
    client_id, h0 = alice.create_client(share_with=["DWP"])
    engagement_id, engagement = _child(dwp_one, "engagement", client_id)
    assert dwp_one.push_one(engagement)["status"] == "applied"
    conflict_id = _conflict_on(dwp_one, dwp_two, "engagement", engagement_id, "notes")
    listed = _listed(dwp_lead, "open")[conflict_id]
    assert {listed["winner"]["value"], listed["loser"]["value"]} == {"First value", "Second value"}

    narrow = alice.upsert("client", client_id, {"share_with": []}, base={"share_with": h0})
    assert alice.push_one(narrow)["status"] == "applied"

    assert engagement_id not in {c["record_id"] for c in _listed(dwp_lead).values()}
    assert conflict_id not in _listed(dwp_lead)
    answer = dwp_lead.api.request(
        "POST", f"{CONFLICTS}/{conflict_id}/resolve", json={"keep": "winner"}
    )
    assert_error(answer, 404, "not_found")


def test_deleting_a_record_closes_its_conflicts_and_drops_their_values(
    devices: Devices,
) -> None:
    alice, alice_two, lead = (
        devices["demo.adviser"],
        devices.new("demo.adviser"),
        devices["demo.lead"],
    )
    client_id, _ = alice.create_client()
    open_id = _conflict_on(alice, alice_two, "client", client_id, "occupation")
    resolved_id = _conflict_on(alice, alice_two, "client", client_id, "last_name")
    answer = lead.api.request("POST", f"{CONFLICTS}/{resolved_id}/resolve", json={"keep": "winner"})
    assert answer.status_code == 200, answer.text
    assert open_id in _listed(lead, "open")

    alice.pull()
    assert alice.push_one(alice.delete("client", client_id))["status"] == "applied"

    assert open_id not in _listed(lead, "open")
    everything = _listed(lead)
    for conflict_id in (open_id, resolved_id):
        closed = everything[conflict_id]
        assert closed["status"] == "resolved"
        assert closed["winner"]["value"] is None, closed
        assert closed["loser"]["value"] is None, closed
    assert everything[open_id]["resolution"] == "deleted"
    assert everything[resolved_id]["resolution"] == "winner"  # how it was resolved stands
    again = lead.api.request("POST", f"{CONFLICTS}/{open_id}/resolve", json={"keep": "loser"})
    assert again.status_code == 409, again.text

    # An edit that arrives after the delete changes nothing and holds no value either.
    late = alice_two.upsert("client", client_id, {"phone": "0131 496 0999"}, base={"phone": None})
    result = alice_two.push_one(late)
    assert result["status"] == "conflict"
    kept = _listed(lead)[result["conflict_id"]]
    assert kept["status"] == "resolved"
    assert (kept["winner"]["value"], kept["loser"]["value"]) == (None, None)


# --- databases from before the consent rule ---------------------------------------------------


def test_reapplying_consent_revokes_sight_a_referral_gave_before_the_rule(
    server: LiveServer, devices: Devices
) -> None:
    """A database written when a referral also gave sight holds access rows consent does not
    cover. Re-applying consent (an idempotent upgrade step) revokes them."""
    from sqlalchemy import delete, insert

    from sync_server.db import Database
    from sync_server.sync.data_upgrades import CONSENT_ONLY_SIGHT
    from sync_server.sync.models import RecordAccess, ServerMeta
    from sync_server.sync.push import reapply_consent

    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    client_id, _ = alice.create_client(share_with=["DWP"])
    engagement_id, engagement = _child(alice, "engagement", client_id)
    assert alice.push_one(engagement)["status"] == "applied"
    database = Database(server.database_url)
    try:
        with database.write_session() as session:  # what the old referral rule left behind
            session.execute(
                insert(RecordAccess),
                [
                    {"record_id": r, "partner_code": "FIFE_COUNCIL"}
                    for r in (client_id, engagement_id)
                ],
            )
        _, fife_cursor = fife.pull()
        assert {client_id, engagement_id} <= _visible(fife)

        # The upgrade runs the step once, at the next `init` (or `serve`) of an old database.
        with database.write_session() as session:
            session.execute(delete(ServerMeta).where(ServerMeta.key == CONSENT_ONLY_SIGHT))
        server.cli("init")
        changed, _ = fife.pull(fife_cursor)
        for record_id in (client_id, engagement_id):
            assert changed.get(record_id) == {"record_id": record_id, "revoked": True}
        assert not {client_id, engagement_id} & _visible(fife)
        assert {client_id, engagement_id} <= _visible(devices["dwp.adviser"])
        assert reapply_consent(database) == 0
    finally:
        database.engine.dispose()
