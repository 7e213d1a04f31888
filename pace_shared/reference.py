"""Reference data shipped in ``resources/``: PACE partners, council areas, SIC 2007 sections."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter


def resources_dir() -> Path:
    """The ``resources/`` folder: ``PACE_RESOURCES`` if set (installers), else the source tree."""
    override = os.environ.get("PACE_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parents[1] / "resources"


@cache
def load(name: str) -> Any:
    return json.loads((resources_dir() / f"{name}.json").read_text(encoding="utf-8"))


_NAMED_ENTRIES = TypeAdapter(list[dict[str, str]])
_NAMES = TypeAdapter(list[str])


def partners() -> list[dict[str, str]]:
    return _NAMED_ENTRIES.validate_python(load("partners"))


def partner_names() -> dict[str, str]:
    return {p["code"]: p["name"] for p in partners()}


def council_areas() -> list[str]:
    return _NAMES.validate_python(load("council_areas"))


def sic_sections() -> list[dict[str, str]]:
    return _NAMED_ENTRIES.validate_python(load("sic2007_sections"))
