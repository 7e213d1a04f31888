"""The PostgreSQL set-up of deploy/postgresql.md works as written: the owner role migrates,
the app role serves (init included) with DML rights only and cannot touch the schema or the
audit log.

The SQL is read from the document itself, with the role and database names made unique, so
the document and this test cannot drift apart.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from pace_shared.hlc import HybridClock
from tests.server.helpers import change
from tests.support.databases import require_postgres
from tests.support.live_server import run_cli, start_server

pytestmark = pytest.mark.postgres

DOC = Path(__file__).resolve().parents[2] / "deploy" / "postgresql.md"
PASSWORD = "Roles-heather-lantern-2026"


def roles_sql() -> str:
    """The first ```sql block of the document: the roles and the database."""
    match = re.search(r"```sql\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert match, "deploy/postgresql.md has no SQL block"
    return match.group(1)


def revoke_sql() -> str:
    match = re.search(r"-c '(REVOKE [^']*audit_events[^']*)'", DOC.read_text())
    assert match, "deploy/postgresql.md no longer revokes audit changes from the app role"
    return match.group(1)


def rename(sql: str, suffix: str) -> str:
    """Unique names: roles are cluster-wide and other tests share the cluster."""
    for name in ("pace_owner", "pace_app", "pace"):
        sql = re.sub(rf"\b{name}\b", f"{name}_{suffix}", sql)
    return sql


def _statements(block: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in block.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


@pytest.fixture
def deployed(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(owner URL, app URL, conninfo of the app role) for a database set up as documented."""
    import psycopg

    admin = make_url(require_postgres())
    suffix = uuid.uuid4().hex[:8]
    database = f"pace_{suffix}"
    superuser = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    in_cluster, _, in_database = rename(roles_sql(), suffix).partition(f"\\c {database}")
    try:
        with psycopg.connect(superuser, autocommit=True) as conn:
            for statement in _statements(in_cluster):
                conn.execute(statement)
        on_db = admin.set(drivername="postgresql", database=database)
        with psycopg.connect(on_db.render_as_string(hide_password=False), autocommit=True) as conn:
            for statement in _statements(in_database):
                conn.execute(statement)

        def url(role: str, password: str) -> str:
            return admin.set(
                database=database, username=f"{role}_{suffix}", password=password
            ).render_as_string(hide_password=False)

        owner = url("pace_owner", "long-random-owner-password")
        app = url("pace_app", "long-random-app-password")
        run_cli("init", database_url=owner)
        owner_conninfo = make_url(owner).set(drivername="postgresql")
        with psycopg.connect(owner_conninfo.render_as_string(hide_password=False)) as conn:
            conn.execute(rename(revoke_sql(), suffix))
        yield (
            owner,
            app,
            make_url(app).set(drivername="postgresql").render_as_string(hide_password=False),
        )
    finally:
        with psycopg.connect(superuser, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "pace_app_{suffix}"')
            conn.execute(f'DROP ROLE IF EXISTS "pace_owner_{suffix}"')


def test_app_role_serves_but_cannot_change_schema_or_audit(
    deployed: tuple[str, str, str], tmp_path: Path
) -> None:
    import psycopg
    from psycopg import errors

    _, app, app_conninfo = deployed
    run_cli("create-partner", "SDS", "Skills Development Scotland", database_url=app)
    run_cli(
        "create-user",
        "roles.adviser",
        "--partner",
        "SDS",
        "--role",
        "adviser",
        "--password-stdin",
        database_url=app,
        stdin=PASSWORD + "\n",
    )
    # start_server runs `init` as the app role first: at head it needs no DDL rights.
    with start_server(tmp_path, database_url=app, seed=False) as server:
        adviser = server.client("roles.adviser", PASSWORD)
        clock = HybridClock(adviser.device_id)
        person = str(uuid.uuid4())
        fields = {"first_name": "Iona", "last_name": "Reid", "share_with": []}
        result = adviser.push([change("client", person, fields, hlc=clock.tick())])
        assert result["results"][0]["status"] == "applied"
        items, _ = adviser.pull_all()
        assert [i["record_id"] for i in items if i.get("record_type") == "client"] == [person]

    with psycopg.connect(app_conninfo, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM audit_events").fetchone()[0] > 0
        for forbidden in (
            "DROP TABLE records",
            "ALTER TABLE records ADD COLUMN sneaky text",
            "DROP TRIGGER audit_events_append_only ON audit_events",
            "UPDATE audit_events SET action = 'rewritten'",
            "DELETE FROM audit_events",
            "TRUNCATE audit_events",
            "CREATE TABLE public.extra (id int)",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(forbidden)
