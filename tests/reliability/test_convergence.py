"""Convergence: a hypothesis state machine drives four devices of three partners (two SDS
laptops, one DWP, one Fife Council) doing random creates, edits, deletes, consent changes and
syncs, in random orders and with offline gaps, against one real server process.

After everyone syncs: every device's store equals the server's view for its partner, every
value that lost a conflict is retrievable (GET /api/v1/conflicts as the owner's team lead),
every value that vanished was overwritten by an edit made after seeing it, and no deleted
record comes back.

CI runs a few examples; the soak is ``PACE_SOAK=1 pytest tests/reliability/test_convergence.py``
(PACE_SOAK_EXAMPLES, default 200, sets how many).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from desktop_app.session import Session
from tests.reliability.helpers import assert_converged, device_outbox, enrol
from tests.support.live_server import DEMO_PASSWORD, ApiClient, LiveServer, start_server

SOAK = os.environ.get("PACE_SOAK") == "1"
EXAMPLES = int(os.environ.get("PACE_SOAK_EXAMPLES", "200")) if SOAK else 10
STEPS = 60 if SOAK else 30
DEVICES = {
    "sds1": "demo.adviser",
    "sds2": "demo.adviser",
    "dwp": "dwp.adviser",
    "fife": "fife.adviser",
}
PARTNERS = ["SDS", "DWP", "FIFE_COUNCIL"]
LEADS = {"SDS": "demo.lead", "DWP": "dwp.lead", "FIFE_COUNCIL": "fife.lead"}
FIELDS = ["occupation", "last_name"]
_names = itertools.count()


@dataclass(frozen=True)
class Edit:
    record_id: str
    field: str
    value: str
    hlc: str
    base: str | None
    device: str


@pytest.fixture(scope="module")
def convergence_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with start_server(tmp_path_factory.mktemp("convergence")) as server:
        for username, partner in (("dwp.lead", "DWP"), ("fife.lead", "FIFE_COUNCIL")):
            server.cli(
                "create-user",
                username,
                "--partner",
                partner,
                "--role",
                "team_lead",
                "--display-name",
                f"{partner} lead",
                "--password-stdin",
                stdin=DEMO_PASSWORD,
            )
        yield server


devices_st = st.sampled_from(sorted(DEVICES))
share_st = st.lists(st.sampled_from([*PARTNERS, "ALL"]), unique=True, max_size=2)


class Convergence(RuleBasedStateMachine):
    """Random steps of four devices; the checks run at teardown. Bound to a server by
    :func:`machine_for`."""

    server: ClassVar[LiveServer]
    base: ClassVar[Path]

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=self.base))
        self.devices: dict[str, Session] = {
            name: enrol(self.server, self.folder / name, username)
            for name, username in DEVICES.items()
        }
        self.offline: set[str] = set()
        self.records: list[str] = []
        self.owner: dict[str, str] = {}
        self.deleted: set[str] = set()
        self.edits: list[Edit] = []

    # --- helpers ------------------------------------------------------------------

    def _pick(self, index: int) -> str:
        return self.records[index % len(self.records)]

    def _value(self, prefix: str) -> str:
        return f"{prefix}{next(_names)}"

    # --- rules --------------------------------------------------------------------

    @rule(device=devices_st, share=share_st)
    def create(self, device: str, share: list[str]) -> None:
        session = self.devices[device]
        partner = session.user.partner
        share = ["ALL"] if "ALL" in share else [p for p in share if p != partner]
        last = self._value("L")
        rid = session.repo.save(
            "client",
            {"first_name": self._value("Conv"), "last_name": last, "share_with": share},
            consent_method="verbal",
        )
        self.records.append(rid)
        self.owner[rid] = partner
        hlc = session.repo.get(rid).versions["last_name"]
        self.edits.append(Edit(rid, "last_name", last, hlc, None, device))

    @precondition(lambda self: self.records)
    @rule(device=devices_st, index=st.integers(0, 1000), field=st.sampled_from(FIELDS))
    def edit(self, device: str, index: int, field: str) -> None:
        session = self.devices[device]
        rid = self._pick(index)
        view = session.repo.get(rid)
        if view is None or view.deleted:
            return
        value = self._value(field[:3])
        base = view.versions.get(field)
        session.repo.save("client", {field: value}, rid)
        hlc = session.repo.get(rid).versions[field]
        self.edits.append(Edit(rid, field, value, hlc, base, device))

    @precondition(lambda self: self.records)
    @rule(device=devices_st, index=st.integers(0, 1000))
    def delete(self, device: str, index: int) -> None:
        session = self.devices[device]
        rid = self._pick(index)
        view = session.repo.get(rid)
        if view is None or view.deleted or self.owner[rid] != session.user.partner:
            return
        session.repo.delete(rid)
        self.deleted.add(rid)

    @precondition(lambda self: self.records)
    @rule(device=devices_st, index=st.integers(0, 1000), share=share_st)
    def change_consent(self, device: str, index: int, share: list[str]) -> None:
        session = self.devices[device]
        rid = self._pick(index)
        view = session.repo.get(rid)
        partner = session.user.partner
        if view is None or view.deleted or self.owner[rid] != partner:
            return
        share = ["ALL"] if "ALL" in share else [p for p in share if p != partner]
        session.repo.save("client", {"share_with": share}, rid, consent_method="written")

    @rule(device=devices_st)
    def sync(self, device: str) -> None:
        if device not in self.offline:
            self.devices[device].sync()

    @rule(device=devices_st)
    def toggle_offline(self, device: str) -> None:
        self.offline ^= {device}

    # --- the final check ----------------------------------------------------------

    def teardown(self) -> None:
        try:
            self._check()
        finally:
            for session in self.devices.values():
                if not session.is_locked:
                    session.lock()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _check(self) -> None:
        order = sorted(self.devices)
        for _round in range(2):
            for name in order:
                self.devices[name].sync()
        # A change to a record whose consent was narrowed before it was sent is refused
        # ("forbidden") and parked for the user; here the user discards it.
        refused: set[str] = set()
        for name, session in self.devices.items():
            for row in device_outbox(session):
                assert (row["state"], row["reason"]) == ("rejected", "forbidden"), (name, row)
                assert self.owner[row["record_id"]] != session.user.partner
                refused.add(row["hlc"])
                session.repo.discard_rejected(row["change_id"])
        for _round in range(2):
            for name in order:
                self.devices[name].sync()
        views = assert_converged(self.server, self.devices)
        for rid in self.deleted:  # a tombstone never comes back, on any replica
            for partner, view in views.items():
                if rid in view:
                    assert view[rid].deleted, f"{rid} came back for {partner}"
        self._check_nothing_dropped(views, refused)

    def _check_nothing_dropped(self, views: dict, refused: set[str]) -> None:
        successors = {(e.record_id, e.field, e.base) for e in self.edits}
        losers: dict[str, set[tuple[str, str, str]]] = {}
        for partner, lead in LEADS.items():
            api = ApiClient(self.server.url, lead)
            assert api.login().status_code == 200
            listed = api.request(
                "GET", "/api/v1/conflicts", params={"status": "open", "limit": 1000}
            ).json()["items"]
            losers[partner] = {(c["record_id"], c["field"], c["loser"]["hlc"]) for c in listed}
            for conflict in listed:  # keep the next example's list short
                api.request(
                    "POST",
                    f"/api/v1/conflicts/{conflict['id']}/resolve",
                    json={"keep": "winner"},
                )
        for edit in self.edits:
            owner = self.owner[edit.record_id]
            final = views[owner].get(edit.record_id)
            if final is None or final.deleted or edit.hlc in refused:
                continue
            if final.versions.get(edit.field) == edit.hlc:
                assert final.fields[edit.field] == edit.value
                continue
            if (edit.record_id, edit.field, edit.hlc) in successors:
                continue  # overwritten by an edit made after seeing it
            assert (edit.record_id, edit.field, edit.hlc) in losers[owner], (
                f"{edit} vanished: not the final value, not overwritten knowingly, "
                "not a recorded conflict"
            )


def machine_for(server: LiveServer, base: Path) -> type[RuleBasedStateMachine]:
    return type("ConvergenceOnServer", (Convergence,), {"server": server, "base": base})


def test_devices_converge(convergence_server: LiveServer, tmp_path: Path) -> None:
    machine = machine_for(convergence_server, tmp_path)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=not SOAK,
            print_blob=True,
        ),
    )
