"""Which person each client record belongs to, for counting people once.

The one place the record-linkage result is plugged in: the API and the ``report`` command both
count people through :func:`person_keys`, the clusters the last ``pace-sync-server link`` run
stored: only the records it linked to another are listed, any other record (one linkage has
not seen yet included) counts as its own person.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from sync_server.linkage import service as linkage


def person_keys(session: Session) -> Mapping[str, str]:
    return linkage.linked_keys(session)


def linkage_run(session: Session) -> int:
    """The last linkage run's number (0 before any): a run changes who is one person without
    changing any record, so answers kept from before it are not reused after it."""
    run = linkage.last_run(session)
    return 0 if run is None else run.id
