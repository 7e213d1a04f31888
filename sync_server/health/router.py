from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import ORJSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from pace_shared.wire import HealthResponse
from sync_server import __version__
from sync_server.dependencies import DB
from sync_server.errors import error_responses

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
