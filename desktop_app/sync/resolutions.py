"""Conflict review at each sync (team leads, administrators): send the resolutions chosen
offline, then refresh the cache of the partner's open conflicts.

A resolution the server can no longer apply (another lead resolved the conflict first: 409
``already_resolved``; the record left the partner's sight: 404; a value the server refuses:
422) is dropped with a plain sentence for the user. Being offline or signed out keeps every
queued choice for the next sync.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.storage.conflicts import ConflictCache, QueuedResolution
from desktop_app.storage.repository import Repository
from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import Forbidden, ServerError
from pace_shared.wire import ResolveRequest

log = logging.getLogger(__name__)

#: Roles that review conflicts (decisions.md #10; the server checks the same).
REVIEWER_ROLES = frozenset({"team_lead", "admin", "system_admin"})

#: Answers that settle a queued resolution for good, with what the user is told.
_FINAL_ANSWERS = {
    409: "was already resolved elsewhere; the value now on the server stands",
    404: "is no longer visible to your organisation, so it was not resolved here",
    422: "could not take the chosen value (the server refused it)",
}


def reviews_conflicts(user: Mapping[str, Any]) -> bool:
    return user.get("role") in REVIEWER_ROLES


@dataclass(slots=True)
class ResolutionOutcome:
    resolved: int = 0
    problems: list[str] = field(default_factory=list)


def send_resolutions(repo: Repository, client: SyncClient) -> ResolutionOutcome:
    """Send each queued resolution once; Offline and the like propagate (choices kept)."""
    cache = ConflictCache(repo)
    outcome = ResolutionOutcome()
    views = {c.id: c for c in cache.open_conflicts()}
    for queued in cache.queued_resolutions():
        try:
            client.resolve_conflict(queued.conflict_id, _request(queued))
        except (Forbidden, ServerError) as exc:
            reason = _final_reason(exc)
            if reason is None:
                raise  # not settled (a server fault): the choice waits for the next sync
            view = views.get(queued.conflict_id)
            what = f"the conflict on “{view.field}”" if view else "a conflict"
            outcome.problems.append(f"Your resolution of {what} {reason}.")
            log.info("queued conflict resolution dropped (%s)", type(exc).__name__)
        else:
            outcome.resolved += 1
        cache.forget_resolution(queued.conflict_id)
    return outcome


def _final_reason(exc: Forbidden | ServerError) -> str | None:
    """What to tell the user when the answer settles the resolution for good, else None."""
    if isinstance(exc, Forbidden):
        return "was refused by the server (you may no longer review it)"
    if exc.code == "record_deleted":
        return "could not be applied: the record was deleted"
    return _FINAL_ANSWERS.get(exc.status or 0)


def refresh_conflicts(repo: Repository, client: SyncClient) -> int:
    """Replace the cache with the server's open conflicts; answers how many there are."""
    cache = ConflictCache(repo)
    try:
        conflicts = client.open_conflicts()
    except Forbidden:
        cache.clear()  # no longer a reviewer: keep no one else's values here
        return 0
    cache.replace_open(conflicts)
    return len(conflicts)


def _request(queued: QueuedResolution) -> ResolveRequest:
    if queued.keep == "value":
        return ResolveRequest(keep="value", value=queued.value)
    return ResolveRequest(keep=queued.keep)
