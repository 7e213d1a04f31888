"""``pace-demo``: a local sync server on SQLite, the app enrolled as the demo adviser.

The demo folder (``PACE_DEMO_DIR``, else ``<user data>/PACE Casework/demo``) keeps the server
database and the app profile, so a second run reuses both and only unlocks the store.

The server never outlives the demo for long: it is stopped at normal exit; on Linux it gets
SIGTERM from the kernel when the app dies however it dies (``PR_SET_PDEATHSIG``); and its pid
is kept in ``server/server.pid``, so the next start stops a server a previous run left behind
(any platform) before starting its own on the same port. desktop_app never imports
sync_server: the server is driven through its command line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import platformdirs

DEMO_USERNAME = "demo.adviser"
DEMO_PASSWORD = "demo-password-2026"
HEALTH_TIMEOUT_S = 45.0
STOP_TIMEOUT_S = 10.0
PIDFILE = "server.pid"
#: The redundancy event ``pace-sync-server seed-demo`` creates (sync_server.seed.EVENT_ID).
DEMO_EVENT_ID = "01900000-0000-7000-8000-00000000e002"
_SERVER_CLI = "import sys; from sync_server.cli import main; sys.exit(main())"
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel send SIGTERM to the child when its parent dies
    (Linux only; elsewhere the pidfile lets the next run stop a server left behind)."""
    if not sys.platform.startswith("linux"):
        return None

    def preexec() -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent_pid:  # the parent died before the signal was armed
            os._exit(1)

    return preexec


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: not ours to stop
        return False
    return True


def _looks_like_our_server(pid: int, port: int) -> bool:
    """Whether ``pid`` is a demo sync server on ``port`` (never signal a recycled pid)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        return _SERVER_CLI.encode() in args and str(port).encode() in args
    # No /proc (macOS, Windows): trust the pidfile if the server answers on its port.
    return _healthy(f"http://127.0.0.1:{port}")


def _healthy(url: str) -> bool:
    with (
        contextlib.suppress(OSError, ValueError),
        urllib.request.urlopen(f"{url}/healthz", timeout=1) as answer,  # noqa: S310
    ):
        return bool(answer.status == 200 and json.load(answer).get("status") == "ok")
    return False


def _terminate(pid: int) -> None:
    """SIGTERM, then SIGKILL if it has not gone within STOP_TIMEOUT_S."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if not _process_alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))


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
        self.pidfile = folder / PIDFILE
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
        self.stop_stale()  # before migrating the database a stale server may still be using
        self._cli("init")
        marker = self.folder / "seeded"
        if not marker.exists():
            # Generated people, engagements and outcomes too, so the dashboards have a picture.
            self._cli("seed-demo", "--demo-data")
            marker.write_text("1", encoding="utf-8")

    def stop_stale(self) -> None:
        """Stop a server a previous run left behind (its app was killed), if it is still up."""
        try:
            record = json.loads(self.pidfile.read_text(encoding="utf-8"))
            pid, port = int(record["pid"]), int(record["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return
        if pid != os.getpid() and _process_alive(pid) and _looks_like_our_server(pid, port):
            print(f"pace-demo: stopping the server a previous run left behind (pid {pid})")
            _terminate(pid)
        self.pidfile.unlink(missing_ok=True)

    def start(self, preferred_port: int | None = None) -> str:
        self.stop_stale()
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
            # Safe here: the demo starts its server before the app starts any thread.
            preexec_fn=_die_with_parent(os.getpid()),
        )
        log.close()
        self.pidfile.write_text(
            json.dumps({"pid": self.process.pid, "port": self.port}), encoding="utf-8"
        )
        self._wait_healthy()
        return self.url

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the demo server stopped; see {self.log_path}")
            if _healthy(self.url):
                return
            time.sleep(0.2)
        raise RuntimeError(f"the demo server did not become healthy; see {self.log_path}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.pidfile.unlink(missing_ok=True)


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
    state = controller.state  # type: ignore[attr-defined]
    if state.current_event_id() is None and state.repo.get(DEMO_EVENT_ID) is not None:
        state.set_current_event(DEMO_EVENT_ID)


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
