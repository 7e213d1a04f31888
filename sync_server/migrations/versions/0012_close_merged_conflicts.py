"""conflicts: close those left open on people merged away before merges closed them

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28

Since this release a merge closes the merged-away person's open field conflicts (resolution
``merged``, by the user who merged; sync_server.sync.merging.close_conflicts_of). Conflicts on
people merged earlier stayed open, and resolving one answered 409 ``record_deleted``; this
closes them the same way, naming the user of the merge that is still in force.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE conflicts SET
            status = 'resolved',
            resolution = 'merged',
            resolved_at = CURRENT_TIMESTAMP,
            resolved_by = (
                SELECT m.merged_by FROM person_merges m
                WHERE m.merged_id = conflicts.record_id AND m.undone_at IS NULL
                ORDER BY m.merged_at DESC LIMIT 1
            )
        WHERE status = 'open'
          AND record_id IN (SELECT id FROM records WHERE merged_into IS NOT NULL)
        """
    )


def downgrade() -> None:
    # Which conflicts were closed here is not recorded apart from those closed by merges.
    pass
