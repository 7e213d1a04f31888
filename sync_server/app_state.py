"""FastAPI dependencies on the application's own state: its settings, its database, and the
caller's address. No domain here, so every router (auth's too) may use them;
:mod:`sync_server.dependencies` adds the calling principal on top."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sync_server.config import Settings
from sync_server.db import Database


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


DB = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
