"""What the statistics are computed from: the statistics facts table (sync.stats_facts).

Each record the statistics use has one row there with the values they count by in typed,
indexed columns, kept in step by every writer of records; the largest sets (engagements) are
counted inside the database, the others filtered to the period there. No names, contact
details, dates of birth or notes are in it: only categories, dates and record ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from pace_shared.records import ENGAGEMENT_KINDS
from sync_server.db import in_chunks
from sync_server.sync.stats_facts import STATS_FACTS

_F = STATS_FACTS.c


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
    #: Their age band on the day they were registered.
    age_band: str | None
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


class PersonFact(Protocol):
    """A record about a person: who recorded it, and about which person record."""

    @property
    def client_id(self) -> str: ...

    @property
    def partner(self) -> str: ...


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


def _of(record_type: str, *columns: Any) -> Select[*tuple[Any, ...]]:
    return select(*columns).where(_F.record_type == record_type)


def _rows(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[Any]:
    """Every row at once (fetching row by row costs more per row, on PostgreSQL most)."""
    return list(session.execute(stmt).all())


def _within(period: Period) -> tuple[ColumnElement[bool], ...]:
    return (_F.day >= period.start, _F.day <= period.end)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def employers(session: Session) -> dict[str, Place]:
    rows = _rows(session, _of("employer", _F.record_id, _F.council_area, _F.sector))
    return {str(rid): Place(_text(area), _text(sector)) for rid, area, sector in rows}


def event_places(session: Session, employer_places: dict[str, Place]) -> dict[str, Place]:
    """Each event's council area (its own, else its employer's) and its employer's sector."""
    rows = _rows(session, _of("redundancy_event", _F.record_id, _F.employer_id, _F.council_area))
    places = {}
    for event_id, employer_id, area in rows:
        employer = employer_places.get(str(employer_id or ""), NOWHERE)
        places[str(event_id)] = Place(_text(area) or employer.council_area, employer.sector)
    return places


def events(session: Session, places: dict[str, Place], period: Period) -> list[Event]:
    stmt = _of("redundancy_event", _F.record_id, _F.partner, _F.day, _F.amount).where(
        *_within(period)
    )
    return [
        Event(str(partner), day, int(affected or 0), places.get(str(event_id), NOWHERE))
        for event_id, partner, day, affected in _rows(session, stmt)
    ]


def supports(session: Session, employer_places: dict[str, Place], period: Period) -> list[Support]:
    stmt = _of("employer_support", _F.partner, _F.employer_id, _F.kind, _F.day, _F.amount).where(
        *_within(period)
    )
    return [
        Support(
            str(partner),
            _text(employer_id),
            _text(kind),
            day,
            int(attendees or 0),
            employer_places.get(str(employer_id or ""), NOWHERE),
        )
        for partner, employer_id, kind, day, attendees in _rows(session, stmt)
    ]


_CLIENT_COLUMNS = (
    _F.record_id,
    _F.partner,
    _F.day,
    _F.event_id,
    _F.age_band,
    _F.sex,
    _F.qualification,
    _F.occupation,
    _F.leaving_date,
)


def _clients(
    session: Session, stmt: Select[*tuple[Any, ...]], places: dict[str, Place]
) -> Iterator[Client]:
    for (
        rid,
        partner,
        day,
        event_id,
        band,
        sex,
        qualification,
        occupation,
        leaving,
    ) in _rows(session, stmt):
        # Positional, and the text columns as they come (str): this runs once per person.
        yield Client(
            rid,
            partner,
            day,
            places.get(event_id or "", NOWHERE),
            band,
            sex,
            qualification,
            occupation,
            leaving,
        )


def clients(
    session: Session, places: dict[str, Place], ids: Collection[str] | None = None
) -> Iterator[Client]:
    """Every person's record, or those with ``ids``. A person's registration date is the day
    their record first reached the server."""
    if ids is None:
        yield from _clients(session, _of("client", *_CLIENT_COLUMNS), places)
        return
    # By primary key only: a person's row is the one whose person is itself. (With the type
    # in the WHERE clause SQLite chose the type's index and read every person per chunk.)
    by_id = select(*_CLIENT_COLUMNS).where(_F.client_id == _F.record_id)
    for part in in_chunks(sorted(ids)):
        yield from _clients(session, by_id.where(_F.record_id.in_(part)), places)


def clients_registered_in(
    session: Session, places: dict[str, Place], period: Period
) -> Iterator[Client]:
    """The person records first registered in the period."""
    yield from _clients(session, _of("client", *_CLIENT_COLUMNS).where(*_within(period)), places)


def engagement_counts(session: Session, period: Period, *, by_client: bool) -> list[Engagements]:
    """Engagements in the period counted inside the database by partner and kind (and by
    person when ``by_client``): the largest table is never read row by row."""
    groups = [_F.partner, _F.kind, *([_F.client_id] if by_client else [])]
    stmt = _of("engagement", *groups, func.count()).where(*_within(period)).group_by(*groups)
    return [
        Engagements(_text(row[2]) if by_client else None, str(row[0]), _text(row[1]), row[-1])
        for row in _rows(session, stmt)
    ]


def referrals_in(session: Session, period: Period) -> list[Referral]:
    stmt = _of(
        "referral",
        _F.client_id,
        _F.partner,
        _F.to_partner,
        _F.status,
        _F.day,
        _F.completed_on,
    ).where(*_within(period), _F.client_id.is_not(None))
    return [Referral(*row) for row in _rows(session, stmt)]


def outcomes_in(session: Session, period: Period) -> list[Outcome]:
    stmt = _of(
        "outcome",
        _F.client_id,
        _F.partner,
        _F.status,
        _F.day,
        _F.months_after,
        _F.started_on,
    ).where(*_within(period), _F.client_id.is_not(None))
    return [Outcome(*row) for row in _rows(session, stmt)]


#: The intervention "referred to another partner", beside the engagement kinds.
REFERRED = "referral"
#: The interventions counted, each one bit of a person's intervention mask.
INTERVENTIONS: tuple[str, ...] = (*ENGAGEMENT_KINDS, REFERRED)


def _bit(kind: ColumnElement[Any]) -> ColumnElement[int]:
    return case({k: 1 << i for i, k in enumerate(INTERVENTIONS)}, value=kind, else_=0)


def intervention_masks(
    session: Session, period: Period, also: Collection[str] = ()
) -> Iterator[tuple[str, int]]:
    """(client id, mask of interventions: bit ``i`` is ``INTERVENTIONS[i]``) of the person
    records with an outcome recorded in the period, and of the records ``also`` (a linked
    person's other records): their engagements' kinds at any time, and whether they were
    referred. A record may come twice (engagements, then referrals). The kinds are combined in
    the database (a sum of distinct powers of two is their bitwise or), so one row per record
    comes back, not one per engagement."""
    cohort = _of("outcome", _F.client_id).where(*_within(period))
    yield from _masks(session, _F.client_id.in_(cohort))
    for part in in_chunks(sorted(also)):
        yield from _masks(session, _F.client_id.in_(part))


def _masks(session: Session, whose: ColumnElement[bool]) -> Iterator[tuple[str, int]]:
    engagements = (
        _of("engagement", _F.client_id, func.sum(_bit(_F.kind).distinct()))
        .where(whose, _F.kind.is_not(None))
        .group_by(_F.client_id)
    )
    referred = 1 << INTERVENTIONS.index(REFERRED)
    referrals = _of("referral", _F.client_id).where(whose).distinct()
    for client_id, mask in _rows(session, engagements):
        yield str(client_id), int(mask or 0)
    for (client_id,) in _rows(session, referrals):
        yield str(client_id), referred
