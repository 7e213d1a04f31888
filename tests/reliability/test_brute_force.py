"""Security: login rate limiting holds under a burst of parallel guesses (SQLite and
PostgreSQL): at most the allowed number of wrong passwords is ever checked for one username,
the rest are answered 429 ``rate_limited``, and during the lockout even the right password is
refused, so a burst cannot be used to guess. Refusals carry ``Retry-After``, the wait grows with
each further failure, and the user's own device (proved by its device secret, decisions.md #8)
still signs in with the right password while the username is throttled."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server

PER_USER = 5  # PACE_LOGIN_MAX_FAILURES_PER_USER default
PER_ADDRESS = 30


def _login(server: LiveServer, username: str, password: str) -> int:
    response = requests.post(
        f"{server.url}/api/v1/auth/login",
        json={
            "username": username,
            "password": password,
            "device_id": str(uuid.uuid4()),
            "device_name": "burst",
        },
        timeout=60,
    )
    if response.status_code == 429:
        assert response.json()["error"] == "rate_limited"
    return response.status_code


def test_burst_on_one_username(any_server: LiveServer) -> None:
    with ThreadPoolExecutor(16) as pool:
        codes = Counter(
            pool.map(lambda i: _login(any_server, "demo.lead", f"guess-{i}"), range(48))
        )
    assert set(codes) <= {401, 429}
    assert codes[401] <= PER_USER, f"{codes[401]} guesses were checked, limit {PER_USER}"
    assert codes[429] >= 48 - PER_USER
    assert _login(any_server, "demo.lead", DEMO_PASSWORD) == 429  # locked, even when right
    assert _login(any_server, "demo.adviser", DEMO_PASSWORD) == 200  # others unaffected


def test_burst_over_many_usernames_from_one_address(any_server: LiveServer) -> None:
    with ThreadPoolExecutor(16) as pool:
        codes = Counter(
            pool.map(lambda i: _login(any_server, f"nobody{i}", "wrong-password"), range(80))
        )
    assert set(codes) <= {401, 429}
    assert codes[401] <= PER_ADDRESS, f"{codes[401]} guesses were checked, limit {PER_ADDRESS}"
    assert _login(any_server, "demo.adviser", DEMO_PASSWORD) == 429


def _sign_in(
    server: LiveServer,
    username: str,
    password: str,
    device_id: str,
    device_secret: str | None = None,
) -> requests.Response:
    body = {
        "username": username,
        "password": password,
        "device_id": device_id,
        "device_name": "own laptop",
    }
    if device_secret is not None:
        body["device_secret"] = device_secret
    return requests.post(f"{server.url}/api/v1/auth/login", json=body, timeout=60)


def test_a_guesser_cannot_lock_the_user_out_of_their_own_device(any_server: LiveServer) -> None:
    laptop = str(uuid.uuid4())
    enrolled = _sign_in(any_server, "demo.lead", DEMO_PASSWORD, laptop)
    assert enrolled.status_code == 200, enrolled.text
    secret = enrolled.json()["device_secret"]
    assert secret
    with ThreadPoolExecutor(8) as pool:
        codes = Counter(
            pool.map(lambda i: _login(any_server, "demo.lead", f"guess-{i}"), range(16))
        )
    assert codes[429] >= 16 - PER_USER
    limited = _sign_in(any_server, "demo.lead", DEMO_PASSWORD, str(uuid.uuid4()))
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    # The user's own laptop, proving itself with its secret, still gets in with the password.
    own = _sign_in(any_server, "demo.lead", DEMO_PASSWORD, laptop, secret)
    assert own.status_code == 200, own.text
    # The device id alone proves nothing (ids travel in every HLC), nor does a wrong secret.
    assert _sign_in(any_server, "demo.lead", DEMO_PASSWORD, laptop).status_code == 429
    wrong = _sign_in(any_server, "demo.lead", DEMO_PASSWORD, laptop, secret[::-1])
    assert wrong.status_code == 429
    # With its secret but the wrong password, the laptop is refused like anyone.
    assert _sign_in(any_server, "demo.lead", "not it at all", laptop, secret).status_code == 401


def test_the_address_limit_holds_for_own_devices_too(any_server: LiveServer) -> None:
    laptop = str(uuid.uuid4())
    secret = _sign_in(any_server, "demo.adviser", DEMO_PASSWORD, laptop).json()["device_secret"]
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: _login(any_server, f"nobody{i}", "wrong-password"), range(40)))
    refused = _sign_in(any_server, "demo.adviser", DEMO_PASSWORD, laptop, secret)
    assert refused.status_code == 429
    assert refused.json()["error"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1


def test_the_wait_grows_with_each_further_failure(tmp_path: Path) -> None:
    with start_server(tmp_path, env={"PACE_LOGIN_LOCKOUT_SECONDS": "2"}) as server:
        for i in range(PER_USER):
            assert _login(server, "demo.lead", f"guess-{i}") == 401
        first = _sign_in(server, "demo.lead", "guess-again", str(uuid.uuid4()))
        assert first.status_code == 429
        time.sleep(int(first.headers["Retry-After"]) + 0.2)
        assert _login(server, "demo.lead", "one more guess") == 401  # allowed, and wrong
        second = _sign_in(server, "demo.lead", "guess-again", str(uuid.uuid4()))
        assert second.status_code == 429
        assert int(second.headers["Retry-After"]) > int(first.headers["Retry-After"])
