"""``pace-demo``: a local sync server on SQLite, the app enrolled as the demo adviser.

The demo folder (``PACE_DEMO_DIR``, else ``<user data>/PACE Casework/demo``) keeps the server
database and the app profile, so a second run reuses both and only unlocks the store.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import platformdirs

DEMO_USERNAME = "demo.adviser"
DEMO_PASSWORD = "demo-password-2026"
HEALTH_TIMEOUT_S = 45.0
_SERVER_CLI = "import sys; from sync_server.cli import main; sys.exit(main())"


def demo_dir() -> Path:
    override = os.environ.get("PACE_DEMO_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("PACE Casework", "PACE")) / "demo"


def free_port(preferred: int | None = None) -> int:
    for port in (preferred, 0):
        if port is None:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As uvicorn does: a port the last run left in TIME_WAIT is still ours to reuse.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free TCP port on 127.0.0.1")


class DemoServer:
    """The sync server as a child process, driven through its documented command line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.database = folder / "server.db"
        self.log_path = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PACE_DATABASE_URL"] = f"sqlite:///{self.database}"
        return env

    def _cli(self, *args: str) -> None:
        done = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-c", _SERVER_CLI, *args],
            env=self._env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(
                f"pace-sync-server {args[0]} failed: {message[-1] if message else ''}"
            )

    def prepare(self) -> None:
        self._cli("init")
        marker = self.folder / "seeded"
        if not marker.exists():
            self._cli("seed-demo")
            marker.write_text("1", encoding="utf-8")

    def start(self, preferred_port: int | None = None) -> str:
        # Reuse the enrolled profile's port when free: the profile remembers the server address.
        port_file = self.folder / "port"
        previous = preferred_port or (int(port_file.read_text()) if port_file.exists() else None)
        self.port = free_port(previous)
        port_file.write_text(str(self.port), encoding="utf-8")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                "-c",
                _SERVER_CLI,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_healthy()
        return self.url

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the demo server stopped; see {self.log_path}")
            with (
                contextlib.suppress(OSError, ValueError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as answer,  # noqa: S310
            ):
                if answer.status == 200 and json.load(answer).get("status") == "ok":
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the demo server did not become healthy; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def _enrolled_port(profile: object) -> int | None:
    from urllib.parse import urlsplit

    try:
        if profile.is_enrolled():  # type: ignore[attr-defined]
            return urlsplit(profile.meta().server_url).port  # type: ignore[attr-defined]
    except Exception:  # a damaged profile surfaces later, at unlock, with a clear message
        return None
    return None


def _choose_demo_event(controller: object) -> None:
    """Start the demo at the seeded redundancy event, as an adviser on site would."""
    from sync_server.seed import EVENT_ID

    state = controller.state  # type: ignore[attr-defined]
    if state.current_event_id() is None and state.repo.get(EVENT_ID) is not None:
        state.set_current_event(EVENT_ID)


def main(argv: list[str] | None = None) -> int:
    from desktop_app.security.process import harden_process

    harden_process()  # first: no core dump may ever hold a password or the store key
    parser = argparse.ArgumentParser(prog="pace-demo", description=__doc__)
    parser.add_argument("--folder", type=Path, default=None, help="demo folder")
    args = parser.parse_args(argv)
    folder = args.folder or demo_dir()
    server = DemoServer(folder / "server")
    try:
        from desktop_app.session import Profile, Session
        from desktop_app.ui.launch import run

        profile = Profile(folder / "profile")
        server.prepare()
        url = server.start(_enrolled_port(profile))
        print(f"PACE demo server at {url} (log: {server.log_path})", flush=True)
        return run(
            profile,
            Session,
            server_url=url,
            username=DEMO_USERNAME,
            auto_password=DEMO_PASSWORD,
            device_name="PACE demo laptop",
            on_ready=_choose_demo_event,
        )
    except RuntimeError as exc:
        print(f"pace-demo: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
