"""Admin calls for data governance: a person's subject access document and erasing a person."""

from __future__ import annotations

from typing import Any

from desktop_app.errors import ServerError
from desktop_app.sync.client import SyncClient
from pace_shared.messages import user_message
from pace_shared.records import is_valid_uuid
from pace_shared.wire import API_PREFIX


def _person_path(record_id: str, action: str) -> str:
    if not is_valid_uuid(record_id):
        raise ValueError("not a record id")
    return f"{API_PREFIX}/admin/people/{record_id}/{action}"


class GovernanceClient(SyncClient):
    def subject_access(self, record_id: str) -> dict[str, Any]:
        """Everything the server holds about one person, and its audit (admins only)."""
        answer = self._request("GET", _person_path(record_id, "subject-access"))
        if not isinstance(answer, dict) or answer.get("record_id") != record_id:
            raise ServerError(
                user_message("errors", "The server's subject access answer was not understood.")
            )
        return answer

    def erase_person(self, record_id: str) -> dict[str, int]:
        """Erase a person and everything recorded about them (admins of the owner partner and
        system admins); the answer counts what was removed, per record type."""
        answer = self._request("POST", _person_path(record_id, "erase"))
        removed = answer.get("removed") if isinstance(answer, dict) else None
        if not isinstance(removed, dict) or not all(isinstance(n, int) for n in removed.values()):
            raise ServerError(
                user_message("errors", "The server's answer to the erasure was not understood.")
            )
        return {str(kind): int(n) for kind, n in removed.items()}
