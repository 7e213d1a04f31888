"""Security: login rate limiting holds under a burst of parallel guesses (SQLite and
PostgreSQL): at most the allowed number of wrong passwords is ever checked for one username,
the rest are answered 429 ``rate_limited``, and during the lockout even the right password is
refused, so a burst cannot be used to guess."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support.live_server import DEMO_PASSWORD, LiveServer

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
