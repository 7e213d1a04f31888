"""Body size limits hold on the bytes actually read, chunked or not (decisions.md #8): push 5 MB,
every other body 64 KB, answered 413 ``payload_too_large`` without reading the rest. Real
server, real chunked uploads (httpx sends a generator with ``Transfer-Encoding: chunked`` and
no ``Content-Length``)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.server.conftest import Devices
from tests.support.live_server import LiveServer

CHUNK = 16 * 1024
PUSH_LIMIT = 5_000_000
OTHER_LIMIT = 64 * 1024


class Chunks:
    """A chunked body of ``total`` bytes that counts how much the client got to send."""

    def __init__(self, prefix: bytes, total: int) -> None:
        self.prefix, self.total, self.sent = prefix, total, 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.prefix
        self.sent = len(self.prefix)
        while self.sent < self.total:
            size = min(CHUNK, self.total - self.sent)
            yield b" " * size  # JSON whitespace: a valid body if it were ever allowed through
            self.sent += size


def post_chunked(url: str, token: str | None, body: Chunks) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with httpx.Client(timeout=120) as client:
        # httpcore reads the answer when the server stops reading mid-upload.
        return client.post(url, content=iter(body), headers=headers)


def assert_413(response: httpx.Response) -> None:
    assert response.status_code == 413, (response.status_code, response.text[:300])
    body = response.json()
    assert body["error"] == "payload_too_large", body
    assert body["detail"]


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        ("/api/v1/auth/login", b'{"username": "demo.adviser", "password": "x",'),
        ("/api/v1/admin/users", b'{"username": "big", "role": "adviser",'),
        ("/api/v1/conflicts/00000000-0000-4000-8000-000000000000/resolve", b'{"keep": "winner",'),
    ],
    ids=["login", "admin", "resolve"],
)
def test_chunked_bodies_over_64_kb_are_refused_early(
    server: LiveServer, devices: Devices, path: str, prefix: bytes
) -> None:
    token = devices["demo.admin"].api.token
    body = Chunks(prefix, 64 * 1024 * 1024)
    assert_413(post_chunked(server.url + path, token, body))
    # The server stopped reading near the limit: the client never got to send it all.
    assert body.sent < body.total // 2, body.sent


def test_a_chunked_body_under_64_kb_is_read(server: LiveServer) -> None:
    body = Chunks(b'{"username": "demo.adviser"', 60 * 1024)
    response = post_chunked(server.url + "/api/v1/auth/login", None, body)
    assert response.status_code == 422  # read in full, then found incomplete: not a 413


def test_chunked_push_over_5_mb_is_refused_early(server: LiveServer, devices: Devices) -> None:
    token = devices["demo.adviser"].api.token
    body = Chunks(b'{"changes": [],', 256 * 1024 * 1024)
    assert_413(post_chunked(server.url + "/api/v1/sync/push", token, body))
    assert body.sent < body.total // 4, body.sent


def test_chunked_push_under_5_mb_is_accepted(server: LiveServer, devices: Devices) -> None:
    token = devices["demo.adviser"].api.token
    body = Chunks(b'{"changes": []', 4 * 1024 * 1024)
    pieces = [*body, b"}"]
    with httpx.Client(timeout=120) as client:
        response = client.post(
            server.url + "/api/v1/sync/push",
            content=iter(pieces),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["results"] == []


def test_declared_length_over_the_limit_is_refused_unread(
    server: LiveServer, devices: Devices
) -> None:
    token = devices["demo.adviser"].api.token
    with httpx.Client(timeout=60) as client:
        login = client.post(
            server.url + "/api/v1/auth/login",
            content=b" " * (OTHER_LIMIT + 1),
            headers={"Content-Type": "application/json"},
        )
        assert_413(login)
        push = client.post(
            server.url + "/api/v1/sync/push",
            content=b" " * (PUSH_LIMIT + 1),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert_413(push)
