"""Serving pull pages: the merged state of every visible record changed after a cursor.

Each page is read in one snapshot. Because sequence numbers are handed out in commit order (see
sequence.py), a page never holds change *n + 1* without change *n*, so following ``next_cursor``
never skips a change.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, or_, select

from sync_server.audit import service as audit
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.errors import ApiError
from sync_server.sharing import service as sharing
from sync_server.sync import cursor as cursors
from sync_server.sync import erasure
from sync_server.sync.models import Record, RecordAccess, Revocation
from sync_server.sync.sequence import current_seq, meta


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
    #: What the data-sharing agreement withholds from this partner in records it does not own.
    withheld_fields: dict[str, list[str]]


def pull(db: Database, principal: Principal, cursor_token: str | None, limit: int) -> Page:
    with db.snapshot_session() as session:
        epoch = meta(session, "epoch") or ""
        max_seq = current_seq(session)
        try:
            start = cursors.decode(
                cursor_token,
                epoch=epoch,
                min_seq=int(meta(session, "min_cursor_seq") or 0),
                max_seq=max_seq,
            )
        except cursors.CursorError as exc:
            raise ApiError(409, "resync_required", f"{exc}; pull again from the start.") from None

        partner = principal.partner
        terms = sharing.current(session).terms
        visible = or_(
            Record.public,
            exists().where(
                RecordAccess.record_id == Record.id, RecordAccess.partner_code == partner
            ),
        )
        records = session.execute(
            select(
                Record.seq,
                Record.id,
                Record.type,
                Record.owner_partner,
                Record.fields,
                Record.versions,
                Record.deleted,
                Record.merged_into,
            )
            .where(Record.seq > start.seq, visible)
            .order_by(Record.seq)
            .limit(limit + 1)
        ).all()
        revocations = session.execute(
            select(Revocation.seq, Revocation.record_id)
            .where(Revocation.partner_code == partner, Revocation.seq > start.seq)
            .order_by(Revocation.seq)
            .limit(limit + 1)
        ).all()
        erased = erasure.erased_ids(session, [row.record_id for row in revocations])

    merged = list(heapq.merge(records, revocations, key=lambda row: row[0]))
    page, has_more = merged[:limit], len(merged) > limit
    items = [
        _revoked(row[1], row[1] in erased)
        if len(row) == 2
        else _item(row, _withheld(terms, partner, row))
        for row in page
    ]
    _log_disclosures(db, principal, items)
    # With nothing more to send, the cursor moves to the end of the sequence, so changes this
    # partner cannot see are never scanned again.
    last = page[-1][0] if has_more else max_seq
    return Page(items, cursors.Cursor(epoch, last).encode(), has_more, terms.for_partner(partner))


def _revoked(record_id: str, erased: bool) -> dict[str, Any]:
    """A record this partner may no longer see; ``erased`` (optional key) tells the device to
    drop its queued edits of it as well."""
    item: dict[str, Any] = {"record_id": record_id, "revoked": True}
    if erased:
        item["erased"] = True
    return item


def _withheld(terms: sharing.Terms, partner: str, row: Any) -> frozenset[str]:
    """Only the partner that wrote a record sees all of it (the agreement's rule)."""
    if row.owner_partner == partner:
        return frozenset()
    return terms.withheld_for(partner, row.type)


def _item(row: Any, withheld: frozenset[str]) -> dict[str, Any]:
    """One record as a pull item, without the fields the sharing agreement withholds from the
    caller (they are named in ``withheld``, so the app shows "Withheld", not a blank)."""
    if row.merged_into is not None:
        return _merged_away(row)
    item: dict[str, Any] = {
        "record_id": row.id,
        "record_type": row.type,
        "owner_partner": row.owner_partner,
        "fields": row.fields,
        "versions": row.versions,
        "deleted": bool(row.deleted),
    }
    held_back = sorted(withheld & (row.fields or {}).keys())
    if held_back:
        item["fields"] = {k: v for k, v in row.fields.items() if k not in withheld}
        item["versions"] = {k: v for k, v in row.versions.items() if k not in withheld}
        item["withheld"] = held_back
    return item


def _merged_away(row: Any) -> dict[str, Any]:
    """A person merged into another (issue 11): a deleted item without values (the server
    keeps them for an undo), and the optional key ``merged_into``. Older apps ignore the key
    and delete the record; newer ones move what they hold to the survivor and redirect."""
    return {
        "record_id": row.id,
        "record_type": row.type,
        "owner_partner": row.owner_partner,
        "fields": {},
        "versions": {},
        "deleted": True,
        "merged_into": row.merged_into,
    }


def _log_disclosures(db: Database, principal: Principal, items: list[dict[str, Any]]) -> None:
    """Audit every person (``client``) record this page delivers to a device of a partner
    other than its owner: action ``disclosed``, one row per delivery, in one bulk insert per
    page, committed before the page is answered (decisions.md #8). Tombstones carry no
    personal data and are not disclosures."""
    disclosed = [
        item["record_id"]
        for item in items
        if item.get("record_type") == "client"
        and item["owner_partner"] != principal.partner
        and not item["deleted"]
    ]
    if not disclosed:
        return
    row = audit.row(
        "disclosed",
        principal.actor,
        record_type="client",
        detail={"partner": principal.partner, "device_id": principal.device_id},
    )
    with db.write_session() as session:
        audit.write_per_record(session, row, disclosed)
