"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from pace_shared.wire import PushRequest
from sync_server import __version__
from sync_server.admin.router import router as admin_router
from sync_server.auth.router import router as auth_router
from sync_server.body_limit import BodyLimitMiddleware
from sync_server.config import Settings, get_settings
from sync_server.conflicts.router import router as conflicts_router
from sync_server.db import Database
from sync_server.errors import install_handlers
from sync_server.governance.router import router as governance_router
from sync_server.health.router import router as health_router
from sync_server.linkage.router import router as linkage_router
from sync_server.logging_setup import configure as configure_logging
from sync_server.merges.router import router as merges_router
from sync_server.request_metrics import RequestMetricsMiddleware
from sync_server.stats.router import router as stats_router
from sync_server.sync.router import router as sync_router
from sync_server.viewed.router import router as viewed_router


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)
    db = database or Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="PACE Casework sync server",
        version=__version__,
        description="Sync contract v1: see docs/sync-protocol.md.",
        # The interactive pages only on request; the OpenAPI document itself always.
        docs_url="/docs" if settings.expose_docs else None,
        redoc_url="/redoc" if settings.expose_docs else None,
    )
    app.state.settings = settings
    app.state.db = db
    install_handlers(app)

    # Push 5 MB, every other body 64 KB, counted on the bytes read (chunked or not).
    app.add_middleware(BodyLimitMiddleware)
    # Outermost: counts every answer, 413s and errors included, by route template.
    app.add_middleware(RequestMetricsMiddleware)

    for router in (
        health_router,
        auth_router,
        sync_router,
        conflicts_router,
        viewed_router,
        admin_router,
        governance_router,
        stats_router,
        linkage_router,
        merges_router,
    ):
        app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            # The push body is parsed change by change, so FastAPI cannot see its model.
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            push_schema = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(push_schema.pop("$defs", {}))
            components["PushRequest"] = push_schema
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    return app
