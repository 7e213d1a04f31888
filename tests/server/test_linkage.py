"""One count of people across partners (issue 9), against a real server on SQLite and
PostgreSQL: ``pace-sync-server link`` links every partner's client records, shared or not;
``GET /api/v1/duplicates`` shows a partner's team lead only pairs whose two records that
partner can see; deleted records drop out; nothing personal reaches the logs."""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sync_server.db import Database
from sync_server.linkage.service import linked_keys, person_keys
from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.server.test_contract import assert_cli_error
from tests.support.live_server import DEMO_PASSWORD, LiveServer, run_cli
from tests.support.midnight import today_clear_of_midnight

DUPLICATES = "/api/v1/duplicates"


def _surname() -> str:
    """A surname no other test uses, so tests sharing a server never link to each other."""
    return "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:10]).capitalize()


def _ni_number() -> str:
    return f"AB{random.randrange(10**6):06d}C"


def _user(server: LiveServer, devices: Devices, partner: str, role: str) -> Device:
    username = f"link.{role}.{uuid.uuid4().hex[:6]}"
    server.cli(
        "create-user", username, "--partner", partner, "--role", role,
        "--display-name", "Linkage Test", "--password-stdin", stdin=DEMO_PASSWORD,
    )  # fmt: skip
    return devices[username]


@pytest.fixture(scope="module")
def leads(server: LiveServer, devices: Devices) -> dict[str, Device]:
    return {
        "SDS": devices["demo.lead"],
        "DWP": _user(server, devices, "DWP", "team_lead"),
        "FIFE_COUNCIL": _user(server, devices, "FIFE_COUNCIL", "team_lead"),
    }


@pytest.fixture(scope="module")
def database(server: LiveServer) -> Iterator[Database]:
    """The server's own database, read in-process for ``person_keys`` (the statistics'
    entry point, which has no HTTP face)."""
    db = Database(server.database_url)
    yield db
    db.dispose()


def _link(server: LiveServer) -> dict[str, int]:
    result = server.cli("link")
    match = re.fullmatch(
        r"linked (\d+) client records into (\d+) people \((\d+) links; (\d+) probable "
        r"duplicate pairs for review\) in [\d.]+ s",
        result.stdout.strip(),
    )
    assert match, result.stdout
    return dict(zip(("records", "people", "links", "pairs"), map(int, match.groups()), strict=True))


def _keys(database: Database) -> dict[str, str]:
    with database.session() as session:
        return person_keys(session)


def _pairs(device: Device, **params: Any) -> set[frozenset[str]]:
    response = device.api.request("GET", DUPLICATES, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["linked_at"] is not None
    for item in body["items"]:
        assert 0.0 <= item["match_probability"] <= 1.0
    return {frozenset((i["record_id_1"], i["record_id_2"])) for i in body["items"]}


def test_one_person_registered_by_three_partners_is_one_person(
    server: LiveServer, devices: Devices, database: Database
) -> None:
    last = _surname()
    ni = _ni_number()
    sds, _ = devices["demo.adviser"].create_client(
        first_name="Robert", last_name=last, date_of_birth="1980-04-02", ni_number=ni,
        postcode="KY1 1AB", email=f"{last.lower()}@example.org",
    )  # fmt: skip
    # DWP: a nickname, no NI number, and the address they moved to.
    dwp, _ = devices["dwp.adviser"].create_client(
        first_name="Bob", last_name=last, date_of_birth="1980-04-02", postcode="KY2 5QD",
        email=f"{last.lower()}@example.org",
    )  # fmt: skip
    # The council: first and last name swapped, two NI digits transposed.
    fife, _ = devices["fife.adviser"].create_client(
        first_name=last, last_name="Robert", date_of_birth="1980-04-02",
        ni_number=ni[:2] + ni[3] + ni[2] + ni[4:], postcode="KY1 1AB",
    )  # fmt: skip
    # Someone else born the same day, in the next street, with their own NI number.
    other, _ = devices["demo.adviser"].create_client(
        first_name="Morag", last_name=_surname(), date_of_birth="1980-04-02",
        postcode="KY1 2AB", ni_number=_ni_number(),
    )  # fmt: skip
    counts = _link(server)
    keys = _keys(database)
    assert keys[sds] == keys[dwp] == keys[fife]
    assert keys[other] == other
    assert counts["records"] == len(keys)
    assert counts["people"] == len(set(keys.values()))
    assert counts["links"] == counts["records"] - counts["people"] >= 2


def _people_registered_on(lead: Device, day: dt.date) -> object:
    """The statistics' count of people first registered on ``day`` (UTC), as a lead sees it.
    A test takes ``day`` before it registers anyone (``today_clear_of_midnight``) and asks
    for that day throughout: asking for "today" each time counts the next day's people once
    the run crosses midnight."""
    on = day.isoformat()
    answer = lead.api.request(
        "GET", "/api/v1/stats", params={"from": on, "to": on, "tables": "registrations_by_month"}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["tables"][0]["rows"][-1][1]


def test_the_statistics_count_linked_records_once_from_the_next_answer(
    server: LiveServer, devices: Devices, leads: dict[str, Device]
) -> None:
    """Through the API and its answer cache: a linkage run changes no record, yet the next
    answer counts the three partners' records of one person once."""
    _link(server)  # everything earlier linked, so that this run links only the records below
    day = today_clear_of_midnight()
    last, ni = _surname(), _ni_number()
    person = {"first_name": "Isla", "last_name": last, "date_of_birth": "1991-07-21",
              "ni_number": ni, "postcode": "DD1 4HN"}  # fmt: skip
    for partner in ("demo.adviser", "dwp.adviser", "fife.adviser"):
        devices[partner].create_client(**person)
    for _ in range(5):  # others, so that the count is at least 5 and shown (not [c])
        devices["demo.adviser"].create_client(
            first_name="Euan", last_name=_surname(), date_of_birth="1985-01-09",
            ni_number=_ni_number(), postcode="DD2 1AB",
        )  # fmt: skip
    before = _people_registered_on(leads["SDS"], day)
    assert isinstance(before, int)
    assert before >= 8
    assert _people_registered_on(leads["SDS"], day) == before  # the same, answered from memory
    _link(server)
    assert _people_registered_on(leads["SDS"], day) == before - 2


def test_an_erased_record_leaves_the_links_and_the_next_answer(
    server: LiveServer, devices: Devices, database: Database, leads: dict[str, Device]
) -> None:
    """Erasure changes no remaining record, yet the next statistics answer no longer counts
    the erased person, and the last run's links keep no erased id, not even as a key."""
    _link(server)  # everything earlier linked, so that this run links only the records below
    day = today_clear_of_midnight()
    last, ni = _surname(), _ni_number()
    person = {"first_name": "Ailsa", "last_name": last, "date_of_birth": "1988-03-14",
              "ni_number": ni, "postcode": "KW15 1AB"}  # fmt: skip
    sds = devices["demo.adviser"]
    first = "00000000" + new_id()[8:]  # the smallest id, so the person's key
    assert sds.push_one(sds.upsert("client", first, person))["status"] == "applied"
    rest = [devices[p].create_client(**person)[0] for p in ("dwp.adviser", "fife.adviser")]
    others = [
        sds.create_client(
            first_name="Calum", last_name=_surname(), date_of_birth="1990-11-30",
            ni_number=_ni_number(), postcode="KW15 1DH",
        )[0]
        for _ in range(5)
    ]  # fmt: skip
    _link(server)
    assert {_keys(database)[r] for r in (first, *rest)} == {first}
    before = _people_registered_on(leads["SDS"], day)
    assert isinstance(before, int)
    assert _people_registered_on(leads["SDS"], day) == before  # the same, answered from memory

    for erased in (first, others[0]):  # not the latest record, so no record's number moves
        response = devices["demo.admin"].api.request("POST", f"/api/v1/admin/people/{erased}/erase")
        assert response.status_code == 200, response.text

    assert _people_registered_on(leads["SDS"], day) == before - 1  # others[0]; the trio is one
    with database.session() as session:
        linked = linked_keys(session)
    assert first not in linked
    assert linked[rest[0]] == linked[rest[1]] == min(rest)


def test_an_intervention_on_a_persons_other_record_counts_towards_their_outcome(
    server: LiveServer, devices: Devices, leads: dict[str, Device]
) -> None:
    """Five people, each registered by SDS (outcome: employed) and by DWP (engagement: money
    advice): once linked, the money-advice row counts all five with their outcome."""
    sds, dwp, lead = devices["demo.adviser"], devices["dwp.adviser"], devices["demo.lead"]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    area = f"Linkage Test Area {uuid.uuid4().hex[:6]}"
    employer, event = new_id(), new_id()
    facts = {"employer_id": employer, "local_authority": area, "announced_on": today}
    results = lead.push(
        lead.upsert("employer", employer, {"name": "Paisley Thread Mills", "sector": "C"}),
        lead.upsert("redundancy_event", event, facts),
    )
    assert {r["status"] for r in results} == {"applied"}
    for _ in range(5):
        person = {"first_name": "Mhairi", "last_name": _surname(), "date_of_birth": "1979-02-11",
                  "ni_number": _ni_number(), "postcode": "PA1 1AA"}  # fmt: skip
        own, _ = sds.create_client(**person, event_id=event)
        other, _ = dwp.create_client(**person)
        outcome = {"client_id": own, "status": "employed", "recorded_on": today}
        engagement = {"client_id": other, "kind": "money_advice", "occurred_on": today}
        assert sds.push_one(sds.upsert("outcome", new_id(), outcome))["status"] == "applied"
        assert dwp.push_one(dwp.upsert("engagement", new_id(), engagement))["status"] == "applied"
    _link(server)
    answer = leads["SDS"].api.request(
        "GET",
        "/api/v1/stats",
        params={"from": today, "to": today, "council_area": area,
                "tables": "outcome_rates_by_intervention"},
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    rows = {row[0]: row[1:] for row in answer.json()["tables"][0]["rows"]}
    assert rows["Money advice"] == [5, 5, "[c]"]  # the share: [c], a base under 10


def test_duplicates_show_only_pairs_whose_both_records_the_partner_sees(
    server: LiveServer, devices: Devices, leads: dict[str, Device], database: Database
) -> None:
    last, ni = _surname(), _ni_number()
    person = {"first_name": "Catriona", "last_name": last, "date_of_birth": "1975-11-30",
              "ni_number": ni, "postcode": "G12 8QQ"}  # fmt: skip
    # Not shared: SDS's and DWP's records of one person are linked, but shown to nobody.
    hidden_sds, _ = devices["demo.adviser"].create_client(**person)
    hidden_dwp, _ = devices["dwp.adviser"].create_client(**person)
    # Shared both ways between SDS and the council: both of them see the pair.
    shared = {**person, "last_name": _surname(), "ni_number": _ni_number(),
              "date_of_birth": "1977-05-06", "postcode": "G41 2PE"}  # fmt: skip
    shared_sds, _ = devices["demo.adviser"].create_client(**shared, share_with=["FIFE_COUNCIL"])
    shared_fife, _ = devices["fife.adviser"].create_client(
        **{**shared, "first_name": "Cat"}, share_with=["SDS"]
    )
    _link(server)
    keys = _keys(database)
    assert keys[hidden_sds] == keys[hidden_dwp]  # linked across partners, shared or not
    assert keys[shared_sds] == keys[shared_fife]

    hidden, visible = frozenset((hidden_sds, hidden_dwp)), frozenset((shared_sds, shared_fife))
    for partner, lead in leads.items():
        pairs = _pairs(lead, min_probability=0)
        assert hidden not in pairs, partner
        # Not even half of a pair the partner cannot see: every id listed is one it sees.
        seen = {rid for rid, item in lead.pull()[0].items() if not item.get("revoked")}
        assert set().union(*pairs) <= seen, partner
        assert (visible in pairs) == (partner in ("SDS", "FIFE_COUNCIL")), partner
    # Administrators and system administrators see what their partner sees.
    for role in ("admin", "system_admin"):
        pairs = _pairs(_user(server, devices, "SDS", role))
        assert visible in pairs
        assert hidden not in pairs
    response = leads["SDS"].api.request("GET", DUPLICATES)
    item = next(
        i for i in response.json()["items"] if {i["record_id_1"], i["record_id_2"]} == visible
    )
    assert item["same_person"] is True
    assert item["match_probability"] >= 0.95


def test_deleted_records_leave_the_duplicates_and_the_people(
    server: LiveServer, devices: Devices, leads: dict[str, Device], database: Database
) -> None:
    alice = devices["demo.adviser"]
    person = {"first_name": "Hamish", "last_name": _surname(), "date_of_birth": "1969-02-14",
              "ni_number": _ni_number(), "postcode": "EH7 4JZ"}  # fmt: skip
    kept, _ = alice.create_client(**person)
    gone, _ = alice.create_client(**{**person, "first_name": "James"})
    _link(server)
    assert frozenset((kept, gone)) in _pairs(leads["SDS"])
    assert alice.push_one(alice.delete("client", gone))["status"] == "applied"
    # Hidden at once, before linkage runs again...
    assert not any(gone in pair for pair in _pairs(leads["SDS"], min_probability=0))
    assert gone not in _keys(database)
    # ...and gone from the next run's result.
    _link(server)
    keys = _keys(database)
    assert gone not in keys
    assert keys[kept] == kept


@pytest.mark.parametrize("role", ["adviser", "analyst"])
def test_advisers_and_analysts_may_not_list_duplicates(
    server: LiveServer, devices: Devices, role: str
) -> None:
    device = _user(server, devices, "SDS", role)
    assert_error(device.api.request("GET", DUPLICATES), 403, "forbidden")


def test_duplicates_need_a_sign_in_and_valid_parameters(
    server: LiveServer, leads: dict[str, Device]
) -> None:
    assert_error(requests.get(f"{server.url}{DUPLICATES}", timeout=30), 401, "unauthenticated")
    api = leads["SDS"].api
    for params in ({"min_probability": 2}, {"limit": 0}, {"limit": "many"}):
        assert_error(api.request("GET", DUPLICATES, params=params), 422, "invalid_request")


def test_link_fails_in_one_line_on_a_database_without_schema(tmp_path: Path) -> None:
    result = run_cli("link", database_url=f"sqlite:///{tmp_path / 'empty.db'}", check=False)
    assert_cli_error(result, "error:")


def test_linkage_logs_and_prints_nothing_personal(server: LiveServer, devices: Devices) -> None:
    last = _surname()
    devices["demo.adviser"].create_client(first_name="Isla", last_name=last, ni_number="AB987654C")
    result = server.cli("link")
    for text in (result.stdout + result.stderr, server.log_text()):
        assert last not in text
        assert last.lower() not in text
        assert "AB987654C" not in text


def test_openapi_documents_the_duplicates_endpoint(server: LiveServer) -> None:
    operation = requests.get(f"{server.url}/openapi.json", timeout=10).json()["paths"][DUPLICATES]
    assert {"200", "401", "403", "422"} <= set(operation["get"]["responses"])
