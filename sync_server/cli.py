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
    from sync_server.config import default_database_url

    return args.database_url or os.environ.get("PACE_DATABASE_URL") or default_database_url()


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
        created = seed_demo(db)
    finally:
        db.dispose()
    summary = "\n".join(f"created {line}" for line in created) or "demo data already present"
    return f"{summary}\n(demo users' password: {DEMO_PASSWORD})"


def cmd_backup(args: argparse.Namespace) -> str:
    from sync_server.backup import backup_sqlite

    try:
        epoch = backup_sqlite(_database_url(args), Path(args.destination))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return f"backup written to {args.destination} (epoch {epoch})"


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


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr, like every other error of this command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="SQLAlchemy URL (sqlite:///path/pace.db or postgresql+psycopg://user@host/db); "
        "default: $PACE_DATABASE_URL, else a SQLite file in the user's data folder",
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
    sub = add("seed-demo", cmd_seed_demo, "add demo partners, users, an employer and an event")
    sub.add_argument(
        "--force", action="store_true", help="add the demo users even if the database has users"
    )
    sub = add("backup", cmd_backup, "online copy of a SQLite database (for PostgreSQL use pg_dump)")
    sub.add_argument("destination")
    add(
        "rotate-epoch",
        cmd_rotate_epoch,
        "after restoring a backup: make devices re-pull and re-push",
    )
    from sync_server.governance import cli as governance_cli

    governance_cli.register(add, _open)
    return parser


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
