"""The peer: Kinto (PyPI ``kinto``) in its own virtual environment, run on 127.0.0.1.

    ensure_kinto()                      # creates benchmarks/.peer-venv with the machine's pip
    with start_kinto(folder, postgres_url=None) as kinto:   # memory backend, or PostgreSQL
        client = KintoClient(kinto.url, "alice")
        client.push(records)            # POST /v1/batch, its max batch size per request
        client.pull_into(loader)        # GET …/records?_since=…&_limit=…, following Next-Page

Basic auth (kinto.core's BasicAuthAuthenticationPolicy: any user:password, the user id is an
HMAC of both), one bucket and one collection (``bench/people``), default permissions.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import requests
from sqlalchemy.engine import make_url

from tests.support.live_server import free_port

ROOT = Path(__file__).resolve().parent
PEER_VENV = ROOT / ".peer-venv"
KINTO_SPEC = "kinto[postgresql]>=19,<30"
BUCKET = "bench"
COLLECTION = "people"


class PeerUnavailableError(RuntimeError):
    """Kinto could not be installed or started; the message says why."""


def _venv_bin(name: str) -> Path:
    return PEER_VENV / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_kinto() -> Path:
    """Install Kinto into benchmarks/.peer-venv once; returns its ``kinto`` executable."""
    kinto = _venv_bin("kinto")
    if kinto.exists():
        return kinto
    python = shutil.which("python3") or sys.executable
    try:
        if not _venv_bin("python").exists():
            subprocess.run([python, "-m", "venv", str(PEER_VENV)], check=True, timeout=300)
        print(f"installing {KINTO_SPEC} into {PEER_VENV} …", flush=True)
        subprocess.run(
            [str(_venv_bin("python")), "-m", "pip", "install", "-q", KINTO_SPEC],
            check=True,
            timeout=900,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or exc.stdout or "").strip().splitlines()[-3:]
        raise PeerUnavailableError(f"pip install {KINTO_SPEC} failed: {' | '.join(tail)}") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PeerUnavailableError(f"could not create the peer venv: {exc}") from None
    if not kinto.exists():
        raise PeerUnavailableError("pip finished but the kinto command is missing")
    return kinto


INI = """\
[server:main]
use = egg:waitress#main
host = 127.0.0.1
port = {port}
threads = {threads}

[app:main]
use = egg:kinto
kinto.storage_backend = kinto.core.storage.{backend}
kinto.storage_url = {storage_url}
kinto.cache_backend = kinto.core.cache.memory
kinto.permission_backend = kinto.core.permission.{backend}
kinto.permission_url = {storage_url}
kinto.userid_hmac_secret = benchmark-secret-not-for-production
multiauth.policies = basicauth
multiauth.policy.basicauth.use = kinto.core.authentication.BasicAuthAuthenticationPolicy
kinto.bucket_create_principals = system.Authenticated
kinto.storage_max_fetch_size = 10000

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = plain

[logger_root]
level = WARNING
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = WARNING
formatter = plain

[formatter_plain]
format = %(asctime)s %(levelname)s %(name)s %(message)s
"""


@dataclass
class KintoServer:
    url: str
    backend: str
    process: subprocess.Popen[bytes]
    log_path: Path
    storage_url: str = ""

    def bulk_load(self, records: list[dict[str, Any]]) -> None:
        """Untimed setup on the PostgreSQL backend: rows straight into Kinto's ``objects``
        table (its trigger stamps last_modified), for populations that would take many
        minutes through the HTTP API here. The collection must exist already."""
        import psycopg

        if self.backend != "postgresql":
            raise ValueError("bulk_load needs the PostgreSQL backend")
        parent = f"/buckets/{BUCKET}/collections/{COLLECTION}"
        rows = [
            (r["id"], parent, orjson.dumps({k: v for k, v in r.items() if k != "id"}).decode())
            for r in records
        ]
        with psycopg.connect(self.storage_url) as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO objects (id, parent_id, resource_name, data, deleted) "
                "VALUES (%s, %s, 'record', %s::jsonb, FALSE)",
                rows,
            )

    def settings(self) -> dict[str, Any]:
        return requests.get(f"{self.url}/", timeout=10).json().get("settings", {})


@contextlib.contextmanager
def _fresh_pg_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for Kinto (psycopg2 URL form), dropped afterwards."""
    import psycopg

    admin = make_url(admin_url)
    name = f"kinto_bench_{uuid.uuid4().hex[:10]}"
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def start_kinto(
    folder: Path, *, postgres_url: str | None = None, threads: int = 4
) -> Iterator[KintoServer]:
    """Kinto on 127.0.0.1 with its memory backend, or PostgreSQL in a fresh database."""
    kinto = ensure_kinto()
    with contextlib.ExitStack() as stack:
        if postgres_url:
            storage_url = stack.enter_context(_fresh_pg_database(postgres_url))
            backend = "postgresql"
        else:
            storage_url, backend = "", "memory"
        port = free_port()
        ini = folder / f"kinto-{backend}-{port}.ini"
        ini.write_text(
            INI.format(port=port, threads=threads, backend=backend, storage_url=storage_url)
        )
        log_path = folder / f"kinto-{backend}-{port}.log"
        if backend == "postgresql":
            done = subprocess.run(
                [str(kinto), "migrate", "--ini", str(ini)],
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                raise PeerUnavailableError(f"kinto migrate failed: {' | '.join(tail)}")
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [str(kinto), "start", "--ini", str(ini)], stdout=log, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}/v1"
        try:
            _wait_ready(url, process)
        except RuntimeError as exc:
            process.kill()
            tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
            raise PeerUnavailableError(f"kinto did not start ({exc}): {' | '.join(tail)}") from None
        server = KintoServer(url, backend, process, log_path, storage_url)
        try:
            yield server
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kinto exited with {process.returncode}")
        try:
            if requests.get(f"{url}/__lbheartbeat__", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"not ready after {timeout} s")


@dataclass
class KintoClient:
    """One device talking to Kinto with basic auth; every call is real HTTP."""

    url: str
    username: str
    password: str = "bench-password"
    http: requests.Session = field(default_factory=requests.Session)
    since: str | None = None  # ETag of the last pull (a last_modified timestamp)

    def __post_init__(self) -> None:
        self.http.auth = (self.username, self.password)
        self.http.headers["Content-Type"] = "application/json"
        self.records_path = f"/buckets/{BUCKET}/collections/{COLLECTION}/records"

    def setup_collection(self) -> None:
        for path in (f"/buckets/{BUCKET}", f"/buckets/{BUCKET}/collections/{COLLECTION}"):
            response = self.http.put(f"{self.url}{path}", data=b"{}", timeout=30)
            response.raise_for_status()

    def share_with(self, principal: str = "system.Authenticated") -> None:
        """Let every authenticated user read and write the collection (our ``share_with: ALL``)."""
        body = {"permissions": {"read": [principal], "write": [principal]}}
        response = self.http.patch(
            f"{self.url}/buckets/{BUCKET}", data=orjson.dumps(body), timeout=30
        )
        response.raise_for_status()

    def max_batch(self) -> int:
        settings = self.http.get(f"{self.url}/", timeout=30).json().get("settings", {})
        return int(settings.get("batch_max_requests") or 25)

    def push(self, records: list[dict[str, Any]], batch_size: int) -> int:
        """PUT every record through POST /v1/batch, ``batch_size`` sub-requests at a time."""
        written = 0
        for start in range(0, len(records), batch_size):
            chunk = records[start : start + batch_size]
            body = {
                "defaults": {"method": "PUT"},
                "requests": [
                    {"path": f"{self.records_path}/{r['id']}", "body": {"data": r}} for r in chunk
                ],
            }
            response = self.http.post(f"{self.url}/batch", data=orjson.dumps(body), timeout=60)
            response.raise_for_status()
            answers = response.json()["responses"]
            bad = [a for a in answers if a["status"] not in (200, 201)]
            if bad:
                raise RuntimeError(f"kinto batch: {len(bad)} failed, first {bad[0]}")
            written += len(answers)
        return written

    def pull(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Every record changed since the last pull, oldest first, following Next-Page."""
        params: dict[str, Any] = {"_sort": "last_modified", "_limit": limit}
        if self.since:
            params["_since"] = self.since
        url: str | None = f"{self.url}{self.records_path}"
        items: list[dict[str, Any]] = []
        first = True
        while url:
            response = self.http.get(url, params=params if first else None, timeout=60)
            response.raise_for_status()
            if first:
                etag = response.headers.get("ETag", "").strip('"')
            first = False
            items.extend(orjson.loads(response.content)["data"])
            url = response.headers.get("Next-Page")
        if etag:
            self.since = etag
        return items


class PlainSqliteLoader:
    """The peer's client store: a plain SQLite file with our store's tables.

    It writes what our client writes per pulled person: the ``records`` row, the ``people``
    search row and its FTS5 trigram row, one transaction per page (WAL, synchronous=NORMAL).
    """

    def __init__(self, path: Path, schema_sql: list[str]) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        for statement in schema_sql:
            self.conn.execute(statement)

    def close(self) -> None:
        self.conn.close()

    def apply(self, items: list[dict[str, Any]], page_size: int = 1000) -> int:
        from benchmarks.common import person_index_row

        conn = self.conn
        for start in range(0, len(items), page_size):
            page = items[start : start + page_size]
            conn.execute("BEGIN IMMEDIATE")
            rows = []
            people = []
            for item in page:
                fields = {k: v for k, v in item.items() if k not in ("id", "last_modified")}
                versions = dict.fromkeys(fields, str(item["last_modified"]))
                rows.append(
                    (
                        item["id"],
                        "client",
                        "SDS",
                        None,
                        orjson.dumps(fields).decode(),
                        orjson.dumps(versions).decode(),
                        0,
                        str(item["last_modified"]),
                    )
                )
                people.append(person_index_row(item["id"], "SDS", fields))
            conn.executemany(
                "INSERT INTO records (id, type, owner_partner, parent_id, fields, versions, "
                "deleted, has_conflict, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) "
                "ON CONFLICT(id) DO UPDATE SET fields = excluded.fields, "
                "versions = excluded.versions, updated_at = excluded.updated_at",
                rows,
            )
            ids = [p[0] for p in people]
            marks = ",".join("?" * len(ids))
            conn.execute(
                f"DELETE FROM people_fts WHERE rowid IN (SELECT rid FROM people WHERE id IN "
                f"({marks}))",
                ids,
            )
            conn.execute(f"DELETE FROM people WHERE id IN ({marks})", ids)
            conn.executemany(
                "INSERT INTO people (id, first_name, last_name, date_of_birth, ni_number, "
                "postcode, event_id, event_label, owner_partner, first_key, last_key, event_key, "
                "search_doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                people,
            )
            conn.execute(
                f"INSERT INTO people_fts (rowid, doc) SELECT rid, search_doc FROM people "
                f"WHERE id IN ({marks})",
                ids,
            )
            conn.execute("COMMIT")
        return len(items)
