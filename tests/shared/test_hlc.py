"""The hybrid logical clock: format, ordering, the receive rule and counter overflow."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pace_shared.hlc import (
    MAX_COUNTER,
    HybridClock,
    InvalidHLCError,
    Timestamp,
    is_valid,
    node_of,
    wall_ms_of,
)

NODE = "5f0c1d2e-0000-4000-8000-000000000001"
OTHER = "9a9a9a9a-0000-4000-8000-000000000002"
HLC_RE = re.compile(r"^\d{13}-[0-9a-f]{4}-[0-9A-Za-z-]{1,64}$")
T0 = 1_764_158_400_000  # 2025-11-26T12:00:00Z


class FakeWall:
    """A wall clock the test moves by hand (forwards, backwards or not at all)."""

    def __init__(self, ms: int = T0) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_format_is_13_digit_ms_4_hex_counter_and_node() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    first = clock.tick()
    assert first == f"{T0}-0000-{NODE}"
    assert HLC_RE.match(first)
    second = clock.tick()  # same millisecond: the counter moves
    assert second == f"{T0}-0001-{NODE}"
    assert wall_ms_of(second) == T0
    assert node_of(second) == NODE
    assert clock.last == second


def test_real_clock_ticks_are_valid_and_near_now() -> None:
    import time

    stamp = HybridClock(NODE).tick()
    assert is_valid(stamp)
    assert abs(wall_ms_of(stamp) - time.time() * 1000) < 5_000


def test_ticks_strictly_increase_even_when_the_wall_clock_goes_back() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    stamps = [clock.tick()]
    for step in (0, 5, -1_000, -50_000, 0, 3, 10_000_000, -10_000_000):
        wall.ms += step
        stamps.append(clock.tick())
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


def test_receive_moves_past_a_remote_stamp_from_a_clock_far_ahead() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    clock.tick()
    remote = f"{T0 + 3_600_000}-0007-{OTHER}"
    clock.receive(remote)
    after = clock.tick()
    assert after > remote
    assert wall_ms_of(after) == T0 + 3_600_000  # the wall part follows the remote clock
    assert Timestamp.parse(after).counter == 9  # remote counter + 1 on receive, + 1 on tick


def test_receive_with_equal_walls_takes_the_larger_counter_plus_one() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    for _ in range(3):
        clock.tick()  # local counter 2
    clock.receive(f"{T0}-0010-{OTHER}")
    assert clock.last == f"{T0}-0011-{NODE}"
    clock.receive(f"{T0}-0001-{OTHER}")  # older remote: still moves on by one
    assert clock.last == f"{T0}-0012-{NODE}"


def test_receive_of_an_old_stamp_when_the_wall_clock_moved_on_resets_the_counter() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    clock.tick()
    wall.ms += 10
    clock.receive(f"{T0 - 100}-00ff-{OTHER}")
    assert clock.last == f"{T0 + 10}-0000-{NODE}"


def test_an_edit_made_after_seeing_another_sorts_after_it_whatever_the_wall_clocks() -> None:
    # The other device's clock runs an hour fast; ours an hour slow.
    fast = HybridClock(OTHER, wall_clock=FakeWall(T0 + 3_600_000))
    slow = HybridClock(NODE, wall_clock=FakeWall(T0 - 3_600_000))
    seen = fast.tick()
    slow.receive(seen)
    assert slow.tick() > seen


def test_restarting_from_last_continues_after_it() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    for _ in range(5):
        clock.tick()
    persisted = clock.last
    wall.ms -= 60_000  # the laptop's clock was set back while it was off
    again = HybridClock(NODE, last=persisted, wall_clock=wall)
    assert again.tick() > persisted


def test_counter_overflow_borrows_a_millisecond() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, last=f"{T0}-fffd-{NODE}", wall_clock=wall)
    # receive(last) at an equal wall moved the counter to fffe
    assert clock.last == f"{T0}-fffe-{NODE}"
    assert clock.tick() == f"{T0}-ffff-{NODE}"
    overflowed = clock.tick()
    assert overflowed == f"{T0 + 1}-0000-{NODE}"
    assert HLC_RE.match(overflowed)
    assert overflowed > f"{T0}-ffff-{NODE}"


def test_receive_of_a_maximal_counter_overflows_into_the_next_millisecond() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    remote = f"{T0}-{MAX_COUNTER:04x}-{OTHER}"
    clock.receive(remote)
    assert clock.last == f"{T0 + 1}-0000-{NODE}"
    assert clock.tick() > remote


def test_many_ticks_in_one_millisecond_stay_ordered_and_well_formed() -> None:
    wall = FakeWall()
    clock = HybridClock(NODE, wall_clock=wall)
    stamps = [clock.tick() for _ in range(MAX_COUNTER + 10)]
    assert all(HLC_RE.match(s) for s in stamps[-20:])
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1764158400000-0000-",
        "176415840000-0000-node",  # 12 digits
        "17641584000000-0000-node",  # 14 digits
        "1764158400000-000-node",
        "1764158400000-00000-node",
        "1764158400000-00FF-node",  # upper-case hex would sort wrongly
        "1764158400000-0000-no de",
        "1764158400000_0000_node",
        "x764158400000-0000-node",
    ],
)
def test_malformed_stamps_are_refused(text: str) -> None:
    assert not is_valid(text)
    with pytest.raises(InvalidHLCError):
        Timestamp.parse(text)


def test_non_strings_are_not_valid() -> None:
    assert not is_valid(None)
    assert not is_valid(1764158400000)
    with pytest.raises(InvalidHLCError):
        Timestamp.parse(12)  # type: ignore[arg-type]


@pytest.mark.parametrize("node", ["", "has space", "a" * 65, "node/with/slash"])
def test_bad_node_ids_are_refused(node: str) -> None:
    with pytest.raises(InvalidHLCError):
        HybridClock(node)


stamps = st.builds(
    Timestamp,
    st.integers(min_value=0, max_value=9_999_999_999_999),
    st.integers(min_value=0, max_value=MAX_COUNTER),
    st.sampled_from([NODE, OTHER, "a", "server", "zz-9"]),
)


@given(stamps, stamps)
def test_string_order_is_timestamp_order(a: Timestamp, b: Timestamp) -> None:
    assert (str(a) < str(b)) == (a < b)
    assert (str(a) == str(b)) == (a == b)


@given(stamps)
def test_parse_round_trips(stamp: Timestamp) -> None:
    assert Timestamp.parse(str(stamp)) == stamp


remote_stamps = st.builds(
    Timestamp,
    st.integers(min_value=4_999_000_000_000, max_value=5_001_000_000_000),
    st.integers(min_value=0, max_value=MAX_COUNTER),
    st.sampled_from([OTHER, "a", "zz-9"]),
)


@given(st.lists(st.tuples(st.booleans(), remote_stamps, st.integers(-5_000, 5_000)), max_size=40))
def test_any_sequence_of_ticks_and_receives_only_moves_forward(
    events: list[tuple[bool, Timestamp, int]],
) -> None:
    wall = FakeWall(5_000_000_000_000)
    clock = HybridClock(NODE, wall_clock=wall)
    previous = clock.tick()
    for is_receive, remote, drift in events:
        wall.ms += drift
        if is_receive:
            clock.receive(str(remote))
            now = clock.tick()
            # Strictly after the remote edit in (wall, counter), whatever the node ids.
            parsed = Timestamp.parse(now)
            assert (parsed.wall_ms, parsed.counter) > (remote.wall_ms, remote.counter)
        else:
            now = clock.tick()
        assert now > previous
        assert HLC_RE.match(now)
        previous = now
