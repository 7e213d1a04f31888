"""How categories are named in published tables (and in what order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable

from pace_shared.reference import council_areas, partner_names, sic_sections

NOT_RECORDED = "Not recorded"
PREFER_NOT = "Prefer not to say"

SEX = [
    ("female", "Female"),
    ("male", "Male"),
    ("other", "Other"),
    ("prefer_not_to_say", PREFER_NOT),
]
QUALIFICATION = [
    ("none", "No qualifications"),
    ("scqf_1_4", "SCQF levels 1 to 4"),
    ("scqf_5_6", "SCQF levels 5 to 6"),
    ("scqf_7_10", "SCQF levels 7 to 10"),
    ("scqf_11_12", "SCQF levels 11 to 12"),
    ("prefer_not_to_say", PREFER_NOT),
]
#: SOC 2020 major groups.
OCCUPATION = [
    ("1", "1: Managers, directors and senior officials"),
    ("2", "2: Professional occupations"),
    ("3", "3: Associate professional occupations"),
    ("4", "4: Administrative and secretarial occupations"),
    ("5", "5: Skilled trades occupations"),
    ("6", "6: Caring, leisure and other service occupations"),
    ("7", "7: Sales and customer service occupations"),
    ("8", "8: Process, plant and machine operatives"),
    ("9", "9: Elementary occupations"),
    ("prefer_not_to_say", PREFER_NOT),
]
AGE_BANDS = [
    ("16-24", "16 to 24"),
    ("25-34", "25 to 34"),
    ("35-49", "35 to 49"),
    ("50-64", "50 to 64"),
    ("65+", "65 and over"),
]
_BAND_STARTS = ((65, "65+"), (50, "50-64"), (35, "35-49"), (25, "25-34"), (0, "16-24"))
ENGAGEMENT_KINDS = [
    ("initial_session", "Initial session"),
    ("one_to_one", "One-to-one"),
    ("cv_support", "CV support"),
    ("job_search", "Job search"),
    ("benefits_advice", "Benefits advice"),
    ("training_funding", "Training funding"),
    ("money_advice", "Money advice"),
    ("wellbeing", "Wellbeing"),
    ("other", "Other"),
]
SUPPORT_KINDS = [
    ("initial_meeting", "Initial meeting"),
    ("employer_presentation", "Employer presentation"),
    ("information_session", "Information session"),
    ("redundancy_planning", "Redundancy planning"),
    ("recruitment_event", "Recruitment event"),
    ("training_needs_analysis", "Training needs analysis"),
    ("other", "Other"),
]


def age_band(born: dt.date | None, on: dt.date) -> str | None:
    if born is None or born > on:
        return None
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(band for start, band in _BAND_STARTS if age >= start)


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
