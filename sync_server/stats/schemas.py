"""Query parameters of the statistics endpoints (the answers are in pace_shared.stats_wire)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from pace_shared.records import SIC_SECTIONS

#: First and last day of the period, both included (checked with a clear message).
FromDate = Annotated[str, Query(alias="from", max_length=50, examples=["2026-07-01"])]
ToDate = Annotated[str, Query(max_length=50, examples=["2026-09-30"])]
CouncilArea = Annotated[str | None, Query(min_length=1, max_length=100)]
Sector = Annotated[str | None, Query(pattern=f"^[{''.join(SIC_SECTIONS)}]$")]
Partner = Annotated[str | None, Query(pattern=r"^[A-Z][A-Z0-9_]{1,31}$")]
ReportFormat = Annotated[Literal["xlsx", "csv"], Query(alias="format")]
#: Comma-separated table ids; all tables when absent.
TableIds = Annotated[str | None, Query(max_length=2000)]
