"""Conflicts synced down to a team lead's laptop, reviewed offline and resolved at next sync.

Real server process, real encrypted stores: two devices of one partner make a conflict, the
lead's laptop caches it, the lead chooses a resolution while the server is unreachable, and
the next sync sends it; the server shows it resolved and every device converges.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.session import (
    CONFLICTS_CHANGED,
    Offline,
    Profile,
    RecordNotFoundError,
    RecordValidationError,
    Session,
)
from tests.desktop_core.conftest import FAST_KDF
from tests.reliability.faultproxy import Fault, FaultProxy
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def enrol(url: str, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder), url, username, DEMO_PASSWORD, f"{username} laptop", kdf_params=FAST_KDF
    )


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    host, port = live_server.url.removeprefix("http://").split(":")
    with FaultProxy(host, int(port)) as running:
        yield running


def make_conflict(first: Session, second: Session, value_one: str, value_two: str) -> str:
    """A person both devices know, then the same field edited on each: one open conflict."""
    person = first.repo.save("client", {"first_name": "Rhona", "last_name": "Conflicted"})
    first.sync()
    second.sync()
    first.repo.save("client", {"occupation": value_one}, person)
    second.repo.save("client", {"occupation": value_two}, person)
    first.sync()
    assert second.sync().conflicts == 1
    return person


def test_lead_reviews_offline_and_resolution_converges_everywhere(
    live_server: LiveServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    laptop = enrol(live_server.url, tmp_path / "laptop", "demo.adviser")
    tablet = enrol(live_server.url, tmp_path / "tablet", "demo.adviser")
    person = make_conflict(laptop, tablet, "Welder", "Fabricator")
    assert laptop.open_conflicts() == []  # advisers do not review conflicts

    lead = enrol(proxy.url, tmp_path / "lead", "demo.lead")
    [cached] = lead.open_conflicts()
    assert (cached.record_id, cached.record_type, cached.field) == (person, "client", "occupation")
    assert {cached.winner.value, cached.loser.value} == {"Welder", "Fabricator"}
    assert {cached.winner.device_id, cached.loser.device_id} == {
        laptop.device_id,
        tablet.device_id,
    }
    assert cached.winner.user == cached.loser.user == "demo.adviser"
    assert str(cached.winner.at).endswith("Z")
    assert cached.queued_keep is None

    # Offline: the cache survives a lock and an offline unlock; the choice is queued locally.
    lead.lock()
    lead = Session.unlock(Profile(tmp_path / "lead"), DEMO_PASSWORD)
    assert [c.id for c in lead.open_conflicts()] == [cached.id]
    with pytest.raises(RecordValidationError):
        lead.queue_conflict_resolution(cached.id, "value", "x" * 5000)
    with pytest.raises(RecordNotFoundError):
        lead.queue_conflict_resolution("0190aaaa-0000-7000-8000-0000000000ff", "winner")
    changes = lead.queue_conflict_resolution(cached.id, "value", "Boilermaker")
    assert changes.record_ids == {person}
    assert changes.touches_setting(CONFLICTS_CHANGED)
    [queued] = lead.open_conflicts()
    assert (queued.queued_keep, queued.queued_value) == ("value", "Boilermaker")
    proxy.queue(Fault.drop_request(0))
    with pytest.raises(Offline):
        lead.sync()
    assert lead.open_conflicts()[0].queued_keep == "value"  # kept for the next sync

    report = lead.sync()
    assert (report.resolved, report.resolution_problems, report.open_conflicts) == (1, [], 0)
    assert lead.open_conflicts() == []

    server_view = live_server.client("demo.lead").request(
        "GET", "/api/v1/conflicts", params={"status": "resolved"}
    )
    [resolved] = server_view.json()["items"]
    assert (resolved["id"], resolved["resolution"], resolved["resolved_by"]) == (
        cached.id,
        "value",
        "demo.lead",
    )
    for device in (laptop, tablet):
        device.sync()
    values = {s.repo.get(person).fields["occupation"] for s in (laptop, tablet, lead)}
    assert values == {"Boilermaker"}
    assert laptop.repo.get(person).versions == tablet.repo.get(person).versions
    for session in (laptop, tablet, lead):
        session.lock()


def test_resolution_already_made_elsewhere_is_reported_plainly(
    live_server: LiveServer, tmp_path: Path
) -> None:
    laptop = enrol(live_server.url, tmp_path / "laptop", "demo.adviser")
    tablet = enrol(live_server.url, tmp_path / "tablet", "demo.adviser")
    person = make_conflict(laptop, tablet, "Joiner", "Plumber")
    lead = enrol(live_server.url, tmp_path / "lead", "demo.lead")
    [cached] = lead.open_conflicts()
    lead.queue_conflict_resolution(cached.id, "loser")

    # Meanwhile an administrator resolves it online.
    admin = live_server.client("demo.admin")
    answer = admin.request(
        "POST", f"/api/v1/conflicts/{cached.id}/resolve", json={"keep": "winner"}
    )
    assert answer.status_code == 200, answer.text

    report = lead.sync()
    assert report.resolved == 0
    [problem] = report.resolution_problems
    assert "occupation" in problem
    assert "already resolved elsewhere" in problem
    assert lead.open_conflicts() == []
    assert lead.repo.get(person).fields["occupation"] == cached.winner.value
    for session in (laptop, tablet, lead):
        session.lock()


def test_queued_choice_can_be_changed_before_it_is_sent(
    live_server: LiveServer, tmp_path: Path
) -> None:
    laptop = enrol(live_server.url, tmp_path / "laptop", "demo.adviser")
    tablet = enrol(live_server.url, tmp_path / "tablet", "demo.adviser")
    person = make_conflict(laptop, tablet, "Driver", "Courier")
    lead = enrol(live_server.url, tmp_path / "lead", "demo.admin")
    [cached] = lead.open_conflicts()
    lead.queue_conflict_resolution(cached.id, "value", "Van driver")
    lead.queue_conflict_resolution(cached.id, "loser")
    assert lead.open_conflicts()[0].queued_keep == "loser"
    assert lead.sync().resolved == 1
    assert lead.repo.get(person).fields["occupation"] == cached.loser.value
    for session in (laptop, tablet, lead):
        session.lock()
