from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from pace_shared.wire import LoginRequest, LoginResponse, UserInfo
from sync_server import metrics
from sync_server.app_state import DB, AppSettings, client_address
from sync_server.auth import service
from sync_server.errors import ApiError, error_responses, unauthenticated
from sync_server.timeutil import server_time

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post(
    "/login",
    response_model=LoginResponse,
    responses=error_responses(401, 403, 413, 422, 429),
    summary="Sign in and register this device",
)
def login(body: LoginRequest, request: Request, db: DB, settings: AppSettings) -> LoginResponse:
    """Wrong credentials answer 401 (the same for an unknown user); repeated failures 429 with
    ``Retry-After``; a revoked device 403 ``device_revoked`` (whatever the password); the right
    password of a disabled account 403 ``account_disabled``; a device enrolled by another user
    403 ``forbidden``. A device's first successful sign-in returns its ``device_secret``."""
    # The service runs its own short transactions around the slow password check.
    try:
        result = service.login(
            db,
            settings,
            username=body.username,
            password=body.password,
            device_id=body.device_id,
            device_name=body.device_name,
            address=client_address(request),
            device_secret=body.device_secret,
        )
    except ApiError as exc:
        metrics.SIGN_IN_FAILURES.labels(reason=exc.code).inc()
        raise
    except HTTPException as exc:
        metrics.SIGN_IN_FAILURES.labels(
            reason="rate_limited" if exc.status_code == 429 else "other"
        ).inc()
        raise
    if result is None:
        metrics.SIGN_IN_FAILURES.labels(reason="unauthenticated").inc()
        raise unauthenticated("The username or password is wrong.")
    user = result.user
    return LoginResponse(
        access_token=result.token,
        expires_in=settings.token_ttl_seconds,
        user=UserInfo(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            partner=user.partner_code,
        ),
        device_id=result.device_id,
        server_time=server_time(),
        device_secret=result.device_secret,
    )
