from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class DuplicatePairOut(BaseModel):
    record_id_1: str
    record_id_2: str
    #: Splink's probability that the two records are one person.
    match_probability: float = Field(ge=0, le=1)
    #: Whether the run put the two in one person (probability at or above the match threshold).
    same_person: bool


class DuplicateList(BaseModel):
    items: list[DuplicatePairOut]
    #: When the last linkage run finished (None: linkage has not run yet).
    linked_at: dt.datetime | None
