"""When to sync: on start, after edits, periodically, on reconnection; backoff on failure."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from desktop_app.session import CONFLICTS_CHANGED, Changes, SyncReport
from desktop_app.sync.backoff import Backoff

from .errors import Failure, classify, describe
from .jobs import JobRunner
from .state import AppState

EDIT_DEBOUNCE_MS = 2_000
PERIOD_MS = 60_000
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 300.0


def changes_of(report: SyncReport) -> Changes:
    """What a sync changed for the views: records it pulled or revoked touch every view;
    a sync that only pushed changes nothing but the status bar."""
    touched = report.pulled or report.revoked or report.conflicts or report.resynced
    # A team lead's conflict cache is refreshed at every sync: the Conflicts screen reloads.
    reviewed = frozenset({CONFLICTS_CHANGED}) if report.open_conflicts is not None else frozenset()
    return Changes(settings=reviewed, everything=bool(touched))


class SyncScheduler(QObject):
    syncing_changed = Signal(bool)
    #: (online, message) after each attempt.
    attempt_finished = Signal(bool, str)
    status_changed = Signal()
    device_revoked = Signal(str)
    reauth_needed = Signal()

    def __init__(
        self,
        state: AppState,
        runner: JobRunner,
        parent: QObject | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner
        self.online: bool | None = None
        # Jittered, so many laptops coming back online do not sync in step.
        self.backoff = backoff or Backoff(base_s=BACKOFF_BASE_S, cap_s=BACKOFF_CAP_S)
        self.retry_delay_ms = 0
        self.last_error = ""
        self.running = False
        self.paused = True
        self._again = False
        self._debounce = self._timer(EDIT_DEBOUNCE_MS, single=True)
        self._period = self._timer(PERIOD_MS, single=False)
        self._retry = self._timer(0, single=True)
        self._debounce.timeout.connect(self.sync_now)
        self._period.timeout.connect(self._on_period)
        self._retry.timeout.connect(self.sync_now)
        state.edited.connect(lambda _changes: self.note_edit())
        self._watch_network()

    def _timer(self, ms: int, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(ms)
        return timer

    def _watch_network(self) -> None:
        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._on_reachability)

    def _on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        if reachability == QNetworkInformation.Reachability.Online and self.online is False:
            self._retry.stop()
            self.sync_now()

    # -- control -----------------------------------------------------------------------------
    def start(self) -> None:
        self.paused = False
        self.backoff.succeeded()
        self._period.start()
        self.sync_now()

    def stop(self) -> None:
        self.paused = True
        for timer in (self._debounce, self._period, self._retry):
            timer.stop()

    def note_edit(self) -> None:
        self.status_changed.emit()
        if not self.paused and not self._retry.isActive():
            self._debounce.start()

    def _on_period(self) -> None:
        if not self._retry.isActive():
            self.sync_now()

    def sync_now(self, manual: bool = False) -> None:
        session = self.state.session
        if session is None or (self.paused and not manual):
            return
        if self.running:
            self._again = True
            return
        if manual:
            self.paused = False
            self._period.start()
        self._debounce.stop()
        self._retry.stop()
        self.running = True
        self.syncing_changed.emit(True)
        self.runner.run(
            lambda progress: session.sync(progress=progress),
            on_success=self._on_success,
            on_failure=self._on_failure,
            label=self.tr("Synchronising with the server…"),
            show_progress=manual,
            # The engine reports progress between pages: registrations go in there.
            yields_to_writes=True,
        )

    # -- results -----------------------------------------------------------------------------
    def _finish(self) -> None:
        self.running = False
        self.syncing_changed.emit(False)
        self.status_changed.emit()

    def _on_success(self, report: SyncReport) -> None:
        self.online = True
        self.backoff.succeeded()
        self.last_error = ""
        self._finish()
        self.attempt_finished.emit(True, "")
        if self.state.session is not None:
            self.state.announce(changes_of(report), local=False)
        if self._again:
            self._again = False
            self._debounce.start()

    def _on_failure(self, exc: BaseException) -> None:
        self._again = False
        failure = classify(exc)
        self.last_error = describe(exc)
        if failure is Failure.REVOKED:
            self._finish()
            self.stop()
            self.device_revoked.emit(self.last_error)
            return
        if failure is Failure.UNAUTHENTICATED:
            self._finish()
            self.stop()
            self.reauth_needed.emit()
            return
        # State first, then the status bar: it must show "offline" and the retry time.
        self.online = False
        self.retry_delay_ms = round(1000 * self.backoff.failed())
        if not self.paused:
            self._retry.setInterval(self.retry_delay_ms)
            self._retry.start()
        self._finish()
        self.attempt_finished.emit(False, self.last_error)

    @property
    def failures(self) -> int:
        return self.backoff.attempts

    @property
    def retry_in_ms(self) -> int:
        return self._retry.remainingTime() if self._retry.isActive() else -1
