"""Merging duplicate people (issue 11): ``/api/v1/merges`` for team leads and admins.

The same transport as sync (:class:`SyncClient`: https-only checks, timeouts, the version
headers, one error mapping). A refusal on the merits (400 same record twice or not a person,
404 not visible, 409 already merged, consent wider, already undone) becomes
:class:`~desktop_app.sync.admin_client.AdminRefused` carrying the server's own sentence, fit to
show, as the admin workspace's refusals do; 403 is :class:`Forbidden`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, ValidationError

from desktop_app.sync.admin_client import AdminRefused
from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import ServerError
from pace_shared.wire import API_PREFIX

MERGES = f"{API_PREFIX}/merges"
#: Statuses whose ``detail`` says what to do instead: shown as the server wrote it.
_REFUSALS = (400, 404, 409, 422)

_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """One merge as the server reports it; ``moved`` counts the records per type."""

    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None
    moved: dict[str, int]


class _MergeAnswer(BaseModel):
    # Newer servers may add fields: an older app ignores them.
    model_config = ConfigDict(extra="ignore")

    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None = None
    moved: dict[str, int] = {}

    def record(self) -> MergeRecord:
        return MergeRecord(
            self.merge_id,
            self.survivor_id,
            self.merged_id,
            self.merged_at,
            self.merged_by,
            self.undone_at,
            dict(self.moved),
        )


class _MergeList(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[_MergeAnswer]


class MergesClient(SyncClient):
    def list_merges(self) -> list[MergeRecord]:
        """Merges whose surviving record the caller's partner can see, newest first."""
        answer = self._refusable("GET", MERGES)
        return [item.record() for item in _parse(_MergeList, answer).items]

    def merge_people(self, survivor_id: str, merged_id: str) -> MergeRecord:
        body = {"survivor_id": survivor_id, "merged_id": merged_id}
        return _parse(_MergeAnswer, self._refusable("POST", MERGES, json=body)).record()

    def undo_merge(self, merge_id: str) -> MergeRecord:
        path = f"{MERGES}/{quote(merge_id, safe='')}/undo"
        return _parse(_MergeAnswer, self._refusable("POST", path)).record()

    def _refusable(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            return self._request(method, path, **kwargs)
        except ServerError as exc:
            if exc.status in _REFUSALS and exc.detail:
                raise AdminRefused(exc.detail, exc.status, exc.code, exc.detail) from None
            raise


def _parse(model: type[_Model], data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError:
        raise ServerError("The server's answer about merges was not understood.") from None
