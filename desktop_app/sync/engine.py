"""One sync run: push the outbox, then pull pages until the server has nothing more.

Push first so the server merges our edits before we read its state. Each outbox row leaves
only when a result names its change_id; a rejected change is parked, the rest keep flowing.
Each pulled page and its cursor are committed together, so a run can stop anywhere and resume.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from desktop_app.crashpoints import crash_point
from desktop_app.storage.codec import server_time_as_hlc
from desktop_app.storage.sync_store import OutboxChange, SyncStore, max_hlc
from desktop_app.sync.client import SyncClient
from desktop_app.sync.clock import OFFSET_SETTING
from desktop_app.sync.device_report import report_device
from desktop_app.sync.errors import PayloadTooLarge, ResyncRequired, ServerError
from desktop_app.sync.resolutions import refresh_conflicts, reviews_conflicts, send_resolutions
from pace_shared.hlc import HybridClock, InvalidHLCError, now_ms, wall_ms_of
from pace_shared.messages import user_message
from pace_shared.wire import MAX_CHANGES_PER_PUSH, MAX_PULL_LIMIT, ChangeResult, PullResponse

log = logging.getLogger(__name__)

#: progress(done, total or None when unknown, message for the status bar)
ProgressCallback = Callable[[int, int | None, str], None]


def _no_progress(_done: int, _total: int | None, _message: str) -> None:
    return None


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    revoked: int = 0
    pages: int = 0
    resynced: bool = False
    requeued: int = 0
    last_sync_at: str | None = None
    #: Conflict resolutions queued offline that the server accepted at this sync.
    resolved: int = 0
    #: Plain sentences about queued resolutions the server could not apply (e.g. another
    #: lead resolved the conflict first); the queued choice is dropped, nothing crashes.
    resolution_problems: list[str] = field(default_factory=list)
    #: Open conflicts now cached for review; None for roles that do not review conflicts.
    open_conflicts: int | None = None
    #: Audit ``viewed`` events delivered at this sync.
    viewed_sent: int = 0


class SyncEngine:
    def __init__(
        self,
        store: SyncStore,
        client: SyncClient,
        *,
        page_limit: int = MAX_PULL_LIMIT,
        max_push: int = MAX_CHANGES_PER_PUSH,
    ) -> None:
        self.store = store
        self.client = client
        self.page_limit = page_limit
        self.max_push = max_push
        self._running = threading.Lock()

    def run(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Push then pull. Raises the typed errors of :mod:`desktop_app.sync.errors`."""
        report_progress = progress or _no_progress
        with self._running:  # one run at a time, whoever asks (timer or "Sync now")
            report = SyncReport()
            reviewer = reviews_conflicts(self.store.state().user)
            self.push(report, report_progress)
            if reviewer:
                outcome = send_resolutions(self.store.repo, self.client)
                report.resolved, report.resolution_problems = outcome.resolved, outcome.problems
            report.viewed_sent = report_device(self.store.repo, self.client)
            try:
                self.pull(report, report_progress, resync=False)
            except ResyncRequired:
                log.warning("server asked for a full resync; re-pulling from the start")
                report.resynced = True
                self.store.reset_cursor()
                seen = self.pull(report, report_progress, resync=True)
                requeued, purged = self.store.finish_resync(seen)
                report.requeued += requeued  # pages re-queued changes too (counted as pulled)
                report.revoked += purged
                if report.requeued:
                    self.push(report, report_progress)
            if reviewer:
                report.open_conflicts = refresh_conflicts(self.store.repo, self.client)
            report.last_sync_at = self.store.mark_synced()
            report_progress(report.pulled, report.pulled, "Up to date")
            log.info(
                "sync done: pushed %d (conflicts %d, rejected %d), pulled %d in %d pages",
                report.pushed,
                report.conflicts,
                report.rejected,
                report.pulled,
                report.pages,
            )
            return report

    # --- push ---------------------------------------------------------------------------

    def push(self, report: SyncReport, progress: ProgressCallback) -> None:
        total = self.store.repo.pending_count()
        if total == 0:
            return
        done = 0
        limit = self.max_push
        restamped = False
        progress(0, total, f"Sending {total} changes")
        while True:
            batch = self.store.outbox_batch(limit)
            if not batch:
                break
            try:
                response = self.client.push([c.payload for c in batch])
            except PayloadTooLarge:
                if len(batch) == 1:
                    self._park_oversized(batch[0])
                    report.rejected += 1
                    continue
                limit = max(1, len(batch) // 2)
                continue
            crash_point("push.after_send")
            self._receive(response.server_time)
            tally = self.store.record_results(batch, response.results)
            report.pushed += tally.acknowledged
            report.applied += tally.applied
            report.duplicates += tally.duplicate
            report.conflicts += tally.conflict
            report.rejected += tally.rejected
            done += tally.acknowledged
            progress(done, max(total, done), f"Sent {done} of {max(total, done)} changes")
            if tally.skewed:
                if restamped:
                    raise ServerError(
                        user_message(
                            "errors",
                            "The server still refuses this computer's clock; your changes are kept "
                            "and will be sent at the next sync. Check the date and time settings.",
                        )
                    )
                self._rewind_clock(response.server_time)
                self.store.restamp(tally.skewed)
                restamped = True
                continue
            if tally.acknowledged == 0:
                # The server answered without naming our changes: keep them, try next time.
                raise ServerError(
                    user_message(
                        "errors", "The server did not acknowledge any of the changes sent."
                    )
                )

    def _park_oversized(self, change: OutboxChange) -> None:
        self.store.record_results(
            [change],
            [
                ChangeResult(
                    change_id=change.change_id,
                    status="rejected",
                    reason="payload_too_large",
                    detail="This change is too large to send; shorten the text and resend.",
                )
            ],
        )

    # --- pull ---------------------------------------------------------------------------

    def pull(self, report: SyncReport, progress: ProgressCallback, *, resync: bool) -> set[str]:
        """Follow next_cursor until has_more is false; returns the ids seen (for a resync)."""
        cursor = None if resync else self.store.state().cursor
        seen: set[str] = set()
        # While one page is written to the store, the next is already on its way: the cursor
        # only moves when a page is committed, so a prefetched page is simply dropped on a
        # crash and fetched again.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-prefetch") as prefetch:
            upcoming = prefetch.submit(self.client.pull, cursor, self.page_limit)
            while True:
                page = upcoming.result()
                if page.has_more:
                    upcoming = prefetch.submit(self.client.pull, page.next_cursor, self.page_limit)
                if self._apply_pulled(page, report, progress, resync, seen):
                    return seen

    def _apply_pulled(
        self,
        page: PullResponse,
        report: SyncReport,
        progress: ProgressCallback,
        resync: bool,
        seen: set[str],
    ) -> bool:
        """Apply one page with its cursor; True when it was the last one."""
        highest = max_hlc(page.items)
        if highest:
            self._receive_hlc(highest)
        self._receive(page.server_time)
        tally = self.store.apply_page(
            page.items, page.next_cursor, resync=resync, withheld_fields=page.withheld_fields
        )
        if resync:
            seen |= tally.seen
        report.pages += 1
        report.pulled += tally.applied
        report.revoked += tally.revoked
        report.requeued += tally.repushed
        progress(report.pulled, None, f"Received {report.pulled} records")
        return not page.has_more

    # --- clock --------------------------------------------------------------------------

    def _receive(self, server_time: str) -> None:
        stamp = server_time_as_hlc(server_time)
        if stamp:
            self._correct_offset(stamp)
            self._receive_hlc(stamp)

    def _correct_offset(self, server_stamp: str) -> None:
        """Learn how far this computer's clock is off from the server's (kept in settings)."""
        device_clock = self.store.repo.device_clock
        if device_clock is None:
            return
        if device_clock.observe_server_time(wall_ms_of(server_stamp)):
            log.warning("device clock off by %d s; corrected", device_clock.offset_ms // 1000)
            self.store.repo._set_setting(OFFSET_SETTING, str(device_clock.offset_ms))

    def _rewind_clock(self, server_time: str) -> None:
        """After a ``clock_skew`` refusal: restart the HLC from the corrected clock.

        The refused stamps were never accepted anywhere, so dropping back to server time breaks
        no order another replica has seen; edits this device made after seeing another edit
        still reach the server with that edit's HLC as their ``base`` (a fast-forward).
        """
        stamp = server_time_as_hlc(server_time)
        repo = self.store.repo
        if stamp is None:
            raise ServerError(
                user_message("errors", "The server refused our clock but sent no usable time.")
            )
        self._correct_offset(stamp)
        wall = repo.device_clock if repo.device_clock is not None else now_ms
        clock = HybridClock(repo.clock.node, wall_clock=wall)
        clock.receive(stamp)
        repo.clock = clock

    def _receive_hlc(self, stamp: str) -> None:
        try:
            self.store.repo.clock.receive(stamp)
        except InvalidHLCError:
            raise ServerError(
                user_message("errors", "The server sent a malformed clock value.")
            ) from None
