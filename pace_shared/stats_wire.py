"""The wire shape of ``GET /api/v1/stats`` (statistics with disclosure control applied).

Both sides use it: the server to answer, the desktop dashboards to check what they got.
Suppressed cells arrive already replaced by the strings :data:`SUPPRESSED` (``[c]``) and
:data:`NOT_AVAILABLE` (``[x]``), decisions.md #11: a client never sees the small number.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

#: A count of 1-4, or a rate/median on a base under 10, or its secondary suppression.
SUPPRESSED = "[c]"
#: Not available.
NOT_AVAILABLE = "[x]"
#: The markers that stand for a value that must never be shown or plotted as a number.
MARKERS = (SUPPRESSED, NOT_AVAILABLE)

Cell = int | float | str | None


class StatsTable(BaseModel):
    #: Stable identifier the dashboards key on (``events_by_month``, ...).
    id: str
    title: str
    #: What the numbers count ("events", "people", "days", "%", ...).
    unit: str = ""
    columns: list[str]
    rows: list[list[Cell]] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class StatsResponse(BaseModel):
    period_from: date
    period_to: date
    #: The filters the server applied (council_area, sector, partner), absent ones omitted.
    filters: dict[str, str | None] = Field(default_factory=dict)
    tables: list[StatsTable] = Field(default_factory=list)

    def table(self, table_id: str) -> StatsTable | None:
        return next((t for t in self.tables if t.id == table_id), None)
