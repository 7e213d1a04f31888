"""Stolen laptop, leaver, network attacker: the laptop's side of issue 8.

Real sync server processes over HTTP, real SQLCipher profiles. A revoked laptop wipes on
``device_revoked`` from any call (sign-in included) and removes every copy; secrets (sign-in
token, device secret) live only inside the encrypted store; the profile is owner-only; plain
``http://`` to anything but this computer is refused.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop_app.errors import StoreDamagedError
from desktop_app.security.secret_store import SERVICE
from desktop_app.security.transport import (
    ALLOW_INSECURE_HTTP_ENV,
    InsecureServerAddressError,
    check_server_url,
)
from desktop_app.security.wipe import WipeIncompleteError
from desktop_app.session import DeviceRevoked, Profile, Session
from desktop_app.sync.client import SyncClient
from tests.desktop_core.conftest import FAST_KDF, MemoryKeyring
from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server

TTL_S = 2


@pytest.fixture(scope="module")
def ttl_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Tokens that expire after TTL_S seconds, so a test can let one run out."""
    with start_server(
        tmp_path_factory.mktemp("ttl"), env={"PACE_TOKEN_TTL_SECONDS": str(TTL_S)}
    ) as server:
        yield server


def enrol(server: LiveServer, folder: Path, username: str = "demo.adviser") -> Session:
    return Session.enrol(
        Profile(folder), server.url, username, DEMO_PASSWORD, "test laptop", kdf_params=FAST_KDF
    )


def leftovers(folder: Path) -> list[str]:
    """Every file and folder still under the profile folder, relative to it."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def expire_after_revoking(server: LiveServer, session: Session) -> None:
    server.cli("revoke-device", session.device_id)
    time.sleep(TTL_S + 1)  # the token runs out: the server's first answer is about the token


def damage_store(folder: Path) -> None:
    store = Profile(folder).store_path
    data = bytearray(store.read_bytes())
    data[0:64] = b"\x00" * 64
    store.write_bytes(bytes(data))


# --- 1. wipe on device_revoked from any call, sign-in included ----------------------------


def test_revoked_after_token_expiry_wipes_at_sign_in(
    ttl_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(ttl_server, folder)
    session.repo.save("client", {"first_name": "Stolen", "last_name": "Laptop"})
    expire_after_revoking(ttl_server, session)
    # What the app does after a 401: sign in again. The server says device_revoked.
    with pytest.raises(DeviceRevoked):
        session.reauthenticate(DEMO_PASSWORD)
    assert session.is_locked
    assert not Profile(folder).is_enrolled()
    assert leftovers(folder) == []
    assert memory_keyring.entries == {}


def test_revoked_device_with_expired_token_is_wiped_on_next_sync(
    ttl_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(ttl_server, folder)
    expire_after_revoking(ttl_server, session)
    with pytest.raises(DeviceRevoked):
        session.sync()
    assert leftovers(folder) == []
    assert memory_keyring.entries == {}


# --- 2. wipe removes every copy, and says when it cannot ----------------------------------


def test_wipe_removes_the_damaged_copies_a_rebuild_kept(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    enrol(live_server, folder).lock()
    damage_store(folder)
    with pytest.raises(StoreDamagedError):
        Session.unlock(Profile(folder), DEMO_PASSWORD)
    rebuilt, aside = Session.rebuild_from_server(
        Profile(folder), DEMO_PASSWORD, kdf_params=FAST_KDF
    )
    assert aside.is_dir()
    assert any(aside.iterdir())
    assert_owner_only(folder)  # the damaged copies are as private as the live store
    live_server.cli("revoke-device", rebuilt.device_id)
    with pytest.raises(DeviceRevoked):
        rebuilt.sync()
    assert leftovers(folder) == []
    assert memory_keyring.entries == {}


def test_wipe_says_so_when_the_keyring_cannot_be_reached(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(live_server, folder)  # the wrapped key is in the keyring
    live_server.cli("revoke-device", session.device_id)
    keyring.set_keyring(fail.Keyring())  # the keyring is locked or gone at wipe time
    try:
        with pytest.raises(DeviceRevoked) as revoked:
            session.sync()
    finally:
        keyring.set_keyring(memory_keyring)
    assert "keyring" in str(revoked.value)
    assert session.wipe_problem is not None
    assert "keyring" in session.wipe_problem
    assert leftovers(folder) == []  # every file went anyway
    assert any(k.endswith(":wrapped-key") for _s, k in memory_keyring.entries)
    # Asked directly, wipe raises rather than pretending.
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(WipeIncompleteError):
            session.wipe()
    finally:
        keyring.set_keyring(memory_keyring)
    session.wipe()  # keyring back: the entry goes, no error
    assert memory_keyring.entries == {}


# --- 3. device secret: inside the store, sent at every later sign-in ----------------------


def test_device_secret_kept_in_store_and_sent_at_sign_in(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(live_server, folder)
    secret = session.sync_store.state().device_secret
    assert secret
    assert secret not in "".join(memory_keyring.entries.values())
    for file in Path(folder).rglob("*"):
        if file.is_file():
            assert secret.encode() not in file.read_bytes()
    # Someone guesses the adviser's password until the username is throttled...
    guesser = live_server.client("demo.adviser", "wrong password 1234", login=False)
    statuses = [guesser.login().status_code for _ in range(8)]
    assert 429 in statuses
    # ...the adviser's own laptop still signs in: it proves itself with the secret.
    session.reauthenticate(DEMO_PASSWORD)
    assert session.sync_store.state().device_secret == secret
    session.lock()


# --- 4. the sign-in token only inside the encrypted store ---------------------------------


def test_sign_in_token_is_never_in_the_keyring(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(live_server, folder)
    token = session.sync_store.state().access_token
    assert token
    assert token not in memory_keyring.entries.values()
    assert not any(k.endswith(":access-token") for _s, k in memory_keyring.entries)
    assert Profile(folder).meta().token_location == "store"
    session.reauthenticate(DEMO_PASSWORD)
    renewed = session.sync_store.state().access_token
    assert renewed
    assert renewed not in memory_keyring.entries.values()
    session.lock()


def test_token_kept_in_keyring_by_an_older_version_moves_into_the_store_at_unlock(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(live_server, folder)
    token = session.sync_store.state().access_token
    assert token
    # What an older version left: token in plain form in the keyring, none in the store.
    session.sync_store.set_token(None)
    session.lock()
    profile = Profile(folder)
    meta = json.loads(profile.meta_path.read_text())
    meta["token_location"] = "keyring"
    profile.meta_path.write_text(json.dumps(meta))
    entry = f"{meta['profile_id']}:access-token"
    memory_keyring.set_password(SERVICE, entry, token)

    unlocked = Session.unlock(profile, DEMO_PASSWORD)
    assert (SERVICE, entry) not in memory_keyring.entries
    assert unlocked.sync_store.state().access_token == token
    assert profile.meta().token_location == "store"
    unlocked.sync()  # the moved token still works
    unlocked.lock()


# --- 5. owner-only profile ----------------------------------------------------------------


def assert_owner_only(folder: Path) -> None:
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


@pytest.mark.parametrize("secure_keyring", [True, False], ids=["keyring", "no-keyring"])
def test_profile_folder_and_files_are_owner_only(
    live_server: LiveServer, tmp_path: Path, secure_keyring: bool, memory_keyring: MemoryKeyring
) -> None:
    if not secure_keyring:
        keyring.set_keyring(fail.Keyring())
    try:
        folder = tmp_path / "profile"
        session = enrol(live_server, folder)
        session.repo.save("client", {"first_name": "Private", "last_name": "Files"})
        names = {p.name for p in folder.iterdir()}
        assert {"store.db", "store.db-wal", "store.db-shm", "profile.json"} <= names
        assert ("wrapped-key.json" in names) is not secure_keyring
        assert_owner_only(folder)
        session.lock()
        # A profile an older version left readable by others is tightened at unlock.
        os.chmod(folder, 0o755)
        for file in folder.iterdir():
            os.chmod(file, 0o644)
        Session.unlock(Profile(folder), DEMO_PASSWORD).lock()
        assert_owner_only(folder)
    finally:
        keyring.set_keyring(memory_keyring)


# --- 6. no plain http except to this computer ---------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://pace.example.org",
        "http://10.1.2.3:8000",
        "http://127.0.0.1.example.org",
        "http://localhost.example.org:80",
        "ftp://127.0.0.1",
        "pace.example.org",
    ],
)
def test_remote_plain_http_is_refused_before_anything_is_sent(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_INSECURE_HTTP_ENV, raising=False)
    folder = tmp_path / "profile"
    with pytest.raises(InsecureServerAddressError) as refused:
        Session.enrol(Profile(folder), url, "demo.adviser", DEMO_PASSWORD, "laptop")
    assert "https://" in str(refused.value)
    assert not folder.exists()
    with pytest.raises(InsecureServerAddressError):
        SyncClient(url, "token")  # every later call too, not only enrolment


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",
        "http://127.9.8.7",
        "http://localhost:8000/",
        "http://LOCALHOST",
        "http://[::1]:8000",
        "https://pace.example.org",
        "HTTPS://pace.example.org:8443",
    ],
)
def test_loopback_http_and_any_https_are_allowed(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_INSECURE_HTTP_ENV, raising=False)
    check_server_url(url)


def test_admin_setting_allows_remote_plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_INSECURE_HTTP_ENV, "1")
    check_server_url("http://10.1.2.3:8000")
    monkeypatch.setenv(ALLOW_INSECURE_HTTP_ENV, "0")
    with pytest.raises(InsecureServerAddressError) as refused:
        check_server_url("http://10.1.2.3:8000")
    assert ALLOW_INSECURE_HTTP_ENV in str(refused.value)
