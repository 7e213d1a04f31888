"""Merging a pulled record into one the store already holds, and reconciling after a resync.

A pulled value never overwrites a field with a queued local change (the push decides). After a
server restore (409 ``resync_required`` and a full re-pull) the device re-queues the edits *it*
made that the server lost, keeping each value's original HLC, so the restored server converges
with every device. Only its own: an HLC names the device that wrote it, and the server accepts a
device's own HLCs alone (decisions.md #8), so each device brings back its own edits when it
resyncs. Values another device wrote stay in the local store until the server sends newer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import Connection, text

from desktop_app.storage.record_rows import (
    StoredRecord,
    add_outbox_row,
    load_record,
    write_record,
)
from desktop_app.storage.rows import each
from pace_shared.hlc import node_of
from pace_shared.merge import DELETED
from pace_shared.wire import PullItem

#: Per record with queued changes: the field names queued, and whether a delete is queued.
Queued = tuple[set[str], bool]


class MergeOutcome(NamedTuple):
    record: StoredRecord
    #: Local queued values were kept over the pulled ones.
    kept_local: bool
    #: Changes put back in the outbox because the server had lost them.
    repushed: int


def merge_pulled(
    conn: Connection,
    item: PullItem,
    fields: dict[str, Any],
    versions: dict[str, str],
    deleted: bool,
    queued: Queued | None,
    own_node: str,
) -> MergeOutcome:
    """A pulled record that has queued local changes, or any known record during resync.

    ``own_node`` is this device's HLC node: only its own lost edits are sent again."""
    local = load_record(conn, item.record_id)
    record = StoredRecord(
        item.record_id,
        item.record_type or (local.type if local else ""),
        item.owner_partner,
        dict(fields),
        dict(versions),
        None,
        None,
        deleted,
        local.has_conflict if local else False,
        "",
    )
    kept_local, repushed = False, 0
    if local is not None and queued is not None:
        kept_local = _keep_queued(record, local, queued)
    elif local is not None and not deleted and local.deleted and DELETED in local.versions:
        repushed = _repush_lost_delete(conn, record, local, own_node)
    elif local is not None and not deleted and not local.deleted:
        repushed = _repush_lost_fields(conn, record, local, own_node)
    write_record(conn, record)
    return MergeOutcome(record, kept_local, repushed)


def _keep_queued(record: StoredRecord, local: StoredRecord, queued: Queued) -> bool:
    """The server's state becomes the shadow; queued local values stay current."""
    queued_names, delete_queued = queued
    record.server_fields, record.server_versions = dict(record.fields), dict(record.versions)
    if delete_queued and local.deleted:
        record.fields, record.versions, record.deleted = {}, dict(local.versions), True
        return False
    if record.deleted:
        return False
    for name in queued_names:
        if name in local.versions:
            record.fields[name] = local.fields.get(name)
            record.versions[name] = local.versions[name]
    return True


def _repush_lost_delete(
    conn: Connection, record: StoredRecord, local: StoredRecord, own_node: str
) -> int:
    """The restored server lost this deletion: keep the tombstone (a deleted record never comes
    back) and, when this device deleted it, send the delete again with its original HLC."""
    record.server_fields, record.server_versions = dict(record.fields), dict(record.versions)
    record.fields, record.versions, record.deleted = {}, dict(local.versions), True
    hlc = local.versions[DELETED]
    if node_of(hlc) != own_node:
        return 0
    add_outbox_row(conn, record.id, record.type, "delete", hlc, {}, {})
    return 1


def _repush_lost_fields(
    conn: Connection, record: StoredRecord, local: StoredRecord, own_node: str
) -> int:
    """Keep the values newer than the server's; re-push this device's own, with their HLCs."""
    pulled_versions = dict(record.versions)
    lost: dict[str, dict[str, Any]] = defaultdict(dict)
    for name, hlc in local.versions.items():
        if hlc > pulled_versions.get(name, ""):
            lost[hlc][name] = local.fields.get(name)
    if not lost:
        return 0
    record.server_fields, record.server_versions = dict(record.fields), pulled_versions
    repushed = 0
    for hlc, values in sorted(lost.items()):
        record.fields.update(values)
        record.versions.update(dict.fromkeys(values, hlc))
        if node_of(hlc) == own_node:
            base = {name: pulled_versions.get(name) for name in values}
            add_outbox_row(conn, record.id, record.type, "upsert", hlc, values, base)
            repushed += 1
    if not repushed:
        record.server_fields = record.server_versions = None  # nothing queued: no shadow
    return repushed


def requeue_unseen(
    conn: Connection, own_partner: str, own_node: str, seen: set[str]
) -> tuple[int, list[str]]:
    """After a full re-pull: re-queue this device's edits of its partner's records the server
    did not send; list other partners' records to purge.

    Returns (changes re-queued, ids of other partners' records to purge). Records with queued
    changes are left alone: the push decides.
    """
    queued_ids = {r[0] for r in conn.execute(text("SELECT DISTINCT record_id FROM outbox"))}
    requeued = 0
    to_purge: list[str] = []
    rows = list(each(conn.execute(text("SELECT id, owner_partner FROM records"))))
    for record_id, owner in rows:
        if record_id in seen or record_id in queued_ids:
            continue
        if owner != own_partner:
            to_purge.append(record_id)
            continue
        record = load_record(conn, record_id)
        if record is not None:
            requeued += _requeue_whole_record(conn, record, own_node)
    return requeued, to_purge


def _requeue_whole_record(conn: Connection, record: StoredRecord, own_node: str) -> int:
    if record.deleted and DELETED in record.versions:
        hlc = record.versions[DELETED]
        if node_of(hlc) != own_node:
            return 0
        add_outbox_row(conn, record.id, record.type, "delete", hlc, {}, {})
        return 1
    groups = {
        hlc: values
        for hlc, values in _values_by_hlc(record.fields, record.versions).items()
        if node_of(hlc) == own_node
    }
    if not groups:
        return 0
    for hlc, values in sorted(groups.items()):
        add_outbox_row(conn, record.id, record.type, "upsert", hlc, values, dict.fromkeys(values))
    record.server_fields, record.server_versions = {}, {}
    write_record(conn, record)
    return len(groups)


def _values_by_hlc(
    fields: Mapping[str, Any], versions: Mapping[str, str]
) -> dict[str, dict[str, Any]]:
    """Fields written by one edit share its HLC: one outbox change per original edit."""
    groups: dict[str, dict[str, Any]] = defaultdict(dict)
    for name, hlc in versions.items():
        groups[hlc][name] = fields.get(name)
    return groups
