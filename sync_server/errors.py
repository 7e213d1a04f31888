"""Errors as the contract shapes them: ``{"error": "<stable_code>", "detail": "<sentence>"}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import ORJSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pace_shared.wire import ErrorBody

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


def unauthenticated(
    detail: str = "Sign in again: the access token is missing, unknown or expired.",
) -> ApiError:
    return ApiError(401, "unauthenticated", detail)


def forbidden(detail: str) -> ApiError:
    return ApiError(403, "forbidden", detail)


def not_found(detail: str) -> ApiError:
    return ApiError(404, "not_found", detail)


def invalid(detail: str) -> ApiError:
    return ApiError(422, "invalid_request", detail)


_STATUS_CODES = {
    400: "invalid_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
}


#: For the OpenAPI document: every route lists the error answers it can give.
def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": ErrorBody, "description": _STATUS_CODES.get(status, "error")}
        for status in statuses
    }


def error_response(status: int, code: str, detail: str, **extra: Any) -> ORJSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return ORJSONResponse(
        {"error": code, "detail": detail, **extra}, status_code=status, headers=headers
    )


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        location = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(f"{location or 'body'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def on_api_error(_request: Request, exc: ApiError) -> ORJSONResponse:
        return error_response(exc.status, exc.code, exc.detail, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_request: Request, exc: RequestValidationError) -> ORJSONResponse:
        return error_response(422, "invalid_request", _describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_request: Request, exc: StarletteHTTPException) -> ORJSONResponse:
        # A body FastAPI cannot parse is a 400 there; the contract makes every malformed body 422.
        status = 422 if exc.status_code == 400 else exc.status_code
        code = _STATUS_CODES.get(status, "error")
        detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        response = error_response(status, code, detail)
        for name, value in (exc.headers or {}).items():  # e.g. Allow on a 405
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def on_unexpected(_request: Request, exc: Exception) -> ORJSONResponse:
        # Log the type only: exception messages can quote field values.
        log.error("unhandled error", extra={"error_type": type(exc).__name__})
        return error_response(
            500, "internal_error", "The server failed; the change was not applied."
        )
