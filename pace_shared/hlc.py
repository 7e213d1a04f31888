"""Hybrid logical clock.

An HLC string is ``"<ms since epoch, 13 digits>-<counter, 4 hex digits>-<node>"``. Because every
part is fixed width, plain string comparison is causal order, which is what the merge rule and the
databases' ``ORDER BY`` rely on.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# ASCII classes only (``\d`` would take any script's digits) and always ``fullmatch`` (``$``
# would let a trailing newline through): an HLC is compared as a string, byte for byte.
_NODE = r"[0-9A-Za-z-]{1,64}"
_HLC_RE = re.compile(rf"([0-9]{{13}})-([0-9a-f]{{4}})-({_NODE})", re.ASCII)
MAX_COUNTER = 0xFFFF


class InvalidHLCError(ValueError):
    """A string that is not a well-formed HLC."""


@dataclass(frozen=True, order=True, slots=True)
class Timestamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04x}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        match = _HLC_RE.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidHLCError(f"not a hybrid logical clock value: {text!r}")
        return cls(int(match.group(1)), int(match.group(2), 16), match.group(3))


def is_valid(text: object) -> bool:
    return isinstance(text, str) and _HLC_RE.fullmatch(text) is not None


def matches_node(text: object, node: str) -> bool:
    """Whether ``text`` is a well-formed HLC written by exactly ``node`` (a pushing device)."""
    match = _HLC_RE.fullmatch(text) if isinstance(text, str) else None
    return match is not None and match.group(3) == node


def wall_ms_of(text: str) -> int:
    return Timestamp.parse(text).wall_ms


def node_of(text: str) -> str:
    return Timestamp.parse(text).node


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """One node's clock. Thread-safe; ``last`` is what a caller persists between runs."""

    def __init__(
        self,
        node: str,
        last: str | None = None,
        wall_clock: Callable[[], int] = now_ms,
    ) -> None:
        if not re.fullmatch(_NODE, node, re.ASCII):
            raise InvalidHLCError(f"bad node id for an HLC: {node!r}")
        self.node = node
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._wall = 0
        self._counter = 0
        if last:
            self.receive(last)

    @property
    def last(self) -> str:
        return str(Timestamp(self._wall, self._counter, self.node))

    def tick(self) -> str:
        """A new timestamp for a local event (an edit), after everything seen so far."""
        with self._lock:
            physical = self._wall_clock()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._advance_counter()
            return str(Timestamp(self._wall, self._counter, self.node))

    def receive(self, remote: str) -> None:
        """The HLC receive rule: move past a timestamp seen from elsewhere."""
        stamp = Timestamp.parse(remote)
        with self._lock:
            physical = self._wall_clock()
            wall = max(self._wall, stamp.wall_ms, physical)
            if wall == self._wall == stamp.wall_ms:
                counter = max(self._counter, stamp.counter) + 1
            elif wall == self._wall:
                counter = self._counter + 1
            elif wall == stamp.wall_ms:
                counter = stamp.counter + 1
            else:
                counter = 0
            self._wall, self._counter = wall, counter
            if self._counter > MAX_COUNTER:
                self._wall, self._counter = self._wall + 1, 0

    def _advance_counter(self) -> None:
        self._counter += 1
        if self._counter > MAX_COUNTER:
            # The counter is four hex digits; borrow a millisecond rather than overflow.
            self._wall, self._counter = self._wall + 1, 0
