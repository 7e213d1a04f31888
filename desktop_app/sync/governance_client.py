"""Admin calls for data governance: a person's subject access document."""

from __future__ import annotations

from typing import Any

from desktop_app.errors import ServerError
from desktop_app.sync.client import SyncClient
from pace_shared.records import is_valid_uuid
from pace_shared.wire import API_PREFIX


class GovernanceClient(SyncClient):
    def subject_access(self, record_id: str) -> dict[str, Any]:
        """Everything the server holds about one person, and its audit (admins only)."""
        if not is_valid_uuid(record_id):
            raise ValueError("not a record id")
        answer = self._request("GET", f"{API_PREFIX}/admin/people/{record_id}/subject-access")
        if not isinstance(answer, dict) or answer.get("record_id") != record_id:
            raise ServerError("The server's subject access answer was not understood.")
        return answer
