"""tests/support/midnight.py: a test's day is taken at least a minute before UTC and local
midnight, waiting out the last minute (at a month's or a year's end too) rather than taking a
day that ends before the server or the app looks at it."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.support import midnight


class SetClock:
    """UTC and local time (``offset`` ahead of UTC) as the test sets them; sleeping moves both."""

    def __init__(self, utc: dt.datetime, offset: dt.timedelta = dt.timedelta()) -> None:
        self.at, self.offset = utc, offset
        self.slept: list[float] = []

    def utc(self) -> dt.datetime:
        return self.at

    def local(self) -> dt.datetime:
        return (self.at + self.offset).replace(tzinfo=None)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> SetClock:
    set_clock = SetClock(dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC))
    monkeypatch.setattr(midnight, "_utc_now", set_clock.utc)
    monkeypatch.setattr(midnight, "_local_now", set_clock.local)
    monkeypatch.setattr(time, "sleep", set_clock.sleep)
    return set_clock


@pytest.mark.parametrize(
    ("now", "left"),
    [
        (dt.datetime(2026, 11, 30, 23, 59, 30, tzinfo=dt.UTC), dt.timedelta(seconds=30)),
        (dt.datetime(2026, 12, 31, 23, tzinfo=dt.UTC), dt.timedelta(hours=1)),
        (dt.datetime(2028, 2, 28, 12), dt.timedelta(hours=12)),  # naive: local time
        (dt.datetime(2026, 11, 29, tzinfo=dt.UTC), dt.timedelta(days=1)),
    ],
)
def test_time_to_midnight(now: dt.datetime, left: dt.timedelta) -> None:
    assert midnight.time_to_midnight(now) == left


@pytest.mark.parametrize(
    ("last_minute", "next_day"),
    [
        (dt.datetime(2026, 11, 30, 23, 59, 30, tzinfo=dt.UTC), dt.date(2026, 12, 1)),
        (dt.datetime(2026, 12, 31, 23, 59, 1, tzinfo=dt.UTC), dt.date(2027, 1, 1)),
    ],
)
def test_the_last_minute_of_a_utc_day_is_waited_out(
    clock: SetClock, last_minute: dt.datetime, next_day: dt.date
) -> None:
    clock.at = last_minute
    assert midnight.today_clear_of_midnight() == next_day
    assert len(clock.slept) == 1
    assert clock.at.date() == next_day


def test_a_day_with_more_than_a_minute_left_is_taken_at_once(clock: SetClock) -> None:
    clock.at = dt.datetime(2026, 11, 30, 23, 58, 59, tzinfo=dt.UTC)
    assert midnight.today_clear_of_midnight() == dt.date(2026, 11, 30)
    assert midnight.local_today_clear_of_midnight() == dt.date(2026, 11, 30)
    assert clock.slept == []


def test_the_last_minute_of_a_local_day_is_waited_out_too(clock: SetClock) -> None:
    """Five hours ahead of UTC: local midnight falls at 19:00 UTC."""
    clock.offset = dt.timedelta(hours=5)
    clock.at = dt.datetime(2026, 11, 30, 18, 59, 30, tzinfo=dt.UTC)
    assert midnight.local_today_clear_of_midnight() == dt.date(2026, 12, 1)
    assert len(clock.slept) == 1
    assert midnight.today_clear_of_midnight() == dt.date(2026, 11, 30)  # UTC: still the 30th
