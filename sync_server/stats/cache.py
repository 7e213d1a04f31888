"""Recent answers kept in memory, so that dashboards asking again get them at once.

An answer is reused only while no record has changed, no one has been erased and no linkage
run has finished since (the last sequence number handed out and the last run's number are part
of the key; reading each is one index lookup), and for at most ``MAX_AGE`` seconds.
Aggregates only: nothing personal is kept.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from pace_shared.stats_wire import StatsResponse

MAX_AGE = 300.0
MAX_ENTRIES = 64


class AnswerCache:
    def __init__(self, max_age: float = MAX_AGE, max_entries: int = MAX_ENTRIES) -> None:
        self.max_age, self.max_entries = max_age, max_entries
        self._entries: OrderedDict[Hashable, tuple[float, StatsResponse]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], StatsResponse]) -> StatsResponse:
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if found is not None and now - found[0] <= self.max_age:
                self._entries.move_to_end(key)
                return found[1]
        answer = compute()  # outside the lock: two first askers may both compute, harmlessly
        with self._lock:
            self._entries[key] = (now, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


ANSWERS = AnswerCache()
