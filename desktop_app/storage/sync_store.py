"""The sync engine's side of the store: sync state, outbox batches, push results, pull pages.

Pull pages go in with executemany in one transaction together with the new cursor, so a crash
leaves either the whole page and its cursor or neither. A pulled value never overwrites a field
that still has a queued local change: the push decides, and the next pull brings the outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from desktop_app.crashpoints import crash_point
from desktop_app.storage import merge_redirects, people_index
from desktop_app.storage.caseload_table import deferred_caseload
from desktop_app.storage.codec import dumps, loads, utc_now
from desktop_app.storage.people_index import chunks, in_query
from desktop_app.storage.record_rows import (
    delete_records,
    load_record,
    parent_of,
    save_clock,
    write_record,
)
from desktop_app.storage.repository import WITHHELD_SETTING, Repository
from desktop_app.storage.resync import merge_pulled, requeue_unseen
from desktop_app.storage.rows import each
from pace_shared.merge import DELETED
from pace_shared.records import RecordType
from pace_shared.wire import RECORD_DELETED, ChangeResult, PullItem

log = logging.getLogger(__name__)

MAX_BATCH_BYTES = 4_500_000
#: The server's rejection reason for an HLC too far ahead of its clock.
CLOCK_SKEW = "clock_skew"  # below the contract's 5 MB body limit, with room for the envelope


@dataclass(slots=True)
class SyncState:
    server_url: str
    device_id: str
    username: str
    user: dict[str, Any]
    cursor: str | None
    last_sync_at: str | None
    hlc_last: str | None
    access_token: str | None
    device_secret: str | None = None


@dataclass(slots=True)
class OutboxChange:
    seq: int
    change_id: str
    record_id: str
    payload: dict[str, Any]


@dataclass(slots=True)
class PushTally:
    applied: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    #: Refused with reason ``clock_skew``: still queued, to be re-stamped and sent again.
    skewed: list[str] = field(default_factory=list)

    @property
    def acknowledged(self) -> int:
        return self.applied + self.duplicate + self.conflict + self.rejected

    def count(self, status: str) -> None:
        """Count one accepted change: ``applied``, ``duplicate`` or ``conflict``."""
        if status == "applied":
            self.applied += 1
        elif status == "duplicate":
            self.duplicate += 1
        else:
            self.conflict += 1


@dataclass(slots=True)
class PageTally:
    applied: int = 0
    revoked: int = 0
    kept_local: int = 0
    repushed: int = 0
    seen: set[str] = field(default_factory=set)


_UPSERT_PULLED = (
    "INSERT INTO records (id, type, owner_partner, parent_id, fields, versions, server_fields, "
    "server_versions, deleted, has_conflict, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, 0, ?) "
    "ON CONFLICT(id) DO UPDATE SET type = excluded.type, owner_partner = excluded.owner_partner, "
    "parent_id = excluded.parent_id, fields = excluded.fields, versions = excluded.versions, "
    "server_fields = NULL, server_versions = NULL, deleted = excluded.deleted, "
    "updated_at = excluded.updated_at"
)


class SyncStore:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    # --- state --------------------------------------------------------------------------

    def init_state(
        self, server_url: str, device_id: str, username: str, user: dict[str, Any]
    ) -> None:
        with self.repo.writing() as conn:
            conn.execute(text("DELETE FROM sync_state"))
            conn.execute(
                text(
                    "INSERT INTO sync_state (id, server_url, device_id, username, user_json, "
                    "hlc_last) VALUES (1, :url, :dev, :user, :info, :hlc)"
                ),
                {
                    "url": server_url,
                    "dev": device_id,
                    "user": username,
                    "info": dumps(user),
                    "hlc": self.repo.clock.last,
                },
            )

    def state(self) -> SyncState:
        with self.repo.reading() as conn:
            row = conn.execute(
                text(
                    "SELECT server_url, device_id, username, user_json, cursor, last_sync_at, "
                    "hlc_last, access_token, device_secret FROM sync_state WHERE id = 1"
                )
            ).first()
        if row is None:
            raise LookupError("the store has no sync state (not enrolled)")
        return SyncState(
            row[0], row[1], row[2], loads(row[3]), row[4], row[5], row[6], row[7], row[8]
        )

    def set_token(self, token: str | None) -> None:
        with self.repo.writing() as conn:
            conn.execute(text("UPDATE sync_state SET access_token = :t WHERE id = 1"), {"t": token})

    def set_device_secret(self, secret: str) -> None:
        """Keep the secret the server issued to this device (only inside the encrypted store)."""
        with self.repo.writing() as conn:
            conn.execute(
                text("UPDATE sync_state SET device_secret = :s WHERE id = 1"), {"s": secret}
            )

    def set_user(self, user: dict[str, Any]) -> None:
        with self.repo.writing() as conn:
            conn.execute(
                text("UPDATE sync_state SET user_json = :u WHERE id = 1"), {"u": dumps(user)}
            )

    def reset_cursor(self) -> None:
        with self.repo.writing() as conn:
            conn.execute(text("UPDATE sync_state SET cursor = NULL WHERE id = 1"))

    def mark_synced(self) -> str:
        now = utc_now()
        with self.repo.writing() as conn:
            conn.execute(text("UPDATE sync_state SET last_sync_at = :n WHERE id = 1"), {"n": now})
            save_clock(conn, self.repo.clock.last)
        return now

    # --- push ---------------------------------------------------------------------------

    def outbox_batch(
        self, max_changes: int = 1000, max_bytes: int = MAX_BATCH_BYTES
    ) -> list[OutboxChange]:
        """The oldest pending changes, in order, within the contract's count and size limits."""
        batch: list[OutboxChange] = []
        size = 0
        with self.repo.reading() as conn:
            rows = each(
                conn.execute(
                    text(
                        "SELECT seq, change_id, record_id, record_type, op, hlc, fields, base "
                        "FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT :n"
                    ),
                    {"n": max_changes},
                )
            )
            for seq, cid, rid, rtype, op, hlc, fields, base in rows:
                size += len(fields) + len(base) + 300
                if batch and size > max_bytes:
                    break
                payload = {
                    "change_id": cid,
                    "record_id": rid,
                    "record_type": rtype,
                    "op": op,
                    "hlc": hlc,
                    "fields": loads(fields),
                    "base": loads(base),
                }
                batch.append(OutboxChange(seq, cid, rid, payload))
        return batch

    def record_results(
        self, batch: Sequence[OutboxChange], results: Iterable[ChangeResult]
    ) -> PushTally:
        """Only a result naming a change_id removes (or parks) that change; the rest stay."""
        by_id = {c.change_id: c for c in batch}
        tally = PushTally()
        done: list[str] = []
        conflicted: set[str] = set()
        touched: set[str] = set()
        with self.repo.writing() as conn:
            for result in results:
                change = by_id.get(result.change_id or "")
                if change is None:
                    continue
                if result.status == "rejected" and result.reason == CLOCK_SKEW:
                    tally.skewed.append(change.change_id)  # stays pending: our clock is wrong
                    continue
                touched.add(change.record_id)
                if result.status == "rejected":
                    tally.rejected += 1
                    _park_rejected(conn, change, result)
                    continue
                done.append(change.change_id)
                tally.count(result.status)
                if result.status == "conflict":
                    conflicted.add(change.record_id)
            _forget_acknowledged(conn, done, conflicted, touched)
        return tally

    def restamp(self, change_ids: Sequence[str]) -> int:
        """Give queued changes refused for ``clock_skew`` new HLCs from the (corrected) clock.

        In outbox order, so the device's own edits keep their order; the record's versions and
        the ``base`` of later queued changes of the same record follow the new stamps.
        """
        wanted = set(change_ids)
        clock = self.repo.clock
        done = 0
        with self.repo.writing() as conn:
            rows = list(
                each(
                    conn.execute(
                        text(
                            "SELECT seq, change_id, record_id, hlc FROM outbox "
                            "WHERE state = 'pending' ORDER BY seq"
                        )
                    )
                )
            )
            for seq, change_id, record_id, old in rows:
                if change_id not in wanted:
                    continue
                new = clock.tick()
                conn.execute(
                    text("UPDATE outbox SET hlc = :h WHERE seq = :s"), {"h": new, "s": seq}
                )
                record = load_record(conn, record_id)
                if record is not None and old in record.versions.values():
                    for name, hlc in list(record.versions.items()):
                        if hlc == old:
                            record.versions[name] = new
                    write_record(conn, record)
                later = list(
                    each(
                        conn.execute(
                            text("SELECT seq, base FROM outbox WHERE record_id = :r AND seq > :s"),
                            {"r": record_id, "s": seq},
                        )
                    )
                )
                for later_seq, base_json in later:
                    base = loads(base_json)
                    if old in base.values():
                        fixed = {k: (new if v == old else v) for k, v in base.items()}
                        conn.execute(
                            text("UPDATE outbox SET base = :b WHERE seq = :s"),
                            {"b": dumps(fixed), "s": later_seq},
                        )
                done += 1
            save_clock(conn, clock.last)
        log.info("%d changes re-stamped after a clock correction", done)
        return done

    # --- pull ---------------------------------------------------------------------------

    def apply_page(
        self,
        items: Sequence[PullItem],
        next_cursor: str,
        *,
        resync: bool = False,
        withheld_fields: dict[str, list[str]] | None = None,
    ) -> PageTally:
        """Apply one pull page and its cursor in one transaction (the caller ran the HLC rule).

        ``withheld_fields``: what the data-sharing agreement withholds from this partner in
        records it did not write (kept, so the person view says "Withheld", not blank)."""
        tally = PageTally()
        tally.seen.update(i.record_id for i in items)
        revoked = [i.record_id for i in items if i.revoked]
        live = [i for i in items if not i.revoked and i.record_type]
        index = _IndexChanges()
        with self.repo.writing() as conn:
            # The caseload rows this page touches are recomputed once, set-based, at the end
            # of the block rather than per written record (which doubled the page's time).
            with deferred_caseload(conn):
                self._write_live(conn, live, resync, tally, index)
                self._follow_merges(conn, live)
                if revoked:
                    erased = {i.record_id for i in items if i.revoked and i.erased}
                    tally.revoked = self._purge(conn, revoked, erased)
                index.apply(conn)
            if withheld_fields is not None:
                conn.execute(
                    text(
                        "INSERT INTO settings (key, value) VALUES (:k, :v) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                    ),
                    {"k": WITHHELD_SETTING, "v": dumps(withheld_fields)},
                )
            conn.execute(
                text("UPDATE sync_state SET cursor = :c, hlc_last = :h WHERE id = 1"),
                {"c": next_cursor, "h": self.repo.clock.last},
            )
            crash_point("pull.before_commit")
        if index or revoked:
            self.repo.people_changed()
        return tally

    def _write_live(
        self,
        conn: Connection,
        live: Sequence[PullItem],
        resync: bool,
        tally: PageTally,
        index: _IndexChanges,
    ) -> None:
        """Records without local history go in with one executemany; the rest are merged."""
        ids = [i.record_id for i in live]
        queued = _queued_by_record(conn, ids)
        existing = _existing_ids(conn, ids) if resync else set()
        simple: list[tuple[Any, ...]] = []
        now = utc_now()
        for item in live:
            versions = dict(item.versions or {})
            deleted = bool(item.deleted or DELETED in versions)
            fields = {} if deleted else dict(item.fields or {})
            if item.record_id in queued or item.record_id in existing:
                outcome = merge_pulled(
                    conn,
                    item,
                    fields,
                    versions,
                    deleted,
                    queued.get(item.record_id),
                    self.repo.clock.node,
                )
                fields, deleted = outcome.record.fields, outcome.record.deleted
                tally.kept_local += outcome.kept_local
                tally.repushed += outcome.repushed
            else:
                parent = parent_of(item.record_type or "", fields)
                simple.append(
                    (
                        item.record_id,
                        item.record_type,
                        item.owner_partner,
                        parent,
                        dumps(fields),
                        dumps(versions),
                        int(deleted),
                        now,
                    )
                )
            tally.applied += 1
            index.note(item, fields, deleted)
        if simple:
            conn.exec_driver_sql(_UPSERT_PULLED, simple)

    @staticmethod
    def _follow_merges(conn: Connection, live: Sequence[PullItem]) -> None:
        """People merged away on the server redirect to their survivor; people live again
        (a merge undone) redirect no more. See storage.merge_redirects."""
        merged = [(i.record_id, i.merged_into) for i in live if i.merged_into and i.deleted]
        if merged:
            moved = merge_redirects.record_merges(conn, merged)
            log.info("%d people merged on the server; %d local records moved", len(merged), moved)
        back = [
            i.record_id
            for i in live
            if i.record_type == RecordType.CLIENT and not i.deleted and not i.merged_into
        ]
        if back:
            merge_redirects.clear(conn, back)

    def _purge(
        self, conn: Connection, record_ids: Sequence[str], erased: set[str] | None = None
    ) -> int:
        """Remove records the partner may no longer see, with their children. Of an erased
        person nothing may stay: their queued (or parked) edits go too."""
        ids = list(dict.fromkeys(record_ids))
        children: list[str] = []
        erased_children: list[str] = []
        for part in chunks(ids):
            params = {"ids": list(part)}
            for child, parent in conn.execute(
                in_query("SELECT id, parent_id FROM records WHERE parent_id IN :ids"), params
            ):
                children.append(str(child))
                if erased and parent in erased:
                    erased_children.append(str(child))
        people_index.remove_people(conn, ids)
        delete_records(conn, ids + children)
        if erased:
            for part in chunks(sorted(erased) + erased_children):
                conn.execute(
                    in_query("DELETE FROM outbox WHERE record_id IN :ids"), {"ids": list(part)}
                )
        return len(ids)

    def finish_resync(self, seen: set[str]) -> tuple[int, int]:
        """After a full re-pull: re-queue own records the server lost, purge the rest unseen.

        Returns (changes re-queued, records purged). Records with queued changes are kept:
        the push decides.
        """
        with self.repo.writing() as conn:
            requeued, to_purge = requeue_unseen(conn, self.repo.partner, self.repo.clock.node, seen)
            if to_purge:
                with deferred_caseload(conn):
                    self._purge(conn, to_purge)
        if to_purge:
            self.repo.people_changed()
        if requeued or to_purge:
            log.info(
                "resync reconciled: %d changes re-queued, %d records purged",
                requeued,
                len(to_purge),
            )
        return requeued, len(to_purge)


@dataclass(slots=True)
class _IndexChanges:
    """What a pull page changes in the people search index."""

    #: The latest state of each person in the page (a page may, in principle, name one twice).
    clients: dict[str, tuple[str, str | None, dict[str, Any]]] = field(default_factory=dict)
    gone_clients: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    employers: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.clients or self.gone_clients or self.events)

    def note(self, item: PullItem, fields: dict[str, Any], deleted: bool) -> None:
        if item.record_type == RecordType.CLIENT:
            if deleted:
                self.clients.pop(item.record_id, None)
                self.gone_clients.add(item.record_id)
            else:
                self.gone_clients.discard(item.record_id)
                self.clients[item.record_id] = (item.record_id, item.owner_partner, fields)
        elif item.record_type == RecordType.REDUNDANCY_EVENT:
            self.events.add(item.record_id)
        elif item.record_type == RecordType.EMPLOYER:
            self.employers.add(item.record_id)

    def apply(self, conn: Connection) -> None:
        people_index.remove_people(conn, sorted(self.gone_clients))
        people_index.upsert_people(conn, list(self.clients.values()))
        self.events.update(people_index.events_of_employers(conn, self.employers))
        # Clients in this page were indexed with the new labels already; relabel the rest.
        people_index.reindex_people_at_events(conn, self.events)


def _park_rejected(conn: Connection, change: OutboxChange, result: ChangeResult) -> None:
    """A refused change stays in the outbox, marked, for the user to fix or discard."""
    conn.execute(
        text("UPDATE outbox SET state = 'rejected', reason = :r, detail = :d WHERE change_id = :c"),
        {"r": result.reason or "rejected", "d": result.detail or "", "c": change.change_id},
    )
    if result.reason == RECORD_DELETED:
        # The server holds nothing of it any more (deleted, tombstone pruned): an empty
        # shadow, so discarding the change removes the record here.
        conn.execute(
            text("UPDATE records SET server_fields = '{}', server_versions = '{}' WHERE id = :r"),
            {"r": change.record_id},
        )


def _forget_acknowledged(
    conn: Connection, done: list[str], conflicted: set[str], touched: set[str]
) -> None:
    for part in chunks(done):
        conn.execute(in_query("DELETE FROM outbox WHERE change_id IN :ids"), {"ids": list(part)})
    for part in chunks(sorted(conflicted)):
        conn.execute(
            in_query("UPDATE records SET has_conflict = 1 WHERE id IN :ids"), {"ids": list(part)}
        )
    for part in chunks(sorted(touched)):
        # Nothing queued any more: the shadow of the server state is no longer needed.
        conn.execute(
            in_query(
                "UPDATE records SET server_fields = NULL, server_versions = NULL "
                "WHERE id IN :ids AND id NOT IN (SELECT record_id FROM outbox)"
            ),
            {"ids": list(part)},
        )


def _queued_by_record(
    conn: Connection, record_ids: Sequence[str]
) -> dict[str, tuple[set[str], bool]]:
    queued: dict[str, tuple[set[str], bool]] = {}
    for part in chunks(list(record_ids)):
        params = {"ids": list(part)}
        for rid, op, fields in each(
            conn.execute(
                in_query("SELECT record_id, op, fields FROM outbox WHERE record_id IN :ids"),
                params,
            )
        ):
            names, has_delete = queued.get(rid, (set(), False))
            names.update(loads(fields))
            queued[rid] = (names, has_delete or op == "delete")
    return queued


def _existing_ids(conn: Connection, record_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(list(record_ids)):
        params = {"ids": list(part)}
        found.update(
            r[0] for r in conn.execute(in_query("SELECT id FROM records WHERE id IN :ids"), params)
        )
    return found


def max_hlc(items: Iterable[PullItem]) -> str | None:
    """The greatest HLC in a page: receiving it once equals receiving each (string order)."""
    best: str | None = None
    for item in items:
        for hlc in (item.versions or {}).values():
            if best is None or hlc > best:
                best = hlc
    return best
