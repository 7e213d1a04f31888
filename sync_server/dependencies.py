"""FastAPI dependencies shared by the routers: settings, database, the calling principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from pace_shared.version import APP_VERSION_HEADER
from sync_server.app_state import AppSettings, client_address, get_db, get_settings
from sync_server.auth import service as auth_service
from sync_server.auth.principal import Principal
from sync_server.db import Database
from sync_server.errors import forbidden, unauthenticated

__all__ = [
    "DB",
    "AdminPrincipal",
    "AppSettings",
    "CurrentPrincipal",
    "RecordPrincipal",
    "ReviewerPrincipal",
    "client_address",
    "get_db",
    "get_principal",
    "get_settings",
]

_bearer = HTTPBearer(auto_error=False, description="The access token from /api/v1/auth/login")


def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    db: Annotated[Database, Depends(get_db)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthenticated("Sign in first: this request has no bearer token.")
    with db.session() as session:
        return auth_service.resolve_token(
            session,
            credentials.credentials,
            client_address(request),
            request.headers.get(APP_VERSION_HEADER),
        )


def require_admin(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if principal.role != "admin":
        raise forbidden("Only an administrator can do this.")
    return principal


def require_record_reader(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """Everyone but analysts, who see statistics only, never a person's record (#10)."""
    if principal.role == "analyst":
        raise forbidden("Analysts see statistics only, never a person's record.")
    return principal


def require_reviewer(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.reviews_conflicts:
        raise forbidden("Only team leads and administrators review conflicts.")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
AdminPrincipal = Annotated[Principal, Depends(require_admin)]
ReviewerPrincipal = Annotated[Principal, Depends(require_reviewer)]
RecordPrincipal = Annotated[Principal, Depends(require_record_reader)]
DB = Annotated[Database, Depends(get_db)]
