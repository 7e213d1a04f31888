"""The real app, start to usable window, on a store of 100,000 people.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.ui_start [--people 100000]

A server holds the people; a device enrols (test KDF) and locks; then the clock starts, the Qt
application and the app controller are created, the profile is unlocked as the demo does, the
main window is built and shown with its people list, and one full paint is forced. Also prints
the production Argon2id cost, which a real unlock adds.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from benchmarks.client import enrol
from benchmarks.scenarios import our_server, push_raw_people
from pace_shared.hlc import HybridClock
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), "sqlite") as server:
        measure(server, Path(tmp), args.people)


def measure(server: LiveServer, tmp: Path, people: int) -> None:
    loader = server.client("demo.adviser")
    push_raw_people(loader, people, HybridClock(loader.device_id))
    folder = tmp / "device"
    enrol(server.url, "dwp.adviser", folder).lock()
    from desktop_app.session import Profile, Session

    t0 = time.perf_counter()
    from desktop_app.ui.app import AppController
    from desktop_app.ui.launch import application

    app = application([])
    controller = AppController(
        Profile(folder), Session, server_url=server.url, username="dwp.adviser"
    )
    marks: dict[str, float] = {}

    def ready() -> None:
        marks["unlocked"] = time.perf_counter()
        app.processEvents()
        marks["painted"] = time.perf_counter()
        w = controller.window
        w.grab()  # force a full paint of the window
        marks["grabbed"] = time.perf_counter()
        app.quit()

    controller.unlocked.connect(ready)
    controller.auto_sign_in(DEMO_PASSWORD)
    app.exec()
    print(
        f"start -> window shown and unlocked: {1000 * (marks['unlocked'] - t0):.0f} ms; "
        f"+ first paint: {1000 * (marks['grabbed'] - t0):.0f} ms"
    )
    t = time.perf_counter()
    hash_secret_raw(
        b"pw", b"s" * 16, time_cost=3, memory_cost=65536, parallelism=4, hash_len=32, type=Type.ID
    )
    print(f"production Argon2id (64 MiB, 3 passes): {1000 * (time.perf_counter() - t):.0f} ms")
    session = getattr(controller.state, "session", None)
    if session is not None:
        session.lock()


if __name__ == "__main__":
    main()
