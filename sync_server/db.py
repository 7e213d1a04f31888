"""Database engine and sessions, for SQLite (default) and PostgreSQL (production)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import orjson
from sqlalchemy import JSON, Connection, Engine, Table, create_engine, event, insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from sync_server.crashpoints import crash_point


class Base(DeclarativeBase):
    pass


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    options: dict[str, Any] = {
        "json_serializer": _json_dumps,
        "json_deserializer": orjson.loads,
        **kwargs,
    }
    if parsed.get_backend_name() == "postgresql":
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_size", 10)
        return create_engine(url, **options)
    if parsed.get_backend_name() != "sqlite":
        raise ValueError(
            f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL"
        )
    options.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
    path = parsed.database
    if path and path != ":memory:" and not path.startswith("file:"):
        make_private(Path(path))
    engine = create_engine(url, **options)
    _configure_sqlite(engine)
    return engine


def make_private(database: Path) -> None:
    """Create the SQLite file readable by its owner only (0600), and tighten an existing one
    with its -wal and -shm. SQLite gives the -wal, -shm and -journal files it creates later
    the database file's own mode, so they are 0600 too."""
    database.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(database, os.O_CREAT | os.O_RDWR, 0o600))
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except FileNotFoundError:
            continue


_Item = TypeVar("_Item")
#: Ids per ``IN (...)`` list: well under every database's limit on bound parameters.
IN_LIST_SIZE = 500


def in_chunks(items: Sequence[_Item], size: int = IN_LIST_SIZE) -> Iterator[Sequence[_Item]]:
    """``items`` in consecutive slices of at most ``size``, one ``IN (...)`` list each."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


#: Page cache per connection (SQLite's default is 2 MiB; the pool keeps up to 15 connections).
SQLITE_CACHE_KIB = 16 * 1024
#: Reads through memory-mapped I/O up to this size of file: the statistics read every person,
#: outcome and engagement, and reading pages through system calls cost a fifth of the
#: workbook's time at 150,000 people (docs/statistics.md). The price: an I/O error while
#: reading the map stops the process (SIGBUS) instead of failing one request, acceptable for a
#: server's own local disk (large deployments run PostgreSQL).
SQLITE_MMAP_BYTES = 1 << 30


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is unreliable).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # Writers take the write lock up front, so two writers never deadlock upgrading a
        # read lock; readers use a deferred BEGIN and a consistent WAL snapshot.
        if connection.get_execution_options().get("sqlite_immediate"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


class Database:
    """The engine and a session factory; one per process."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = (
            self.engine.execution_options(sqlite_immediate=True)
            if is_sqlite(self.engine)
            else self.engine
        )
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read (or light write) transaction, committed on success."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def write_session(self, crash_points: str | None = None) -> Iterator[Session]:
        """A transaction that serialises with other writers (see sync.sequence).

        ``crash_points`` names the test-only crash points ``<name>.before_commit`` and
        ``<name>.after_commit`` around the commit (see sync_server.crashpoints).
        """
        with self._write_sessions() as session, session.begin():
            yield session
            if crash_points:
                crash_point(f"{crash_points}.before_commit")
        if crash_points:
            crash_point(f"{crash_points}.after_commit")

    @contextmanager
    def snapshot_session(self) -> Iterator[Session]:
        """A read transaction that sees one consistent snapshot (for pull pages)."""
        engine = self.engine
        if not is_sqlite(engine):
            engine = engine.execution_options(isolation_level="REPEATABLE READ")
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    def analyze_stats_facts(self) -> None:
        """Refresh the query planner's statistics of the statistics facts table, as after a
        bulk load: until then both databases plan the statistics' reads as if it were empty
        (PostgreSQL's autovacuum gets there in time where it runs; SQLite has nothing that
        does). Only that table, so the plans of push and pull stay as they were tuned."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE stats_facts")

    def dispose(self) -> None:
        self.engine.dispose()


def bulk_insert(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows: PostgreSQL's COPY (several times faster than INSERT for the sync
    path's thousands of rows per push), an executemany INSERT elsewhere."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    columns = list(rows[0].keys())
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw = session.connection().connection.driver_connection
    if raw is None:
        raise RuntimeError("the database connection is closed")
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            # COPY's text format is untyped: JSON columns take the JSON text itself.
            copy.write_row([_json_dumps(row[c]) if c in json_columns else row[c] for c in columns])


def bulk_insert_varying(
    session: Session,
    table: Table,
    constant: Mapping[str, Any],
    column: str,
    values: Sequence[Any],
) -> None:
    """Insert one row per value of ``column``, every other column the same. The constant part
    is converted once rather than per row, and the rows go straight to the driver (COPY on
    PostgreSQL, executemany on SQLite): the disclosure log writes a row per person per pull."""
    if not values:
        return
    dialect = session.get_bind().dialect
    names = [*constant, column]
    columns = ", ".join(f'"{c}"' for c in names)
    raw = session.connection().connection.driver_connection
    if raw is None:
        raise RuntimeError("the database connection is closed")
    if dialect.name == "postgresql":
        fixed = [
            _json_dumps(v) if isinstance(table.c[c].type, JSON) and v is not None else v
            for c, v in constant.items()
        ]
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy,
        ):
            for value in values:
                copy.write_row([*fixed, value])
        return
    fixed = []
    for name, value in constant.items():
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        fixed.append(processor(value) if processor is not None and value is not None else value)
    placeholders = ", ".join("?" for _ in names)
    raw.executemany(
        f'INSERT INTO "{table.name}" ({columns}) VALUES ({placeholders})',  # noqa: S608 - our own names
        [(*fixed, value) for value in values],
    )
