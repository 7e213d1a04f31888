"""Fault 5: devices whose clocks are days ahead or behind.

Rule (docs/reliability.md): the server refuses an HLC more than PACE_MAX_CLOCK_SKEW_SECONDS
ahead of its clock with reason ``clock_skew``; the device keeps the change queued, corrects its
clock offset from ``server_time``, re-stamps the change and sends it again. An edit made after
seeing another edit always wins over it.
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.session import Session
from pace_shared.hlc import now_ms, wall_ms_of
from tests.reliability.helpers import (
    LEAD_OF,
    assert_converged,
    client_change,
    device_outbox,
    enrol,
    hlc_now,
    new_id,
    unlock,
)
from tests.support.live_server import LiveServer

DAY_MS = 86_400_000


class SkewableClock:
    """A device's raw wall clock that the test can set days ahead or behind."""

    def __init__(self) -> None:
        self.skew_ms = 0

    def __call__(self) -> int:
        return now_ms() + self.skew_ms


def test_server_refuses_far_future_hlc_with_clock_skew(module_server: LiveServer) -> None:
    api = module_server.client("demo.adviser")
    rid = new_id()
    fields = {"first_name": "Future", "last_name": "Stamp"}
    far = client_change(rid, fields, api.device_id, hlc=hlc_now(api.device_id, 0, 2 * DAY_MS))
    near = client_change(rid, fields, api.device_id, hlc=hlc_now(api.device_id, 0, 60_000))
    answer = api.push([far, near])
    assert [r["status"] for r in answer["results"]] == ["rejected", "applied"]
    assert answer["results"][0]["reason"] == "clock_skew"


def test_future_device_keeps_change_queued_corrects_and_resends(
    module_server: LiveServer, tmp_path: Path
) -> None:
    clock = SkewableClock()
    ahead = enrol(module_server, tmp_path / "ahead", "demo.adviser", wall_clock=clock)
    clock.skew_ms = 3 * DAY_MS  # the laptop's clock jumps three days ahead while offline
    rid = ahead.repo.save("client", {"first_name": "Skewed", "last_name": "Ahead"})
    stamped = ahead.repo.get(rid).versions["first_name"]
    assert wall_ms_of(stamped) > now_ms() + DAY_MS
    report = ahead.sync()
    assert report.rejected == 0, ahead.repo.rejected_changes()
    assert device_outbox(ahead) == []
    # The value reached the server with a corrected stamp, not a three-day-ahead one.
    on_device = ahead.repo.get(rid).versions["first_name"]
    assert abs(wall_ms_of(on_device) - now_ms()) < 60_000
    # The correction is kept: a restart does not bring the old future clock back.
    ahead.lock()
    again = unlock(tmp_path / "ahead", wall_clock=clock)
    later = again.repo.save("client", {"occupation": "Welder"}, rid)
    assert later == rid
    assert abs(wall_ms_of(again.repo.get(rid).versions["occupation"]) - now_ms()) < 60_000
    again.sync()
    assert device_outbox(again) == []
    assert_converged(module_server, {"demo.adviser": again}, {rid: {"occupation": "Welder"}})
    again.lock()


def test_future_device_cannot_make_its_value_unbeatable(
    module_server: LiveServer, tmp_path: Path
) -> None:
    clock = SkewableClock()
    future = enrol(module_server, tmp_path / "future", "demo.adviser", wall_clock=clock)
    normal = enrol(module_server, tmp_path / "normal", "demo.adviser")
    rid = normal.repo.save("client", {"first_name": "Contested", "last_name": "Field"})
    normal.sync()
    future.sync()
    clock.skew_ms = 5 * DAY_MS
    future.repo.save("client", {"occupation": "From the future"}, rid)
    future.sync()
    time.sleep(0.01)
    # A concurrent edit made later in real time (the normal laptop has not seen the other one).
    normal.repo.save("client", {"occupation": "Made later"}, rid)
    report = normal.sync()
    assert report.conflicts == 1
    future.sync()
    views = assert_converged(
        module_server,
        {"future": future, "normal": normal},
        {rid: {"occupation": "Made later"}},
    )
    assert views["SDS"][rid].fields["occupation"] == "Made later"
    lead = module_server.client(LEAD_OF["SDS"])
    conflicts = lead.request("GET", "/api/v1/conflicts", params={"status": "all"}).json()
    mine = [c for c in conflicts["items"] if c["record_id"] == rid]
    assert [(c["winner"]["value"], c["loser"]["value"]) for c in mine] == [
        ("Made later", "From the future")
    ]
    future.lock()
    normal.lock()


def test_edit_after_seeing_another_always_wins_whatever_the_clocks(
    module_server: LiveServer, tmp_path: Path
) -> None:
    behind_clock, ahead_clock = SkewableClock(), SkewableClock()
    behind = enrol(module_server, tmp_path / "behind", "demo.adviser", wall_clock=behind_clock)
    ahead = enrol(module_server, tmp_path / "ahead", "demo.adviser", wall_clock=ahead_clock)
    devices: dict[str, Session] = {"behind": behind, "ahead": ahead}
    rid = ahead.repo.save("client", {"first_name": "Causal", "last_name": "Order"})
    ahead.sync()
    behind.sync()
    ahead_clock.skew_ms = 9 * 60_000  # within the server's bound: accepted as it is
    ahead.repo.save("client", {"phone": "07700 900001"}, rid)
    ahead.sync()
    behind.sync()  # sees the ahead edit
    behind_clock.skew_ms = -2 * DAY_MS  # then its clock falls two days behind
    behind.repo.save("client", {"phone": "07700 900002"}, rid)
    seen = behind.repo.get(rid).versions["phone"]
    behind.sync()
    ahead.sync()
    views = assert_converged(module_server, devices, {rid: {"phone": "07700 900002"}})
    assert views["SDS"][rid].versions["phone"] == seen
    # And the other way round: the ahead device edits after seeing the behind device's edit.
    ahead.repo.save("client", {"phone": "07700 900003"}, rid)
    ahead.sync()
    behind.sync()
    assert_converged(module_server, devices, {rid: {"phone": "07700 900003"}})
    for session in devices.values():
        session.lock()
