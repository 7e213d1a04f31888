"""``GET /api/v1/duplicates``: the probable duplicate people the server's last linkage run found
among the records this partner can see (team leads and administrators).

Rides on :class:`~desktop_app.sync.client.SyncClient`: the same transport checks, timeouts,
bearer token and error mapping as a sync. The answer holds record ids and scores only; the
people themselves are read from the local store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from desktop_app.sync.client import SyncClient
from pace_shared.wire import API_PREFIX

DUPLICATES = f"{API_PREFIX}/duplicates"


class _PairOut(BaseModel):
    # Newer servers may add fields: an older app ignores them.
    model_config = ConfigDict(extra="ignore")

    record_id_1: str
    record_id_2: str
    match_probability: float = Field(ge=0, le=1)
    same_person: bool


class _ListOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[_PairOut]
    linked_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records the linkage scored as probably one person."""

    record_id_1: str
    record_id_2: str
    match_probability: float
    #: Whether the run put the two in one person (at or above the server's match threshold).
    same_person: bool


@dataclass(frozen=True, slots=True)
class Duplicates:
    pairs: tuple[DuplicatePair, ...]
    #: When the server's last linkage run finished; None when linkage has never run.
    linked_at: dt.datetime | None


class DuplicatesClient(SyncClient):
    def duplicates(
        self, min_probability: float | None = None, limit: int | None = None
    ) -> Duplicates:
        params: dict[str, str] = {}
        if min_probability is not None:
            params["min_probability"] = repr(float(min_probability))
        if limit is not None:
            params["limit"] = str(int(limit))
        answer = self._request_model(_ListOut, "GET", DUPLICATES, params=params)
        return Duplicates(
            tuple(
                DuplicatePair(p.record_id_1, p.record_id_2, p.match_probability, p.same_person)
                for p in answer.items
            ),
            answer.linked_at,
        )
