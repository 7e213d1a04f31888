"""Exponential backoff with full jitter, for the UI's sync scheduler (pure Python, no Qt)."""

from __future__ import annotations

import random
from collections.abc import Callable


def backoff_delay(
    attempt: int,
    *,
    base_s: float = 2.0,
    cap_s: float = 300.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds before retry ``attempt`` (0-based): uniform in [0, min(cap, base * 2**attempt)].

    Full jitter spreads out laptops that all come back online together (AWS architecture blog,
    "Exponential Backoff And Jitter").
    """
    ceiling = min(cap_s, base_s * float(2 ** max(0, min(attempt, 30))))
    return ceiling * rand()


class Backoff:
    """Remembers failures in a row; ``failed()`` gives the next delay, ``succeeded()`` resets."""

    def __init__(
        self,
        base_s: float = 2.0,
        cap_s: float = 300.0,
        rand: Callable[[], float] = random.random,
        minimum_s: float = 1.0,
    ) -> None:
        self.base_s = base_s
        self.cap_s = cap_s
        self.minimum_s = minimum_s
        self._rand = rand
        self.attempts = 0

    def failed(self) -> float:
        delay = backoff_delay(self.attempts, base_s=self.base_s, cap_s=self.cap_s, rand=self._rand)
        self.attempts += 1
        return max(self.minimum_s, delay)

    def succeeded(self) -> None:
        self.attempts = 0
