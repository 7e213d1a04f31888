"""HTTP client for sync contract v1 (``shared/sync-contract.md``), with timeouts on every call.

It neither logs nor keeps request or response bodies: they carry personal data.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeVar

import orjson
import requests
from pydantic import BaseModel, ValidationError

from desktop_app.security.transport import check_server_url
from desktop_app.sync.errors import (
    DeviceRevoked,
    Forbidden,
    Offline,
    PayloadTooLarge,
    RateLimited,
    ResyncRequired,
    ServerError,
    Unauthenticated,
)
from pace_shared.messages import user_message
from pace_shared.version import APP_VERSION_HEADER, app_version
from pace_shared.wire import (
    API_PREFIX,
    MAX_PULL_LIMIT,
    LoginRequest,
    LoginResponse,
    PullResponse,
    PushResponse,
)

log = logging.getLogger(__name__)

_Answer = TypeVar("_Answer", bound=BaseModel)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0


class SyncClient:
    def __init__(
        self,
        server_url: str,
        access_token: str | None = None,
        *,
        timeout: tuple[float, float] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        check_server_url(server_url)  # before anything, a password included, is sent
        self.server_url = server_url.rstrip("/")
        self.access_token = access_token
        self.timeout = timeout or (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)
        self._http = session or requests.Session()
        # Every request says which app version sent it: the server records it per device, so an
        # admin can see who still runs an old release.
        self._http.headers["User-Agent"] = f"pace-casework-desktop/{app_version()}"
        self._http.headers[APP_VERSION_HEADER] = app_version()

    def close(self) -> None:
        self._http.close()

    # --- endpoints ----------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        answer = self._request("GET", "/healthz", auth=False)
        if not isinstance(answer, dict):
            raise ServerError(
                user_message(
                    "errors", "The server's health answer did not follow the sync contract."
                )
            )
        return answer

    def login(
        self,
        username: str,
        password: str,
        device_id: str,
        device_name: str,
        device_secret: str | None = None,
    ) -> LoginResponse:
        """Sign in; ``device_secret`` (issued at this device's first sign-in) proves the
        device is the user's own (decisions.md #8)."""
        body = LoginRequest(
            username=username,
            password=password,
            device_id=device_id,
            device_name=device_name,
            device_secret=device_secret,
        ).model_dump(exclude_none=True)
        answer = self._parse(
            LoginResponse, self._request("POST", f"{API_PREFIX}/auth/login", json=body, auth=False)
        )
        self.access_token = answer.access_token
        return answer

    def push(self, changes: Sequence[dict[str, Any]]) -> PushResponse:
        body = orjson.dumps({"changes": list(changes)})
        return self._request_model(
            PushResponse,
            "POST",
            f"{API_PREFIX}/sync/push",
            data=body,
            extra_headers={"Content-Type": "application/json"},
        )

    def pull(self, cursor: str | None, limit: int = MAX_PULL_LIMIT) -> PullResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._request_model(PullResponse, "GET", f"{API_PREFIX}/sync/pull", params=params)

    # --- plumbing -----------------------------------------------------------------------

    @staticmethod
    def _parse(model: type[_Answer], data: Any) -> _Answer:
        try:
            return model.model_validate(data)
        except ValidationError:
            raise ServerError(
                user_message("errors", "The server's answer did not follow the sync contract.")
            ) from None

    def _request_model(
        self,
        model: type[_Answer],
        method: str,
        path: str,
        *,
        extra_headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> _Answer:
        """The hot sync calls: pydantic parses and checks the raw bytes in one pass (much
        faster than json.loads followed by validation on 1,000-record pages)."""
        response = self._send(method, path, auth=True, extra_headers=extra_headers, **kwargs)
        try:
            return model.model_validate_json(response.content)
        except ValidationError:
            raise ServerError(
                user_message("errors", "The server's answer did not follow the sync contract.")
            ) from None

    def _request(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> Any:
        response = self._send(method, path, auth=auth, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise ServerError(
                user_message("errors", "The server sent an answer that is not JSON.")
            ) from None

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool,
        extra_headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        headers = {"Accept": "application/json", **(extra_headers or {})}
        if auth:
            if not self.access_token:
                raise Unauthenticated(user_message("errors", "Please sign in again."))
            headers["Authorization"] = f"Bearer {self.access_token}"
        try:
            response = self._http.request(
                method, self.server_url + path, headers=headers, timeout=self.timeout, **kwargs
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            log.info("sync server unreachable (%s)", type(exc).__name__)
            raise Offline(
                user_message("errors", "The sync server cannot be reached; working offline.")
            ) from None
        except requests.RequestException as exc:
            raise ServerError(
                user_message("errors", "Request failed: {problem}").format(
                    problem=type(exc).__name__
                )
            ) from None
        if 200 <= response.status_code < 300:
            return response
        raise _error_for(response)


def _error_for(response: requests.Response) -> Exception:
    try:
        body = response.json()
    except ValueError:
        body = {}
    code = body.get("error") if isinstance(body, dict) else None
    detail = body.get("detail") if isinstance(body, dict) else None
    status = response.status_code
    log.info("sync server answered %d %s", status, code or "")
    if status == 401:
        return Unauthenticated(
            user_message("errors", "Your sign-in has expired or was refused. Please sign in again.")
        )
    if status == 403 and code == "device_revoked":
        return DeviceRevoked(
            user_message(
                "errors",
                "An administrator revoked this device, so its local data has been wiped. "
                "Ask your team lead to enrol it again if it was revoked by mistake.",
            )
        )
    if status == 403:
        return Forbidden(detail or "The server refused this request.")
    if status == 409 and code == "resync_required":
        return ResyncRequired(detail or "The server needs a full re-synchronisation.")
    if status == 413:
        return PayloadTooLarge(detail or "Too much data in one request.", status, code)
    if status == 429:
        return RateLimited(detail or "Too many attempts; try again shortly.", status, code)
    return ServerError(
        f"The sync server answered {status}" + (f" ({code})" if code else ""), status, code
    )
