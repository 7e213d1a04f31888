"""Wire schemas of the statistics API (``GET /api/v1/stats``), shared by server and app.

Suppressed cells arrive already replaced by the strings ``"[c]"`` (confidential: a small count
or what would reveal one) and ``"[x]"`` (not available); see :mod:`pace_shared.disclosure`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pace_shared.disclosure import NOT_AVAILABLE, SUPPRESSED

__all__ = ["NOT_AVAILABLE", "SUPPRESSED", "StatsFilters", "StatsResponse", "StatsTable"]

Cell = str | int | float | None

#: The table ids the dashboards read (contracts.md); the response holds more.
DASHBOARD_TABLES = (
    "events_by_month",
    "people_affected_by_month",
    "events_by_sector",
    "events_by_council_area",
    "registrations_by_month",
    "engagements_by_kind_and_partner",
    "outcomes_at_3_6_12_months",
    "days_out_of_work",
    "days_out_of_work_distribution",
)
REPORT_FORMATS = ("xlsx", "csv")


class StatsFilters(BaseModel):
    council_area: str | None = None
    sector: str | None = None
    partner: str | None = None


class StatsTable(BaseModel):
    id: str = Field(examples=["events_by_month"])
    title: str
    #: What the counts count, e.g. "people" or "redundancy events".
    unit: str
    columns: list[str]
    #: The first cell of a row is its label; a "Total" row comes last where the table adds up.
    rows: list[list[Cell]]
    notes: list[str] = Field(default_factory=list)


class StatsResponse(BaseModel):
    period_from: str = Field(examples=["2026-07-01"])
    period_to: str = Field(examples=["2026-09-30"])
    filters: StatsFilters
    tables: list[StatsTable]
