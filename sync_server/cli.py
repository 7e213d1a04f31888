"""``pace-sync-server``: the command line operators and black-box tests drive the server with."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from sync_server import __version__
from sync_server.auth.principal import ROLES

if TYPE_CHECKING:
    from sync_server.db import Database


class CliError(Exception):
    """A one-line error for the operator; the command exits non-zero."""


def _database_url(args: argparse.Namespace) -> str:
    from sync_server.config import get_settings

    # The settings read $PACE_DATABASE_URL and the PACE_CONFIG file, as the server does.
    return args.database_url or get_settings().database_url


def _open(args: argparse.Namespace, *, migrate: bool = False) -> Database:
    from sync_server import migrate as migrations
    from sync_server import models  # noqa: F401 - every table, so foreign keys resolve
    from sync_server.db import Database

    db = Database(_database_url(args))
    if migrate:
        from sync_server.sync import data_upgrades

        migrations.upgrade(db.engine)
        data_upgrades.run(db)
    return db


def cmd_init(args: argparse.Namespace) -> str:
    db = _open(args, migrate=True)
    db.dispose()
    return "database is ready"


def cmd_create_partner(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    db = _open(args)
    try:
        with db.session() as session:
            service.create_partner(session, args.code, args.name)
    except service.AccountError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()
    return f"partner {args.code} created"


def cmd_rename_partner(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.rename_partner(session, args.code, args.name))
    return f"partner {args.code} renamed"


def cmd_deactivate_partner(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.deactivate_partner(session, args.code))
    return (
        f"partner {args.code} deactivated; its users cannot sign in and its devices are "
        "revoked and wipe themselves"
    )


def cmd_reactivate_partner(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.reactivate_partner(session, args.code))
    return f"partner {args.code} reactivated (revoked devices stay revoked: enrol again)"


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for a password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise CliError("the passwords do not match")
    return first


def cmd_create_user(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    password = _read_password(args)
    if not password:
        raise CliError("the password must not be empty")
    db = _open(args)
    try:
        with db.session() as session:
            service.create_user(
                session,
                args.username,
                password,
                partner=args.partner,
                role=args.role,
                display_name=args.display_name,
            )
    except service.AccountError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()
    return f"user {args.username} created"


def _change_account(args: argparse.Namespace, change: Callable[..., object]) -> None:
    """Run one account change in a transaction; account errors become one-line CLI errors."""
    from sync_server.auth import service

    db = _open(args)
    try:
        with db.session() as session:
            change(session)
    except service.AccountError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()


def cmd_deactivate_user(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.deactivate_user(session, args.username))
    return f"user {args.username} deactivated; their devices are revoked and wipe themselves"


def cmd_reactivate_user(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.reactivate_user(session, args.username))
    return f"user {args.username} reactivated (revoked devices stay revoked: enrol again)"


def cmd_reset_password(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    password = _read_password(args)
    _change_account(args, lambda session: service.reset_password(session, args.username, password))
    return f"password of {args.username} reset; their sessions have ended"


def cmd_set_role(args: argparse.Namespace) -> str:
    from sync_server.auth import service

    _change_account(args, lambda session: service.set_role(session, args.username, args.role))
    return f"user {args.username} is now {args.role}"


def cmd_revoke_device(args: argparse.Namespace) -> str:
    from sync_server.audit import service as audit
    from sync_server.devices import service
    from sync_server.errors import ApiError

    try:
        uuid.UUID(args.device_id)
    except ValueError:
        raise CliError(f"{args.device_id!r} is not a device id") from None
    db = _open(args)
    try:
        with db.session() as session:
            service.revoke(session, args.device_id, audit.SYSTEM)
    except ApiError as exc:
        raise CliError(exc.detail) from None
    finally:
        db.dispose()
    return f"device {args.device_id} revoked: it wipes itself on its next contact"


def cmd_list_devices(args: argparse.Namespace) -> str:
    from sync_server.devices import service

    db = _open(args)
    try:
        with db.session() as session:
            lines = [
                f"{d.id} {d.partner_code:<16} {'revoked' if d.revoked_at else 'active':<8} "
                f"{d.app_version or '-':<12} {d.name}"
                for d in service.list_devices(session, args.partner)
            ]
    finally:
        db.dispose()
    return "\n".join(lines) or "no devices"


def cmd_seed_demo(args: argparse.Namespace) -> str:
    from sync_server.seed import DEMO_PASSWORD, has_users, seed_demo

    db = _open(args, migrate=True)
    try:
        # Demo users share a published password: never add them to a live database by accident.
        if has_users(db) and not args.force:
            raise CliError("the database already has users; pass --force to add the demo ones")
        lines = [f"created {line}" for line in seed_demo(db)]
        if args.demo_data:
            lines.append(_load_demo_data(db, args))
    finally:
        db.dispose()
    summary = "\n".join(lines) or "demo data already present"
    return f"{summary}\n(demo users' password: {DEMO_PASSWORD})"


def _load_demo_data(db: Database, args: argparse.Namespace) -> str:
    from sync_server.demo_data.load import load_demo_data
    from sync_server.demo_data.scale import DemoScale

    try:
        scale = DemoScale(
            people=args.people, events=args.events, months=args.months, seed=args.seed
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return load_demo_data(db, scale).summary()


def _add_demo_data_options(sub: argparse.ArgumentParser) -> None:
    from sync_server.demo_data.scale import DemoScale

    default = DemoScale()
    sub.add_argument(
        "--demo-data",
        action="store_true",
        help="also add generated people, engagements, referrals, outcomes and employer support "
        "over the last months (for the demo's dashboards)",
    )
    sub.add_argument("--people", type=int, default=default.people, help="with --demo-data")
    sub.add_argument("--events", type=int, default=default.events, help="with --demo-data")
    sub.add_argument("--months", type=int, default=default.months, help="with --demo-data")
    sub.add_argument("--seed", type=int, default=default.seed, help="with --demo-data")


def cmd_backup(args: argparse.Namespace) -> str:
    from sync_server.backup import backup_sqlite

    try:
        epoch = backup_sqlite(_database_url(args), Path(args.destination))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return f"backup written to {args.destination} (epoch {epoch})"


def cmd_import(args: argparse.Namespace) -> str:
    from sync_server import importer

    mapping = Path(args.mapping) if args.mapping else None
    plan = importer.plan_file(Path(args.file), args.partner, mapping)
    if args.report:
        plan.write_report(Path(args.report))
    lines = [
        f"{plan.rows_read} rows read: {len(plan.records)} people valid, "
        f"{len(plan.rejected_rows)} rows refused",
        *plan.report_lines(),
    ]
    if args.dry_run:
        lines.append("dry run: nothing was imported")
        return "\n".join(lines)
    db = _open(args)
    try:
        result = importer.run_import(db, plan, args.partner)
    finally:
        db.dispose()
    lines.append(
        f"imported {result.created} people; {result.already_imported} were already imported"
        + (f"; the server refused {result.refused_by_server}" if result.refused_by_server else "")
    )
    if result.possible_duplicates:
        lines.append(
            f"{result.possible_duplicates} of them may be people already held: "
            "see the probable duplicates (GET /api/v1/duplicates)"
        )
    return "\n".join(lines)


def cmd_restore(args: argparse.Namespace) -> str:
    from sync_server.backup import restore_sqlite

    url = _database_url(args)
    try:
        restored = restore_sqlite(url, Path(args.file))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    db = _open(args, migrate=True)  # a backup from an older release is brought up to date
    db.dispose()
    kept = f"; the replaced database was kept as {restored.previous}" if restored.previous else ""
    return (
        f"restored {args.file} (new epoch {restored.epoch}): every device will re-pull and "
        f"re-push what the backup lacks on its next sync{kept}"
    )


def cmd_rotate_epoch(args: argparse.Namespace) -> str:
    from sync_server.sync.sequence import set_meta

    db = _open(args)
    new_epoch = str(uuid.uuid4())
    try:
        with db.session() as session:
            set_meta(session, "epoch", new_epoch)
    finally:
        db.dispose()
    return f"new epoch {new_epoch}: every device will re-pull and re-push on its next sync"


def cmd_compact_tombstones(args: argparse.Namespace) -> str:
    from sync_server.config import Settings
    from sync_server.sync.compaction import compact_tombstones

    days = args.older_than_days
    if days is None:
        days = Settings().tombstone_max_age_days
    if days < 0:
        raise CliError("--older-than-days must be 0 or more")
    db = _open(args)
    try:
        report = compact_tombstones(db, days, dry_run=args.dry_run)
    finally:
        db.dispose()
    verb = "would prune" if report.dry_run else "pruned"
    lines = [
        f"{verb} {t.record_id} ({t.record_type}, deleted {t.deleted_at:%Y-%m-%d}, seq {t.seq})"
        for t in report.tombstones
    ]
    lines.append(
        f"{verb} {len(report.tombstones)} tombstones deleted before "
        f"{report.cutoff:%Y-%m-%d %H:%M} UTC and {report.revocations} revocations; "
        f"pull cursors before sequence {report.min_cursor_seq} answer 409 resync_required"
    )
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> str:
    from sync_server.stats import export, service
    from sync_server.stats.keys import person_keys

    out = Path(args.out)
    report_format = out.suffix.lower().lstrip(".")
    if report_format not in ("xlsx", "csv"):
        raise CliError(f"--out must end in .xlsx or .csv, not {out.name!r}")
    try:
        period = service.parse_period(args.start, args.end)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    db = _open(args)
    try:
        with db.snapshot_session() as session:  # every table from one consistent state
            result = service.compute(session, service.Query(period), person_keys=person_keys)
    finally:
        db.dispose()
    body = export.workbook_bytes(result) if report_format == "xlsx" else export.csv_bytes(result)
    try:
        out.write_bytes(body)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    return f"report for {period.first} to {period.last} written to {out}"


def cmd_link(args: argparse.Namespace) -> str:
    from sync_server.linkage.service import run_linkage

    db = _open(args)
    try:
        summary = run_linkage(db)
    finally:
        db.dispose()
    return (
        f"linked {summary.records} client records into {summary.people} people "
        f"({summary.links} links; {summary.pairs} probable duplicate pairs for review) "
        f"in {summary.seconds:.1f} s"
    )


def cmd_serve(args: argparse.Namespace) -> str:
    import uvicorn

    from sync_server.config import get_settings
    from sync_server.logging_setup import uvicorn_log_config

    url = _database_url(args)
    os.environ["PACE_DATABASE_URL"] = url  # worker processes read their settings from here
    get_settings.cache_clear()
    db = _open(args, migrate=True)  # serving an empty or old schema would only fail later
    db.dispose()
    settings = get_settings()
    if args.workers > 1:
        _share_metrics_between_workers()
    uvicorn.run(
        "sync_server.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=uvicorn_log_config(settings.log_level, settings.log_format),
        proxy_headers=args.proxy_headers,
        # Which proxies' X-Forwarded-For to believe (uvicorn's own default: 127.0.0.1).
        forwarded_allow_ips=args.forwarded_allow_ips,
        # Longer than clients keep idle connections, so a reused connection is rarely closed
        # under a request that is already on its way.
        timeout_keep_alive=30,
    )
    return "server stopped"


def cmd_status(args: argparse.Namespace) -> str:
    """The admin health summary from the database, and optionally a running server's metrics."""
    from sync_server.admin import health
    from sync_server.metrics import STATUS_TOTALS, scrape_totals

    db = _open(args)
    try:
        summary = health.summary(db, args.partner)
    finally:
        db.dispose()
    text = summary.model_dump_json(indent=2) if args.json else health.as_text(summary)
    if args.url:
        token = os.environ.get("PACE_METRICS_TOKEN")
        try:
            totals = scrape_totals(args.url, token)
        except OSError as exc:
            raise CliError(f"cannot read {args.url}/metrics: {exc}") from None
        running = "\n".join(f"  {label}: {totals[name]:g}" for label, name in STATUS_TOTALS)
        text += f"\nrunning server {args.url} (since its processes started):\n{running}"
    if summary.status != "ok":
        raise CliError(text.replace("\n", "; "))
    return text


def _share_metrics_between_workers() -> None:
    """Several workers: each writes its metrics to one folder and ``/metrics`` sums them
    (prometheus-client's multiprocess mode). A private temporary folder unless the operator
    chose one in PROMETHEUS_MULTIPROC_DIR; either way emptied first, as a restart must."""
    import tempfile

    from sync_server.metrics import MULTIPROC_ENV

    folder = os.environ.get(MULTIPROC_ENV)
    if not folder:
        folder = tempfile.mkdtemp(prefix="pace-metrics-")  # 0700
        os.environ[MULTIPROC_ENV] = folder
    Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in Path(folder).glob("*.db"):
        stale.unlink()


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr, like every other error of this command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _add_import(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", help="a .csv (UTF-8) or .xlsx file with a header row")
    sub.add_argument("--partner", required=True, help="the partner code the people belong to")
    sub.add_argument(
        "--mapping",
        help="JSON column mapping (columns, key_column, values); default: columns named like "
        "the standard's fields or labels",
    )
    sub.add_argument("--dry-run", action="store_true", help="check and report; import nothing")
    sub.add_argument("--report", help="write every refused row and why to this CSV file")


def _report_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    sub.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    sub.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv (format from extension)")


def _add_partner_commands(add: _Add) -> None:
    sub = add("rename-partner", cmd_rename_partner, "change a partner's full name")
    sub.add_argument("code")
    sub.add_argument("name", help="new full name")
    for name, handler, text in (
        (
            "deactivate-partner",
            cmd_deactivate_partner,
            "stop a partner's users signing in and revoke all its devices",
        ),
        (
            "reactivate-partner",
            cmd_reactivate_partner,
            "let a deactivated partner's users sign in again (revoked devices stay revoked)",
        ),
    ):
        add(name, handler, text).add_argument("code")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="SQLAlchemy URL (sqlite:///path/pace.db or postgresql+psycopg://user@host/db); "
        "default: $PACE_DATABASE_URL, else database_url in the $PACE_CONFIG file, else a "
        "SQLite file in the user's data folder",
    )
    parser = _Parser(
        prog="pace-sync-server", description="PACE Casework sync server", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], str], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("init", cmd_init, "create or upgrade the database schema (idempotent)")
    sub = add("create-partner", cmd_create_partner, "add a partner organisation")
    sub.add_argument("code", help="short code, e.g. SDS or FIFE_COUNCIL")
    sub.add_argument("name", help="full name")
    _add_partner_commands(add)
    sub = add("create-user", cmd_create_user, "add a user (password from a prompt or stdin)")
    sub.add_argument("username")
    sub.add_argument("--partner", required=True)
    sub.add_argument("--role", required=True, help=f"one of {', '.join(ROLES)}")
    sub.add_argument("--display-name")
    sub.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sub = add(
        "deactivate-user",
        cmd_deactivate_user,
        "disable a user's sign-in and revoke all their devices (a leaver)",
    )
    sub.add_argument("username")
    sub = add(
        "reactivate-user",
        cmd_reactivate_user,
        "allow a deactivated user to sign in again (revoked devices stay revoked)",
    )
    sub.add_argument("username")
    sub = add(
        "reset-password", cmd_reset_password, "set a new password and end the user's sessions"
    )
    sub.add_argument("username")
    sub.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sub = add("set-role", cmd_set_role, "change a user's role")
    sub.add_argument("username")
    sub.add_argument("role", help=f"one of {', '.join(ROLES)}")
    sub = add(
        "revoke-device", cmd_revoke_device, "revoke a device: it wipes itself on next contact"
    )
    sub.add_argument("device_id")
    sub = add("list-devices", cmd_list_devices, "list registered devices")
    sub.add_argument("--partner")
    sub = add("serve", cmd_serve, "run the HTTP server (migrates the schema first)")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8400)
    sub.add_argument("--workers", type=int, default=1)
    sub.add_argument(
        "--proxy-headers", action="store_true", help="trust X-Forwarded-For from a proxy"
    )
    sub.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="comma-separated addresses of the proxies whose X-Forwarded-For is trusted "
        "(uvicorn's --forwarded-allow-ips; default 127.0.0.1, or $FORWARDED_ALLOW_IPS)",
    )
    sub = add(
        "compact-tombstones",
        cmd_compact_tombstones,
        "prune deleted records older than the sync horizon; older pull cursors must re-pull",
    )
    sub.add_argument(
        "--older-than-days",
        type=int,
        default=None,
        help="default: $PACE_TOMBSTONE_MAX_AGE_DAYS (180), the longest a device may be offline",
    )
    sub.add_argument("--dry-run", action="store_true", help="print what would be pruned")
    _report_arguments(
        add(
            "report",
            cmd_report,
            "write the statistics (disclosure control applied) as a workbook or tidy CSV",
        )
    )
    sub = add("seed-demo", cmd_seed_demo, "add demo partners, users, an employer and an event")
    sub.add_argument(
        "--force", action="store_true", help="add the demo users even if the database has users"
    )
    _add_demo_data_options(sub)
    _add_data_commands(add)
    _add_operations(add)
    return parser


_Add = Callable[[str, Callable[[argparse.Namespace], str], str], argparse.ArgumentParser]


def _add_data_commands(add: _Add) -> None:
    """Bringing people in, linking them, and governing what is kept (data protection)."""
    from sync_server.governance import cli as governance_cli
    from sync_server.merges import cli as merges_cli

    _add_import(add("import", cmd_import, "import a partner's people from a CSV or XLSX file"))
    add(
        "link",
        cmd_link,
        "link client records across partners into people (Splink) and store the result",
    )
    governance_cli.register(add, _open)
    merges_cli.register(add, _open)


def _add_operations(add: _Add) -> None:
    """Status, backup and restore commands (kept apart so the parser stays readable)."""
    sub = add(
        "status",
        cmd_status,
        "health summary from the database (the admin workspace's counts); --url adds a "
        "running server's /metrics totals",
    )
    sub.add_argument("--partner", help="one partner's counts (default: every partner)")
    sub.add_argument("--json", action="store_true", help="print the summary as JSON")
    sub.add_argument(
        "--url",
        help="a running server, e.g. http://127.0.0.1:8400 ($PACE_METRICS_TOKEN if it needs one)",
    )
    sub = add("backup", cmd_backup, "online copy of a SQLite database (for PostgreSQL use pg_dump)")
    sub.add_argument("destination")
    sub = add(
        "restore",
        cmd_restore,
        "replace the SQLite database with a backup (stop the server first; for PostgreSQL "
        "use pg_restore, then rotate-epoch)",
    )
    sub.add_argument("file", help="a file written by `pace-sync-server backup`")
    add(
        "rotate-epoch",
        cmd_rotate_epoch,
        "after restoring a backup: make devices re-pull and re-push",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not hasattr(args, "database_url"):
        args.database_url = None
    try:
        message = args.handler(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"error: cannot use the database: {exc.orig}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(
            f"error: database failure ({type(exc).__name__}); run `pace-sync-server init` first?",
            file=sys.stderr,
        )
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if message:
        print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
