"""Audit ``viewed`` events: opening another partner's person record is recorded here and sent
with the next sync (the server writes an audit event for each, once, by ``event_id``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text

from desktop_app.storage.codec import utc_now, uuid7
from desktop_app.storage.people_index import chunks, in_query
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import each, first
from pace_shared.wire import MAX_VIEWED_EVENTS

#: The most events one ``POST /api/v1/audit/viewed`` carries (``wire.MAX_VIEWED_EVENTS``).
MAX_VIEWED_PER_BATCH = MAX_VIEWED_EVENTS


@dataclass(frozen=True, slots=True)
class ViewedEvent:
    event_id: str
    record_id: str
    viewed_at: str


class ViewedOutbox:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def record_view(self, record_id: str) -> bool:
        """Queue a ``viewed`` event when the record is a person owned by another partner.

        Answers whether one was queued (own partner's people are not audited as views)."""
        with self.repo.writing() as conn:
            row = first(
                conn.execute(
                    text("SELECT type, owner_partner FROM records WHERE id = :i"),
                    {"i": record_id},
                )
            )
            if row is None or row[0] != "client" or row[1] in (None, self.repo.partner):
                return False
            conn.execute(
                text(
                    "INSERT INTO viewed_outbox (event_id, record_id, viewed_at) VALUES (:e, :r, :t)"
                ),
                {"e": uuid7(), "r": record_id, "t": utc_now()},
            )
        return True

    def batch(self, limit: int = MAX_VIEWED_PER_BATCH) -> list[ViewedEvent]:
        with self.repo.reading() as conn:
            rows = each(
                conn.execute(
                    text(
                        "SELECT event_id, record_id, viewed_at FROM viewed_outbox "
                        "ORDER BY viewed_at, event_id LIMIT :n"
                    ),
                    {"n": limit},
                )
            )
            return [ViewedEvent(*row) for row in rows]

    def forget(self, event_ids: Sequence[str]) -> None:
        with self.repo.writing() as conn:
            for part in chunks(list(event_ids)):
                conn.execute(
                    in_query("DELETE FROM viewed_outbox WHERE event_id IN :ids"),
                    {"ids": list(part)},
                )

    def count(self) -> int:
        with self.repo.reading() as conn:
            return int(conn.execute(text("SELECT count(*) FROM viewed_outbox")).scalar_one())
