from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: The record that stays in use.
    survivor_id: str = Field(pattern=_UUID)
    #: The record merged away: its engagements, referrals and outcomes move to the survivor.
    merged_id: str = Field(pattern=_UUID)


class MergeOut(BaseModel):
    merge_id: str
    survivor_id: str
    merged_id: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None
    #: How many records of each type moved to the survivor.
    moved: dict[str, int]


class MergeList(BaseModel):
    items: list[MergeOut]
