"""Background jobs: run slow blocking calls off the GUI thread and report back on it.

Modelled on Anki's ``aqt.operations``: the caller hands over a plain function, gets its result
or exception through callbacks that always run on the GUI thread, and a progress dialog appears
only when the job outlives a short grace period, so quick jobs never flash a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

ProgressFn = Callable[..., None]
Work = Callable[[ProgressFn], Any]

PROGRESS_GRACE_MS = 300


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry worker results back to it."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(object, object, object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        def report(done: int | None = None, total: int | None = None, text: str = "") -> None:
            self._relay.progress.emit(done, total, text)

        try:
            result = self._work(report)
        except BaseException as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class Job(QObject):
    """One background call. Signals are emitted on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(object, object, str)
    done = Signal()

    def __init__(
        self,
        work: Work,
        *,
        label: str = "",
        parent_widget: QWidget | None = None,
        show_progress: bool = True,
    ) -> None:
        super().__init__()
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._work = work
        self._label = label
        self._parent_widget = parent_widget
        self._dialog: QProgressDialog | None = None
        self._last_progress: tuple[int | None, int | None, str] = (None, None, label)
        self.running = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(PROGRESS_GRACE_MS)
        if show_progress:
            self._grace.timeout.connect(self._show_dialog)

    def start(self, pool: QThreadPool) -> None:
        self.running = True
        self._grace.start()
        pool.start(_Runnable(self._work, self._relay))

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle("Please wait")
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        self._dialog = dialog
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

    def run(
        self,
        work: Work,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int | None, int | None, str], None] | None = None,
        label: str = "",
        parent_widget: QWidget | None = None,
        show_progress: bool = True,
    ) -> Job:
        job = Job(work, label=label, parent_widget=parent_widget, show_progress=show_progress)
        if on_success is not None:
            job.succeeded.connect(on_success)
        if on_failure is not None:
            job.failed.connect(on_failure)
        if on_progress is not None:
            job.progress.connect(on_progress)
        self._jobs.add(job)
        job.done.connect(lambda: self._jobs.discard(job))
        job.start(self._pool)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait_for_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
