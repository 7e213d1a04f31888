"""Typed sync failures; they live in the core's one hierarchy (``desktop_app.errors``)."""

from __future__ import annotations

from desktop_app.errors import (
    DeviceRevoked,
    Forbidden,
    Offline,
    PayloadTooLarge,
    RateLimited,
    ResyncRequired,
    ServerError,
    SyncError,
    Unauthenticated,
)

__all__ = [
    "DeviceRevoked",
    "Forbidden",
    "Offline",
    "PayloadTooLarge",
    "RateLimited",
    "ResyncRequired",
    "ServerError",
    "SyncError",
    "Unauthenticated",
]
