"""Merging duplicate people across partners (issue 11), over a real server on SQLite and
PostgreSQL: a team lead merges two records both visible to their partner; the merged record's
engagements, referrals and outcomes move to the survivor and pull delivers the moves; the old
id redirects (a late edit pushed against it lands on the survivor); a merge can be undone; a
merge never widens who sees data; everything is audited; merged pairs leave the duplicates
list."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from sync_server.db import Database
from sync_server.linkage.models import DuplicatePair
from sync_server.linkage.service import person_keys
from sync_server.sync.push import MERGED_OUT_OF_SIGHT_DETAIL
from sync_server.timeutil import utcnow
from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import DEMO_PASSWORD, LiveServer

MERGES = "/api/v1/merges"


def _user(server: LiveServer, devices: Devices, partner: str, role: str) -> Device:
    username = f"merge.{role}.{partner.lower()}.{uuid.uuid4().hex[:6]}"
    server.cli(
        "create-user", username, "--partner", partner, "--role", role,
        "--display-name", "Merge Test", "--password-stdin", stdin=DEMO_PASSWORD,
    )  # fmt: skip
    return devices[username]


@pytest.fixture(scope="module")
def users(server: LiveServer, devices: Devices) -> dict[str, Device]:
    return {
        "sds": devices["demo.adviser"],
        "sds_lead": devices["demo.lead"],
        "sds_admin": devices["demo.admin"],
        "dwp": devices["dwp.adviser"],
        "dwp_lead": _user(server, devices, "DWP", "team_lead"),
        "fife": devices["fife.adviser"],
        "fife_lead": _user(server, devices, "FIFE_COUNCIL", "team_lead"),
    }


@pytest.fixture(scope="module")
def database(server: LiveServer) -> Iterator[Database]:
    db = Database(server.database_url)
    yield db
    db.dispose()


def _merge(lead: Device, survivor: str, merged: str) -> Any:
    return lead.api.request("POST", MERGES, json={"survivor_id": survivor, "merged_id": merged})


def _child(device: Device, kind: str, client_id: str, **fields: Any) -> str:
    record_id = new_id()
    values: dict[str, Any] = {"client_id": client_id, **fields}
    if kind == "engagement":
        values = {"kind": "one_to_one", "occurred_on": "2026-11-02", **values}
    elif kind == "outcome":
        values = {"status": "employed", "recorded_on": "2026-11-20", **values}
    result = device.push_one(device.upsert(kind, record_id, values))
    assert result["status"] == "applied", result
    return record_id


@pytest.fixture
def pair(users: dict[str, Device]) -> dict[str, str]:
    """One person recorded twice: by DWP (shared with SDS) and by SDS (shared with DWP and
    the council), with an engagement, a referral and an outcome on SDS's record."""
    survivor, _ = users["dwp"].create_client(
        first_name="Ailsa", last_name="Merge", date_of_birth="1984-03-01", share_with=["SDS"]
    )
    merged, _ = users["sds"].create_client(
        first_name="Ailsa",
        last_name="Merge",
        phone="07700 900001",
        share_with=["DWP", "FIFE_COUNCIL"],
    )
    return {
        "survivor": survivor,
        "merged": merged,
        "engagement": _child(users["sds"], "engagement", merged),
        "referral": _child(users["sds"], "referral", merged, to_partner="DWP"),
        "outcome": _child(users["sds"], "outcome", merged),
    }


def test_merge_moves_children_and_every_device_hears_of_it(
    users: dict[str, Device], pair: dict[str, str]
) -> None:
    _, dwp_cursor = users["dwp"].pull()
    _, fife_cursor = users["fife"].pull()
    answer = _merge(users["sds_lead"], pair["survivor"], pair["merged"])
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["survivor_id"] == pair["survivor"]
    assert body["merged_id"] == pair["merged"]
    assert body["merged_by"] == "demo.lead"
    assert body["undone_at"] is None
    assert body["moved"] == {"engagement": 1, "outcome": 1, "referral": 1}

    changed, _ = users["dwp"].pull(dwp_cursor)
    gone = changed[pair["merged"]]
    assert gone["deleted"] is True
    assert gone["merged_into"] == pair["survivor"]
    assert gone["fields"] == {}  # no values travel with the redirect
    for kind in ("engagement", "referral", "outcome"):
        item = changed[pair[kind]]
        assert item["fields"]["client_id"] == pair["survivor"], kind
        assert item["deleted"] is False
    # The council saw the merged record but may not see the survivor: it is told of the merge
    # and loses the moved records (the survivor's consent does not cover it).
    fife_changed, _ = users["fife"].pull(fife_cursor)
    assert fife_changed[pair["merged"]]["merged_into"] == pair["survivor"]
    assert pair["survivor"] not in fife_changed
    for kind in ("engagement", "referral", "outcome"):
        assert fife_changed[pair[kind]] == {"record_id": pair[kind], "revoked": True}, kind
    # A late edit of the person, or a new engagement for them, from the council is refused
    # with the reason (it was told of the merge), not as if the record were unknown.
    fife = users["fife"]
    late = fife.upsert("client", pair["merged"], {"occupation": "Welder"})
    engagement = {"client_id": pair["merged"], "kind": "other", "occurred_on": "2026-11-03"}
    for refused in fife.push(late, fife.upsert("engagement", new_id(), engagement)):
        assert (refused["status"], refused["reason"]) == ("rejected", "forbidden"), refused
        assert refused["detail"] == MERGED_OUT_OF_SIGHT_DETAIL

    listed = users["sds_lead"].api.request("GET", MERGES).json()["items"]
    assert listed[0] == body
    # The council's lead cannot see the survivor, so the merge is not theirs to see.
    fife_list = users["fife_lead"].api.request("GET", MERGES).json()["items"]
    assert body["merge_id"] not in {m["merge_id"] for m in fife_list}
    assert_error(_merge(users["sds_lead"], pair["survivor"], pair["merged"]), 409, "already_merged")
    assert_error(_merge(users["sds_lead"], pair["merged"], pair["survivor"]), 409, "already_merged")


def test_a_late_edit_against_the_old_id_lands_on_the_survivor(
    users: dict[str, Device], devices: Devices, pair: dict[str, str]
) -> None:
    offline = devices.new("demo.adviser")  # a second laptop that last synced before the merge
    seen, _ = offline.pull()
    before = seen[pair["merged"]]["versions"]
    assert _merge(users["sds_lead"], pair["survivor"], pair["merged"]).status_code == 201

    edit = offline.upsert(
        "client", pair["merged"], {"occupation": "Welder"}, base={"occupation": None}
    )
    late_engagement = new_id()
    create = offline.upsert(
        "engagement",
        late_engagement,
        {"client_id": pair["merged"], "kind": "cv_support", "occurred_on": "2026-11-25"},
    )
    stale_phone = offline.upsert(
        "client", pair["merged"], {"phone": "07700 900999"}, base={"phone": before["phone"]}
    )
    # A field both records hold: the old record's base does not match the survivor's value,
    # so the edit is concurrent with it and a conflict is recorded on the survivor.
    clash = offline.upsert(
        "client",
        pair["merged"],
        {"first_name": "Aileas"},
        base={"first_name": before["first_name"]},
    )
    delete = offline.delete("client", pair["merged"])
    results = offline.push(edit, create, stale_phone, delete, clash)
    assert results[0] == {
        "change_id": edit["change_id"],
        "status": "applied",
        "redirected_to": pair["survivor"],
    }
    assert results[1]["status"] == "applied", results[1]
    # The survivor never had a phone: the old record's base does not match, but a field new
    # to the survivor simply fast-forwards.
    assert results[2]["status"] == "applied", results[2]
    assert results[2]["redirected_to"] == pair["survivor"]
    # A queued delete of the old id is acknowledged and deletes nothing.
    assert results[3] == {"change_id": delete["change_id"], "status": "applied"}
    assert results[4]["status"] == "conflict", results[4]
    assert results[4]["redirected_to"] == pair["survivor"]
    conflicts = users["dwp_lead"].api.request("GET", "/api/v1/conflicts", params={"status": "open"})
    assert conflicts.status_code == 200, conflicts.text
    (conflict,) = [c for c in conflicts.json()["items"] if c["id"] == results[4]["conflict_id"]]
    assert (conflict["record_id"], conflict["field"]) == (pair["survivor"], "first_name")

    # Another partner's device reads the outcome: all of it is on the survivor.
    state, _ = users["dwp"].pull()
    survivor = state[pair["survivor"]]
    assert survivor["deleted"] is False
    assert survivor["fields"]["occupation"] == "Welder"
    assert survivor["fields"]["phone"] == "07700 900999"
    assert survivor["fields"]["first_name"] == "Aileas"  # the later edit wins, as ever
    assert survivor["fields"]["date_of_birth"] == "1984-03-01"  # the survivor's own value
    assert state[late_engagement]["fields"]["client_id"] == pair["survivor"]
    assert state[pair["merged"]]["merged_into"] == pair["survivor"]


def test_undo_brings_the_person_and_their_records_back(
    users: dict[str, Device], devices: Devices, pair: dict[str, str], database: Database
) -> None:
    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    late_engagement = _child(users["sds"], "engagement", pair["merged"])  # redirected
    _, fife_cursor = users["fife"].pull()
    undo = users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert undo.status_code == 200, undo.text
    body = undo.json()
    assert body["undone_at"] is not None
    assert {k: v for k, v in body.items() if k != "undone_at"} == {
        k: v for k, v in merged.items() if k != "undone_at"
    }

    fresh = devices.new("dwp.adviser")
    state, _ = fresh.pull()
    back = state[pair["merged"]]
    assert back["deleted"] is False
    assert "merged_into" not in back
    assert back["fields"]["phone"] == "07700 900001"
    assert back["fields"]["share_with"] == ["DWP", "FIFE_COUNCIL"]
    for kind in ("engagement", "referral", "outcome"):
        assert state[pair[kind]]["fields"]["client_id"] == pair["merged"], kind
    # Made while merged, against the old id: it stays with the survivor (documented).
    assert state[late_engagement]["fields"]["client_id"] == pair["survivor"]
    # The council sees the person and the moved-back records again.
    fife_changed, _ = users["fife"].pull(fife_cursor)
    assert fife_changed[pair["merged"]]["deleted"] is False
    for kind in ("engagement", "referral", "outcome"):
        assert fife_changed[pair[kind]]["fields"]["client_id"] == pair["merged"], kind

    again = users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert_error(again, 409, "already_undone")
    # Merging again after the undo works like the first time.
    assert _merge(users["sds_lead"], pair["survivor"], pair["merged"]).status_code == 201


def test_merges_and_undos_are_audited_with_ids_only(
    users: dict[str, Device], pair: dict[str, str]
) -> None:
    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    admin = users["sds_admin"].api
    for action in ("person.merged", "person.merge_undone"):
        events = admin.request(
            "GET", "/api/v1/admin/audit", params={"record_id": pair["merged"], "action": action}
        ).json()["items"]
        assert len(events) == 1, action
        event = events[0]
        assert event["username"] == "demo.lead"
        assert event["detail"]["merge_id"] == merged["merge_id"]
        assert event["detail"]["survivor_id"] == pair["survivor"]
        assert event["detail"]["moved"] == {"engagement": 1, "outcome": 1, "referral": 1}
        assert "Ailsa" not in str(event)
        assert "07700" not in str(event)


def test_a_merge_never_widens_who_sees_the_records(users: dict[str, Device]) -> None:
    wide, _ = users["dwp"].create_client(share_with=["SDS", "FIFE_COUNCIL"])
    narrow, _ = users["sds"].create_client(share_with=["DWP"])
    engagement = _child(users["sds"], "engagement", narrow)
    # Keeping the wider record would show the narrow one's engagement to the council.
    body = assert_error(_merge(users["sds_lead"], wide, narrow), 409, "consent_wider")
    assert "other way round" in body["detail"]
    # The other way round is fine: the council loses sight of nothing it could not see.
    answer = _merge(users["sds_lead"], narrow, wide)
    assert answer.status_code == 201, answer.text
    state, _ = users["dwp"].pull()
    assert state[engagement]["fields"]["client_id"] == narrow


def test_who_may_merge_what(users: dict[str, Device]) -> None:
    hidden, _ = users["dwp"].create_client()  # DWP's alone: SDS cannot see it
    mine, _ = users["sds"].create_client()
    other_mine, _ = users["sds"].create_client()
    missing = new_id()
    lead = users["sds_lead"]
    not_visible = assert_error(_merge(lead, mine, hidden), 404, "not_found")
    not_there = assert_error(_merge(lead, mine, missing), 404, "not_found")
    assert not_visible == not_there  # the same answer whether it exists or not
    assert_error(_merge(lead, hidden, mine), 404, "not_found")
    assert_error(_merge(lead, mine, mine), 400, "invalid_request")
    engagement = _child(users["sds"], "engagement", mine)
    assert_error(_merge(lead, mine, engagement), 400, "invalid_request")
    assert_error(_merge(users["sds"], mine, other_mine), 403, "forbidden")  # an adviser
    assert_error(
        users["sds_lead"].api.request("POST", f"{MERGES}/{new_id()}/undo"), 404, "not_found"
    )
    # An undo of a merge whose people another partner cannot see answers as if unknown.
    done = _merge(lead, mine, other_mine).json()
    assert_error(
        users["dwp_lead"].api.request("POST", f"{MERGES}/{done['merge_id']}/undo"),
        404,
        "not_found",
    )
    # A change to a merged-away record the partner cannot see is answered as for any
    # hidden record, and so is a child naming it.
    dwp = users["dwp"]
    (edit,) = dwp.push(dwp.upsert("client", other_mine, {"occupation": "Joiner"}))
    assert (edit["status"], edit["reason"]) == ("rejected", "forbidden"), edit
    child = dwp.upsert(
        "engagement",
        new_id(),
        {"client_id": other_mine, "kind": "other", "occurred_on": "2026-11-01"},
    )
    (refused,) = dwp.push(child)
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden"), refused


def test_merged_pairs_leave_the_duplicates_list(
    users: dict[str, Device], pair: dict[str, str], database: Database
) -> None:
    with database.session() as session:
        first, second = sorted((pair["survivor"], pair["merged"]))
        session.add(
            DuplicatePair(
                record_id_1=first,
                record_id_2=second,
                match_probability=0.97,
                match_weight=9.0,
                linked_at=utcnow(),
            )
        )

    def listed() -> bool:
        answer = users["sds_lead"].api.request("GET", "/api/v1/duplicates", params={"limit": 1000})
        assert answer.status_code == 200, answer.text
        return any(
            {i["record_id_1"], i["record_id_2"]} == {first, second} for i in answer.json()["items"]
        )

    def counted() -> bool:  # the people statistics count (linkage's person keys)
        with database.session() as session:
            return pair["merged"] in person_keys(session)

    assert listed()
    assert counted()
    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    assert not listed()
    assert not counted()
    users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert listed()
    assert counted()


def test_compaction_keeps_a_merged_away_person_so_the_merge_can_be_undone(
    server: LiveServer, users: dict[str, Device], pair: dict[str, str]
) -> None:
    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    server.cli("compact-tombstones", "--older-than-days", "0")
    # Still redirecting after compaction: a late edit of the old id lands on the survivor.
    dwp = users["dwp"]
    (late,) = dwp.push(dwp.upsert("client", pair["merged"], {"occupation": "Plumber"}))
    assert late["redirected_to"] == pair["survivor"]
    undo = users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert undo.status_code == 200, undo.text
    state, _ = users["sds"].pull()
    assert state[pair["merged"]]["fields"]["first_name"] == "Ailsa"


def test_erasing_the_survivor_erases_the_records_merged_into_it(
    server: LiveServer, users: dict[str, Device], pair: dict[str, str]
) -> None:
    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    server.cli("erase", pair["survivor"])
    # One human: nothing of either record is left, and the merge cannot bring one back.
    state, _ = users["sds"].pull()
    for record_id in pair.values():
        assert state[record_id] == {"record_id": record_id, "revoked": True, "erased": True}
    undo = users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert_error(undo, 404, "not_found")
    sds = users["sds"]
    (late,) = sds.push(sds.upsert("client", pair["merged"], {"occupation": "Joiner"}))
    assert (late["status"], late["reason"]) == ("rejected", "erased"), late


def test_erasing_a_merged_away_id_leaves_the_survivor(
    server: LiveServer, users: dict[str, Device], pair: dict[str, str]
) -> None:
    _merge(users["sds_lead"], pair["survivor"], pair["merged"])
    server.cli("erase", pair["merged"])
    state, _ = users["dwp"].pull()
    assert state[pair["merged"]] == {"record_id": pair["merged"], "revoked": True, "erased": True}
    assert state[pair["survivor"]]["deleted"] is False
    for kind in ("engagement", "referral", "outcome"):
        assert state[pair[kind]]["fields"]["client_id"] == pair["survivor"], kind


def test_merge_and_unmerge_from_the_command_line(
    server: LiveServer, users: dict[str, Device], pair: dict[str, str]
) -> None:
    """The operator acts for one partner, with that partner's sight and the same rules."""
    import json

    hidden = server.cli(
        "merge", pair["survivor"], pair["merged"], "--partner", "FIFE_COUNCIL", check=False
    )
    assert hidden.returncode != 0
    assert hidden.stderr.count("\n") == 1  # one line, naming nothing the council cannot see
    assert "not_found" in hidden.stderr

    done = json.loads(
        server.cli("merge", pair["survivor"], pair["merged"], "--partner", "SDS").stdout
    )
    assert done["moved"] == {"engagement": 1, "outcome": 1, "referral": 1}
    assert done["merged_by"] == "operator (command line)"
    listed = json.loads(server.cli("merges", "--partner", "SDS").stdout)
    assert listed[0]["merge_id"] == done["merge_id"]
    again = server.cli("merge", pair["survivor"], pair["merged"], "--partner", "SDS", check=False)
    assert again.returncode != 0
    assert "already_merged" in again.stderr

    undone = json.loads(server.cli("unmerge", done["merge_id"], "--partner", "SDS").stdout)
    assert undone["undone_at"] is not None
    items, _ = users["sds"].pull()
    assert items[pair["merged"]]["deleted"] is False
    assert items[pair["engagement"]]["fields"]["client_id"] == pair["merged"]


def test_statistics_facts_follow_a_merge_and_its_undo(
    users: dict[str, Device], pair: dict[str, str], database: Database
) -> None:
    """The statistics count the merged-away person no more, count the moved records under the
    survivor, and count both again after an undo (the facts table stays in step)."""
    from tests.server.test_stats_facts import _assert_in_step

    merged = _merge(users["sds_lead"], pair["survivor"], pair["merged"]).json()
    facts = _assert_in_step(database)
    assert pair["merged"] not in facts
    assert facts[pair["engagement"]]["client_id"] == pair["survivor"]
    undo = users["sds_lead"].api.request("POST", f"{MERGES}/{merged['merge_id']}/undo")
    assert undo.status_code == 200, undo.text
    facts = _assert_in_step(database)
    assert pair["merged"] in facts
    assert facts[pair["engagement"]]["client_id"] == pair["merged"]


def _conflicts(lead: Device, status: str) -> dict[str, dict[str, Any]]:
    answer = lead.api.request("GET", "/api/v1/conflicts", params={"status": status, "limit": 1000})
    assert answer.status_code == 200, answer.text
    return {c["id"]: c for c in answer.json()["items"]}


def _conflict_events(admin: Device, record_id: str, action: str) -> list[dict[str, Any]]:
    answer = admin.api.request(
        "GET", "/api/v1/admin/audit", params={"record_id": record_id, "action": action}
    )
    assert answer.status_code == 200, answer.text
    return [item["detail"] for item in answer.json()["items"]]


def test_a_merge_closes_the_merged_records_conflicts_and_undo_reopens_them(
    users: dict[str, Device], pair: dict[str, str]
) -> None:
    """A conflict left open on a merged-away record could never be resolved (its record is
    out of use); the merge closes it as ``merged`` and an undo opens it again."""
    sds, lead = users["sds"], users["sds_lead"]
    first = sds.upsert(
        "client", pair["merged"], {"occupation": "Welder"}, base={"occupation": None}
    )
    second = lead.upsert(
        "client", pair["merged"], {"occupation": "Fabricator"}, base={"occupation": None}
    )
    assert sds.push_one(first)["status"] == "applied"
    conflict = lead.push_one(second)
    assert conflict["status"] == "conflict", conflict
    conflict_id = str(conflict["conflict_id"])
    assert conflict_id in _conflicts(lead, "open")

    merged = _merge(lead, pair["survivor"], pair["merged"])
    assert merged.status_code == 201, merged.text
    assert conflict_id not in _conflicts(lead, "open")
    closed = _conflicts(lead, "resolved")[conflict_id]
    assert (closed["resolution"], closed["resolved_by"]) == ("merged", lead.username)
    merge_id = merged.json()["merge_id"]
    assert _conflict_events(users["sds_admin"], pair["merged"], "conflict.resolved") == [
        {"conflict_id": conflict_id, "keep": "merged", "merge_id": merge_id}
    ]

    undo = lead.api.request("POST", f"{MERGES}/{merge_id}/undo")
    assert undo.status_code == 200, undo.text
    reopened = _conflicts(lead, "open")[conflict_id]
    assert (reopened["resolution"], reopened["resolved_by"]) == (None, None)
    assert _conflict_events(users["sds_admin"], pair["merged"], "conflict.reopened") == [
        {"conflict_id": conflict_id, "keep": "merged", "merge_id": merge_id}
    ]
    answer = lead.api.request(
        "POST", f"/api/v1/conflicts/{conflict_id}/resolve", json={"keep": "loser"}
    )
    assert answer.status_code == 200, answer.text


def test_upgrading_closes_conflicts_left_open_by_earlier_merges(
    server: LiveServer, users: dict[str, Device], pair: dict[str, str], database: Database
) -> None:
    """A database merged by the release before merges closed conflicts: the conflict is open
    on a merged-away record. Upgrading (``init``) closes it as that merge would have."""
    sds, lead = users["sds"], users["sds_lead"]
    first = sds.upsert("client", pair["merged"], {"postcode": "KY1 1AA"}, base={"postcode": None})
    second = lead.upsert("client", pair["merged"], {"postcode": "KY2 2BB"}, base={"postcode": None})
    assert sds.push_one(first)["status"] == "applied"
    conflict_id = str(lead.push_one(second)["conflict_id"])
    assert _merge(lead, pair["survivor"], pair["merged"]).status_code == 201
    with database.session() as session:  # as the previous release left it
        session.execute(
            text(
                "UPDATE conflicts SET status = 'open', resolution = NULL, resolved_at = NULL, "
                "resolved_by = NULL WHERE id = :id"
            ),
            {"id": conflict_id},
        )
        session.execute(text("UPDATE alembic_version SET version_num = '0011'"))
    assert conflict_id in _conflicts(lead, "open")
    server.cli("init")
    closed = _conflicts(lead, "resolved")[conflict_id]
    assert (closed["resolution"], closed["resolved_by"]) == ("merged", lead.username)
