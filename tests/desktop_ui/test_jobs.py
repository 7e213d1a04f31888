"""The background job runner: results and errors arrive on the GUI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from desktop_app.ui import jobs
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
    """A job shorter than the grace never shows a dialog; a longer one does, until it ends.

    The quick job takes a sixth of the grace, long enough for a grace of 0 ms to show the
    dialog (so this fails if the grace is removed), short enough never to reach the real one.
    """
    runner = JobRunner()
    quick = runner.run(lambda _p: time.sleep(jobs.PROGRESS_GRACE_MS / 6000))
    with qtbot.waitSignal(quick.done, timeout=3000):
        pass
    assert not quick.showed_progress
    slow = runner.run(lambda _p: time.sleep(2 * jobs.PROGRESS_GRACE_MS / 1000))
    qtbot.waitUntil(lambda: slow._dialog is not None, timeout=2000)
    assert slow._dialog.isVisible()
    with qtbot.waitSignal(slow.done, timeout=3000):
        pass
    assert slow.showed_progress
    assert slow._dialog is None


def test_quick_jobs_in_a_row_never_flash_a_dialog(qtbot: Any) -> None:
    runner = JobRunner()
    jobs_run = [runner.run(lambda _p: time.sleep(0.01), label=f"job {n}") for n in range(5)]
    with qtbot.waitSignal(jobs_run[-1].done, timeout=3000):
        pass
    qtbot.wait(jobs.PROGRESS_GRACE_MS + 50)  # past any grace timer that was left running
    assert not any(job.showed_progress for job in jobs_run)


def test_writes_run_on_the_lane_between_the_pages_of_a_long_job(qtbot: Any) -> None:
    """A write queued during a yielding job runs at its next progress report, on the lane's
    thread, before the long job ends; one queued during a non-yielding job waits its turn."""
    runner = JobRunner()
    gui = threading.current_thread()
    order: list[str] = []
    release = threading.Event()
    threads: set[threading.Thread] = set()

    def long_job(progress: Any) -> None:
        for page in range(3):
            threads.add(threading.current_thread())
            order.append(f"page {page}")
            if page == 0:
                release.wait(5)
            progress(page, 3, "")

    def write() -> str:
        threads.add(threading.current_thread())
        order.append("write")
        return "written"

    sync = runner.run(long_job, yields_to_writes=True, show_progress=False)
    qtbot.waitUntil(lambda: order == ["page 0"], timeout=3000)
    written = runner.write(write)
    release.set()
    with qtbot.waitSignal(sync.done, timeout=3000):
        pass
    qtbot.waitUntil(lambda: written.result == "written", timeout=3000)
    assert order == ["page 0", "write", "page 1", "page 2"]
    assert len(threads) == 1
    assert gui not in threads

    order.clear()
    release.clear()
    plain = runner.run(long_job, show_progress=False)
    qtbot.waitUntil(lambda: order == ["page 0"], timeout=3000)
    later = runner.write(write)
    release.set()
    with qtbot.waitSignal(later.done, timeout=3000):
        pass
    assert plain.result is None
    assert order == ["page 0", "page 1", "page 2", "write"]
