"""``pace-sync-server merge``, ``unmerge`` and ``merges`` (registered by sync_server.cli).

The command line acts for one partner (``--partner``), exactly as that partner's team lead
would through the API: it sees, merges and undoes only what that partner can see, the same
consent rule applies, and the audit names the operator."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.merges import service
from sync_server.sync.merging import MergeRefusedError

Add = Callable[[str, Callable[[argparse.Namespace], str], str], argparse.ArgumentParser]
Opener = Callable[[argparse.Namespace], Database]


def _operator(partner: str) -> Principal:
    return Principal(
        user_id="",
        username="operator (command line)",
        display_name="Operator",
        role="admin",
        partner=partner,
        device_id="",
    )


def _as_json(info: service.MergeInfo) -> dict[str, object]:
    return {
        "merge_id": info.merge_id,
        "survivor_id": info.survivor_id,
        "merged_id": info.merged_id,
        "merged_by": info.merged_by,
        "merged_at": info.merged_at.isoformat(),
        "undone_at": info.undone_at.isoformat() if info.undone_at else None,
        "moved": info.moved,
    }


def register(add: Add, open_db: Opener) -> None:
    def run(action: Callable[[Database, Principal, argparse.Namespace], str]) -> Callable[..., str]:
        def handler(args: argparse.Namespace) -> str:
            db = open_db(args)
            try:
                return action(db, _operator(args.partner), args)
            except MergeRefusedError as refused:
                raise ValueError(f"{refused.code}: {refused.detail}") from None
            finally:
                db.dispose()

        return handler

    sub = add(
        "merge",
        run(lambda db, who, a: _dump(service.merge(db, who, a.survivor_id, a.merged_id))),
        "merge a duplicate person into the one that survives (undo with unmerge)",
    )
    sub.add_argument("survivor_id", help="the person record that stays")
    sub.add_argument("merged_id", help="the duplicate: its records move to the survivor")
    _partner_option(sub)
    sub = add(
        "unmerge",
        run(lambda db, who, a: _dump(service.undo(db, who, a.merge_id))),
        "undo a merge: the merged-away person and the records that moved come back",
    )
    sub.add_argument("merge_id")
    _partner_option(sub)
    sub = add(
        "merges",
        run(
            lambda db, who, _a: json.dumps(
                [_as_json(m) for m in service.list_merges(db, who)], indent=2
            )
        ),
        "list merges whose surviving person the partner can see, newest first (JSON)",
    )
    _partner_option(sub)


def _partner_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--partner",
        required=True,
        help="act for this partner: only people it can see are merged (as its team lead would)",
    )


def _dump(info: service.MergeInfo) -> str:
    return json.dumps(_as_json(info), indent=2)
