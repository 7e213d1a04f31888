"""Fault 9: an expired token with a full outbox (re-login, then everything uploads), and a device
revoked in the middle of a sync (it wipes itself; the server applies nothing it sends after)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.session import DeviceRevoked, Profile, Unauthenticated
from tests.reliability.helpers import (
    assert_converged,
    client_change,
    device_outbox,
    enrol,
    new_id,
    server_records,
)
from tests.support.live_server import LiveServer, start_server

TTL_S = 3


@pytest.fixture(scope="module")
def short_token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with start_server(
        tmp_path_factory.mktemp("ttl"), env={"PACE_TOKEN_TTL_SECONDS": str(TTL_S)}
    ) as server:
        yield server


def test_expired_token_with_full_outbox(short_token_server: LiveServer, tmp_path: Path) -> None:
    sds = enrol(short_token_server, tmp_path / "sds", "demo.adviser")
    made = {
        sds.repo.save("client", {"first_name": f"Expiry{i}", "last_name": "Queued"}): {
            "first_name": f"Expiry{i}"
        }
        for i in range(120)
    }
    time.sleep(TTL_S + 1)
    with pytest.raises(Unauthenticated):
        sds.sync()
    assert len(device_outbox(sds)) == 120  # nothing dropped, nothing sent
    assert not set(made) & set(server_records(short_token_server, "demo.adviser"))
    sds.reauthenticate("demo-password-2026")
    assert sds.sync().applied == 120
    assert_converged(short_token_server, {"sds": sds}, made)
    sds.lock()


def test_revoked_after_its_token_expired_still_wipes(
    short_token_server: LiveServer, tmp_path: Path
) -> None:
    """A laptop revoked while switched off (its token long expired) hears ``device_revoked``,
    not "sign in again", so it wipes itself instead of asking a thief for the password."""
    folder = tmp_path / "sds"
    sds = enrol(short_token_server, folder, "demo.adviser")
    sds.repo.save("client", {"first_name": "Stolen", "last_name": "Laptop"})
    time.sleep(TTL_S + 1)
    short_token_server.cli("revoke-device", sds.device_id)
    with pytest.raises(DeviceRevoked):
        sds.sync()
    assert not Profile(folder).is_enrolled()
    leftovers = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert leftovers == []


def test_revoked_mid_sync_wipes_and_server_applies_nothing_after(
    module_server: LiveServer, tmp_path: Path
) -> None:
    folder = tmp_path / "sds"
    sds = enrol(module_server, folder, "demo.adviser")
    device_id = sds.device_id
    token = sds.sync_store.state().access_token
    made = [
        sds.repo.save("client", {"first_name": f"Revoked{i}", "last_name": "MidSync"})
        for i in range(1100)
    ]
    revoked_at: list[int] = []

    def progress(done: int, _total: int | None, message: str) -> None:
        if message.startswith("Sent") and done >= 1000 and not revoked_at:
            module_server.cli("revoke-device", device_id)  # between the two pushes
            revoked_at.append(done)

    with pytest.raises(DeviceRevoked):
        sds.sync(progress)
    assert revoked_at == [1000]
    # The device wiped itself: no store, no WAL, no key file, no profile.
    assert not Profile(folder).is_enrolled()
    leftovers = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert leftovers == []
    on_server = set(server_records(module_server, "demo.adviser"))
    assert set(made[:1000]) <= on_server  # acknowledged before the revocation: kept
    assert not set(made[1000:]) & on_server  # sent after it: none applied
    # Replaying with the revoked device's token changes nothing either.
    api = module_server.client("demo.adviser", login=False)
    api.token = token
    rid = new_id()
    answer = api.request(
        "POST",
        "/api/v1/sync/push",
        json={"changes": [client_change(rid, {"first_name": "After", "last_name": "Revoke"}, "x")]},
    )
    assert (answer.status_code, answer.json()["error"]) == (403, "device_revoked")
    assert rid not in server_records(module_server, "demo.adviser")
