"""What the statistics are computed from: a few fields of each live record, read in SQL.

JSON element access (``fields['sex']``) works on SQLite and PostgreSQL alike; each record type
is read in one query, filtered to the period inside the database where the table allows. No
names, contact details or notes are read: only the categories and dates the tables count by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.orm import Session

from sync_server.sync.service import live_records


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def first(self) -> str:
        return self.start.isoformat()

    @property
    def last(self) -> str:
        return self.end.isoformat()

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def months(self) -> list[str]:
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def quarters(self) -> list[str]:
        return list(dict.fromkeys(quarter_of(m) for m in self.months()))


def quarter_of(month: str) -> str:
    """``2026-08`` → ``2026 Q3`` (calendar quarters)."""
    return f"{month[:4]} Q{(int(month[5:7]) - 1) // 3 + 1}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a record belongs for the council-area and sector breakdowns."""

    council_area: str | None
    sector: str | None


NOWHERE = Place(None, None)


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    partner: str
    registered: dt.date
    place: Place
    date_of_birth: dt.date | None
    sex: str | None
    qualification: str | None
    occupation: str | None
    leaving_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Event:
    partner: str
    announced: dt.date | None
    affected: int
    place: Place


@dataclass(frozen=True, slots=True)
class Support:
    partner: str
    employer_id: str | None
    kind: str | None
    occurred: dt.date | None
    attendees: int
    place: Place


@dataclass(frozen=True, slots=True)
class Engagements:
    """How many engagements of one kind one partner recorded (with one person, when the
    place filters need to know whose)."""

    client_id: str | None
    partner: str
    kind: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Referral:
    client_id: str
    partner: str
    to_partner: str | None
    status: str | None
    referred: dt.date | None
    completed: dt.date | None


@dataclass(frozen=True, slots=True)
class Outcome:
    client_id: str
    partner: str
    status: str | None
    recorded: dt.date | None
    months_after: int | None
    started: dt.date | None


def to_date(value: object) -> dt.date | None:
    """A stored ISO date, or None when absent or malformed (older data is never trusted)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return max(value, 0)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _id(value: object) -> str:
    """A key column (id, partner code): never null in the records table."""
    return str(value)


def employers(session: Session) -> dict[str, Place]:
    sub = live_records("employer")
    rows = session.execute(
        select(
            sub.c.id,
            sub.c.fields["local_authority"].as_string(),
            sub.c.fields["sector"].as_string(),
        )
    )
    return {_id(row[0]): Place(_text(row[1]), _text(row[2])) for row in rows}


def event_places(session: Session, employer_places: dict[str, Place]) -> dict[str, Place]:
    """Each event's council area (its own, else its employer's) and its employer's sector."""
    sub = live_records("redundancy_event")
    rows = session.execute(
        select(
            sub.c.id,
            sub.c.fields["employer_id"].as_string(),
            sub.c.fields["local_authority"].as_string(),
        )
    )
    places = {}
    for event_id, employer_id, area in rows:
        employer = employer_places.get(_text(employer_id) or "", NOWHERE)
        places[_id(event_id)] = Place(_text(area) or employer.council_area, employer.sector)
    return places


def events(session: Session, places: dict[str, Place], period: Period) -> list[Event]:
    sub = live_records("redundancy_event")
    announced = sub.c.fields["announced_on"].as_string()
    rows = session.execute(
        select(sub.c.id, sub.c.owner_partner, announced, sub.c.fields["affected_count"]).where(
            *_within(announced, period)
        )
    )
    return [
        Event(_id(partner), to_date(day), to_int(affected), places.get(_id(event_id), NOWHERE))
        for event_id, partner, day, affected in rows
    ]


def supports(session: Session, employer_places: dict[str, Place], period: Period) -> list[Support]:
    sub = live_records("employer_support")
    occurred = sub.c.fields["occurred_on"].as_string()
    rows = session.execute(
        select(
            sub.c.owner_partner,
            sub.c.fields["employer_id"].as_string(),
            sub.c.fields["kind"].as_string(),
            occurred,
            sub.c.fields["attendees"],
        ).where(*_within(occurred, period))
    )
    return [
        Support(
            _id(partner),
            _text(employer_id),
            _text(kind),
            to_date(day),
            to_int(attendees),
            employer_places.get(_text(employer_id) or "", NOWHERE),
        )
        for partner, employer_id, kind, day, attendees in rows
    ]


def clients(session: Session, places: dict[str, Place]) -> Iterator[Client]:
    """Every person's record (a linked person's first registration can be before the period,
    and engagements in the period can belong to anyone, so the period is applied later).

    A person's registration date is the day their record first reached the server."""
    sub = live_records("client")
    fields = sub.c.fields
    stmt = select(
        sub.c.id,
        sub.c.owner_partner,
        sub.c.created_at,
        fields["event_id"].as_string(),
        fields["date_of_birth"].as_string(),
        fields["sex"].as_string(),
        fields["qualification_level"].as_string(),
        fields["occupation_group"].as_string(),
        fields["leaving_date"].as_string(),
    )
    for row in session.execute(stmt):
        registered = to_date(row[2])
        if registered is None:
            continue
        yield Client(
            id=_id(row[0]),
            partner=_id(row[1]),
            registered=registered,
            place=places.get(_text(row[3]) or "", NOWHERE),
            date_of_birth=to_date(row[4]),
            sex=_text(row[5]),
            qualification=_text(row[6]),
            occupation=_text(row[7]),
            leaving_date=to_date(row[8]),
        )


def _within(column: ColumnElement[str], period: Period) -> tuple[ColumnElement[bool], ...]:
    # ISO dates compare as text; a timestamp's date part starts the same way.
    return (column >= period.first, column < _day_after(period))


def _day_after(period: Period) -> str:
    return (period.end + dt.timedelta(days=1)).isoformat()


def engagement_counts(session: Session, period: Period, *, by_client: bool) -> list[Engagements]:
    """Engagements in the period counted inside the database by partner and kind (and by
    person when ``by_client``): the largest table is never read row by row unless filtered."""
    sub = live_records("engagement")
    kind = sub.c.fields["kind"].as_string()
    groups = [sub.c.owner_partner, kind, *([sub.c.client_id] if by_client else [])]
    stmt = (
        select(*groups, func.count())
        .where(*_within(sub.c.fields["occurred_on"].as_string(), period))
        .group_by(*groups)
    )
    return [
        Engagements(_text(row[2]) if by_client else None, _id(row[0]), _text(row[1]), row[-1])
        for row in session.execute(stmt)
    ]


def referrals_in(session: Session, period: Period) -> list[Referral]:
    sub = live_records("referral")
    fields = sub.c.fields
    referred = fields["referred_on"].as_string()
    stmt = select(
        sub.c.client_id,
        sub.c.owner_partner,
        fields["to_partner"].as_string(),
        fields["status"].as_string(),
        referred,
        fields["completed_on"].as_string(),
    ).where(*_within(referred, period), sub.c.client_id.is_not(None))
    return [
        Referral(_id(c), _id(p), _text(to), _text(status), to_date(made), to_date(done))
        for c, p, to, status, made, done in session.execute(stmt)
    ]


def outcomes_in(session: Session, period: Period) -> list[Outcome]:
    sub = live_records("outcome")
    fields = sub.c.fields
    recorded = fields["recorded_on"].as_string()
    stmt = select(
        sub.c.client_id,
        sub.c.owner_partner,
        fields["status"].as_string(),
        recorded,
        fields["months_after"],
        fields["started_on"].as_string(),
    ).where(*_within(recorded, period), sub.c.client_id.is_not(None))
    return [
        Outcome(
            _id(c), _id(p), _text(s), to_date(r), m if isinstance(m, int) else None, to_date(st)
        )
        for c, p, s, r, m, st in session.execute(stmt)
    ]


#: The intervention "referred to another partner", beside the engagement kinds.
REFERRED = "referral"


def interventions_of_outcome_people(session: Session, period: Period) -> set[tuple[str, str]]:
    """(client id, engagement kind) of every engagement, at any time, of the people who have an
    outcome recorded in the period; and ("referral") for those referred to another partner."""
    outcomes = live_records("outcome")
    cohort = select(outcomes.c.client_id).where(
        *_within(outcomes.c.fields["recorded_on"].as_string(), period)
    )
    engagements = live_records("engagement")
    stmt = (
        select(engagements.c.client_id, engagements.c.fields["kind"].as_string())
        .where(engagements.c.client_id.in_(cohort))
        .distinct()
    )
    found = {(_id(client_id), str(kind)) for client_id, kind in session.execute(stmt) if kind}
    referrals = live_records("referral")
    stmt = select(referrals.c.client_id, literal(REFERRED)).where(referrals.c.client_id.in_(cohort))
    found.update((_id(client_id), REFERRED) for client_id, _ in session.execute(stmt))
    return found
