"""Reference data shipped inside the package (``pace_shared/reference_data/``): PACE partners,
council areas, SIC 2007 sections.

Read with :mod:`importlib.resources`, so an installed wheel or a frozen bundle finds it wherever
the package itself is, and nothing depends on a source checkout's layout.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from pydantic import TypeAdapter

_PACKAGE = "pace_shared.reference_data"


@cache
def load(name: str) -> Any:
    source = resources.files(_PACKAGE).joinpath(f"{name}.json")
    return json.loads(source.read_text(encoding="utf-8"))


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
