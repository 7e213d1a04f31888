"""Who is calling: the user, their partner and role, and the device they call from."""

from __future__ import annotations

from dataclasses import dataclass

from pace_shared.wire import ROLES
from sync_server.audit.service import Actor

__all__ = ["ROLES", "Principal"]


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    username: str
    display_name: str
    role: str
    partner: str
    device_id: str
    address: str | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.username, self.partner, self.device_id, self.address)

    @property
    def reviews_conflicts(self) -> bool:
        return self.role in ("team_lead", "admin", "system_admin")
