"""A real ``pace-sync-server`` process on 127.0.0.1, driven over HTTP like any client.

    with start_server(tmp_path) as server:          # SQLite; or database_url=… for PostgreSQL
        alice = server.client("demo.adviser")        # logged-in API client (a new device)
        alice.push([...]); alice.pull_all()

``seed-demo`` runs first, so the demo partners and users exist (password DEMO_PASSWORD).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

DEMO_PASSWORD = "demo-password-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command() -> list[str]:
    exe = shutil.which("pace-sync-server", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "sync_server.cli"]


def run_cli(
    *args: str, database_url: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PACE_DATABASE_URL": database_url, "PACE_LOG_FORMAT": "text"}
    return subprocess.run(
        [*server_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=check,
        timeout=120,
    )


@dataclass
class ApiClient:
    """A device talking to the server: login registers it; every call is real HTTP."""

    base_url: str
    username: str
    password: str = DEMO_PASSWORD
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    token: str | None = None
    user: dict[str, Any] = field(default_factory=dict)
    http: requests.Session = field(default_factory=requests.Session)

    def login(self) -> requests.Response:
        response = self.http.post(
            f"{self.base_url}/api/v1/auth/login",
            json={
                "username": self.username,
                "password": self.password,
                "device_id": self.device_id,
                "device_name": f"test device of {self.username}",
            },
            timeout=30,
        )
        if response.status_code == 200:
            body = response.json()
            self.token, self.user = body["access_token"], body["user"]
        return response

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.http.request(
            method, f"{self.base_url}{path}", headers=self.headers, timeout=60, **kwargs
        )

    def push(self, changes: list[dict[str, Any]]) -> dict[str, Any]:
        response = self.request("POST", "/api/v1/sync/push", json={"changes": changes})
        assert response.status_code == 200, response.text
        return response.json()

    def pull_page(self, cursor: str | None = None, limit: int = 500) -> requests.Response:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self.request("GET", "/api/v1/sync/pull", params=params)

    def pull_all(
        self, cursor: str | None = None, limit: int = 500
    ) -> tuple[list[dict[str, Any]], str]:
        items: list[dict[str, Any]] = []
        while True:
            response = self.pull_page(cursor, limit)
            assert response.status_code == 200, response.text
            body = response.json()
            items.extend(body["items"])
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return items, cursor  # type: ignore[return-value]


@dataclass
class LiveServer:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def client(
        self, username: str, password: str = DEMO_PASSWORD, *, login: bool = True
    ) -> ApiClient:
        client = ApiClient(self.url, username, password)
        if login:
            response = client.login()
            assert response.status_code == 200, response.text
        return client

    def cli(
        self, *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, database_url=self.database_url, stdin=stdin, check=check)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)


def wait_healthy(url: str, process: subprocess.Popen[bytes] | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before it was ready")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} not healthy after {timeout} s")


def spawn_server(
    database_url: str,
    log_path: Path,
    *,
    port: int | None = None,
    workers: int = 1,
    env: dict[str, str] | None = None,
) -> LiveServer:
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log = log_path.open("ab")
    process = subprocess.Popen(
        [
            *server_command(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env={**os.environ, "PACE_DATABASE_URL": database_url, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    try:
        wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise RuntimeError(
            f"server failed to start; log:\n{log_path.read_text(errors='replace')}"
        ) from None
    return LiveServer(url, database_url, process, log_path)


@contextmanager
def start_server(
    folder: Path,
    *,
    database_url: str | None = None,
    workers: int = 1,
    seed: bool = True,
    env: dict[str, str] | None = None,
) -> Iterator[LiveServer]:
    database_url = database_url or f"sqlite:///{folder / 'server.db'}"
    run_cli("init", database_url=database_url)
    if seed:
        run_cli("seed-demo", database_url=database_url)
    server = spawn_server(database_url, folder / "server.log", workers=workers, env=env)
    try:
        yield server
    finally:
        server.kill(signal.SIGTERM)
