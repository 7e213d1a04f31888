"""Deterministic, realistic PACE data: the same scale, seed and end date give the same records.

Redundancy events spread over the period (months with more and fewer), at employers across SIC
sections and council areas; people registered at them with plausible ages, sexes,
qualifications, occupations and leaving dates, by several partners with realistic consent;
engagements by the partners the person's consent reaches; referrals made, accepted, completed
and declined; outcomes at 3, 6 and 12 months after leaving (only once due); support given to
the employers. A small share of people are registered twice by different partners, with their
names spelled differently, as happens in the field (for linkage to find).

Records come out as a stream (persons before their children), so a load of 150,000 people
never holds them all in memory.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pace_shared.records import OUTCOME_STATUSES, SHARE_ALL, RecordType
from sync_server.demo_data import vocab
from sync_server.demo_data.scale import DemoScale
from sync_server.sync.bulk_load import LoadRecord

#: Partners whose staff work with people (the ones ``share_with: ["ALL"]`` brings in).
PEOPLE_PARTNERS = ("SDS", "DWP", "CAS", "MONEY_HELPER", "COLLEGES_SCOTLAND")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_ORDINAL = _EPOCH.date().toordinal()


@dataclass(slots=True)
class _Event:
    id: str
    employer_id: str
    sector: str
    council: str
    announced: dt.date
    affected: int
    people: int = 0


@dataclass(slots=True)
class _Person:
    id: str
    owner: str
    event: _Event
    registered: dt.date
    leaving: dt.date | None
    reach: tuple[str, ...]  # partners other than the owner that consent lets see the person
    fields: dict[str, Any] = field(default_factory=dict)


def partner_node(partner: str) -> str:
    """The demo device that writes a partner's records (an HLC node, so a valid device id)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"pace-demo-device/{partner}"))


class DemoGenerator:
    def __init__(self, scale: DemoScale, until: dt.date) -> None:
        self.scale = scale
        self.rng = random.Random(scale.seed)
        #: The last day anything happened: yesterday, so no HLC is ever in the future.
        self.last_day = until - dt.timedelta(days=1)
        self.first_day = _months_before(until, scale.months)
        self._nodes: dict[str, str] = {}
        self._ni_serial = 0

    # --- ids, clocks and dates --------------------------------------------------------------
    def _ms(self, day: dt.date) -> int:
        """A moment in the working day (08:30-17:00 UTC) of ``day``, in ms since the epoch."""
        minutes = 510 + int(self.rng.random() * 511)
        return (day.toordinal() - _EPOCH_ORDINAL) * 86_400_000 + minutes * 60_000

    def _hlc(self, partner: str, ms: int) -> str:
        node = self._nodes.get(partner)
        if node is None:
            node = self._nodes[partner] = partner_node(partner)
        return f"{ms:013d}-{self.rng.getrandbits(8):04x}-{node}"

    def _id(self, ms: int) -> str:
        """A UUIDv7 (time-ordered, as the app makes) from the seeded generator."""
        value = (ms << 80) | (7 << 76) | (self.rng.getrandbits(12) << 64)
        text = f"{value | (0b10 << 62) | self.rng.getrandbits(62):032x}"
        # Formatted here rather than through uuid.UUID: a million ids are generated at scale.
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def _day_between(self, low: dt.date, high: dt.date) -> dt.date:
        high = min(high, self.last_day)
        if high <= low:
            return min(low, self.last_day)
        return low + dt.timedelta(days=self.rng.randint(0, (high - low).days))

    def _record(
        self, record_type: str, owner: str, day: dt.date, fields: dict[str, Any]
    ) -> LoadRecord:
        ms = self._ms(day)
        stamp = self._hlc(owner, ms)
        values = {k: v for k, v in fields.items() if v is not None}
        return LoadRecord(
            self._id(ms), str(record_type), owner, values, dict.fromkeys(values, stamp)
        )

    def _later(self, record: LoadRecord, partner: str, day: dt.date, **fields: Any) -> LoadRecord:
        """The record after a later edit of ``fields`` by ``partner`` (a newer HLC for them)."""
        stamp = self._hlc(partner, max(self._ms(day), _wall(max(record.versions.values())) + 1))
        values = {k: v for k, v in fields.items() if v is not None}
        return LoadRecord(
            record.id,
            record.type,
            record.owner,
            {**record.fields, **values},
            {**record.versions, **dict.fromkeys(values, stamp)},
        )

    # --- the stream -------------------------------------------------------------------------
    def records(self) -> Iterator[LoadRecord]:
        events = self._events()
        employers = self._employers(events)
        yield from employers
        for event in events:
            yield self._event_record(event)
            yield from self._employer_support(event)
        self._allocate_people(events)
        serial = 0
        for event in events:
            for _ in range(event.people):
                serial += 1
                yield from self._person_and_children(event, serial)

    # --- employers and events ---------------------------------------------------------------
    def _events(self) -> list[_Event]:
        rng = self.rng
        months = _month_starts(self.first_day, self.last_day)
        month_weights = [rng.uniform(0.5, 1.5) for _ in months]
        sectors = list(vocab.SECTORS)
        sector_weights = [vocab.SECTORS[s][0] for s in sectors]
        councils = list(vocab.COUNCILS)
        council_weights = [vocab.COUNCILS[c][0] for c in councils]
        events: list[_Event] = []
        for _ in range(self.scale.events):
            month = rng.choices(months, month_weights)[0]
            announced = self._day_between(month, _month_end(month))
            affected = int(min(2_000, max(10, rng.lognormvariate(math.log(45), 1.0))))
            sector = rng.choices(sectors, sector_weights)[0]
            council = rng.choices(councils, council_weights)[0]
            events.append(_Event("", "", sector, council, announced, affected))
        events.sort(key=lambda e: e.announced)
        return events

    def _employers(self, events: list[_Event]) -> list[LoadRecord]:
        """One employer per event, except chains: some employers make redundancies twice."""
        made: list[tuple[LoadRecord, str]] = []
        for event in events:
            same_sector = [r for r, s in made if s == event.sector]
            if same_sector and self.rng.random() < 0.12:
                event.employer_id = self.rng.choice(same_sector).id
                continue
            words = vocab.SECTORS[event.sector][1]
            name = (
                f"{self.rng.choice(vocab.PLACES)} {self.rng.choice(words)} "
                f"{self.rng.choice(vocab.SUFFIXES)}"
            )
            employer = self._record(
                RecordType.EMPLOYER,
                "SDS",
                event.announced,
                {"name": name, "sector": event.sector, "local_authority": event.council},
            )
            event.employer_id = employer.id
            made.append((employer, event.sector))
        return [record for record, _ in made]

    def _event_record(self, event: _Event) -> LoadRecord:
        town = vocab.COUNCILS[event.council][3]
        site = f"{town} {self.rng.choice(vocab.SECTORS[event.sector][2])}"
        closes = event.announced + dt.timedelta(days=300)
        record = self._record(
            RecordType.REDUNDANCY_EVENT,
            "SDS",
            event.announced,
            {
                "employer_id": event.employer_id,
                "site_name": site,
                "local_authority": event.council,
                "announced_on": event.announced.isoformat(),
                "affected_count": event.affected,
                "status": "closed" if closes < self.last_day else "open",
            },
        )
        event.id = record.id
        return record

    def _employer_support(self, event: _Event) -> Iterator[LoadRecord]:
        plan = (
            ("initial_meeting", 0.95, 0, 7, (2, 5)),
            ("employer_presentation", 0.4, 3, 21, (3, 10)),
            ("information_session", 0.8, 7, 45, (10, 120)),
            ("information_session", 0.35, 14, 60, (10, 120)),
            ("redundancy_planning", 0.3, 3, 30, (2, 6)),
            ("recruitment_event", 0.25, 30, 120, (10, 80)),
            ("training_needs_analysis", 0.2, 14, 60, (5, 40)),
            ("other", 0.05, 0, 90, (1, 10)),
        )
        for kind, chance, earliest, latest, (few, many) in plan:
            day = event.announced + dt.timedelta(days=self.rng.randint(earliest, latest))
            if self.rng.random() >= chance or day > self.last_day:
                continue
            attendees = min(event.affected, self.rng.randint(few, many))
            owner = self.rng.choices(("SDS", "DWP", self._local_or("SDS", event)), (7, 2, 1))[0]
            note = self.rng.choice(vocab.SUPPORT_NOTES) if self.rng.random() < 0.5 else None
            fields = {
                "employer_id": event.employer_id,
                "event_id": event.id,
                "kind": kind,
                "occurred_on": day.isoformat(),
                "attendees": attendees,
                "notes": note,
            }
            yield self._record(RecordType.EMPLOYER_SUPPORT, owner, day, fields)

    def _local_or(self, default: str, event: _Event) -> str:
        local = vocab.LOCAL_PARTNERS.get(event.council)
        return local[0] if local else default

    def _allocate_people(self, events: list[_Event]) -> None:
        """People per event in proportion to those affected; affected never below registered."""
        chosen = self.rng.choices(
            range(len(events)), [e.affected for e in events], k=self.scale.people
        )
        for index in chosen:
            events[index].people += 1
        for event in events:
            event.affected = max(event.affected, math.ceil(event.people * 1.25))

    # --- people -----------------------------------------------------------------------------
    def _person_and_children(self, event: _Event, serial: int) -> Iterator[LoadRecord]:
        person, record = self._person(event, serial)
        yield record
        yield from self._engagements(person)
        yield from self._referrals(person)
        yield from self._outcomes(person)
        if self.rng.random() < self.scale.duplicate_share:
            yield from self._second_registration(person)

    def _person(self, event: _Event, serial: int) -> tuple[_Person, LoadRecord]:
        rng = self.rng
        registered = self._day_between(
            event.announced, event.announced + dt.timedelta(days=rng.randint(0, 75))
        )
        leaving = event.announced + dt.timedelta(days=rng.randint(45, 150))
        owner = rng.choices(("SDS", "DWP", "CAS", self._local_or("SDS", event)), (60, 25, 5, 10))[0]
        share_with, reach = self._consent(owner)
        fields = {
            **self._identity(event, serial),
            **self._statistics(event, leaving),
            "event_id": event.id,
            "share_with": share_with,
            "consent_recorded_at": _moment(self._ms(registered)),
        }
        person = _Person("", owner, event, registered, leaving, reach, fields)
        record = self._record(RecordType.CLIENT, owner, registered, fields)
        person.id = record.id
        return person, record

    def _consent(self, owner: str) -> tuple[list[str], tuple[str, ...]]:
        roll = self.rng.random()
        others = tuple(p for p in PEOPLE_PARTNERS if p != owner)
        if roll < 0.45:
            return [SHARE_ALL], others
        if roll < 0.8:
            picked = sorted(set(self.rng.sample(others, self.rng.randint(1, 2))))
            return picked, tuple(picked)
        return [], ()

    def _identity(self, event: _Event, serial: int) -> dict[str, Any]:
        rng = self.rng
        female = rng.random() < 0.45
        first = rng.choice(vocab.FEMALE_NAMES if female else vocab.MALE_NAMES)
        last = rng.choice(vocab.SURNAMES)
        low, high, _ = rng.choices(vocab.AGE_BANDS, [b[2] for b in vocab.AGE_BANDS])[0]
        born = event.announced - dt.timedelta(days=rng.randint(low * 365, high * 365 + 364))
        sex = rng.choices(("female", "male", "other", "prefer_not_to_say"), (96, 0, 1, 3))[0]
        if not female:
            sex = rng.choices(("male", "other", "prefer_not_to_say"), (96, 1, 3))[0]
        return {
            "first_name": first,
            "last_name": last,
            "date_of_birth": born.isoformat(),
            "sex": sex if rng.random() < 0.92 else None,
            "ni_number": self._ni_number() if rng.random() < 0.7 else None,
            "postcode": self._postcode(event.council),
            "email": (
                f"{first}.{last}{serial}@example.com".lower().replace(" ", "").replace("'", "")
                if rng.random() < 0.6
                else None
            ),
            "phone": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.8 else None,
        }

    def _statistics(self, event: _Event, leaving: dt.date) -> dict[str, Any]:
        rng = self.rng
        weights = vocab.OCCUPATION_WEIGHTS.get(event.sector, vocab.OCCUPATION_WEIGHTS["default"])
        group = rng.choices("123456789", weights)[0]
        return {
            "occupation_group": group if rng.random() < 0.9 else "prefer_not_to_say",
            "occupation": rng.choice(vocab.OCCUPATIONS[group]) if rng.random() < 0.8 else None,
            "qualification_level": _maybe(
                rng,
                0.85,
                rng.choices(
                    (
                        "none",
                        "scqf_1_4",
                        "scqf_5_6",
                        "scqf_7_10",
                        "scqf_11_12",
                        "prefer_not_to_say",
                    ),
                    (8, 12, 35, 33, 6, 6),
                )[0],
            ),
            "disability": _maybe(
                rng, 0.9, rng.choices(("yes", "no", "prefer_not_to_say"), (18, 75, 7))[0]
            ),
            "leaving_date": leaving.isoformat() if rng.random() < 0.9 else None,
        }

    def _ni_number(self) -> str:
        self._ni_serial += 1
        prefix = vocab.NI_PREFIXES[self._ni_serial % len(vocab.NI_PREFIXES)]
        digits = (self._ni_serial * 7919 + self.rng.randint(0, 7918)) % 1_000_000
        return f"{prefix}{digits:06d}{'ABCD'[self._ni_serial % 4]}"

    def _postcode(self, council: str) -> str:
        _, area, (low, high), _ = vocab.COUNCILS[council]
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        inward = f"{self.rng.randint(1, 9)}{self.rng.choice(letters)}{self.rng.choice(letters)}"
        return f"{area}{self.rng.randint(low, high)} {inward}"

    # --- what happens to a person -----------------------------------------------------------
    def _engagements(self, person: _Person) -> Iterator[LoadRecord]:
        first = {"client_id": person.id, "kind": "initial_session",
                 "occurred_on": person.registered.isoformat()}  # fmt: skip
        yield self._record(RecordType.ENGAGEMENT, person.owner, person.registered, first)
        later = _poisson(self.rng, self.scale.engagements_per_person - 1)
        horizon = (person.leaving or person.registered) + dt.timedelta(days=180)
        for _ in range(later):
            day = self._day_between(person.registered, horizon)
            partner = person.owner
            if person.reach and self.rng.random() < 0.25:
                partner = self.rng.choice(person.reach)
            kinds = vocab.PARTNER_KINDS.get(partner, vocab.PARTNER_KINDS["SDS"])
            note = self.rng.choice(vocab.ENGAGEMENT_NOTES) if self.rng.random() < 0.5 else None
            fields = {
                "client_id": person.id,
                "kind": self.rng.choice(kinds[1:] or kinds),
                "occurred_on": day.isoformat(),
                "notes": note,
            }
            yield self._record(RecordType.ENGAGEMENT, partner, day, fields)

    def _referrals(self, person: _Person) -> Iterator[LoadRecord]:
        count = _poisson(self.rng, 0.45) if person.reach else 0
        for to_partner in self.rng.sample(person.reach, min(count, len(person.reach))):
            made = self._day_between(person.registered, person.registered + dt.timedelta(days=120))
            fields = {
                "client_id": person.id,
                "to_partner": to_partner,
                "reason": vocab.REFERRAL_REASONS.get(to_partner, "Specialist support"),
                "referred_on": made.isoformat(),
                "status": "open",
            }
            referral = self._record(RecordType.REFERRAL, person.owner, made, fields)
            yield self._progress(referral, to_partner, made)

    def _progress(self, referral: LoadRecord, to_partner: str, made: dt.date) -> LoadRecord:
        """What the receiving partner did with the referral, once it had time to."""
        if (self.last_day - made).days < 14:
            return referral
        status = self.rng.choices(("completed", "accepted", "declined", "open"), (55, 15, 15, 15))[
            0
        ]
        if status == "open":
            return referral
        day = self._day_between(made, made + dt.timedelta(days=self.rng.randint(5, 60)))
        if status == "completed":
            return self._later(
                referral, to_partner, day, status=status, completed_on=day.isoformat()
            )
        if status == "declined":
            reason = self.rng.choice(vocab.DECLINE_REASONS)
            return self._later(referral, to_partner, day, status=status, decline_reason=reason)
        return self._later(referral, to_partner, day, status=status)

    def _outcomes(self, person: _Person) -> Iterator[LoadRecord]:
        left = person.leaving or person.registered + dt.timedelta(days=60)
        started: str | None = None
        for months, follow_up in ((3, 0.85), (6, 0.75), (12, 0.6)):
            due = _months_after(left, months)
            if due + dt.timedelta(days=14) > self.last_day or self.rng.random() >= follow_up:
                continue
            recorded = self._day_between(due, due + dt.timedelta(days=28))
            status = self.rng.choices(OUTCOME_STATUSES, vocab.OUTCOME_WEIGHTS[months])[0]
            if status in ("unemployed", "unknown"):
                started = None
            elif started is None:
                started = self._day_between(left - dt.timedelta(days=20), recorded).isoformat()
            fields = {
                "client_id": person.id,
                "status": status,
                "recorded_on": recorded.isoformat(),
                "months_after": months,
                "started_on": started,
            }
            yield self._record(RecordType.OUTCOME, person.owner, recorded, fields)

    def _second_registration(self, person: _Person) -> Iterator[LoadRecord]:
        """The same person registered again by another partner, names spelled their way."""
        owner = "DWP" if person.owner != "DWP" else "SDS"
        fields = dict(person.fields)
        for name in ("first_name", "last_name"):
            fields[name] = vocab.VARIANTS.get(fields[name], fields[name])
        if self.rng.random() < 0.5:
            fields["ni_number"] = None
        fields["email"] = None
        day = self._day_between(person.registered, person.registered + dt.timedelta(days=30))
        share_with, reach = self._consent(owner)
        fields.update(share_with=share_with, consent_recorded_at=_moment(self._ms(day)))
        record = self._record(RecordType.CLIENT, owner, day, fields)
        yield record
        twin = _Person(record.id, owner, person.event, day, person.leaving, reach, fields)
        yield from self._engagements(twin)


def generate(scale: DemoScale, until: dt.date) -> Iterator[LoadRecord]:
    """The records of ``scale`` for the ``scale.months`` months before ``until``, in load order."""
    return DemoGenerator(scale, until).records()


def _maybe(rng: random.Random, chance: float, value: str) -> str | None:
    """``value`` when the question was asked and answered (optional fields stay blank)."""
    return value if rng.random() < chance else None


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means used here."""
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _wall(stamp: str) -> int:
    return int(stamp[:13])


def _moment(ms: int) -> str:
    moment = _EPOCH + dt.timedelta(milliseconds=ms)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _months_after(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months_before(day: dt.date, months: int) -> dt.date:
    return _months_after(day, -months)


def _month_starts(first: dt.date, last: dt.date) -> Sequence[dt.date]:
    starts, current = [], first
    while current <= last:
        starts.append(current)
        current = _months_after(current.replace(day=1), 1)
    return starts


def _month_end(start: dt.date) -> dt.date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])
