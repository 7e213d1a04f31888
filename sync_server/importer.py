"""``pace-sync-server import``: a partner's existing caseload pushed as that partner's import
device, through the same rules as every device's push (validation, consent, audit).

The plan (pace_shared.importing) gives each row a record id from the partner and the row's key,
so the second import of the same file finds every person already there and creates nothing; an
import cut short is simply run again (its change ids make a retried batch a duplicate).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from pace_shared.hlc import HybridClock
from pace_shared.importing import (
    IMPORT_NAMESPACE,
    IMPORT_TYPE,
    ColumnMapping,
    ImportPlan,
    read_rows,
)
from pace_shared.importing import plan_import as make_plan
from sync_server.auth import service as auth_service
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.linkage import service as linkage
from sync_server.sync import push
from sync_server.sync import service as sync_service

#: Changes per push transaction: short transactions, so devices syncing meanwhile are not held.
BATCH = 500


@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: ImportPlan
    created: int = 0
    already_imported: int = 0
    refused_by_server: int = 0
    #: Imported people the linkage run after the import found may be someone already held.
    possible_duplicates: int = 0


def import_device(partner: str) -> str:
    """The partner's import device: its id is the node of every imported change's HLC."""
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"device/{partner}"))


def plan_file(path: Path, partner: str, mapping_path: Path | None) -> ImportPlan:
    headers, rows = read_rows(path)
    mapping = ColumnMapping.load(mapping_path) if mapping_path else ColumnMapping.guess(headers)
    return make_plan(headers, rows, mapping, partner)


def run_import(db: Database, plan: ImportPlan, partner: str) -> ImportResult:
    with db.session() as session:
        if partner not in auth_service.known_partner_codes(session):
            raise ValueError(f"unknown partner {partner!r}")
        known = sync_service.existing_record_ids(session, [r.record_id for r in plan.records])
    # A person imported before is the advisers' now: a re-import never overwrites their edits
    # or the consent they recorded.
    fresh = [record for record in plan.records if record.record_id not in known]
    device = import_device(partner)
    principal = Principal("import", f"import:{partner}", "Import", "admin", partner, device)
    clock = HybridClock(device)
    created, duplicates, refused = 0, len(plan.records) - len(fresh), 0
    for start in range(0, len(fresh), BATCH):
        changes = [
            {
                "change_id": record.change_id,
                "record_id": record.record_id,
                "record_type": str(IMPORT_TYPE),
                "op": "upsert",
                "hlc": clock.tick(),
                # Only the importing partner sees them until an adviser records consent.
                "fields": {**record.fields, "share_with": []},
            }
            for record in fresh[start : start + BATCH]
        ]
        for result in push.push(db, principal, changes, max_clock_skew_seconds=600):
            status = result["status"]
            created += status in {"applied", "conflict"}
            duplicates += status == "duplicate"
            refused += status == "rejected"
    return ImportResult(
        plan, created, duplicates, refused, _duplicate_check(db, [r.record_id for r in fresh])
    )


def _duplicate_check(db: Database, imported: list[str]) -> int:
    """Imported people go through the duplicate check: record linkage over everyone held, then
    how many of them it ties to someone else (listed for review under Duplicates)."""
    if not imported:
        return 0
    linkage.run_linkage(db)
    with db.session() as session:
        return len(linkage.already_known(session, imported))
