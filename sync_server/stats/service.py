"""The statistics: which tables there are, the filters, and computing them from the records.

People are counted by person key, so one person registered by two partners counts once: the
key function maps each client record id to its person (the linkage cluster). Without linkage
every record is its own person (:func:`own_keys`).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from sqlalchemy.orm import Session

from pace_shared.records import parse_date
from pace_shared.stats_wire import StatsFilters, StatsResponse, StatsTable
from sync_server.stats import facts
from sync_server.stats.facts import Client, Period, Place
from sync_server.stats.keys import linkage_run
from sync_server.sync.service import latest_sequence

_Fact = TypeVar("_Fact", bound=facts.PersonFact)

#: ``person_keys(session)``: client record id → person key (absent ids are their own person).
PersonKeys = Callable[[Session], Mapping[str, str]]


#: Outcome statuses that are work (for time out of work and the shares in work).
IN_WORK = frozenset({"employed", "self_employed"})
#: Outcome statuses that say nothing (a same-day known status is taken before them).
_UNKNOWN = frozenset({"", "unknown"})

#: Up to this many person records are read by id; beyond, every person record is read at once.
READ_BY_ID_AT_MOST = 20_000

#: Longer periods are refused: a table has a row per month.
MAX_PERIOD_YEARS = 20


def own_keys(_session: Session) -> Mapping[str, str]:
    """No linkage: every client record is its own person."""
    return {}


@dataclass(frozen=True, slots=True)
class LatestOutcomes:
    #: (person, months after support) → status of the latest outcome at that point.
    by_point: dict[tuple[str, int | None], str | None]
    #: person → status of their latest outcome.
    overall: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class Query:
    period: Period
    council_area: str | None = None
    sector: str | None = None
    partner: str | None = None

    def place_matches(self, place: Place) -> bool:
        return (self.council_area is None or place.council_area == self.council_area) and (
            self.sector is None or place.sector == self.sector
        )

    def partner_matches(self, partner: str) -> bool:
        return self.partner is None or partner == self.partner

    @property
    def filters(self) -> StatsFilters:
        return StatsFilters(
            council_area=self.council_area, sector=self.sector, partner=self.partner
        )


class Source:
    """The facts one request needs, each read from the database at most once."""

    def __init__(self, session: Session, query: Query, person_keys: PersonKeys) -> None:
        self.session, self.query, self._person_keys = session, query, person_keys
        self._some_clients: dict[str, Client] = {}
        self._grouped: dict[str, list[Client]] = {}

    @cached_property
    def keys(self) -> Mapping[str, str]:
        """Linked client record id → person key; a record not in it is a person of its own
        (most are: only records linkage joined to another are listed)."""
        return self._person_keys(self.session)

    @cached_property
    def employer_places(self) -> dict[str, Place]:
        return facts.employers(self.session)

    @cached_property
    def event_places(self) -> dict[str, Place]:
        return facts.event_places(self.session, self.employer_places)

    @cached_property
    def clients(self) -> dict[str, Client]:
        return {c.id: c for c in facts.clients(self.session, self.event_places)}

    def client_in_scope(self, client_id: str) -> bool:
        """Whether the place filters let this person's records count (without place filters
        the people are not even read)."""
        if self.query.council_area is None and self.query.sector is None:
            return True
        client = self.clients.get(client_id)
        return client is not None and self.query.place_matches(client.place)

    @cached_property
    def events(self) -> list[facts.Event]:
        q = self.query
        return [
            e
            for e in facts.events(self.session, self.event_places, q.period)
            if q.place_matches(e.place) and q.partner_matches(e.partner)
        ]

    @cached_property
    def supports(self) -> list[facts.Support]:
        q = self.query
        return [
            s
            for s in facts.supports(self.session, self.employer_places, q.period)
            if q.place_matches(s.place) and q.partner_matches(s.partner)
        ]

    @cached_property
    def engagements(self) -> list[facts.Engagements]:
        q = self.query
        by_client = q.council_area is not None or q.sector is not None
        return [
            e
            for e in facts.engagement_counts(self.session, q.period, by_client=by_client)
            if q.partner_matches(e.partner)
            and (not by_client or self.client_in_scope(e.client_id or ""))
        ]

    def _in_scope(self, found: list[_Fact]) -> list[_Fact]:
        """Those recorded by the partner and about a person record in the place asked for."""
        q = self.query
        if q.partner is None and q.council_area is None and q.sector is None:
            return found
        return [
            f for f in found if q.partner_matches(f.partner) and self.client_in_scope(f.client_id)
        ]

    @cached_property
    def referrals(self) -> list[facts.Referral]:
        return self._in_scope(facts.referrals_in(self.session, self.query.period))

    @cached_property
    def outcomes(self) -> list[facts.Outcome]:
        return self._in_scope(facts.outcomes_in(self.session, self.query.period))

    @cached_property
    def interventions(self) -> dict[str, int]:
        """Per person with an outcome in the period: the mask of the interventions they had
        (bit ``i`` is ``facts.INTERVENTIONS[i]``), at any time, across all their records."""
        keys = self.keys
        # A linked person's other records count too, outcome or not: read those by id.
        outcome_records = {o.client_id for o in self.outcomes}
        linked = {keys[c] for c in outcome_records if c in keys}
        others = self.members(linked) - outcome_records
        found: dict[str, int] = {}
        person = keys.get
        for client_id, mask in facts.intervention_masks(
            self.session, self.query.period, also=others
        ):
            key = person(client_id, client_id)
            found[key] = found.get(key, 0) | mask
        return found

    @cached_property
    def latest_outcomes(self) -> LatestOutcomes:
        """The status of each person's latest outcome recorded in the period (of those that
        count), overall and at each point (months after support). Of two recorded on the same
        day a known status beats "not known", then status names decide: a fixed rule, so the
        answer never depends on the order rows come back in."""
        by_point: dict[tuple[str, int | None], tuple[dt.date, bool, str]] = {}
        overall: dict[str, tuple[dt.date, bool, str]] = {}
        person_of, earliest = self.keys.get, dt.date.min
        for outcome in self.outcomes:
            person = person_of(outcome.client_id, outcome.client_id)
            status = outcome.status or ""
            stamp = (outcome.recorded or earliest, status not in _UNKNOWN, status)
            point = (person, outcome.months_after)
            if (seen := by_point.get(point)) is None or stamp > seen:
                by_point[point] = stamp
            if (seen := overall.get(person)) is None or stamp > seen:
                overall[person] = stamp
        return LatestOutcomes(
            {key: stamp[2] or None for key, stamp in by_point.items()},
            {key: stamp[2] or None for key, stamp in overall.items()},
        )

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        """Person key → the client record ids linkage put in it."""
        found: dict[str, list[str]] = {}
        for client_id, person in self.keys.items():
            found.setdefault(person, []).append(client_id)
        return found

    def members(self, persons: Iterable[str]) -> set[str]:
        """The client record ids of these people (an id linkage has not seen is its own)."""
        ids: set[str] = set()
        for person in persons:
            ids.update(self._members.get(person, ()))
            if person not in self.keys:
                ids.add(person)
        return ids

    def clients_with_ids(self, ids: Collection[str]) -> dict[str, Client]:
        """These person records (those that exist), read once: a few by id, many by reading
        every person record."""
        if "clients" not in self.__dict__:
            missing = [i for i in ids if i not in self._some_clients]
            if len(missing) <= READ_BY_ID_AT_MOST:
                found = facts.clients(self.session, self.event_places, missing)
                self._some_clients.update((c.id, c) for c in found)
                return {i: self._some_clients[i] for i in ids if i in self._some_clients}
        everyone = self.clients
        return {i: everyone[i] for i in ids if i in everyone}

    def people_of(self, persons: Iterable[str]) -> dict[str, list[Client]]:
        """Each of these people's records that count for this query, earliest registered
        first (a person none of whose records count is absent). Grouped once per person."""
        wanted = set(persons)
        todo = wanted - self._grouped.keys()
        if todo:
            query, person = self.query, self.keys.get
            grouped: dict[str, list[Client]] = {p: [] for p in todo}
            for client in self.clients_with_ids(self.members(todo)).values():
                if query.partner_matches(client.partner) and query.place_matches(client.place):
                    grouped[person(client.id, client.id)].append(client)
            for records in grouped.values():
                records.sort(key=lambda c: (c.registered, c.id))
            self._grouped.update(grouped)
        return {p: r for p in wanted if (r := self._grouped[p])}

    @cached_property
    def registered_people(self) -> dict[str, list[Client]]:
        """People whose first registration (of the records that count) falls in the period:
        only people with a record registered in the period can be, so only theirs are read."""
        query, keys = self.query, self.keys
        candidates = list(
            facts.clients_registered_in(self.session, self.event_places, query.period)
        )
        if "clients" not in self.__dict__:
            self._some_clients.update((c.id, c) for c in candidates)
        # A record linkage joined to no other is a person of its own: it counts if it matches.
        found = {
            c.id: [c]
            for c in candidates
            if c.id not in keys
            and query.partner_matches(c.partner)
            and query.place_matches(c.place)
        }
        people = self.people_of({keys[c.id] for c in candidates if c.id in keys})
        found.update((key, r) for key, r in people.items() if query.period.holds(r[0].registered))
        return found

    @cached_property
    def out_of_work(self) -> list[tuple[int, Client]]:
        """Days from leaving the job to starting work again, per person who started work in
        the period (their first start after leaving), with the person's first record."""
        keys = self.keys
        starts = [o for o in self.outcomes if o.status in IN_WORK and o.started is not None]
        # Only linked people have records to gather; anyone else's is the outcome's own.
        people = self.people_of({keys[o.client_id] for o in starts if o.client_id in keys})
        clients = self.clients_with_ids({o.client_id for o in starts})
        first_start: dict[str, tuple[int, Client]] = {}
        for outcome in starts:
            client = clients.get(outcome.client_id)
            if client is None or outcome.started is None:
                continue
            person = keys.get(outcome.client_id, outcome.client_id)
            records = people.get(person) or [client]
            leaving = next((c.leaving_date for c in records if c.leaving_date), None)
            if leaving is None or outcome.started < leaving:
                continue
            days = (outcome.started - leaving).days
            if person not in first_start or days < first_start[person][0]:
                first_start[person] = (days, records[0])
        return list(first_start.values())


Builder = Callable[[Source], StatsTable]


def compute(
    session: Session,
    query: Query,
    *,
    person_keys: PersonKeys = own_keys,
    table_ids: Collection[str] | None = None,
) -> StatsResponse:
    """Every table (or those named), disclosure control applied."""
    from sync_server.stats.tables import BUILDERS  # the registry imports this module

    source = Source(session, query, person_keys)
    wanted = [b for b in BUILDERS if table_ids is None or b[0] in table_ids]
    with _collector_paused():
        tables = [build(source) for _, build in wanted]
    return StatsResponse(
        period_from=query.period.first,
        period_to=query.period.last,
        filters=query.filters,
        tables=tables,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the tables are computed: they allocate
    millions of small acyclic objects (rows, records, sets), and the collector's repeated
    passes over them cost a fifth to a third of the time. Reference counting still frees
    everything; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_cached(
    session: Session,
    query: Query,
    *,
    person_keys: PersonKeys = own_keys,
    table_ids: Collection[str] | None = None,
) -> StatsResponse:
    """:func:`compute`, answered from memory when nothing has changed since (see cache.py)."""
    from sync_server.stats.cache import ANSWERS

    wanted = None if table_ids is None else tuple(sorted(set(table_ids)))
    key = (latest_sequence(session), linkage_run(session), query, wanted, person_keys)
    return ANSWERS.get_or_compute(
        key, lambda: compute(session, query, person_keys=person_keys, table_ids=wanted)
    )


def table_ids() -> list[str]:
    from sync_server.stats.tables import BUILDERS

    return [table_id for table_id, _ in BUILDERS]


def parse_period(start: str, end: str) -> Period:
    """``YYYY-MM-DD`` bounds, both included; ValueError with a sentence otherwise."""
    first, last = _date(start, "from"), _date(end, "to")
    if last < first:
        raise ValueError("the period ends before it starts (to is before from)")
    if last.year - first.year >= MAX_PERIOD_YEARS:
        raise ValueError(f"the period can be at most {MAX_PERIOD_YEARS} years long")
    return Period(first, last)


def _date(text: str, name: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise ValueError(f"{name}: {text!r} is not a date in the form YYYY-MM-DD") from None
