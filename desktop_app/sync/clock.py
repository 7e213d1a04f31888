"""The device's wall clock, corrected by the offset learnt from the server's ``server_time``.

The HLC of every local edit is built on this clock. A laptop whose clock is days ahead would
otherwise stamp edits that beat every other edit for days; the server refuses HLCs more than
``PACE_MAX_CLOCK_SKEW_SECONDS`` ahead (reason ``clock_skew``). The device then corrects its
offset from ``server_time``, re-stamps the refused changes (still queued, in order) with its
corrected clock and sends them again (see ``SyncEngine`` and ``SyncStore.restamp``).
"""

from __future__ import annotations

from collections.abc import Callable

from pace_shared.hlc import now_ms

#: Differences below this are network latency, not a wrong clock: the offset stays as it is.
TOLERANCE_MS = 30_000
OFFSET_SETTING = "clock_offset_ms"


class DeviceClock:
    """Callable giving ms since the epoch: the raw device clock plus the learnt offset."""

    def __init__(self, source: Callable[[], int] = now_ms, offset_ms: int = 0) -> None:
        self.source = source
        self.offset_ms = offset_ms

    def __call__(self) -> int:
        return self.source() + self.offset_ms

    def observe_server_time(self, server_ms: int) -> bool:
        """Adopt ``server_ms`` as the right time if we are more than the tolerance off.

        Returns True when the offset changed (the caller persists it)."""
        error = server_ms - self()
        if abs(error) <= TOLERANCE_MS:
            return False
        self.offset_ms = server_ms - self.source()
        return True
