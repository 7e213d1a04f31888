"""Registration latency while a 10,000-record pull is being applied.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.ui_latency [--people 10000] [--registrations 60]

A real server process holds ``--people`` people pushed by another device after this laptop
enrolled, so this laptop's next sync pulls them all. The real main window is shown (offscreen)
over the real encrypted store; the sync starts, and while its pages are being applied an adviser
registers people one after another: type a first and last name, press Enter.

Measured per registration, on the GUI thread, only while the pull is running:
  ready  - Enter to "ready for the next person": the form is cleared and the cursor is back in
           the first field (the target: p99 < 50 ms);
  saved  - Enter to the "Saved …" confirmation, i.e. the write committed on the job lane (it
           runs between two pull pages, so this is bounded by one page, not by the pull).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import deque
from pathlib import Path

from benchmarks.client import enrol
from benchmarks.scenarios import our_server, push_raw_people
from pace_shared.hlc import HybridClock

GAP_S = 0.03  # the adviser's pause between two people: the GUI keeps serving events


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), "sqlite") as server:
        session = enrol(server.url, "dwp.adviser", Path(tmp) / "device")
        loader = server.client("demo.adviser")
        push_raw_people(loader, args.people, HybridClock(loader.device_id))
        ready, saved, pulled = measure(session, args.registrations)
        session.lock()
    report(args.people, ready, saved, pulled)


def measure(session: object, registrations: int) -> tuple[list[float], list[float], int]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.launch import application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.state import AppState
    from desktop_app.ui.sync_scheduler import SyncScheduler

    app = application([])
    state = AppState(session)  # type: ignore[arg-type]
    window = MainWindow(state, SyncScheduler(state, state.runner))
    window.show()
    window.activateWindow()
    form = window.registration
    first = form.person.rows["first_name"].edit
    form.start_next()
    wait_for(app, lambda: QApplication.focusWidget() is first, 5.0)

    entered: deque[float] = deque()  # writes commit in the order they were queued
    saved: list[float] = []
    form.saved.connect(lambda _id: saved.append(time.perf_counter() - entered.popleft()))
    sync_report: list[object] = []
    scheduler = window.scheduler
    scheduler.attempt_finished.connect(lambda ok, _m: sync_report.append(ok))
    scheduler.start()  # first sync: pulls every person the other device pushed
    ready: list[float] = []
    n = 0
    while len(ready) < registrations and scheduler.running:
        n += 1
        first.setText(f"Bench{n}")
        form.person.rows["last_name"].edit.setText("Latency")
        form.consent.nobody_button.setChecked(True)  # registration never pre-selects consent
        form.consent.method.choose("verbal")  # nor how it was given; both reset after a save
        started = time.perf_counter()
        entered.append(started)
        QTest.keyClick(first, Qt.Key.Key_Return)
        wait_for(app, lambda: form.person.is_blank() and QApplication.focusWidget() is first, 5)
        ready.append(time.perf_counter() - started)
        pause(app, GAP_S)
    wait_for(app, lambda: bool(sync_report) and not state.runner.busy, 600.0)
    pulled = session.repo.people_count()  # type: ignore[attr-defined]
    scheduler.stop()
    window.quit_now()
    return ready, saved, pulled


def wait_for(app: object, done: object, timeout_s: float) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out waiting for the window")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.0005)


def pause(app: object, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.0005)


def report(people: int, ready: list[float], saved: list[float], pulled: int) -> None:
    print(f"pull of {people:,} people; {len(ready)} registrations while it was applied")
    for name, values in (("ready for the next person", ready), ("saved (committed)", saved)):
        ms = [1000 * v for v in values]
        if not ms:
            continue
        print(
            f"  {name:<26} p50 {statistics.median(ms):6.1f} ms   p99 {percentile(ms, 0.99):6.1f} ms"
            f"   max {max(ms):6.1f} ms   (n={len(ms)})"
        )
    print(f"people in the store afterwards: {pulled:,}")


if __name__ == "__main__":
    main()
