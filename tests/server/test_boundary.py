"""Security: the push boundary (issue 8; decisions.md #7, #8), over HTTP against a real server on
SQLite and PostgreSQL.

- HLCs are parsed strictly (ASCII, whole string) and must be written by the pushing device.
- Ids are canonical lower-case UUIDs; patterns are ASCII-only; text refuses control and format
  characters and names are NFC-normalised.
- "Same answer whether it exists or not": a change to a record the partner cannot see, and a
  child of a person it cannot see or who does not exist, answer one generic ``forbidden`` that
  names no type, checked before the record type and the fields.
"""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any

import pytest

from pace_shared.hlc import Timestamp
from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import LiveServer

CONFLICTS = "/api/v1/conflicts"
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
RECORD_TYPES = (
    "client",
    "employer",
    "redundancy_event",
    "engagement",
    "referral",
    "outcome",
    "employer_support",
)


def _rejected(result: dict[str, Any], reason: str) -> str:
    assert (result["status"], result.get("reason")) == ("rejected", reason), result
    return str(result["detail"])


# --- HLCs -------------------------------------------------------------------------------------


def _with_hlc(device: Device, hlc: str) -> dict[str, Any]:
    return device.upsert("employer", new_id(), {"name": "Clockwork Ltd"}, hlc=hlc)


def test_an_hlc_must_carry_the_pushing_devices_own_id(devices: Devices) -> None:
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    stamp = Timestamp.parse(alice.tick())
    as_other = _with_hlc(alice, str(Timestamp(stamp.wall_ms, stamp.counter, dwp.device_id)))
    as_server = _with_hlc(alice, str(Timestamp(stamp.wall_ms, stamp.counter, "server")))
    as_upper = _with_hlc(
        alice, str(Timestamp(stamp.wall_ms, stamp.counter, alice.device_id.upper()))
    )
    own = _with_hlc(alice, alice.tick())
    results = alice.push(as_other, as_server, as_upper, own)
    for result in results[:3]:
        assert "hlc" in _rejected(result, "invalid_request")
    assert results[3]["status"] == "applied"
    visible, _ = alice.pull()
    assert not {c["record_id"] for c in (as_other, as_server, as_upper)} & set(visible)


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda h: h + "\n", id="trailing-newline"),
        pytest.param(lambda h: h[:13].translate(ARABIC) + h[13:], id="arabic-digits"),
        pytest.param(lambda h: h[:13].translate(FULLWIDTH) + h[13:], id="fullwidth-digits"),
        pytest.param(lambda h: h[:14] + h[14:18].upper() + h[18:], id="upper-hex"),
        pytest.param(lambda h: h + "\u200b", id="zero-width"),
    ],
)  # fmt: skip
def test_malformed_hlcs_are_invalid_requests(devices: Devices, mangle: Any) -> None:
    alice = devices["demo.adviser"]
    hlc = alice.tick()
    hlc = hlc[:14] + "00ab" + hlc[18:]  # hex letters in the counter, for the upper-case case
    bad = _with_hlc(alice, mangle(hlc))
    assert bad["hlc"] != hlc
    assert "hlc" in _rejected(alice.push_one(bad), "invalid_request")


def test_base_hlcs_are_strict_but_may_name_any_device(devices: Devices) -> None:
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    client_id, h0 = alice.create_client(occupation="Welder")
    lead.pull()
    # The lead saw alice's value: a base naming alice's device is a fast-forward.
    seen = lead.upsert("client", client_id, {"occupation": "Fitter"}, base={"occupation": h0})
    assert lead.push_one(seen)["status"] == "applied"
    sloppy = lead.upsert(
        "client", client_id, {"occupation": "Rigger"}, base={"occupation": seen["hlc"] + "\n"}
    )
    assert "base" in _rejected(lead.push_one(sloppy), "invalid_request")


def test_a_resolved_value_carries_a_server_hlc_that_devices_can_build_on(
    devices: Devices,
) -> None:
    """Resolving a conflict writes a new edit with the server's own HLC (node ``server``); a
    device that pulled it edits on top of it as a plain fast-forward."""
    alice, alice_two, lead = (
        devices["demo.adviser"],
        devices.new("demo.adviser"),
        devices["demo.lead"],
    )
    client_id, _ = alice.create_client()
    one = alice.upsert("client", client_id, {"occupation": "Welder"}, base={"occupation": None})
    two = alice_two.upsert("client", client_id, {"occupation": "Fitter"}, base={"occupation": None})
    assert alice.push_one(one)["status"] == "applied"
    conflict = alice_two.push_one(two)
    assert conflict["status"] == "conflict"
    answer = lead.api.request(
        "POST",
        f"{CONFLICTS}/{conflict['conflict_id']}/resolve",
        json={"keep": "value", "value": "Rigger"},
    )
    assert answer.status_code == 200, answer.text
    item = alice.record(client_id)
    assert item is not None
    server_hlc = item["versions"]["occupation"]
    assert Timestamp.parse(server_hlc).node == "server"
    after = alice.upsert(
        "client", client_id, {"occupation": "Foreman"}, base={"occupation": server_hlc}
    )
    assert alice.push_one(after)["status"] == "applied"
    assert alice.record(client_id)["fields"]["occupation"] == "Foreman"  # type: ignore[index]


# --- ids and patterns -------------------------------------------------------------------------


def test_ids_must_be_canonical_lower_case_uuids(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    client_id, _ = alice.create_client()
    upper_record = alice.upsert(
        "client", new_id().upper(), {"first_name": "Upper", "last_name": "Case"}
    )
    upper_change = alice.upsert("client", new_id(), {"first_name": "Upper", "last_name": "Change"})
    upper_change["change_id"] = upper_change["change_id"].upper()
    braces = alice.upsert("client", new_id(), {"first_name": "Brace", "last_name": "Id"})
    braces["record_id"] = "{" + braces["record_id"][:34] + "}"
    dashes = alice.upsert("client", "-" * 36, {"first_name": "All", "last_name": "Dashes"})
    child = alice.upsert(
        "engagement",
        new_id(),
        {"client_id": client_id.upper(), "kind": "other", "occurred_on": "2026-11-01"},
    )
    event = alice.upsert("client", new_id(), {"first_name": "A", "last_name": "B",
                                              "event_id": str(uuid.uuid4()).upper()})  # fmt: skip
    results = alice.push(upper_record, upper_change, braces, dashes, child, event)
    expected = ["record_id", "change_id", "record_id", "record_id", "client_id", "event_id"]
    for result, name in zip(results, expected, strict=True):
        assert name in _rejected(result, "invalid_request"), result


def test_login_needs_a_canonical_device_id(server: LiveServer) -> None:
    from tests.support.live_server import ApiClient

    for device_id in (str(uuid.uuid4()).upper(), "-" * 36, str(uuid.uuid4()) + "\n"):
        client = ApiClient(server.url, "demo.adviser", device_id=device_id)
        assert_error(client.login(), 422, "invalid_request")


def test_a_conflict_id_must_be_canonical(devices: Devices) -> None:
    lead = devices["demo.lead"]
    for bad in (new_id().upper(), "-" * 36):
        answer = lead.api.request("POST", f"{CONFLICTS}/{bad}/resolve", json={"keep": "winner"})
        assert_error(answer, 422, "invalid_request")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ni_number", "AB１２３４５６C"),
        ("postcode", "EH١ 1AB"),
        ("postcode", "ſW1A 1AA"),
        ("phone", "0131 496 0101\u202e"),
        ("first_name", "Ann\u202eenna"),
        ("last_name", "Smith\u200b"),
        ("occupation", "Welder\x1b[31m"),
        ("email", "ann\u2066@example.com"),
    ],
)
def test_non_ascii_patterns_and_hidden_characters_are_refused(
    devices: Devices, name: str, value: str
) -> None:
    alice = devices["demo.adviser"]
    fields = {"first_name": "Ann", "last_name": "Smith", name: value}
    bad = alice.upsert("client", new_id(), fields)
    assert name in _rejected(alice.push_one(bad), "invalid_request")
    assert alice.record(bad["record_id"]) is None


def test_names_are_stored_nfc_and_notes_keep_newlines_and_tabs(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    client_id, _ = alice.create_client(first_name="Zoe\u0301", last_name="ന്\u200dറ")
    note_id = new_id()
    notes = "Line one\n\tindented"
    note = alice.upsert(
        "engagement",
        note_id,
        {"client_id": client_id, "kind": "other", "occurred_on": "2026-11-01", "notes": notes},
    )
    hidden = alice.upsert(
        "engagement",
        new_id(),
        {"client_id": client_id, "kind": "other", "occurred_on": "2026-11-01", "notes": "a\u202eb"},
    )
    results = alice.push(note, hidden)
    assert results[0]["status"] == "applied"
    assert "notes" in _rejected(results[1], "invalid_request")
    person = alice.record(client_id)
    assert person is not None
    assert person["fields"]["first_name"] == unicodedata.normalize("NFC", "Zoe\u0301") == "Zoé"
    assert person["fields"]["last_name"] == "ന്\u200dറ"
    assert alice.record(note_id)["fields"]["notes"] == notes  # type: ignore[index]


# --- the same answer whether a record exists or not --------------------------------------------


class Probe:
    """What DWP may try against an SDS person it cannot see, and against an id that does not
    exist: every answer must be the same ``forbidden`` with the same detail."""

    def __init__(self, devices: Devices) -> None:
        self.sds, self.dwp = devices["demo.adviser"], devices["dwp.adviser"]
        self.hidden, _ = self.sds.create_client(occupation="Welder")
        self.hidden_note = new_id()
        note = self.sds.upsert(
            "engagement",
            self.hidden_note,
            {"client_id": self.hidden, "kind": "other", "occurred_on": "2026-11-01"},
        )
        assert self.sds.push_one(note)["status"] == "applied"
        self.missing = new_id()


def _probes(probe: Probe) -> dict[str, dict[str, Any]]:
    dwp, hidden, missing = probe.dwp, probe.hidden, probe.missing
    changes: dict[str, dict[str, Any]] = {
        "edit": dwp.upsert("client", hidden, {"occupation": "Spy"}),
        "edit with a bad field": dwp.upsert("client", hidden, {"ni_number": "nonsense"}),
        "edit with an unknown field": dwp.upsert("client", hidden, {"shoe_size": "9"}),
        "delete": dwp.delete("client", hidden),
        "delete as the wrong type": dwp.delete("outcome", hidden),
        "edit of a hidden child": dwp.upsert("engagement", probe.hidden_note, {"notes": "peek"}),
        "hidden child as another type": dwp.upsert(
            "referral", probe.hidden_note, {"status": "open"}
        ),
    }
    for record_type in RECORD_TYPES:
        if record_type != "client":
            changes[f"edit as {record_type}"] = dwp.upsert(record_type, hidden, {"name": "x"})
    unknown = dwp.upsert("client", hidden, {"occupation": "x"})
    unknown["record_type"] = "spaceship"
    changes["edit as an unknown type"] = unknown
    for owner, label in ((hidden, "hidden"), (missing, "missing")):
        for record_type, fields in (
            ("engagement", {"kind": "other", "occurred_on": "2026-11-01"}),
            ("engagement", {"kind": "karaoke"}),
            ("referral", {"to_partner": "DWP"}),
            ("outcome", {"status": "employed", "recorded_on": "2026-11-01"}),
        ):
            key = f"new {record_type} of a {label} person {sorted(fields)}"
            changes[key] = dwp.upsert(record_type, new_id(), {"client_id": owner, **fields})
    return changes


def test_a_record_the_partner_cannot_see_answers_like_one_that_does_not_exist(
    devices: Devices,
) -> None:
    probe = Probe(devices)
    before = probe.sds.record(probe.hidden)
    changes = _probes(probe)
    results = probe.dwp.push(*changes.values())
    details = {}
    for (label, _change), result in zip(changes.items(), results, strict=True):
        assert (result["status"], result.get("reason")) == ("rejected", "forbidden"), (
            label,
            result,
        )
        details[label] = result["detail"]
    assert len(set(details.values())) == 1, details
    detail = next(iter(details.values())).lower()
    for word in (*RECORD_TYPES, "person", "event", "note", "spaceship", probe.hidden):
        assert word not in detail, (word, detail)
        assert word.replace("_", " ") not in detail, (word, detail)
    assert probe.sds.record(probe.hidden) == before


def test_a_child_of_a_visible_record_that_is_not_a_person_is_refused_the_same_way(
    devices: Devices,
) -> None:
    """An employer is visible to every partner, but it is not a person: a child naming it gets
    the same answer as one naming a person who does not exist."""
    dwp = devices["dwp.adviser"]
    employer_id = new_id()
    assert dwp.push_one(dwp.upsert("employer", employer_id, {"name": "Acme"}))["status"] == (
        "applied"
    )
    missing = dwp.upsert(
        "engagement",
        new_id(),
        {"client_id": new_id(), "kind": "other", "occurred_on": "2026-11-01"},
    )
    employer_child = dwp.upsert(
        "engagement",
        new_id(),
        {"client_id": employer_id, "kind": "other", "occurred_on": "2026-11-01"},
    )
    results = dwp.push(missing, employer_child)
    assert _rejected(results[0], "forbidden") == _rejected(results[1], "forbidden")


def test_a_new_id_is_a_create_not_a_probe(devices: Devices) -> None:
    """Creating with a fresh id is answered on its merits: applied, or the fields' errors."""
    dwp = devices["dwp.adviser"]
    good = dwp.upsert("client", new_id(), {"first_name": "New", "last_name": "Person"})
    bad = dwp.upsert("client", new_id(), {"first_name": "New", "ni_number": "nonsense"})
    results = dwp.push(good, bad)
    assert results[0]["status"] == "applied"
    assert "ni_number" in _rejected(results[1], "invalid_request")


def test_the_owner_still_gets_precise_answers(devices: Devices) -> None:
    """Someone who can see the record learns nothing new from a precise answer."""
    alice = devices["demo.adviser"]
    client_id, _ = alice.create_client()
    as_employer = alice.upsert("employer", client_id, {"name": "Not a person"})
    bad_field = alice.upsert("client", client_id, {"ni_number": "nonsense"})
    results = alice.push(as_employer, bad_field)
    assert "record_type" in _rejected(results[0], "invalid_request")
    assert "ni_number" in _rejected(results[1], "invalid_request")
