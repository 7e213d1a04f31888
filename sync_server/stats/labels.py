"""How categories are named in published tables (and in what order)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from pace_shared.records import (
    EMPLOYER_SUPPORT_KINDS,
    ENGAGEMENT_KIND_CHOICES,
    OCCUPATION_GROUP_CHOICES,
    QUALIFICATION_CHOICES,
    SEX_CHOICES,
)
from pace_shared.reference import council_areas, partner_names, sic_sections

NOT_RECORDED = "Not recorded"

# One declaration of the choices and their labels: the record model's.
SEX = list(SEX_CHOICES)
QUALIFICATION = list(QUALIFICATION_CHOICES)
OCCUPATION = list(OCCUPATION_GROUP_CHOICES)
AGE_BANDS = [
    ("16-24", "16 to 24"),
    ("25-34", "25 to 34"),
    ("35-49", "35 to 49"),
    ("50-64", "50 to 64"),
    ("65+", "65 and over"),
]
ENGAGEMENT_KINDS = list(ENGAGEMENT_KIND_CHOICES)
SUPPORT_KINDS = list(EMPLOYER_SUPPORT_KINDS)


def with_not_recorded(labels: Iterable[tuple[str, str]]) -> list[tuple[str | None, str]]:
    return [*labels, (None, NOT_RECORDED)]


def _texts(found: Iterable[Hashable]) -> set[str]:
    return {value for value in found if isinstance(value, str) and value}


def council_area_labels(found: Iterable[Hashable]) -> list[tuple[str | None, str]]:
    """The 32 council areas, then any other value found as written, then not recorded."""
    known = council_areas()
    extra = sorted(_texts(found) - set(known))
    return with_not_recorded([(a, a) for a in [*known, *extra]])


def sector_labels(found: Iterable[Hashable]) -> list[tuple[str | None, str]]:
    known = [(s["code"], f"{s['code']}: {s['name']}") for s in sic_sections()]
    extra = sorted(_texts(found) - {code for code, _ in known})
    return with_not_recorded([*known, *((s, s) for s in extra)])


def partner_labels(found: Iterable[Hashable]) -> list[tuple[str | None, str]]:
    """Partners that appear, by code (the reference partners first)."""
    names = partner_names()
    return [(code, code) for code in sorted(_texts(found), key=lambda c: (c not in names, c))]


def kind_labels(
    known: list[tuple[str, str]], found: Iterable[Hashable]
) -> list[tuple[str | None, str]]:
    extra = sorted(_texts(found) - {code for code, _ in known})
    return [*known, *((k, k) for k in extra)]
