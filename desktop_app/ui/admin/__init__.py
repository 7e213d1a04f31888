"""The admin workspace (issue 10): users, devices, partners, audit log, server health."""

from .workspace import AdminWorkspace

__all__ = ["AdminWorkspace"]
