"""Reading and writing single ``records`` and ``outbox`` rows (shared by repository and sync)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop_app.storage.codec import dumps, loads, utc_now, uuid7
from desktop_app.storage.rows import each
from pace_shared.records import CHILD_TYPES, RecordType


@dataclass(slots=True)
class StoredRecord:
    id: str
    type: str
    owner_partner: str | None
    fields: dict[str, Any]
    versions: dict[str, str]
    #: The server's last known state while local changes are queued; None = same as current.
    server_fields: dict[str, Any] | None
    server_versions: dict[str, str] | None
    deleted: bool
    has_conflict: bool
    updated_at: str


def parent_of(record_type: str, fields: Mapping[str, Any]) -> str | None:
    return fields.get("client_id") if record_type in CHILD_TYPES else None


def load_record(conn: Connection, record_id: str) -> StoredRecord | None:
    row = conn.execute(
        text(
            "SELECT id, type, owner_partner, fields, versions, server_fields, server_versions, "
            "deleted, has_conflict, updated_at FROM records WHERE id = :id"
        ),
        {"id": record_id},
    ).first()
    if row is None:
        return None
    return StoredRecord(
        row[0],
        row[1],
        row[2],
        loads(row[3]),
        loads(row[4]),
        loads(row[5]) if row[5] is not None else None,
        loads(row[6]) if row[6] is not None else None,
        bool(row[7]),
        bool(row[8]),
        row[9],
    )


def write_record(conn: Connection, rec: StoredRecord) -> None:
    rec.updated_at = utc_now()
    conn.execute(
        text(
            "INSERT INTO records (id, type, owner_partner, parent_id, fields, versions, "
            "server_fields, server_versions, deleted, has_conflict, updated_at) "
            "VALUES (:id, :type, :owner, :parent, :fields, :versions, :sf, :sv, :deleted, "
            ":conflict, :updated) ON CONFLICT(id) DO UPDATE SET type = excluded.type, "
            "owner_partner = excluded.owner_partner, parent_id = excluded.parent_id, "
            "fields = excluded.fields, versions = excluded.versions, "
            "server_fields = excluded.server_fields, server_versions = excluded.server_versions, "
            "deleted = excluded.deleted, has_conflict = excluded.has_conflict, "
            "updated_at = excluded.updated_at"
        ),
        {
            "id": rec.id,
            "type": rec.type,
            "owner": rec.owner_partner,
            "parent": parent_of(rec.type, rec.fields),
            "fields": dumps(rec.fields),
            "versions": dumps(rec.versions),
            "sf": None if rec.server_fields is None else dumps(rec.server_fields),
            "sv": None if rec.server_versions is None else dumps(rec.server_versions),
            "deleted": int(rec.deleted),
            "conflict": int(rec.has_conflict),
            "updated": rec.updated_at,
        },
    )


def delete_records(conn: Connection, record_ids: list[str]) -> None:
    from desktop_app.storage.people_index import chunks, in_query

    for part in chunks(record_ids):
        params = {"ids": list(part)}
        conn.execute(in_query("DELETE FROM records WHERE id IN :ids"), params)


def queued_fields(conn: Connection, record_id: str) -> tuple[set[str], bool, int]:
    """Fields with a queued (pending or rejected) change, whether a delete is queued, row count."""
    names: set[str] = set()
    has_delete = False
    count = 0
    for op, fields in each(
        conn.execute(text("SELECT op, fields FROM outbox WHERE record_id = :id"), {"id": record_id})
    ):
        count += 1
        has_delete = has_delete or op == "delete"
        names.update(loads(fields))
    return names, has_delete, count


def add_outbox_row(
    conn: Connection,
    record_id: str,
    record_type: str,
    op: str,
    hlc: str,
    fields: Mapping[str, Any],
    base: Mapping[str, str | None],
) -> str:
    change_id = uuid7()
    conn.execute(
        text(
            "INSERT INTO outbox (change_id, record_id, record_type, op, hlc, fields, base, "
            "created_at, state) VALUES (:cid, :rid, :rtype, :op, :hlc, :fields, :base, :now, "
            "'pending')"
        ),
        {
            "cid": change_id,
            "rid": record_id,
            "rtype": record_type,
            "op": op,
            "hlc": hlc,
            "fields": dumps(dict(fields)),
            "base": dumps(dict(base)),
            "now": utc_now(),
        },
    )
    return change_id


def save_clock(conn: Connection, hlc_last: str) -> None:
    conn.execute(text("UPDATE sync_state SET hlc_last = :h WHERE id = 1"), {"h": hlc_last})


def is_person(record_type: str) -> bool:
    return record_type == RecordType.CLIENT
