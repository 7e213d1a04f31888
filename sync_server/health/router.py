from __future__ import annotations

import hmac
import ipaddress
import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import ORJSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from pace_shared.wire import HealthResponse
from sync_server import __version__, metrics
from sync_server.dependencies import DB, AppSettings
from sync_server.errors import error_responses, forbidden, unauthenticated

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


@router.get(
    "/healthz",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse}, **error_responses()},
)
def healthz(db: DB) -> ORJSONResponse:
    """200 when the server and its database answer; 503 with ``database: "error"`` otherwise."""
    try:
        with db.session() as session:
            session.execute(text("SELECT 1 FROM sync_counter"))
    except SQLAlchemyError as exc:
        log.warning("health check failed", extra={"error_type": type(exc).__name__})
        return ORJSONResponse(
            {"status": "degraded", "database": "error", "version": __version__}, status_code=503
        )
    return ORJSONResponse({"status": "ok", "database": "ok", "version": __version__})


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {}}, "description": "Prometheus text format"},
        **error_responses(401, 403),
    },
    summary="Prometheus metrics",
)
def prometheus_metrics(request: Request, db: DB, settings: AppSettings) -> Response:
    """Counters and timings for Prometheus: requests and latency per route template, pushes,
    pulls, changes applied, conflicts, rejections by reason, sign-in failures, and the
    database pool. No personal data and no ids. With ``PACE_METRICS_TOKEN`` set, a scrape
    sends it as a bearer token; without it, only the host itself (loopback) may scrape."""
    if settings.metrics_token:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {settings.metrics_token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise unauthenticated("Send the metrics token as a bearer token.")
    elif not _is_loopback(request):
        raise forbidden("Metrics are served to this host only (or set PACE_METRICS_TOKEN).")
    metrics.note_pool(db.engine)
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)
