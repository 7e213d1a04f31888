"""One-off data steps that follow a schema upgrade, each run once per database.

``init`` and ``serve`` run them after the Alembic migrations; the ``server_meta`` table records
which have run. Each step is idempotent too, so two server processes starting together are safe.
"""

from __future__ import annotations

from sync_server.db import Database
from sync_server.sync.push import reapply_consent
from sync_server.sync.sequence import meta, set_meta

#: decisions.md #7: sight comes from consent alone, no longer from referrals.
CONSENT_ONLY_SIGHT = "upgrade.consent_only_sight"


def run(db: Database) -> None:
    with db.session() as session:
        if meta(session, CONSENT_ONLY_SIGHT) is not None:
            return
    reapply_consent(db)
    with db.write_session() as session:
        set_meta(session, CONSENT_ONLY_SIGHT, "done")
