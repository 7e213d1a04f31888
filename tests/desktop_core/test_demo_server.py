"""``pace-demo`` never leaves a sync server behind.

- The app killed with SIGKILL: its server follows it within seconds (Linux: the parent-death
  signal set in the server's child process).
- A server a previous run left behind (its pidfile in the demo folder) is stopped at the next
  start, which serves on the same port, and the new server is stopped at normal exit.
- desktop_app never imports sync_server: the demo drives the server through its command line.
"""

from __future__ import annotations

import ast
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app import demo

ROOT = Path(__file__).resolve().parents[2]
GONE_WITHIN_S = 20  # a liveness deadline, not a measurement: normally well under a second


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().split(") ", 1)[1][0] != "Z"
    return True


def _wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def _kill_if_alive(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


LAUNCHER = """
import sys, time
from pathlib import Path
from desktop_app.demo import DemoServer
server = DemoServer(Path(sys.argv[1]))
server.prepare()
server.start()
print(server.process.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")
def test_the_server_does_not_outlive_a_killed_app(tmp_path: Path) -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(tmp_path / "server")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert app.stdout is not None
    server_pid = int(app.stdout.readline())
    try:
        assert _alive(server_pid)
        app.kill()  # kill -9 of the app
        app.wait(timeout=10)
        assert _wait_gone(server_pid), "the demo server outlived its killed app"
    finally:
        _kill_if_alive(server_pid)


def test_a_stale_server_of_a_previous_run_is_stopped_and_the_new_one_too(tmp_path: Path) -> None:
    folder = tmp_path / "server"
    previous = demo.DemoServer(folder)
    previous.prepare()
    previous.start()
    assert previous.process is not None
    stale_pid, stale_port = previous.process.pid, previous.port
    # The previous run ends without stopping its server (as after kill -9 where no parent-death
    # signal exists): the server and its pidfile stay behind.
    previous.process = None
    current = demo.DemoServer(folder)
    try:
        current.start()
        assert current.process is not None
        assert _wait_gone(stale_pid), "the stale server was left running"
        assert current.port == stale_port  # the enrolled profile's address keeps working
        new_pid = current.process.pid
        current.stop()
        assert not _alive(new_pid)
        assert not (folder / demo.PIDFILE).exists()
    finally:
        current.stop()
        _kill_if_alive(stale_pid)


def test_a_pidfile_naming_another_process_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "server"
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        folder.mkdir()
        (folder / demo.PIDFILE).write_text(f'{{"pid": {bystander.pid}, "port": 1}}')
        server = demo.DemoServer(folder)
        server.prepare()
        try:
            server.start()
        finally:
            server.stop()
        assert bystander.poll() is None  # not ours: never signalled
    finally:
        bystander.kill()
        bystander.wait()


def test_desktop_app_never_imports_sync_server() -> None:
    offenders = []
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "sync_server" or n.startswith("sync_server.") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_the_demo_knows_the_seeded_event() -> None:
    from sync_server.seed import EVENT_ID

    assert demo.DEMO_EVENT_ID == EVENT_ID
