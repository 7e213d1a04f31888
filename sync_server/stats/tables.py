"""Every published table: what it counts, from which facts, in which shape.

Each builder takes the request's :class:`Source` and returns one table with disclosure
control applied. ``BUILDERS`` lists them in the order they are published.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable

from pace_shared.disclosure import median_cell
from pace_shared.stats_wire import Cell, StatsTable
from sync_server.stats import labels
from sync_server.stats.facts import INTERVENTIONS, REFERRED, Client, quarter_of
from sync_server.stats.service import IN_WORK, Builder, Source
from sync_server.stats.shapes import (
    Heading,
    cross_tab,
    non_additive,
    one_way,
    protected_column,
    shares_table,
)

PEOPLE_NOTE = (
    "People are counted once each, by linking the records partners hold on the same person "
    "(see the notes sheet); a person is counted in the month they were first registered."
)
FIRST_RECORD_NOTE = "Characteristics are those on the person's first registration."
IN_TRAINING = frozenset({"training", "education"})
ASSOCIATION_NOTE = (
    "These rates show an association between an intervention and the outcome, not that the "
    "intervention caused it: people who receive an intervention differ in other ways too."
)


def _first(source: Source) -> Iterable[Client]:
    return (records[0] for records in source.registered_people.values())


def _count(values: Iterable[Hashable]) -> Counter[Hashable]:
    return Counter(values)


def _registrations_per_month(source: Source) -> Counter[Hashable]:
    """People by month of first registration (counted by day first: a few thousand days,
    rather than formatting a month for each of the people)."""
    months = Counter[Hashable]()
    for day, people in Counter(c.registered for c in _first(source)).items():
        months[f"{day.year:04d}-{day.month:02d}"] += people
    return months


def registrations_by_month(source: Source) -> StatsTable:
    months = source.query.period.months()
    counts = _registrations_per_month(source)
    heading = Heading(
        "registrations_by_month", "People registered, by month", "people", [PEOPLE_NOTE]
    )
    return one_way(heading, "Month", [(m, m) for m in months], [("People", counts)])


def registrations_by_quarter(source: Source) -> StatsTable:
    quarters = source.query.period.quarters()
    counts = Counter[Hashable]()
    for month, people in _registrations_per_month(source).items():
        counts[quarter_of(str(month))] += people
    heading = Heading(
        "registrations_by_quarter", "People registered, by quarter", "people", [PEOPLE_NOTE]
    )
    return one_way(heading, "Quarter", [(q, q) for q in quarters], [("People", counts)])


def _people_by(source: Source, table_id: str, title: str, header: str, key: str) -> StatsTable:
    people = list(_first(source))
    getters: dict[str, Callable[[Client], str | None]] = {
        "council_area": lambda c: c.place.council_area,
        "sector": lambda c: c.place.sector,
        "sex": lambda c: c.sex,
        "qualification": lambda c: c.qualification,
        "occupation": lambda c: c.occupation,
        "age": lambda c: c.age_band,
    }
    values = [getters[key](c) for c in people]
    choices = {
        "council_area": lambda: labels.council_area_labels(values),
        "sector": lambda: labels.sector_labels(values),
        "sex": lambda: labels.with_not_recorded(labels.SEX),
        "qualification": lambda: labels.with_not_recorded(labels.QUALIFICATION),
        "occupation": lambda: labels.with_not_recorded(labels.OCCUPATION),
        "age": lambda: labels.with_not_recorded(labels.AGE_BANDS),
    }
    categories = choices[key]()
    known = {k for k, _ in categories}
    counts = _count(v if v in known else None for v in values)
    heading = Heading(table_id, title, "people", [PEOPLE_NOTE, FIRST_RECORD_NOTE])
    return one_way(heading, header, categories, [("People", counts)])


def people_by_council_area(source: Source) -> StatsTable:
    return _people_by(
        source,
        "people_by_council_area",
        "People registered, by council area",
        "Council area",
        "council_area",
    )


def people_by_sector(source: Source) -> StatsTable:
    return _people_by(
        source,
        "people_by_sector",
        "People registered, by employer's sector (SIC 2007 section)",
        "Sector",
        "sector",
    )


def people_by_age_band(source: Source) -> StatsTable:
    return _people_by(
        source,
        "people_by_age_band",
        "People registered, by age at registration",
        "Age band",
        "age",
    )


def people_by_sex(source: Source) -> StatsTable:
    return _people_by(source, "people_by_sex", "People registered, by sex", "Sex", "sex")


def people_by_occupation_group(source: Source) -> StatsTable:
    return _people_by(
        source,
        "people_by_occupation_group",
        "People registered, by occupation (SOC 2020 major group)",
        "Occupation group",
        "occupation",
    )


def people_by_qualification(source: Source) -> StatsTable:
    return _people_by(
        source,
        "people_by_qualification",
        "People registered, by highest qualification",
        "Qualification",
        "qualification",
    )


def people_by_partner(source: Source) -> StatsTable:
    period = source.query.period
    partners_of = {
        key: {c.partner for c in records if period.holds(c.registered)}
        for key, records in source.registered_people.items()
    }
    counts = _count(p for found in partners_of.values() for p in found)
    heading = Heading(
        "people_by_partner",
        "People registered, by partner",
        "people",
        [
            PEOPLE_NOTE,
            "A person registered by more than one partner is counted under each; the total "
            "counts them once, so the rows can add up to more than the total.",
        ],
    )
    return non_additive(
        heading, "Partner", "People", labels.partner_labels(counts), counts, len(partners_of)
    )


def _event_month(
    source: Source,
) -> tuple[list[tuple[Hashable, str]], Counter[Hashable], Counter[Hashable]]:
    months = source.query.period.months()
    events = Counter[Hashable]()
    affected = Counter[Hashable]()
    for event in source.events:
        if event.announced is not None:
            month = event.announced.isoformat()[:7]
            events[month] += 1
            affected[month] += event.affected
    return [(m, m) for m in months], events, affected


EVENT_NOTE = "Redundancy events are counted in the month they were announced."
AFFECTED_NOTE = "People affected is the number the employer announced, not people supported."


def events_by_month(source: Source) -> StatsTable:
    months, events, _ = _event_month(source)
    heading = Heading(
        "events_by_month",
        "Redundancy events, by month announced",
        "redundancy events",
        [EVENT_NOTE],
    )
    return one_way(heading, "Month", months, [("Redundancy events", events)])


def people_affected_by_month(source: Source) -> StatsTable:
    months, _, affected = _event_month(source)
    heading = Heading(
        "people_affected_by_month",
        "People affected by redundancy events, by month announced",
        "people",
        [EVENT_NOTE, AFFECTED_NOTE],
    )
    return one_way(heading, "Month", months, [("People affected", affected)])


def _events_by(source: Source, table_id: str, title: str, header: str, sector: bool) -> StatsTable:
    events = Counter[Hashable]()
    affected = Counter[Hashable]()
    for event in source.events:
        key = event.place.sector if sector else event.place.council_area
        events[key] += 1
        affected[key] += event.affected
    found = list(events)
    categories = labels.sector_labels(found) if sector else labels.council_area_labels(found)
    heading = Heading(table_id, title, "redundancy events", [EVENT_NOTE, AFFECTED_NOTE])
    return one_way(
        heading, header, categories, [("Redundancy events", events), ("People affected", affected)]
    )


def events_by_sector(source: Source) -> StatsTable:
    return _events_by(
        source,
        "events_by_sector",
        "Redundancy events and people affected, by sector",
        "Sector",
        True,
    )


def events_by_council_area(source: Source) -> StatsTable:
    return _events_by(
        source,
        "events_by_council_area",
        "Redundancy events and people affected, by council area",
        "Council area",
        False,
    )


def employer_support_by_kind(source: Source) -> StatsTable:
    activities = Counter[Hashable]()
    attendees = Counter[Hashable]()
    employers: dict[Hashable, set[str]] = {}
    for support in source.supports:
        activities[support.kind] += 1
        attendees[support.kind] += support.attendees
        if support.employer_id:
            employers.setdefault(support.kind, set()).add(support.employer_id)
    categories = labels.kind_labels(labels.SUPPORT_KINDS, activities)
    all_employers = {s.employer_id for s in source.supports if s.employer_id}
    employer_counts = {k: len(v) for k, v in employers.items()}
    employer_column = non_additive(
        Heading("", "", ""), "", "", categories, employer_counts, len(all_employers)
    )
    activity_column = protected_column(categories, activities)
    attendee_column = protected_column(categories, attendees)
    rows: list[list[Cell]] = [
        [row[0], activity_column[i], row[1], attendee_column[i]]
        for i, row in enumerate(employer_column.rows)
    ]
    heading = Heading(
        "employer_support_by_kind",
        "Support to employers, by kind",
        "support activities",
        [
            "An employer supported in more than one way is counted under each; the total of "
            "employers counts each once.",
            "Attendees is the number of people at the sessions as recorded, not unique people.",
        ],
    )
    return heading.table(["Kind of support", "Activities", "Employers", "Attendees"], rows)


def engagements_by_kind_and_partner(source: Source) -> StatsTable:
    counts: Counter[tuple[str | None, str]] = Counter()
    for group in source.engagements:
        counts[(group.kind, group.partner)] += group.count
    kinds = labels.kind_labels(labels.ENGAGEMENT_KINDS, (k for k, _ in counts))
    partners = labels.partner_labels(p for _, p in counts)
    heading = Heading(
        "engagements_by_kind_and_partner",
        "Engagements with people, by kind and partner",
        "engagements",
        ["Engagements are counted by the date they took place and the partner that recorded them."],
    )
    return cross_tab(heading, "Kind", kinds, partners, counts)


def referrals_by_partner(source: Source) -> StatsTable:
    made, accepted, completed = Counter[Hashable](), Counter[Hashable](), Counter[Hashable]()
    days: dict[Hashable, list[float]] = {}
    for referral in source.referrals:
        made[referral.to_partner] += 1
        if referral.status in ("accepted", "completed"):
            accepted[referral.to_partner] += 1
        if referral.status == "completed":
            completed[referral.to_partner] += 1
            if referral.completed and referral.referred and referral.completed >= referral.referred:
                elapsed = (referral.completed - referral.referred).days
                days.setdefault(referral.to_partner, []).append(float(elapsed))
    partners = labels.partner_labels(made)
    heading = Heading(
        "referrals_by_partner",
        "Referrals to other partners: made, accepted, completed and median days to completion",
        "referrals",
        [
            "Referrals are counted by the date they were made. Accepted includes those since "
            "completed. The median is over completed referrals with both dates.",
        ],
    )
    table = one_way(
        heading,
        "Referred to",
        partners,
        [("Made", made), ("Accepted", accepted), ("Completed", completed)],
    )
    all_days = [d for values in days.values() for d in values]
    medians = [median_cell(days.get(key, [])) for key, _ in partners] + [median_cell(all_days)]
    table.columns.append("Median days to completion")
    for row, median in zip(table.rows, medians, strict=True):
        row.append(median)
    return table


def _group(status: str | None) -> int:
    """0 in work, 1 in training or study, 2 anything else."""
    if status in IN_WORK:
        return 0
    return 1 if status in IN_TRAINING else 2


def outcomes_at_3_6_12_months(source: Source) -> StatsTable:
    parts: dict[Hashable, list[int]] = {m: [0, 0, 0] for m in (3, 6, 12)}
    for (_, months), status in source.latest_outcomes.by_point.items():
        if months in parts:
            parts[months][_group(status)] += 1
    heading = Heading(
        "outcomes_at_3_6_12_months",
        "Outcomes 3, 6 and 12 months after support: share in work, training or study",
        "people",
        [
            "Each person's latest outcome recorded in the period at each point. In work: "
            "employed or self-employed; training or study: training or education.",
            "A share is [c] when its base is under 10 or when it would reveal a suppressed count.",
        ],
    )
    return shares_table(
        heading,
        "Months after support",
        [(3, "3 months"), (6, "6 months"), (12, "12 months")],
        parts,
        ["In work", "In training or study", "Other outcome"],
        2,
        ("People with an outcome", "In work, training or study (%)"),
    )


OUT_OF_WORK_NOTE = (
    "People who started work (employed or self-employed) in the period and whose "
    "leaving date is recorded; each person's first start after leaving."
)


def days_out_of_work(source: Source) -> StatsTable:
    """Median days from leaving the job to starting work again, by sector."""
    by_sector: dict[Hashable, list[float]] = {}
    for days, client in source.out_of_work:
        by_sector.setdefault(client.place.sector, []).append(float(days))
    categories = labels.sector_labels(by_sector)
    counts = {key: len(values) for key, values in by_sector.items()}
    heading = Heading(
        "days_out_of_work",
        "Median days out of work, from leaving the job to starting work, by sector",
        "people",
        [OUT_OF_WORK_NOTE, "A median is [c] when fewer than 10 people are behind it."],
    )
    table = one_way(heading, "Sector", categories, [("People", counts)])
    everyone = [d for values in by_sector.values() for d in values]
    medians = [median_cell(by_sector.get(k, [])) for k, _ in categories] + [median_cell(everyone)]
    table.columns.append("Median days out of work")
    for row, median in zip(table.rows, medians, strict=True):
        row.append(median)
    return table


#: Bands of days out of work: (key, label, last day in the band; None for no end).
OUT_OF_WORK_BANDS: tuple[tuple[str, str, int | None], ...] = (
    ("0-30", "0 to 30 days", 30),
    ("31-91", "31 to 91 days", 91),
    ("92-182", "92 to 182 days", 182),
    ("183-365", "183 to 365 days", 365),
    ("366+", "Over 365 days", None),
)


def _out_of_work_band(days: int) -> str:
    return next(key for key, _, last in OUT_OF_WORK_BANDS if last is None or days <= last)


def days_out_of_work_distribution(source: Source) -> StatsTable:
    """People by band of days from leaving the job to starting work again."""
    counts = _count(_out_of_work_band(days) for days, _ in source.out_of_work)
    heading = Heading(
        "days_out_of_work_distribution",
        "Time out of work, from leaving the job to starting work: people by band of days",
        "people",
        [
            OUT_OF_WORK_NOTE,
            "Days are counted from the leaving date to the start date.",
        ],
    )
    bands = [(key, label) for key, label, _ in OUT_OF_WORK_BANDS]
    return one_way(heading, "Days out of work", bands, [("People", counts)])


def outcome_rates_by_intervention(source: Source) -> StatsTable:
    # People counted by (interventions received, positive outcome) first: a few hundred
    # combinations, then spread over the interventions each stands for.
    combinations = Counter(
        (source.interventions.get(person, 0), _group(status) >= 2)
        for person, status in source.latest_outcomes.overall.items()
    )
    parts: dict[Hashable, list[int]] = {}
    for (mask, other), people in combinations.items():
        for bit, kind in enumerate(INTERVENTIONS):
            if mask >> bit & 1:
                parts.setdefault(kind, [0, 0])[other] += people
    categories = [*labels.ENGAGEMENT_KINDS, (REFERRED, "Referred to another partner")]
    heading = Heading(
        "outcome_rates_by_intervention",
        "Share in work, training or study, by intervention received",
        "people",
        [
            "People with an outcome recorded in the period (their latest), by the "
            "interventions they received at any time; a person is in every row that applies.",
            ASSOCIATION_NOTE,
        ],
    )
    return shares_table(
        heading,
        "Intervention",
        categories,
        parts,
        ["In work, training or study", "Other"],
        1,
        ("People with an outcome", "In work, training or study (%)"),
    )


BUILDERS: list[tuple[str, Builder]] = [
    ("registrations_by_month", registrations_by_month),
    ("registrations_by_quarter", registrations_by_quarter),
    ("people_by_council_area", people_by_council_area),
    ("people_by_sector", people_by_sector),
    ("people_by_age_band", people_by_age_band),
    ("people_by_sex", people_by_sex),
    ("people_by_occupation_group", people_by_occupation_group),
    ("people_by_qualification", people_by_qualification),
    ("people_by_partner", people_by_partner),
    ("events_by_month", events_by_month),
    ("people_affected_by_month", people_affected_by_month),
    ("events_by_sector", events_by_sector),
    ("events_by_council_area", events_by_council_area),
    ("employer_support_by_kind", employer_support_by_kind),
    ("engagements_by_kind_and_partner", engagements_by_kind_and_partner),
    ("referrals_by_partner", referrals_by_partner),
    ("outcomes_at_3_6_12_months", outcomes_at_3_6_12_months),
    ("days_out_of_work", days_out_of_work),
    ("days_out_of_work_distribution", days_out_of_work_distribution),
    ("outcome_rates_by_intervention", outcome_rates_by_intervention),
]
assert len(dict(BUILDERS)) == len(BUILDERS)
