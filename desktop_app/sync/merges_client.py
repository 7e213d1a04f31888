"""``/api/v1/merges``: merge two records of one person (one survives; the other's engagements,
referrals and outcomes move to it, and its id redirects to it), list recent merges, undo one.

Rides on :class:`~desktop_app.sync.client.SyncClient` (same transport, token and error mapping).
A refusal on its merits is a :class:`~desktop_app.errors.ServerError` whose ``code`` says which
(``not_found``, ``invalid_request``, ``already_merged``, ``consent_wider``, ``already_undone``)
and whose ``detail`` is the server's sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

from desktop_app.sync.client import SyncClient
from pace_shared.wire import API_PREFIX

MERGES = f"{API_PREFIX}/merges"


class _MergeOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None = None
    moved: dict[str, int] = {}


class _MergeList(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[_MergeOut]


@dataclass(frozen=True, slots=True)
class MergeRecord:
    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None
    #: How many child records of each type moved to the survivor.
    moved: dict[str, int] = field(default_factory=dict)


def _record(answer: _MergeOut) -> MergeRecord:
    return MergeRecord(
        answer.merge_id,
        answer.survivor_id,
        answer.merged_id,
        answer.merged_at,
        answer.merged_by,
        answer.undone_at,
        dict(answer.moved),
    )


class MergesClient(SyncClient):
    def list_merges(self) -> list[MergeRecord]:
        """Recent merges, newest first."""
        return [_record(m) for m in self._request_model(_MergeList, "GET", MERGES).items]

    def merge_people(self, survivor_id: str, merged_id: str) -> MergeRecord:
        body = {"survivor_id": survivor_id, "merged_id": merged_id}
        return _record(self._request_model(_MergeOut, "POST", MERGES, json=body))

    def undo_merge(self, merge_id: str) -> MergeRecord:
        path = f"{MERGES}/{quote(merge_id, safe='')}/undo"
        return _record(self._request_model(_MergeOut, "POST", path))
