"""The ``caseload`` table equals a from-scratch recomputation after any mix of writes.

Generated sequences of pull pages (new and changed people, children, events and employers,
deletions, revocations and erasures, in any order within a page), local saves and deletes,
and a resync's purge of unseen records, on a real encrypted store. Pull pages take the
deferred, set-based path (``deferred_caseload``); local writes the per-row triggers; the table
must come out the same as ``rebuild_caseload`` after every step.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_app.storage.caseload_table import rebuild_caseload
from pace_shared.wire import PullItem
from tests.desktop_core.conftest import DEVICE, LocalStore, make_store

OTHER = "0190bbbb-0000-7000-8000-000000000002"
AREAS = ("Fife", "Angus", "")


def _id(kind: str, n: int) -> str:
    prefix = {"client": "cccc", "child": "dddd", "event": "eeee", "employer": "ffff"}[kind]
    return f"0190{prefix}-0000-7000-8000-{n:012d}"


def _hlc(day: int, node: str) -> str:
    return f"{1_767_225_600_000 + day * 86_400_000:013d}-0000-{node}"


def _date(day: int) -> str:
    return f"2026-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"


def _client(n: int, event: int | None) -> dict[str, Any]:
    return {
        "first_name": f"F{n}",
        "last_name": f"L{n % 3}",
        "event_id": _id("event", event) if event is not None else "",
    }


def _child(kind: str, parent: int, day: int, flag: int) -> dict[str, Any]:
    client = _id("client", parent)
    if kind == "engagement":
        return {"client_id": client, "kind": "one_to_one", "occurred_on": _date(day)}
    if kind == "referral":
        status = ("open", "accepted", "completed")[flag % 3]
        return {"client_id": client, "to_partner": "DWP", "status": status,
                "referred_on": _date(day)}  # fmt: skip
    return {"client_id": client, "status": "employed", "recorded_on": _date(day),
            "months_after": (3, 6, 12)[flag % 3]}  # fmt: skip


def _item(rid: str, kind: str, fields: dict[str, Any], day: int, node: str) -> PullItem:
    return PullItem(record_id=rid, record_type=kind, owner_partner="SDS", fields=fields,
                    versions=dict.fromkeys(fields, _hlc(day, node)))  # fmt: skip


small = st.integers(min_value=0, max_value=5)
day = st.integers(min_value=0, max_value=300)
node = st.sampled_from((DEVICE, OTHER))
child_kind = st.sampled_from(("engagement", "referral", "outcome"))

pulled = st.one_of(
    st.tuples(st.just("client"), small, st.one_of(st.none(), small), day, node),
    st.tuples(st.just("child"), small, child_kind, small, day, small),
    st.tuples(st.just("event"), small, small, st.sampled_from(AREAS)),
    st.tuples(st.just("employer"), small, st.sampled_from(AREAS)),
    st.tuples(st.just("deleted"), st.sampled_from(("client", "child", "event")), small),
    st.tuples(st.just("revoked"), st.sampled_from(("client", "child")), small, st.booleans()),
)
step = st.one_of(
    st.tuples(st.just("pull"), st.lists(pulled, min_size=1, max_size=8)),
    st.tuples(st.just("save_client"), small, st.one_of(st.none(), small)),
    st.tuples(st.just("save_child"), small, child_kind, small, day, small),
    st.tuples(st.just("save_event"), small, small, st.sampled_from(AREAS)),
    st.tuples(st.just("delete"), st.sampled_from(("client", "child", "event", "employer")), small),
    st.tuples(st.just("resync"), st.lists(small, max_size=3)),
)


def _page_item(op: tuple[Any, ...]) -> PullItem:
    kind = op[0]
    if kind == "client":
        _k, n, event, when, who = op
        return _item(_id("client", n), "client", _client(n, event), when, who)
    if kind == "child":
        _k, n, child, parent, when, flag = op
        return _item(_id("child", n), child, _child(child, parent, when, flag), when, OTHER)
    if kind == "event":
        _k, n, employer, area = op
        fields = {"employer_id": _id("employer", employer), "site_name": f"Site {n}"}
        return _item(_id("event", n), "redundancy_event", {**fields, "local_authority": area},
                     0, "server")  # fmt: skip
    if kind == "employer":
        _k, n, area = op
        return _item(_id("employer", n), "employer", {"name": f"E{n}", "local_authority": area},
                     0, "server")  # fmt: skip
    if kind == "deleted":
        _k, what, n = op
        return PullItem(record_id=_id(what, n), deleted=True, versions={})
    _k, what, n, erased = op
    return PullItem(record_id=_id(what, n), revoked=True, erased=erased)


def _exists(store: LocalStore, rid: str) -> str | None:
    with store.repo.reading() as conn:
        row = conn.execute(
            text("SELECT type FROM records WHERE id = :id AND deleted = 0"), {"id": rid}
        ).first()
    return None if row is None else str(row[0])


def _local(store: LocalStore, op: tuple[Any, ...]) -> None:
    """A local write, skipped where the app would not offer it (no such record, wrong type)."""
    kind = op[0]
    if kind == "save_client":
        _k, n, event = op
        rid = _id("client", n)
        if _exists(store, rid) in (None, "client"):
            store.repo.save("client", _client(n, event), rid if _exists(store, rid) else None)
    elif kind == "save_child":
        _k, n, child, parent, when, flag = op
        rid = _id("child", n)
        if _exists(store, _id("client", parent)) and _exists(store, rid) in (None, child):
            store.repo.save(child, _child(child, parent, when, flag), rid if _exists(store, rid)
                            else None)  # fmt: skip
    elif kind == "save_event":
        _k, n, employer, area = op
        rid = _id("event", n)
        if _exists(store, rid) == "redundancy_event":
            fields = {"employer_id": _id("employer", employer), "site_name": f"Site {n}",
                      "local_authority": area}  # fmt: skip
            store.repo.save("redundancy_event", fields, rid)
    else:
        _k, what, n = op
        if _exists(store, _id(what, n)):
            store.repo.delete(_id(what, n))


def _rows(store: LocalStore, rebuild: bool) -> list[tuple[Any, ...]]:
    with store.repo.engine.connect() as conn, conn.begin() as tx:
        if rebuild:
            rebuild_caseload(conn)
        rows = [tuple(r) for r in conn.execute(text("SELECT * FROM caseload ORDER BY 1"))]
        pending: int = conn.execute(text("SELECT count(*) FROM caseload_pending")).scalar_one()
        tx.rollback()
    assert pending == 0  # the bulk marker and notes never outlive a transaction
    return rows


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
@given(st.lists(step, min_size=1, max_size=12))
# A pull that moves a person's event to another employer and area, without the person.
@example(
    [
        ("pull", [("employer", 1, "Fife"), ("event", 1, 1, ""), ("client", 1, 1, 3, OTHER)]),
        ("pull", [("employer", 2, "Angus"), ("event", 1, 2, "")]),
        ("pull", [("employer", 2, "Perth")]),
    ]
)
def test_caseload_equals_a_recomputation_after_any_mix_of_writes(
    steps: list[tuple[Any, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = make_store(Path(folder) / "store.db")
        try:
            for n, op in enumerate(steps):
                if op[0] == "pull":
                    store.sync.apply_page([_page_item(p) for p in op[1]], f"c{n}")
                elif op[0] == "resync":
                    seen = {_id(k, i) for i in op[1] for k in ("client", "event", "employer")}
                    store.sync.finish_resync(seen)
                else:
                    _local(store, op)
                assert _rows(store, rebuild=False) == _rows(store, rebuild=True), op
        finally:
            store.dispose()
