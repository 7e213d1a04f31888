"""A lead's import into the local store: the shared plan (pace_shared.importing), checked
against the people already here, then written like registrations and synced like them.

Record ids come from the partner and each row's key, so a file imported twice (here, or here
and by ``pace-sync-server import``) names the same people and the second time adds nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from desktop_app.storage.repository import CONSENT_NOT_ASKED, Repository
from desktop_app.storage.views import Changes, DuplicateCandidate
from pace_shared.importing import IMPORT_TYPE, ImportPlan, PlannedRecord

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ImportCheck:
    """What importing ``plan`` would do here, before anything is written."""

    plan: ImportPlan
    already_here: set[str] = field(default_factory=set)
    #: Row number → the people already in the store that row may be.
    possible_duplicates: dict[int, list[DuplicateCandidate]] = field(default_factory=dict)

    @property
    def new_records(self) -> list[PlannedRecord]:
        return [r for r in self.plan.records if r.record_id not in self.already_here]


def _present(repo: Repository, ids: list[str]) -> set[str]:
    found: set[str] = set()
    with repo.reading() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            rows = conn.execute(
                text(f"SELECT id FROM records WHERE id IN ({marks})"),  # noqa: S608 - placeholders
                {f"i{n}": record_id for n, record_id in enumerate(chunk)},
            )
            found.update(str(row[0]) for row in rows)
    return found


def check_import(
    repo: Repository, plan: ImportPlan, progress: Progress | None = None
) -> ImportCheck:
    """The people already imported, and each new row's likely duplicates among those here."""
    check = ImportCheck(plan, _present(repo, [r.record_id for r in plan.records]))
    new = check.new_records
    for done, record in enumerate(new, start=1):
        fields = record.fields
        candidates = repo.find_duplicates(
            fields.get("first_name") or "",
            fields.get("last_name") or "",
            fields.get("date_of_birth"),
            fields.get("ni_number"),
            fields.get("postcode"),
            limit=3,
        )
        # The same rules as at registration decide what counts as a possible duplicate.
        if candidates:
            check.possible_duplicates[record.row] = candidates
        if progress is not None and (done % 50 == 0 or done == len(new)):
            progress(done, len(new))
    return check


def import_people(repo: Repository, check: ImportCheck) -> Changes:
    """Write the new people; only the lead's own partner sees them until consent is recorded."""
    changes = Changes()
    for record in check.new_records:
        # Nobody asked these people, so the file cannot say how they consented: they are shared
        # with nobody and no consent is recorded (as the server's import), not a consent change
        # with no method.
        record_id = repo.save(
            IMPORT_TYPE,
            {**record.fields, "share_with": []},
            record.record_id,
            consent_method=CONSENT_NOT_ASKED,
        )
        changes |= Changes.record(record_id, IMPORT_TYPE)
    return changes
