"""The sync scheduler waits as ``desktop_app.sync.backoff.Backoff`` says after each failure, and
starts again from the shortest wait after a success (the one backoff formula, tested in use)."""

from __future__ import annotations

from typing import Any

from desktop_app.sync.backoff import Backoff
from desktop_app.ui.jobs import JobRunner
from desktop_app.ui.sync_scheduler import SyncScheduler


def _fail_once(qtbot: Any, scheduler: SyncScheduler) -> None:
    with qtbot.waitSignal(scheduler.attempt_finished, timeout=3000) as attempt:
        scheduler.sync_now()
    assert attempt.args[0] is False


def test_retry_waits_follow_the_core_backoff(qtbot: Any, state: Any) -> None:
    # The jitter's upper bound, so each wait is the ceiling: 5 s, 10 s, 20 s…
    backoff = Backoff(base_s=5, cap_s=300, rand=lambda: 1.0)
    scheduler = SyncScheduler(state, JobRunner(), backoff=backoff)
    with qtbot.waitSignal(scheduler.attempt_finished, timeout=3000):
        scheduler.start()
    assert scheduler.retry_delay_ms == 5_000
    _fail_once(qtbot, scheduler)
    assert scheduler.retry_delay_ms == 10_000
    _fail_once(qtbot, scheduler)
    assert scheduler.retry_delay_ms == 20_000
    assert backoff.attempts == 3
    scheduler.stop()
    # A fresh start (as after a success) begins again from the shortest wait.
    with qtbot.waitSignal(scheduler.attempt_finished, timeout=3000):
        scheduler.start()
    assert scheduler.retry_delay_ms == 5_000
    assert backoff.attempts == 1
    scheduler.stop()
