"""Store security: encryption at rest, key wrapping, wrong password, damage, plain SQLite."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from keyring.backends import fail, null

from desktop_app.errors import (
    InsecureEngineError,
    StoreDamagedError,
    StoreLockedError,
    WrongPasswordError,
)
from desktop_app.security.keywrap import (
    KdfParams,
    WrappedKey,
    generate_store_key,
    unwrap_key,
    wrap_key,
)
from desktop_app.security.secret_store import NO_KEYRING_NOTICE, is_secure_backend
from desktop_app.session import Profile, Session
from desktop_app.storage.engine import open_engine, require_sqlcipher
from desktop_app.storage.store import create_store, open_store
from tests.desktop_core.conftest import FAST_KDF, MemoryKeyring, sha256
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def enrol(server: LiveServer, folder: Path, username: str = "demo.adviser") -> Session:
    return Session.enrol(
        Profile(folder), server.url, username, DEMO_PASSWORD, "test laptop", kdf_params=FAST_KDF
    )


def test_production_kdf_defaults_meet_the_floor() -> None:
    params = KdfParams()
    assert params.memory_cost_kib >= 65_536
    assert params.time_cost >= 3
    assert 1 <= params.parallelism <= 4


def test_wrap_unwrap_roundtrip_binds_profile_and_password() -> None:
    key = generate_store_key()
    wrapped = WrappedKey.from_json(wrap_key(key, "pw", "profile-1", FAST_KDF).to_json())
    assert unwrap_key(wrapped, "pw", "profile-1") == key
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "wrong", "profile-1")
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "pw", "another-profile")  # AAD binds the profile
    assert bytes(key).hex() not in wrapped.to_json()


def test_store_is_encrypted_and_wrong_key_leaves_file_unchanged(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.db"
    engine = create_store(path, bytes(range(32)))
    engine.dispose()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    before = sha256(path)
    with pytest.raises(StoreDamagedError):
        open_store(path, bytes(32))
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    assert "ERROR CORE" not in "".join(capfd.readouterr())  # SQLCipher's own log is silenced
    open_store(path, bytes(range(32))).dispose()  # the right key still works


def test_engine_check_refuses_plain_sqlite(tmp_path: Path) -> None:
    with pytest.raises(InsecureEngineError):
        require_sqlcipher(sqlite3.connect(":memory:"))
    with pytest.raises(InsecureEngineError):
        open_engine(tmp_path / "plain.db", bytes(32), create=True, connect=sqlite3.connect)
    with pytest.raises(InsecureEngineError):
        create_store(tmp_path / "plain2.db", bytes(32), connect=sqlite3.connect)
    assert not (tmp_path / "plain2.db").exists()  # never leaves a plaintext file behind


def test_insecure_keyring_backends_are_refused() -> None:
    assert not is_secure_backend(fail.Keyring())
    assert not is_secure_backend(null.Keyring())
    assert is_secure_backend(MemoryKeyring())


def test_enrol_unlock_wrong_password_lock_and_password_change(
    shared_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "profile"
    session = enrol(shared_server, folder)
    assert session.keyring_notice is None
    assert session.user.partner == "SDS"
    person = session.repo.save("client", {"first_name": "Kim", "last_name": "Lee"})
    session.lock()
    with pytest.raises(StoreLockedError):
        session.repo.get(person)
    profile = Profile(folder)
    assert profile.is_enrolled()
    assert profile.username == "demo.adviser"
    # The wrapped key went to the keyring, never to a file (the token stays in the store).
    assert not profile.wrapped_key_path.exists()
    assert any(k.endswith(":wrapped-key") for _s, k in memory_keyring.entries)
    files = {p: sha256(p) for p in folder.iterdir() if p.is_file()}
    with pytest.raises(WrongPasswordError):
        Session.unlock(profile, "not the password")
    assert {p: sha256(p) for p in folder.iterdir() if p.is_file()} == files

    session = Session.unlock(profile, DEMO_PASSWORD)
    assert session.repo.get(person) is not None
    session.change_password(DEMO_PASSWORD, "a new password 2026")
    session.lock()
    with pytest.raises(WrongPasswordError):
        Session.unlock(profile, DEMO_PASSWORD)
    session = Session.unlock(profile, "a new password 2026")
    assert session.repo.get(person).fields["first_name"] == "Kim"
    with pytest.raises(WrongPasswordError):
        session.change_password("wrong", "x")
    session.lock()


def test_damaged_store_is_reported_and_left_unchanged(
    shared_server: LiveServer, tmp_path: Path
) -> None:
    folder = tmp_path / "profile"
    enrol(shared_server, folder).lock()
    store = Profile(folder).store_path
    data = bytearray(store.read_bytes())
    data[0:64] = b"\x00" * 64  # the salt and first page header
    store.write_bytes(bytes(data))
    before = sha256(store)
    with pytest.raises(StoreDamagedError):
        Session.unlock(Profile(folder), DEMO_PASSWORD)
    assert sha256(store) == before


def test_without_secure_keyring_key_file_and_token_in_store(
    shared_server: LiveServer, tmp_path: Path, no_keyring: None
) -> None:
    folder = tmp_path / "profile"
    session = enrol(shared_server, folder)
    assert session.keyring_notice == NO_KEYRING_NOTICE
    profile = Profile(folder)
    wrapped = json.loads(profile.wrapped_key_path.read_text())
    assert set(wrapped) == {"version", "kdf", "salt", "nonce", "ciphertext"}
    assert profile.wrapped_key_path.stat().st_mode & 0o077 == 0
    # The access token is only inside the encrypted store, not on disk in the clear.
    token = session.sync_store.state().access_token
    assert token
    for file in folder.iterdir():
        assert token.encode() not in file.read_bytes()
    session.lock()
    session = Session.unlock(profile, DEMO_PASSWORD)
    session.sync()  # the token from the store still works
    session.lock()
