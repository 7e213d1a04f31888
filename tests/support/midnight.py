"""A test's "today", taken clear of midnight.

Tests compare a day they take with a day the server or the desktop app takes from its own clock
a little later: the server counts a person on the UTC day it first received them; the desktop
dates a completed referral, and ages one, by the laptop's local day. A day the test took just
before midnight is the wrong day by the time the other side looks (a day fixed at import once
failed a CI run that crossed midnight), so a test takes its day here, which first waits out the
last minute before UTC or local midnight, and compares against that day. The set-up that must
land on that day is then done well within the minute.
"""

from __future__ import annotations

import datetime as dt
import time

#: How far from midnight a test's day is taken: its set-up must finish within this.
MARGIN = dt.timedelta(minutes=1)


def time_to_midnight(now: dt.datetime) -> dt.timedelta:
    """How long until the next midnight of ``now``'s own clock (UTC if aware in UTC, the
    laptop's local time if naive)."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return midnight - now


def wait_clear_of_midnight(margin: dt.timedelta = MARGIN) -> None:
    """Sleep past the next UTC or local midnight while either is less than ``margin`` away."""
    while (left := min(time_to_midnight(_utc_now()), time_to_midnight(_local_now()))) < margin:
        time.sleep(left.total_seconds() + 1)


def today_clear_of_midnight(margin: dt.timedelta = MARGIN) -> dt.date:
    """Today in UTC (the server's day), at least ``margin`` before its end."""
    wait_clear_of_midnight(margin)
    return _utc_now().date()


def local_today_clear_of_midnight(margin: dt.timedelta = MARGIN) -> dt.date:
    """Today on this machine's local clock (the desktop app's day), at least ``margin`` before
    its end."""
    wait_clear_of_midnight(margin)
    return _local_now().date()


# The two clocks, read through these so that tests of this module can set them.
def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _local_now() -> dt.datetime:
    return dt.datetime.now()
