"""Statistics dashboards (team leads, admins, analysts): charts and tables from the server's
statistics API, and the quarterly report export."""

from __future__ import annotations

from .workspace import DashboardsWorkspace

__all__ = ["DashboardsWorkspace"]
