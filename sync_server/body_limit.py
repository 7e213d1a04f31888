"""Request body limits counted on the bytes actually read, chunked or not (decisions.md #8).

A pure ASGI middleware wraps ``receive``: the moment the bytes read pass the limit it stops
reading, drops whatever answer the app was about to give, and answers 413
``payload_too_large``. A ``Content-Length`` over the limit is refused before reading anything;
a smaller (or missing) one is not trusted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

from pace_shared.wire import API_PREFIX, MAX_BODY_BYTES

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]

PUSH_PATH = f"{API_PREFIX}/sync/push"
PUSH_LIMIT = MAX_BODY_BYTES  # 5 MB
OTHER_LIMIT = 64 * 1024


def limit_for(path: str) -> int:
    return PUSH_LIMIT if path.rstrip("/") == PUSH_PATH else OTHER_LIMIT


class BodyTooLargeError(Exception):
    """Raised inside the app's ``receive`` once the body passes its limit."""


def _declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            return int(value) if value.isdigit() else -1
    return None


async def _answer_413(send: Send, limit: int) -> None:
    body = orjson.dumps(
        {
            "error": "payload_too_large",
            "detail": f"This request body may be at most {limit} bytes.",
            "limit": limit,
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _CountedBody:
    """One request's ``receive`` and ``send``, counting the body bytes read against ``limit``."""

    def __init__(self, receive: Receive, send: Send, limit: int) -> None:
        self._receive, self._send, self._limit = receive, send, limit
        self.read = 0
        self.over = False
        self.started = False

    async def receive(self) -> Message:
        if self.over:
            raise BodyTooLargeError
        message = await self._receive()
        if message["type"] == "http.request":
            self.read += len(message.get("body", b""))
            if self.read > self._limit:
                self.over = True
                raise BodyTooLargeError
        return message

    async def send(self, message: Message) -> None:
        if self.over and not self.started:
            return  # the app's own answer to a cut-off body (e.g. "cannot parse") is dropped
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = _declared_length(scope.get("headers", []))
        if declared is not None and (declared < 0 or declared > limit):
            await _answer_413(send, limit)
            return
        body = _CountedBody(receive, send, limit)
        with contextlib.suppress(BodyTooLargeError):
            await self.app(scope, body.receive, body.send)
        if body.over and not body.started:
            await _answer_413(send, limit)
