"""The merge rule (pace_shared.merge): examples of each case, and hypothesis properties.

Per field, the greater HLC wins on every replica; deletion is a tombstone that never comes back.
The properties are over the functions production runs (``apply_upsert`` and ``apply_delete``,
as the server's push calls them): applying edits commutes and is idempotent, any interleaving
(with retries) of the same edits from several devices converges to one state, and a replica that
re-pushes what it holds (as the client does after a resync) converges with the server's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pace_shared.hlc import Timestamp
from pace_shared.merge import DELETED, RecordState, apply_delete, apply_upsert

A = "aaaaaaaa-0000-4000-8000-00000000000a"
B = "bbbbbbbb-0000-4000-8000-00000000000b"
C = "cccccccc-0000-4000-8000-00000000000c"
T0 = 1_764_158_400_000


def h(ms: int, node: str = A, counter: int = 0) -> str:
    return str(Timestamp(T0 + ms, counter, node))


# --- examples ---------------------------------------------------------------------------------


def test_new_field_fast_forwards() -> None:
    state = RecordState()
    (outcome,) = apply_upsert(state, {"phone": "1"}, h(1), {})
    assert outcome.applied
    assert not outcome.conflict
    assert state.fields == {"phone": "1"}
    assert state.versions == {"phone": h(1)}


def test_an_edit_that_saw_the_stored_value_fast_forwards() -> None:
    state = RecordState({"phone": "1"}, {"phone": h(1)})
    (outcome,) = apply_upsert(state, {"phone": "2"}, h(2, B), {"phone": h(1)})
    assert outcome.applied
    assert not outcome.conflict
    assert state.fields["phone"] == "2"


def test_concurrent_edit_with_greater_hlc_wins_and_is_a_conflict() -> None:
    state = RecordState({"phone": "1"}, {"phone": h(1)})
    apply_upsert(state, {"phone": "from-A"}, h(5, A), {"phone": h(1)})
    (outcome,) = apply_upsert(state, {"phone": "from-B"}, h(6, B), {"phone": h(1)})
    assert outcome.applied
    assert outcome.conflict
    assert (outcome.winner_value, outcome.winner_hlc) == ("from-B", h(6, B))
    assert (outcome.loser_value, outcome.loser_hlc) == ("from-A", h(5, A))
    assert state.fields["phone"] == "from-B"


def test_concurrent_edit_with_smaller_hlc_loses_but_is_kept_as_a_conflict() -> None:
    state = RecordState({"phone": "1"}, {"phone": h(1)})
    apply_upsert(state, {"phone": "from-B"}, h(6, B), {"phone": h(1)})
    (outcome,) = apply_upsert(state, {"phone": "from-A"}, h(5, A), {"phone": h(1)})
    assert not outcome.applied
    assert outcome.conflict
    assert (outcome.winner_value, outcome.loser_value) == ("from-B", "from-A")
    assert state.fields["phone"] == "from-B"


def test_edits_to_different_fields_never_conflict() -> None:
    state = RecordState({"phone": "1", "email": "a@b.co"}, {"phone": h(1), "email": h(1)})
    out_a = apply_upsert(state, {"phone": "2"}, h(5, A), {"phone": h(1)})
    out_b = apply_upsert(state, {"email": "c@d.co"}, h(4, B), {"email": h(1)})
    assert not any(o.conflict for o in out_a + out_b)
    assert state.fields == {"phone": "2", "email": "c@d.co"}


def test_one_devices_own_edits_arriving_out_of_order_are_no_conflict() -> None:
    state = RecordState()
    apply_upsert(state, {"phone": "2"}, h(2, A), {"phone": h(1, A)})
    (outcome,) = apply_upsert(state, {"phone": "1"}, h(1, A), {})
    assert not outcome.applied
    assert not outcome.conflict
    assert state.fields["phone"] == "2"


def test_the_same_edit_twice_changes_nothing() -> None:
    state = RecordState()
    apply_upsert(state, {"phone": "1"}, h(1), {})
    before = state.copy()
    (outcome,) = apply_upsert(state, {"phone": "1"}, h(1), {})
    assert not outcome.applied
    assert not outcome.conflict
    assert state == before


def test_delete_is_a_tombstone_that_an_upsert_never_revives() -> None:
    state = RecordState({"phone": "1"}, {"phone": h(1)})
    assert apply_delete(state, h(2))
    assert state.deleted
    assert state.fields == {}
    assert state.versions == {DELETED: h(2)}
    outcomes = apply_upsert(state, {"phone": "back"}, h(9, B), {"phone": h(1)})
    assert [o.applied for o in outcomes] == [False]
    assert outcomes[0].conflict  # kept visible, never silently dropped
    assert state.deleted
    assert state.fields == {}
    assert not apply_delete(state, h(1))  # an older delete changes nothing
    assert apply_delete(state, h(3))
    assert state.versions == {DELETED: h(3)}


def test_a_later_edit_never_revives_an_earlier_delete() -> None:
    live = RecordState({"phone": "9"}, {"phone": h(9)})
    assert apply_delete(live, h(2))  # the delete reaches a replica that has a newer edit
    assert live == RecordState({}, {DELETED: h(2)})
    dead = RecordState({}, {DELETED: h(2)})
    apply_upsert(dead, {"phone": "9"}, h(9), {})
    assert dead == RecordState({}, {DELETED: h(2)})


# --- properties -------------------------------------------------------------------------------

FIELD_NAMES = ("first_name", "phone", "email", "notes")
NODES = (A, B, C)


@dataclass(frozen=True)
class Op:
    kind: str  # "upsert" or "delete"
    hlc: str
    values: tuple[tuple[str, Any], ...] = ()
    base: tuple[tuple[str, str | None], ...] = ()


def value_for(name: str, stamp: str) -> Any:
    # One edit (one HLC) always writes one value: as on the wire, an HLC names an edit.
    if name == "notes" and stamp.endswith("c"):
        return None  # clearing a field is an edit too
    return f"{name}@{stamp}"


@st.composite
def unique_stamps(draw: st.DrawFn, min_size: int = 1, max_size: int = 12) -> list[str]:
    raw = draw(
        st.lists(
            st.tuples(
                st.integers(0, 40), st.integers(0, 3), st.sampled_from(NODES)
            ),  # small ranges: many ties on wall time and counter
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    return [h(ms, node, counter) for ms, counter, node in raw]


@st.composite
def ops(draw: st.DrawFn) -> list[Op]:
    stamps = draw(unique_stamps())
    result = []
    for stamp in stamps:
        if draw(st.integers(0, 9)) == 0:
            result.append(Op("delete", stamp))
            continue
        names = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=3, unique=True))
        base = tuple(
            (n, draw(st.one_of(st.none(), st.sampled_from(stamps)))) for n in names
        )  # what the device had seen: anything, it must not matter for the winner
        result.append(Op("upsert", stamp, tuple((n, value_for(n, stamp)) for n in names), base))
    return result


def apply(state: RecordState, op: Op) -> None:
    if op.kind == "delete":
        apply_delete(state, op.hlc)
    else:
        apply_upsert(state, dict(op.values), op.hlc, dict(op.base))


def expected(all_ops: list[Op]) -> RecordState:
    """The specification: greatest tombstone if any delete, else per field the greatest HLC."""
    deletes = [o.hlc for o in all_ops if o.kind == "delete"]
    if deletes:
        return RecordState({}, {DELETED: max(deletes)})
    state = RecordState()
    for op in all_ops:
        for name, value in op.values:
            if name not in state.versions or op.hlc > state.versions[name]:
                state.fields[name], state.versions[name] = value, op.hlc
    return state


def replay(sequence: list[Op]) -> RecordState:
    state = RecordState()
    for op in sequence:
        apply(state, op)
    return state


def repush(target: RecordState, replica: RecordState) -> None:
    """Send what ``replica`` holds to ``target`` the way the client re-pushes after a resync
    (``sync_store.finish_resync``): its tombstone as a delete, else one upsert per HLC."""
    if replica.deleted:
        apply_delete(target, replica.versions[DELETED])
        return
    by_hlc: dict[str, dict[str, Any]] = {}
    for name, stamp in replica.versions.items():
        by_hlc.setdefault(stamp, {})[name] = replica.fields.get(name)
    for stamp, values in sorted(by_hlc.items()):
        apply_upsert(target, values, stamp, dict.fromkeys(values))


@given(ops(), st.data())
def test_applying_two_edits_commutes(all_ops: list[Op], data: st.DataObject) -> None:
    prefix = replay(data.draw(st.permutations(all_ops))[: data.draw(st.integers(0, len(all_ops)))])
    a, b = data.draw(st.sampled_from(all_ops)), data.draw(st.sampled_from(all_ops))
    ab, ba = prefix.copy(), prefix.copy()
    apply(ab, a)
    apply(ab, b)
    apply(ba, b)
    apply(ba, a)
    assert ab == ba


@given(ops(), st.data())
def test_applying_an_edit_again_changes_nothing(all_ops: list[Op], data: st.DataObject) -> None:
    state = replay(data.draw(st.permutations(all_ops)))
    again = state.copy()
    apply(again, data.draw(st.sampled_from(all_ops)))
    assert again == state


@settings(max_examples=200)
@given(ops(), st.data())
def test_any_interleaving_with_retries_converges(all_ops: list[Op], data: st.DataObject) -> None:
    target = expected(all_ops)
    for _ in range(3):
        order = data.draw(st.permutations(all_ops))
        retries = data.draw(st.lists(st.sampled_from(all_ops), max_size=4))
        positions = [data.draw(st.integers(0, len(order))) for _ in retries]
        sequence = list(order)
        for op, at in zip(retries, positions, strict=True):
            sequence.insert(at, op)  # a retried push: the same edit again, anywhere
        assert replay(sequence) == target


@settings(max_examples=200)
@given(ops(), st.data())
def test_replicas_that_each_saw_some_edits_converge_by_repushing(
    all_ops: list[Op], data: st.DataObject
) -> None:
    """Several devices each apply a subset in their own order; re-pushing every replica into
    one (in any order) gives what one replica that saw everything has."""
    replicas = []
    for _ in range(data.draw(st.integers(1, 4))):
        subset = data.draw(st.lists(st.sampled_from(all_ops), max_size=len(all_ops) + 2))
        replicas.append(replay(subset))
    # Every edit reaches at least one replica.
    replicas.append(replay(data.draw(st.permutations(all_ops))))
    merged = RecordState()
    for replica in data.draw(st.permutations(replicas)):
        repush(merged, replica)
    assert merged == expected(all_ops)


@given(ops(), st.data())
def test_tombstones_never_come_back(all_ops: list[Op], data: st.DataObject) -> None:
    deletes = [o for o in all_ops if o.kind == "delete"]
    if not deletes:
        return
    order = data.draw(st.permutations(all_ops))
    state = RecordState()
    deleted_seen = False
    for op in order:
        apply(state, op)
        deleted_seen |= op.kind == "delete"
        if deleted_seen:
            assert state.deleted
            assert state.fields == {}
            assert set(state.versions) == {DELETED}


@given(ops(), st.data())
def test_the_winner_is_always_the_greatest_hlc_and_nothing_is_lost(
    all_ops: list[Op], data: st.DataObject
) -> None:
    """Every losing or overwritten value of a concurrent edit is reported in an outcome."""
    upserts = [o for o in all_ops if o.kind == "upsert"]
    state = RecordState()
    reported_losers: set[tuple[str, str]] = set()
    for op in data.draw(st.permutations(upserts)):
        for outcome in apply_upsert(state, dict(op.values), op.hlc, dict(op.base)):
            if outcome.loser_hlc is not None:
                reported_losers.add((outcome.field, outcome.loser_hlc))
            if outcome.applied:
                assert outcome.winner_hlc == op.hlc
            assert state.versions[outcome.field] == max(state.versions[outcome.field], op.hlc)
    final = expected(upserts)
    assert state == final
    for op in upserts:
        for name, _value in op.values:
            if final.versions[name] != op.hlc:
                # A value that did not win was either compared (and reported) or arrived
                # before a newer value overwrote it (reported as that edit's loser).
                assert (name, op.hlc) in reported_losers
