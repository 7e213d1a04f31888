"""People merged into another record on the server (issue 11), as the device keeps them.

A pull item for a merged-away person is a deleted item with ``merged_into``. The store then
records a redirect from the old id to the survivor and moves what it still holds under the old
id to the survivor: children the server has not moved (created here and not yet pushed) and
their queued creates, so they push cleanly. Queued edits of the old person itself are sent as
they are: the server applies them to the survivor. The server delivers the records it moved
itself. An undo arrives as the old person, live again, with its records moved back: the
redirect goes.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from desktop_app.storage.codec import dumps, loads, utc_now
from desktop_app.storage.people_index import chunks, in_query
from desktop_app.storage.rows import each
from pace_shared.records import CHILD_TYPES, CONSENT_CHANGE

#: How many merges deep a redirect is followed (a survivor may be merged away later).
MAX_DEPTH = 8


def record_merges(conn: Connection, merges: Iterable[tuple[str, str]]) -> int:
    """For each (old id, survivor): keep the redirect and move local children and their
    queued changes to the survivor. Returns how many local records moved."""
    moved = 0
    now = utc_now()
    for old_id, survivor_id in merges:
        conn.execute(
            text(
                "INSERT INTO merge_redirects (old_id, survivor_id, received_at) "
                "VALUES (:o, :s, :t) ON CONFLICT(old_id) DO UPDATE SET "
                "survivor_id = excluded.survivor_id, received_at = excluded.received_at"
            ),
            {"o": old_id, "s": survivor_id, "t": now},
        )
        moved += _move_children(conn, old_id, survivor_id)
    return moved


def _move_children(conn: Connection, old_id: str, survivor_id: str) -> int:
    children = list(
        each(
            conn.execute(
                text("SELECT id, type, fields FROM records WHERE parent_id = :o AND deleted = 0"),
                {"o": old_id},
            )
        )
    )
    ids: list[str] = []
    for record_id, record_type, fields_json in children:
        if record_type not in CHILD_TYPES or record_type == CONSENT_CHANGE:
            continue  # consent history stays with its own record, as on the server
        fields = loads(fields_json)
        fields["client_id"] = survivor_id
        conn.execute(
            text("UPDATE records SET fields = :f, parent_id = :s WHERE id = :id"),
            {"f": dumps(fields), "s": survivor_id, "id": record_id},
        )
        ids.append(str(record_id))
    for part in chunks(ids):
        for seq, fields_json in each(
            conn.execute(
                in_query("SELECT seq, fields FROM outbox WHERE record_id IN :ids"),
                {"ids": list(part)},
            )
        ):
            queued = loads(fields_json)
            if queued.get("client_id") == old_id:
                queued["client_id"] = survivor_id
                conn.execute(
                    text("UPDATE outbox SET fields = :f WHERE seq = :s"),
                    {"f": dumps(queued), "s": seq},
                )
    return len(ids)


def clear(conn: Connection, record_ids: Iterable[str]) -> None:
    """People live again (a merge undone on the server): their ids no longer redirect."""
    for part in chunks(list(record_ids)):
        conn.execute(
            in_query("DELETE FROM merge_redirects WHERE old_id IN :ids"), {"ids": list(part)}
        )


def survivor_of(conn: Connection, record_id: str) -> str | None:
    """The record ``record_id`` now is, after every merge the device has heard of; None when
    it was never merged away."""
    current, found = record_id, None
    for _ in range(MAX_DEPTH):
        row = conn.execute(
            text("SELECT survivor_id FROM merge_redirects WHERE old_id = :o"), {"o": current}
        ).first()
        if row is None:
            break
        current = found = str(row[0])
    return found
