"""Prometheus metrics: what ``GET /metrics`` exposes, in the Prometheus text format.

Requests are labelled by route *template* (``/api/v1/conflicts/{conflict_id}/resolve``), never
by raw path, so ids never become label values (and the series count stays bounded). Nothing
personal is ever a label: reasons and statuses are fixed codes.

Several server processes (``serve --workers N``): each process counts its own requests. With
``PROMETHEUS_MULTIPROC_DIR`` set (``serve`` sets it to a private temporary folder when N > 1)
every process writes its counters there and ``/metrics``, whichever process answers, sums
them all; the pool gauges are summed over live processes. Without it, a scrape sees one
process's numbers only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess
from sqlalchemy import Engine

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST

#: A route label for requests no route matched (404s of unknown paths): one series, not one
#: per path a scanner tries.
UNMATCHED = "unmatched"

REQUESTS = Counter(
    "pace_http_requests_total",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "pace_http_request_duration_seconds",
    "Time to answer a request, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
PUSHES = Counter("pace_sync_pushes_total", "Push requests processed.")
PULLS = Counter("pace_sync_pulls_total", "Pull pages served.")
PULLED_ITEMS = Counter("pace_sync_pulled_items_total", "Records and revocations sent on pull.")
CHANGES_APPLIED = Counter(
    "pace_sync_changes_applied_total", "Pushed changes applied (conflicts included)."
)
DUPLICATES = Counter("pace_sync_duplicates_total", "Pushed changes already applied before.")
CONFLICTS = Counter("pace_sync_conflicts_total", "Pushed changes that made a same-field conflict.")
REJECTIONS = Counter(
    "pace_sync_rejections_total", "Pushed changes rejected, by reason.", ["reason"]
)
SIGN_IN_FAILURES = Counter(
    "pace_sign_in_failures_total",
    "Failed sign-ins, by reason (the error code answered).",
    ["reason"],
)
POOL_CHECKED_OUT = Gauge(
    "pace_db_pool_checked_out",
    "Database connections in use (summed over server processes).",
    multiprocess_mode="livesum",
)
POOL_SIZE = Gauge(
    "pace_db_pool_size",
    "Database connection pool size (summed over server processes).",
    multiprocess_mode="livesum",
)


def count_push(results: Iterable[Mapping[str, Any]]) -> None:
    """One push and what became of each of its changes."""
    PUSHES.inc()
    for result in results:
        status = result.get("status")
        if status in ("applied", "conflict"):
            CHANGES_APPLIED.inc()
            if status == "conflict":
                CONFLICTS.inc()
        elif status == "duplicate":
            DUPLICATES.inc()
        elif status == "rejected":
            REJECTIONS.labels(reason=str(result.get("reason") or "rejected")).inc()


def count_pull(items: int) -> None:
    PULLS.inc()
    PULLED_ITEMS.inc(items)


def note_pool(engine: Engine) -> None:
    """Record this process's pool use (QueuePool: PostgreSQL and file SQLite)."""
    pool: Any = engine.pool
    checked_out = getattr(pool, "checkedout", None)
    size = getattr(pool, "size", None)
    if callable(checked_out):
        POOL_CHECKED_OUT.set(checked_out())
    if callable(size):
        POOL_SIZE.set(size())


def exposition() -> bytes:
    """The text every ``/metrics`` scrape answers: all processes' when multiprocess is on."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()


#: What ``pace-sync-server status --url`` prints from a running server's ``/metrics``.
STATUS_TOTALS = (
    ("requests", "pace_http_requests_total"),
    ("pushes", "pace_sync_pushes_total"),
    ("pulls", "pace_sync_pulls_total"),
    ("changes applied", "pace_sync_changes_applied_total"),
    ("conflicts", "pace_sync_conflicts_total"),
    ("rejections", "pace_sync_rejections_total"),
    ("sign-in failures", "pace_sign_in_failures_total"),
    ("database connections in use", "pace_db_pool_checked_out"),
    ("database pool size", "pace_db_pool_size"),
)


def scrape_totals(url: str, token: str | None = None, timeout: float = 10.0) -> dict[str, float]:
    """Fetch a running server's ``/metrics`` and total each metric over its labels (counts
    since the server processes started). OSError when it cannot be reached or refuses."""
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    target = url.rstrip("/") + "/metrics"
    if not target.startswith(("http://", "https://")):
        raise ValueError("--url must start with http:// or https://")
    request = urllib.request.Request(target)  # noqa: S310 - scheme checked just above
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
        text = answer.read().decode("utf-8")
    wanted = {name for _label, name in STATUS_TOTALS}
    totals = dict.fromkeys(wanted, 0.0)
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in wanted:
                totals[sample.name] += sample.value
    return totals
