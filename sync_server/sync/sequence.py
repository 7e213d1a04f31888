"""The change sequence: a counter whose order equals commit order.

Every writing transaction locks the single counter row first (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already admits one writer at a time). Writers therefore
commit one after another in sequence order, and a reader can never see change *n + 1* without
change *n* (the pitfall of cursors skipping changes that commit out of order). Parsing and
validation happen before the lock, so only the short apply step is serialised.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync_server.sync.models import ServerMeta, SyncCounter


class SequenceAllocator:
    """Hands out sequence numbers inside one locked transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._next = 0
        self._locked = False

    def lock(self) -> None:
        stmt = select(SyncCounter.value).where(SyncCounter.id == 1)
        if self._session.get_bind().dialect.name != "sqlite":
            stmt = stmt.with_for_update()
        self._next = int(self._session.execute(stmt).scalar_one()) + 1
        self._locked = True

    def take(self) -> int:
        if not self._locked:
            raise RuntimeError("lock the sequence before taking numbers from it")
        value, self._next = self._next, self._next + 1
        return value

    def save(self) -> None:
        self._session.execute(
            update(SyncCounter).where(SyncCounter.id == 1).values(value=self._next - 1)
        )


def current_seq(session: Session) -> int:
    return int(session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one())


def meta(session: Session, key: str) -> str | None:
    return session.execute(
        select(ServerMeta.value).where(ServerMeta.key == key)
    ).scalar_one_or_none()


def set_meta(session: Session, key: str, value: str) -> None:
    existing = session.get(ServerMeta, key)
    if existing is None:
        session.add(ServerMeta(key=key, value=value))
    else:
        existing.value = value
