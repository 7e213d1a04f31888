"""HTTP calls for the statistics dashboards: ``GET /api/v1/stats`` and the quarterly report.

The same authenticated transport as sync (:class:`SyncClient`: https-only checks, timeouts,
the version headers, one error mapping), so a 401, a revoked device or an unreachable server
mean exactly what they mean during a sync. Statistics carry no personal data (the server has
applied disclosure control), but the report is still written atomically: a temporary file
beside the destination, renamed into place, and removed whatever goes wrong.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal

import requests

from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import ServerError
from pace_shared.stats_wire import StatsResponse
from pace_shared.wire import API_PREFIX

ReportFormat = Literal["xlsx", "csv"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("xlsx", "csv")
#: A quarterly workbook is tens of kilobytes; anything near this is not a report.
MAX_REPORT_BYTES = 50_000_000
_CHUNK = 64 * 1024
#: Every .xlsx is a zip file.
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class StatsQuery:
    """The dashboards' filters; None means "all"."""

    period_from: date
    period_to: date
    council_area: str | None = None
    sector: str | None = None
    partner: str | None = None

    def params(self) -> dict[str, str]:
        params = {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()}
        for key in ("council_area", "sector", "partner"):
            value = getattr(self, key)
            if value:
                params[key] = value
        return params


class StatsClient(SyncClient):
    """The sync client's transport plus the statistics endpoints."""

    def stats(self, query: StatsQuery) -> StatsResponse:
        return self._request_model(
            StatsResponse, "GET", f"{API_PREFIX}/stats", params=query.params()
        )

    def download_report(
        self, query: StatsQuery, report_format: ReportFormat, destination: Path
    ) -> Path:
        """Download the report into ``destination`` (replaced only once complete)."""
        if report_format not in REPORT_FORMATS:
            raise ValueError(f"unknown report format {report_format!r}")
        params = {**query.params(), "format": report_format}
        response = self._send(
            "GET",
            f"{API_PREFIX}/stats/report",
            auth=True,
            extra_headers={"Accept": "*/*"},
            params=params,
            stream=True,
        )
        with contextlib.closing(response):
            return _write_atomically(response, report_format, destination)


def _write_atomically(
    response: requests.Response, report_format: ReportFormat, destination: Path
) -> Path:
    destination = destination.resolve()
    fd, tmp_name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            size = _copy(response, handle)
            handle.flush()
            os.fsync(handle.fileno())
        _check_content(tmp, report_format, size)
        os.replace(tmp, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return destination


def _copy(response: requests.Response, handle: BinaryIO) -> int:
    size = 0
    try:
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > MAX_REPORT_BYTES:
                raise ServerError("The server sent a report far larger than expected.")
            handle.write(chunk)
    except (requests.ConnectionError, requests.Timeout):
        raise ServerError("The connection broke while the report was downloading.") from None
    return size


def _check_content(path: Path, report_format: ReportFormat, size: int) -> None:
    if size == 0:
        raise ServerError("The server sent an empty report.")
    if report_format == "xlsx":
        with path.open("rb") as handle:
            if handle.read(len(_ZIP_MAGIC)) != _ZIP_MAGIC:
                raise ServerError("The server's answer is not an Excel workbook.")
