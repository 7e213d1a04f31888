"""``pace-sync-server`` commands for data governance (registered by sync_server.cli)."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from sync_server.audit import service as audit
from sync_server.db import Database
from sync_server.governance import service
from sync_server.sharing.service import EXAMPLE_TERMS
from sync_server.sync.erasure import NotAPersonError

Add = Callable[[str, Callable[[argparse.Namespace], str], str], argparse.ArgumentParser]
Opener = Callable[[argparse.Namespace], Database]
#: Who the command line acts as in the audit log.
OPERATOR = audit.Actor(username="operator (command line)")


def register(add: Add, open_db: Opener) -> None:
    def with_db(run: Callable[[Database, argparse.Namespace], str]) -> Callable[..., str]:
        def handler(args: argparse.Namespace) -> str:
            db = open_db(args)
            try:
                return run(db, args)
            finally:
                db.dispose()

        return handler

    sub = add(
        "sharing-agreement",
        with_db(_sharing_agreement),
        "show the data-sharing agreement, or record a new version from a JSON file",
    )
    group = sub.add_mutually_exclusive_group()
    group.add_argument("--set", metavar="FILE", help="JSON: {withheld: {...}, partners: {...}}")
    group.add_argument(
        "--example",
        action="store_true",
        help="record the example: only the owner sees NI number, phone and engagement notes",
    )
    sub = add("erase", with_db(_erase), "erase a person and all their records (on request)")
    sub.add_argument("record_id")
    sub = add(
        "subject-access",
        with_db(_subject_access),
        "write everything held about a person, and its audit, as JSON",
    )
    sub.add_argument("record_id")
    sub.add_argument("--out", required=True, metavar="FILE.json")
    sub = add(
        "retention",
        with_db(_retention),
        "erase people with no activity for N months (the retention rule)",
    )
    sub.add_argument(
        "--months",
        type=int,
        default=None,
        help="default: $PACE_RETENTION_MONTHS (no default: the rule must be set)",
    )
    mode = sub.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="report what would be erased")
    mode.add_argument("--apply", action="store_true", help="erase and report")


def _sharing_agreement(db: Database, args: argparse.Namespace) -> str:
    if args.set:
        try:
            raw = json.loads(Path(args.set).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read {args.set}: {exc}") from None
        return json.dumps(service.set_agreement(db, raw, OPERATOR), indent=2)
    if args.example:
        return json.dumps(service.set_agreement(db, EXAMPLE_TERMS, OPERATOR), indent=2)
    return json.dumps(service.get_agreement(db), indent=2)


def _erase(db: Database, args: argparse.Namespace) -> str:
    try:
        done = service.erase(db, args.record_id, OPERATOR)
    except NotAPersonError:
        raise ValueError(f"no person with id {args.record_id}") from None
    counts = ", ".join(f"{n} {t}" for t, n in done.removed.items())
    return f"erased {args.record_id}: {counts}; {done.partners_revoked} partners' devices purge it"


def _subject_access(db: Database, args: argparse.Namespace) -> str:
    try:
        document = service.subject_access(db, args.record_id, OPERATOR)
    except NotAPersonError:
        raise ValueError(f"no person with id {args.record_id}") from None
    out = Path(args.out)
    # Personal data: readable by the operator only.
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
    return f"subject access for {args.record_id} written to {out}"


def _retention(db: Database, args: argparse.Namespace) -> str:
    months = args.months
    if months is None:
        configured = os.environ.get("PACE_RETENTION_MONTHS")
        if not configured:
            raise ValueError("give --months or set PACE_RETENTION_MONTHS")
        months = int(configured)
    report = service.retention(db, months, apply=args.apply)
    return json.dumps(report.as_json(), indent=2)
