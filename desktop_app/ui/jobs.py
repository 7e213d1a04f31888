"""Background jobs: run slow blocking calls off the GUI thread and report back on it.

Modelled on Anki's ``aqt.operations``: the caller hands over a plain function, gets its result
or exception through callbacks that always run on the GUI thread, and a progress dialog appears
only when the job outlives a short grace period, so quick jobs never flash a window.

Every store write goes through :meth:`JobRunner.write` (Anki's ``CollectionOp``): it runs on
the lane's one worker thread and answers the :class:`~desktop_app.storage.views.Changes` it
made, so views refresh only that. A long job that says it can yield (a sync) runs waiting writes
between its pages, so a registration never waits for a whole 10,000-record pull.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

ProgressFn = Callable[[int | None, int | None, str], None]
T = TypeVar("T")

PROGRESS_GRACE_MS = 300


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry worker results back to it."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(object, object, object)


class _Write:
    """One store write waiting in the lane; runs exactly once, whoever gets to it first."""

    def __init__(self, op: Callable[[], object], relay: _Relay) -> None:
        self._op = op
        self._relay = relay

    def execute(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class _WaitingWrites:
    """Writes queued on the lane, in order. Drained only by the lane's own worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[_Write] = deque()

    def add(self, write: _Write) -> None:
        with self._lock:
            self._queue.append(write)

    def drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                write = self._queue.popleft()
            write.execute()


class _Runnable(QRunnable):
    def __init__(
        self,
        work: Callable[[ProgressFn], object],
        relay: _Relay,
        writes: _WaitingWrites,
        *,
        yields: bool,
    ) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._writes = writes
        self._yields = yields
        self.setAutoDelete(True)

    def run(self) -> None:
        def report(done: int | None = None, total: int | None = None, text: str = "") -> None:
            self._relay.progress.emit(done, total, text)
            if self._yields:
                # Between pages, outside any transaction: let waiting writes in.
                self._writes.drain()

        try:
            result = self._work(report)
        except BaseException as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class _DrainRunnable(QRunnable):
    """A write's own turn on the lane: runs every write still waiting, in order."""

    def __init__(self, writes: _WaitingWrites) -> None:
        super().__init__()
        self._writes = writes
        self.setAutoDelete(True)

    def run(self) -> None:
        self._writes.drain()


class Job(QObject):
    """One background call. Signals are emitted on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(object, object, str)
    done = Signal()

    def __init__(
        self,
        *,
        label: str = "",
        parent_widget: QWidget | None = None,
        show_progress: bool = True,
    ) -> None:
        super().__init__()
        self.relay = _Relay()
        self.relay.finished.connect(self._on_finished)
        self.relay.failed.connect(self._on_failed)
        self.relay.progress.connect(self._on_progress)
        self._label = label
        self._parent_widget = parent_widget
        self._dialog: QProgressDialog | None = None
        self._last_progress: tuple[int | None, int | None, str] = (None, None, label)
        self.running = False
        #: True once the progress dialog has been shown (it is closed when the job ends).
        self.showed_progress = False
        self.result: object = None
        self.error: BaseException | None = None
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(PROGRESS_GRACE_MS)
        if show_progress:
            self._grace.timeout.connect(self._show_dialog)

    def start(self, pool: QThreadPool, runnable: QRunnable) -> None:
        self.running = True
        self._grace.start()
        pool.start(runnable)

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(QCoreApplication.translate("JobRunner", "Please wait"))
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        self._dialog = dialog
        self.showed_progress = True
        self._apply_progress(*self._last_progress)
        dialog.show()

    def _apply_progress(self, done: int | None, total: int | None, text: str) -> None:
        if self._dialog is None:
            return
        self._dialog.setLabelText(text or self._label)
        if total:
            self._dialog.setRange(0, int(total))
            self._dialog.setValue(min(int(done or 0), int(total)))
        else:
            self._dialog.setRange(0, 0)

    @Slot(object, object, object)
    def _on_progress(self, done: int | None, total: int | None, text: object) -> None:
        label = str(text) if text else self._label
        self._last_progress = (done, total, label)
        self._apply_progress(done, total, label)
        self.progress.emit(done, total, label)

    def _close(self) -> None:
        self.running = False
        self._grace.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._close()
        self.result = result
        self.succeeded.emit(result)
        self.done.emit()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._close()
        self.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
        self.failed.emit(self.error)
        self.done.emit()


class JobRunner(QObject):
    """Starts jobs and keeps them alive until they finish.

    Store work goes through one serial lane: unlock, sync and writes must never overlap on a
    single SQLCipher store, and one lane makes the order of queued jobs the order they run.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()
        self._writes = _WaitingWrites()

    def run(
        self,
        work: Callable[[ProgressFn], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int | None, int | None, str], None] | None = None,
        label: str = "",
        parent_widget: QWidget | None = None,
        show_progress: bool = True,
        yields_to_writes: bool = False,
    ) -> Job:
        """Run ``work(progress)`` on the lane. ``yields_to_writes``: ``work`` calls
        ``progress`` only between transactions, so waiting writes may run at those points."""
        job = self._job(on_success, on_failure, on_progress, label, parent_widget, show_progress)
        runnable = _Runnable(work, job.relay, self._writes, yields=yields_to_writes)
        job.start(self._pool, runnable)
        return job

    def write(
        self,
        op: Callable[[], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        label: str = "",
        parent_widget: QWidget | None = None,
    ) -> Job:
        """Queue a store write: the only way the UI writes. ``op`` answers what changed."""
        label = label or QCoreApplication.translate("JobRunner", "Saving…")
        job = self._job(on_success, on_failure, None, label, parent_widget, False)
        self._writes.add(_Write(op, job.relay))
        job.start(self._pool, _DrainRunnable(self._writes))
        return job

    def _job(
        self,
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_progress: Callable[[int | None, int | None, str], None] | None,
        label: str,
        parent_widget: QWidget | None,
        show_progress: bool,
    ) -> Job:
        job = Job(label=label, parent_widget=parent_widget, show_progress=show_progress)
        if on_success is not None:
            job.succeeded.connect(on_success)
        if on_failure is not None:
            job.failed.connect(on_failure)
        if on_progress is not None:
            job.progress.connect(on_progress)
        self._jobs.add(job)
        job.done.connect(lambda: self._jobs.discard(job))
        return job

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait_for_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
