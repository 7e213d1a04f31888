"""Our desktop client, driven through its non-UI core (``desktop_app.session.Session``).

    session = enrol(server.url, "demo.adviser", folder / "a")            # SQLCipher store
    session = enrol(server.url, "dwp.adviser", folder / "b", encrypted=False)   # plain file

``encrypted=False`` is the benchmark flag for the SQLCipher-overhead comparison only: it passes
the core's public ``connect`` hook a SQLCipher connection class that ignores ``PRAGMA key``, so
the very same code (engine, Alembic schema, Repository, SyncStore, SyncEngine) writes an
unencrypted SQLite file. Nothing in desktop_app/ is changed or patched.
"""

from __future__ import annotations

import functools
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import sqlcipher3

from benchmarks.common import person_fields
from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from desktop_app.storage.store import create_store
from tests.support.live_server import DEMO_PASSWORD

#: Argon2id cost for benchmark profiles: unlock cost is not what these benchmarks measure.
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)


class PlainConnection(sqlcipher3.dbapi2.Connection):  # type: ignore[misc, name-defined]
    """A SQLCipher connection that never sets a key: the file stays plain SQLite."""

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith("PRAGMA KEY"):
            return super().execute("SELECT 1")
        return super().execute(sql, *args)


plain_connect = functools.partial(sqlcipher3.connect, factory=PlainConnection)


def enrol(
    server_url: str,
    username: str,
    folder: Path,
    *,
    encrypted: bool = True,
    password: str = DEMO_PASSWORD,
    progress: Any = None,
) -> Session:
    """A new device: login, create the store, first (full) pull — Session.enrol as the UI does."""
    kwargs: dict[str, Any] = {"kdf_params": FAST_KDF, "progress": progress}
    if not encrypted:
        kwargs["connect"] = plain_connect
    return Session.enrol(
        Profile(folder), server_url, username, password, f"bench {username}", **kwargs
    )


def unlock(folder: Path, *, encrypted: bool = True, password: str = DEMO_PASSWORD) -> Session:
    kwargs: dict[str, Any] = {} if encrypted else {"connect": plain_connect}
    return Session.unlock(Profile(folder), password, **kwargs)


def is_plain_sqlite(path: Path) -> bool:
    return path.read_bytes()[:16] == b"SQLite format 3\x00"


def queue_people(session: Session, count: int, seed: int = 11) -> list[str]:
    """Register ``count`` people locally (each a record + outbox row, as the UI's save)."""
    rng = random.Random(seed)
    repo = session.repo
    # Every registration says how the person gave consent (the form insists on it).
    return [
        repo.save("client", person_fields(rng, i), consent_method="verbal") for i in range(count)
    ]


def edit_people(session: Session, ids: list[str], tag: str) -> None:
    repo = session.repo
    for n, record_id in enumerate(ids):
        repo.save(
            "client", {"phone": f"07700 {900000 + n:06d}", "occupation": f"edit {tag}"}, record_id
        )


def store_schema_sql(folder: Path) -> list[str]:
    """The CREATE statements of our store's schema, read from a plain store made by the core."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"schema-{uuid.uuid4().hex[:8]}.db"
    engine = create_store(path, b"\0" * 32, connect=plain_connect)
    engine.dispose()
    conn = sqlite3.connect(str(path))
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_fts_%' "
        "AND name != 'alembic_version' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid"
    ).fetchall()
    conn.close()
    path.unlink()
    return [sql for _type, _name, sql in rows]


def timed_sync(session: Session) -> tuple[float, float, Any]:
    """(seconds until the push part ended, seconds of the whole sync, report).

    The push part ends at the engine's last "Sent …" progress call (public progress API);
    after it the engine pulls, which for the pushing device brings its own changes back."""
    import time

    started = time.perf_counter()
    push_end = started

    def progress(_done: int, _total: int | None, message: str) -> None:
        nonlocal push_end
        if message.startswith("Sent "):
            push_end = time.perf_counter()

    report = session.sync(progress)
    ended = time.perf_counter()
    return push_end - started, ended - started, report
