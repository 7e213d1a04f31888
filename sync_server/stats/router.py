"""``GET /api/v1/stats`` and ``GET /api/v1/stats/report``: aggregates only, for team leads,
administrators, analysts and system administrators (decisions.md #10)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from pace_shared.stats_wire import StatsResponse
from sync_server.auth.principal import Principal
from sync_server.dependencies import DB, CurrentPrincipal
from sync_server.errors import error_responses, forbidden, invalid
from sync_server.stats import export, service
from sync_server.stats.keys import person_keys
from sync_server.stats.schemas import (
    CouncilArea,
    FromDate,
    Partner,
    ReportFormat,
    Sector,
    TableIds,
    ToDate,
)

router = APIRouter(prefix="/api/v1/stats", tags=["stats"])

STATS_ROLES = frozenset({"team_lead", "admin", "analyst", "system_admin"})


def require_stats_reader(principal: CurrentPrincipal) -> Principal:
    if principal.role not in STATS_ROLES:
        raise forbidden("Only team leads, administrators and analysts see statistics.")
    return principal


StatsReader = Annotated[Principal, Depends(require_stats_reader)]


def _query(
    start: str, end: str, council_area: str | None, sector: str | None, partner: str | None
) -> service.Query:
    try:
        period = service.parse_period(start, end)
    except ValueError as exc:
        raise invalid(str(exc)) from None
    return service.Query(period, council_area, sector, partner)


def _table_ids(tables: str | None) -> list[str] | None:
    if tables is None:
        return None
    wanted = [t for t in tables.split(",") if t]
    unknown = sorted(set(wanted) - set(service.table_ids()))
    if unknown:
        raise invalid(f"tables: unknown table id {unknown[0]!r}")
    return wanted


@router.get(
    "",
    response_model=StatsResponse,
    responses=error_responses(401, 403, 422),
    summary="Statistics over every partner's records, disclosure control applied",
)
def stats(
    _principal: StatsReader,
    db: DB,
    start: FromDate,
    to: ToDate,
    council_area: CouncilArea = None,
    sector: Sector = None,
    partner: Partner = None,
    tables: TableIds = None,
) -> StatsResponse:
    """Tables of counts, rates and medians for the period (both dates included). Counts of 1
    to 4, and cells that would reveal them, are ``"[c]"``; ``"[x]"`` is not available."""
    query = _query(start, to, council_area, sector, partner)
    with db.snapshot_session() as session:  # every table from one consistent state
        return service.compute_cached(
            session, query, person_keys=person_keys, table_ids=_table_ids(tables)
        )


_MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@router.get(
    "/report",
    responses={
        200: {"content": {t: {} for t in _MEDIA_TYPES.values()}, "description": "The report"},
        **error_responses(401, 403, 422),
    },
    response_class=Response,
    summary="The statistics as a workbook (GSS spreadsheet guidance) or tidy CSV",
)
def report(
    _principal: StatsReader,
    db: DB,
    start: FromDate,
    to: ToDate,
    report_format: ReportFormat = "xlsx",
    council_area: CouncilArea = None,
    sector: Sector = None,
    partner: Partner = None,
) -> Response:
    query = _query(start, to, council_area, sector, partner)
    with db.snapshot_session() as session:  # every table from one consistent state
        result = service.compute_cached(session, query, person_keys=person_keys)
    body = (export.workbook_bytes if report_format == "xlsx" else export.csv_bytes)(result)
    name = f"pace-statistics-{query.period.first}-to-{query.period.last}.{report_format}"
    return Response(
        body,
        media_type=_MEDIA_TYPES[report_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
