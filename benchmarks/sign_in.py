"""Signing simulated devices in, for the load and capacity benchmarks."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import httpx

from tests.support.live_server import DEMO_PASSWORD


async def sign_in_device(
    http: httpx.AsyncClient,
    username: str,
    device_name: str,
    *,
    attempts: int = 20,
    wait_s: float = 0.2,
    on_failure: Callable[[], None] | None = None,
) -> tuple[str, str]:
    """A new device id signed in as ``username``: (device id, token). Retries with a growing
    wait (sign-ins are throttled and Argon2id is slow under load)."""
    device = str(uuid.uuid4())
    body = {
        "username": username,
        "password": DEMO_PASSWORD,
        "device_id": device,
        "device_name": device_name,
    }
    response: httpx.Response | None = None
    for attempt in range(attempts):
        response = await http.post("/api/v1/auth/login", json=body)
        if response.status_code == 200:
            return device, response.json()["access_token"]
        if on_failure is not None:
            on_failure()
        await asyncio.sleep(wait_s * (attempt + 1))
    status = response.status_code if response is not None else "none"
    raise RuntimeError(f"sign-in of {username} failed: {status}")
