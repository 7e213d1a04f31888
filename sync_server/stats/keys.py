"""Which person each client record belongs to, for counting people once.

The one place the record-linkage result is plugged in: the API and the ``report`` command both
count people through :func:`person_keys`. Until linkage is wired, every record is its own
person. (Lead: at merge, return ``sync_server.linkage.service.person_keys(session)`` here.)
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from sync_server.stats.service import own_keys


def person_keys(session: Session) -> Mapping[str, str]:
    return own_keys(session)
