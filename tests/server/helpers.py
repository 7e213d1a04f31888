"""Helpers for driving a live server like a desktop device: its own HLC clock, changes in the
contract's shape, pulls that follow the cursor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from pace_shared.hlc import HybridClock
from tests.support.live_server import ApiClient

ERROR_KEYS = {"error", "detail"}


def new_id() -> str:
    return str(uuid.uuid4())


def change(
    record_type: str,
    record_id: str,
    fields: dict[str, Any] | None = None,
    *,
    hlc: str,
    base: dict[str, str | None] | None = None,
    op: str = "upsert",
    change_id: str | None = None,
) -> dict[str, Any]:
    return {
        "change_id": change_id or new_id(),
        "record_id": record_id,
        "record_type": record_type,
        "op": op,
        "hlc": hlc,
        "fields": fields or {},
        "base": base if base is not None else dict.fromkeys(fields or {}),
    }


def assert_error(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    """The contract's error shape: ``{"error": code, "detail": "<sentence>"}``."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert body["error"] == code, body
    assert isinstance(body["detail"], str), body
    assert body["detail"], body
    return body


@dataclass
class Device:
    """A logged-in device: an ApiClient and the device's own hybrid logical clock."""

    api: ApiClient
    clock: HybridClock = field(init=False)

    def __post_init__(self) -> None:
        self.clock = HybridClock(self.api.device_id)

    @property
    def device_id(self) -> str:
        return self.api.device_id

    @property
    def username(self) -> str:
        return self.api.username

    def tick(self) -> str:
        return self.clock.tick()

    def upsert(
        self,
        record_type: str,
        record_id: str,
        fields: dict[str, Any],
        base: dict[str, str | None] | None = None,
        **kw: Any,
    ) -> dict[str, Any]:
        kw.setdefault("hlc", self.tick())
        return change(record_type, record_id, fields, base=base, **kw)

    def delete(self, record_type: str, record_id: str, **kw: Any) -> dict[str, Any]:
        kw.setdefault("hlc", self.tick())
        return change(record_type, record_id, {}, base={}, op="delete", **kw)

    def post_raw(self, path: str, data: Any) -> requests.Response:
        """POST a body exactly as given (bytes or an iterator of chunks), as JSON."""
        return self.api.http.post(
            f"{self.api.base_url}{path}",
            data=data,
            headers={**self.api.headers, "Content-Type": "application/json"},
            timeout=60,
        )

    def push(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        body = self.api.push(list(changes))
        assert set(body) >= {"results", "server_time"}, body
        results = body["results"]
        assert [r["change_id"] for r in results] == [c["change_id"] for c in changes], results
        return results

    def push_one(self, one: dict[str, Any]) -> dict[str, Any]:
        (result,) = self.push(one)
        return result

    def pull(self, cursor: str | None = None) -> tuple[dict[str, dict[str, Any]], str]:
        """Follow the cursor to the end; the latest item per record id, and the new cursor.

        Like a client, the device's clock receives every HLC it pulls."""
        items, cursor = self.api.pull_all(cursor)
        latest: dict[str, dict[str, Any]] = {}
        for item in items:
            latest[item["record_id"]] = item
            for stamp in (item.get("versions") or {}).values():
                self.clock.receive(stamp)
        return latest, cursor

    def record(self, record_id: str) -> dict[str, Any] | None:
        return self.pull()[0].get(record_id)

    def create_client(self, **fields: Any) -> tuple[str, str]:
        """A new person owned by this device's partner; returns (id, hlc of the create)."""
        record_id = new_id()
        values = {"first_name": "Test", "last_name": "Person", **fields}
        created = self.upsert("client", record_id, values)
        result = self.push_one(created)
        assert result["status"] == "applied", result
        return record_id, created["hlc"]
