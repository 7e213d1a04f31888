from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import ORJSONResponse
from starlette.concurrency import run_in_threadpool

from pace_shared.wire import (
    DEFAULT_PULL_LIMIT,
    MAX_BODY_BYTES,
    MAX_CHANGES_PER_PUSH,
    MAX_PULL_LIMIT,
    PullResponse,
    PushResponse,
)
from sync_server import metrics
from sync_server.dependencies import DB, AppSettings, RecordPrincipal
from sync_server.errors import ApiError, error_responses, invalid
from sync_server.sync import pull as pull_service
from sync_server.sync import push as push_service
from sync_server.timeutil import server_time

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

_PUSH_BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
    }
}


async def _read_push_body(request: Request) -> list[Any]:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(
            413, "payload_too_large", f"A push body may be at most {MAX_BODY_BYTES} bytes."
        )
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise invalid("body: not valid JSON") from None
    if not isinstance(document, dict) or not isinstance(document.get("changes"), list):
        raise invalid('body: expected an object with a "changes" list')
    changes: list[Any] = document["changes"]
    if len(changes) > MAX_CHANGES_PER_PUSH:
        raise ApiError(
            413, "payload_too_large", f"A push may carry at most {MAX_CHANGES_PER_PUSH} changes."
        )
    return changes


@router.post(
    "/push",
    response_model=PushResponse,
    responses=error_responses(401, 403, 413, 422),
    openapi_extra=_PUSH_BODY_SCHEMA,
    summary="Send local changes",
)
async def push(
    request: Request, principal: RecordPrincipal, db: DB, settings: AppSettings
) -> ORJSONResponse:
    """Each change is answered on its own: ``applied``, ``duplicate`` (already applied, not
    applied again), ``conflict`` (applied by the merge rule, both values kept) or ``rejected``
    with a reason. One rejected change never blocks the others."""
    changes = await _read_push_body(request)
    results = await run_in_threadpool(
        push_service.push, db, principal, changes, settings.max_clock_skew_seconds
    )
    metrics.count_push(results)
    return ORJSONResponse({"results": results, "server_time": server_time()})


@router.get(
    "/pull",
    response_model=PullResponse,
    responses=error_responses(401, 403, 409, 422),
    summary="Fetch changes after a cursor",
)
def pull(
    principal: RecordPrincipal,
    db: DB,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
) -> ORJSONResponse:
    """The merged state of each visible record changed after ``cursor``, one item per record,
    and revocations for records no longer visible. Follow ``next_cursor`` until ``has_more`` is
    false. A cursor this database cannot honour answers 409 ``resync_required``."""
    page = pull_service.pull(db, principal, cursor, limit)
    metrics.count_pull(len(page.items))
    body = {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
        "server_time": server_time(),
    }
    if page.withheld_fields:  # optional: older clients ignore it
        body["withheld_fields"] = page.withheld_fields
    return ORJSONResponse(body)
