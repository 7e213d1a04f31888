"""Small helpers: UUIDv7 ids, JSON for the fields/versions columns, UTC timestamps."""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from typing import Any

import orjson


def uuid7() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so ids cluster in indexes. (3.11 has no uuid7.)"""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b, 62 bits
    return str(uuid.UUID(int=value))


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def loads(text: str | bytes | None) -> Any:
    return orjson.loads(text) if text else {}


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def server_time_as_hlc(server_time: str) -> str | None:
    """Turn the server's ISO ``server_time`` into an HLC so the receive rule can use it."""
    try:
        parsed = dt.datetime.fromisoformat(server_time.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return f"{int(parsed.timestamp() * 1000):013d}-0000-server"
