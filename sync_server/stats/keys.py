"""Which person each client record belongs to, for counting people once.

The one place the record-linkage result is plugged in: the API and the ``report`` command both
count people through :func:`person_keys`, the clusters the last ``pace-sync-server link`` run
stored (a record linkage has not seen yet counts as its own person).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from sync_server.linkage import service as linkage


def person_keys(session: Session) -> Mapping[str, str]:
    return linkage.person_keys(session)
