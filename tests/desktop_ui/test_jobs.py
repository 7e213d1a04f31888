"""The background job runner: results and errors arrive on the GUI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from desktop_app.ui.jobs import JobRunner


def test_result_arrives_on_gui_thread(qtbot: Any) -> None:
    runner = JobRunner()
    gui = threading.current_thread()
    seen: dict[str, Any] = {}

    def work(progress: Any) -> str:
        seen["worker"] = threading.current_thread()
        progress(1, 2, "half way")
        return "done"

    job = runner.run(
        work, on_success=lambda r: seen.update(result=r, thread=threading.current_thread())
    )
    with qtbot.waitSignal(job.done, timeout=3000):
        pass
    assert seen["result"] == "done"
    assert seen["worker"] is not gui
    assert seen["thread"] is gui


def test_failure_is_reported(qtbot: Any) -> None:
    runner = JobRunner()

    def work(_progress: Any) -> None:
        raise ValueError("boom")

    job = runner.run(work)
    with qtbot.waitSignal(job.failed, timeout=3000) as failed:
        pass
    assert str(failed.args[0]) == "boom"


def test_progress_dialog_only_for_slow_jobs(qtbot: Any) -> None:
    runner = JobRunner()
    quick = runner.run(lambda _p: None)
    with qtbot.waitSignal(quick.done, timeout=3000):
        pass
    assert quick._dialog is None
    slow = runner.run(lambda _p: time.sleep(0.6))
    qtbot.waitUntil(lambda: slow._dialog is not None, timeout=2000)
    with qtbot.waitSignal(slow.done, timeout=3000):
        pass
    assert slow._dialog is None
