"""Fault 3: a broken network between client and server (tests/reliability/faultproxy.py):
connections dropped mid-body, answers stalled past the client timeout, answers cut after N
bytes. The client retries with backoff; the pass rule holds and nothing is applied twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from desktop_app.session import Session
from tests.reliability.faultproxy import Fault, FaultProxy
from tests.reliability.helpers import (
    assert_converged,
    enrol,
    push_people,
    sync_with_retries,
)
from tests.support.live_server import LiveServer

TIMEOUT = (2.0, 1.5)


@pytest.fixture
def proxy(module_server: LiveServer) -> Iterator[FaultProxy]:
    target = urlparse(module_server.url)
    with FaultProxy(target.hostname or "127.0.0.1", target.port or 80) as running:
        yield running


def _register(session: Session, prefix: str, count: int) -> dict[str, dict[str, str]]:
    made = {}
    for i in range(count):
        fields = {"first_name": f"{prefix}{i}", "last_name": "Network"}
        rid = session.repo.save(
            "client", {**fields, "share_with": ["DWP"]}, consent_method="verbal"
        )
        made[rid] = fields
    return made


@pytest.mark.parametrize(
    ("name", "faults"),
    [
        ("drop", [Fault.drop_request(600), Fault.drop_request(40_000)]),
        ("cut", [Fault.cut_response(60), Fault.cut_response(400)]),
        ("stall", [Fault.stall(3.0), Fault.stall(3.0)]),
    ],
)
def test_push_through_faults(
    module_server: LiveServer,
    proxy: FaultProxy,
    tmp_path: Path,
    name: str,
    faults: list[Fault],
) -> None:
    sds = enrol(proxy.url, tmp_path / "sds", "demo.adviser", http_timeout=TIMEOUT)
    dwp = enrol(module_server, tmp_path / "dwp", "dwp.adviser")
    # A push body of ~120 kB: each person and their consent history entry (two changes).
    made = _register(sds, f"Net{name}", 300)
    proxy.queue(*faults)
    report, failures = sync_with_retries(sds)
    assert proxy.applied == faults
    assert len(failures) >= len(faults)
    if name == "drop":
        assert report.applied == 600  # the server never saw a whole body before
    else:
        # The server applied the first attempt; its answer was lost; the retry is a duplicate.
        assert (report.applied, report.duplicates) == (0, 600)
    dwp.sync()
    assert_converged(module_server, {"sds": sds, "dwp": dwp}, made)
    sds.lock()
    dwp.lock()


@pytest.mark.parametrize("fault", [Fault.cut_response(9000), Fault.stall(3.0)])
def test_pull_through_faults(
    module_server: LiveServer, proxy: FaultProxy, tmp_path: Path, fault: Fault
) -> None:
    sds = enrol(proxy.url, tmp_path / "sds", "demo.adviser", http_timeout=TIMEOUT)
    pushed = push_people(module_server.client("demo.adviser"), f"NetPull{fault.kind}", 1200, [])
    proxy.queue(fault, Fault.cut_response(200_000))  # first page cut early, then mid-way
    _report, failures = sync_with_retries(sds)
    assert proxy.applied == [fault, Fault.cut_response(200_000)]
    assert len(failures) >= 2
    views = assert_converged(module_server, {"sds": sds})
    assert set(pushed) <= set(views["SDS"])
    sds.lock()
