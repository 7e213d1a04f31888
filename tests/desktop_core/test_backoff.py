"""Backoff for the UI's sync scheduler: exponential, capped, fully jittered, resettable."""

from __future__ import annotations

from desktop_app.sync.backoff import Backoff, backoff_delay


def test_delay_grows_exponentially_and_is_capped() -> None:
    top = lambda: 1.0  # noqa: E731 - the jitter's upper bound
    assert [backoff_delay(n, base_s=2, cap_s=60, rand=top) for n in range(7)] == [
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    assert backoff_delay(3, rand=lambda: 0.5) == 8.0
    assert backoff_delay(10_000, cap_s=300, rand=top) == 300


def test_backoff_jitters_within_bounds_and_resets() -> None:
    backoff = Backoff(base_s=1, cap_s=30, minimum_s=0.5)
    delays = [backoff.failed() for _ in range(10)]
    assert all(0.5 <= d <= 30 for d in delays)
    assert backoff.attempts == 10
    backoff.succeeded()
    assert backoff.attempts == 0
    assert len({Backoff().failed() for _ in range(20)}) > 1  # jitter spreads retries
