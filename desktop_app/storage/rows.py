"""Rows of ``text()`` queries, typed as tuples of ``Any``.

Their columns carry no SQL types, and mypy unpacks SQLAlchemy's variadic ``Row`` as ``object``;
these helpers say what the rows are, at no run-time cost (``Result.tuples()`` is deprecated).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Result


def each(result: Result[Any]) -> Iterator[tuple[Any, ...]]:
    return iter(result)


def first(result: Result[Any]) -> tuple[Any, ...] | None:
    return result.first()
