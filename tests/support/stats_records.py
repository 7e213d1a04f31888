"""Synthetic PACE records straight into a server database, for statistics tests and benchmarks.

Rows go into the records table the way the push path leaves them (merged fields, versions,
a sequence number), in bulk (COPY on PostgreSQL), so five years of PACE (150,000 people,
600,000 engagements, 3,000 events) load in a minute rather than hours of pushing. The fields
include decision 9's (sex, qualification, occupation group, leaving date, outcome start date,
referral dates, employer support) so every table has something to count.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from pace_shared.reference import council_areas
from sync_server.db import Database, bulk_insert
from sync_server.sync.models import Record

PARTNERS = ("SDS", "DWP", "FIFE_COUNCIL", "GLASGOW_CITY_COUNCIL", "CAS", "FIFE_COLLEGE")
SECTORS = "CGHIJKMNQ"
SEXES = ("female", "male", "other", "prefer_not_to_say", None)
QUALIFICATIONS = ("none", "scqf_1_4", "scqf_5_6", "scqf_7_10", "scqf_11_12", None)
OCCUPATIONS = (*"123456789", None)
ENGAGEMENTS = (
    "initial_session",
    "one_to_one",
    "cv_support",
    "job_search",
    "benefits_advice",
    "training_funding",
    "money_advice",
    "wellbeing",
    "other",
)
OUTCOMES = ("employed", "self_employed", "training", "education", "unemployed", "unknown")
SUPPORT = (
    "initial_meeting",
    "employer_presentation",
    "information_session",
    "redundancy_planning",
    "recruitment_event",
    "training_needs_analysis",
    "other",
)
HLC = "1764000000000-0000-00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Scale:
    people: int
    engagements: int
    events: int
    start: dt.date = dt.date(2021, 1, 1)
    days: int = 5 * 365

    @property
    def employers(self) -> int:
        return max(1, self.events // 3)


FIVE_YEARS = Scale(people=150_000, engagements=600_000, events=3_000)


class _Rows:
    """Record rows with sequence numbers, flushed in batches."""

    def __init__(self, db: Database, batch: int = 20_000) -> None:
        self.db, self.batch, self.rows = db, batch, []
        with db.session() as session:
            self.seq = session.execute(select(func.coalesce(func.max(Record.seq), 0))).scalar_one()
        self.count = 0

    def add(
        self,
        record_type: str,
        owner: str,
        fields: dict[str, Any],
        *,
        client_id: str | None = None,
        public: bool = False,
        created: dt.date | None = None,
        record_id: str | None = None,
    ) -> str:
        record_id = record_id or str(uuid.uuid4())
        self.seq += 1
        at = dt.datetime.combine(created or dt.date(2026, 1, 1), dt.time(12), dt.UTC)
        self.rows.append(
            {
                "id": record_id,
                "type": record_type,
                "owner_partner": owner,
                "client_id": client_id,
                "public": public,
                "fields": fields,
                "versions": dict.fromkeys(fields, HLC),
                "deleted": False,
                "seq": self.seq,
                "created_at": at,
                "updated_at": at,
            }
        )
        if len(self.rows) >= self.batch:
            self.flush()
        return record_id

    def flush(self) -> None:
        if self.rows:
            with self.db.session() as session:
                bulk_insert(session, Record.__table__, self.rows)  # type: ignore[arg-type]
            self.count += len(self.rows)
            self.rows = []


def _day(rng: random.Random, scale: Scale) -> dt.date:
    return scale.start + dt.timedelta(days=rng.randrange(scale.days))


def _maybe(rng: random.Random, value: Any, chance: float = 0.9) -> Any:
    return value if rng.random() < chance else None


def load(db: Database, scale: Scale, seed: int = 2026) -> int:
    """Insert ``scale``'s records; returns how many."""
    rng = random.Random(seed)
    rows = _Rows(db)
    areas = council_areas()
    employers = []
    for i in range(scale.employers):
        employers.append(
            rows.add(
                "employer",
                "SDS",
                {
                    "name": f"Employer {i}",
                    "sector": rng.choice(SECTORS),
                    "local_authority": rng.choice(areas),
                },
                public=True,
            )
        )
    events = []
    for _ in range(scale.events):
        announced = _day(rng, scale)
        fields = {
            "employer_id": rng.choice(employers),
            "local_authority": rng.choice(areas),
            "announced_on": announced.isoformat(),
            "affected_count": rng.choice((3, 12, 40, 90, 250)),
            "status": "open",
        }
        events.append(
            (
                rows.add("redundancy_event", rng.choice(PARTNERS), fields, public=True),
                announced,
                fields["employer_id"],
            )
        )
        for _ in range(rng.randint(0, 2)):
            rows.add(
                "employer_support",
                rng.choice(PARTNERS),
                {
                    "employer_id": fields["employer_id"],
                    "event_id": events[-1][0],
                    "kind": rng.choice(SUPPORT),
                    "occurred_on": announced.isoformat(),
                    "attendees": rng.randint(0, 60),
                },
                public=True,
            )
    per_person = scale.engagements / max(1, scale.people)
    for _ in _people(rows, rng, scale, events, per_person):
        pass
    rows.flush()
    return rows.count


def _people(
    rows: _Rows,
    rng: random.Random,
    scale: Scale,
    events: list[tuple[str, dt.date, str]],
    per_person: float,
) -> Iterator[str]:
    for _ in range(scale.people):
        event_id, announced, _ = rng.choice(events)
        registered = min(
            announced + dt.timedelta(days=rng.randrange(60)),
            scale.start + dt.timedelta(days=scale.days),
        )
        owner = rng.choice(PARTNERS)
        leaving = registered + dt.timedelta(days=rng.randrange(90))
        fields = {
            "first_name": "Test",
            "last_name": "Person",
            "event_id": event_id,
            "date_of_birth": f"{rng.randint(1958, 2006)}-{rng.randint(1, 12):02d}-15",
            "sex": _maybe(rng, rng.choice(SEXES)),
            "qualification_level": rng.choice(QUALIFICATIONS),
            "occupation_group": rng.choice(OCCUPATIONS),
            "leaving_date": _maybe(rng, leaving.isoformat(), 0.7),
            "share_with": ["ALL"],
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        client = rows.add("client", owner, fields, created=registered)
        count = int(per_person) + (rng.random() < per_person % 1)
        for _ in range(count):
            day = registered + dt.timedelta(days=rng.randrange(180))
            rows.add(
                "engagement",
                rng.choice(PARTNERS),
                {
                    "client_id": client,
                    "kind": rng.choice(ENGAGEMENTS),
                    "occurred_on": day.isoformat(),
                },
                client_id=client,
                created=day,
            )
        if rng.random() < 0.3:
            made = registered + dt.timedelta(days=rng.randrange(30))
            status = rng.choice(("open", "accepted", "completed", "declined"))
            fields = {
                "client_id": client,
                "to_partner": rng.choice(PARTNERS),
                "status": status,
                "referred_on": made.isoformat(),
            }
            if status == "completed":
                fields["completed_on"] = (
                    made + dt.timedelta(days=rng.randrange(5, 60))
                ).isoformat()
            rows.add("referral", owner, fields, client_id=client, created=made)
        for months in (3, 6, 12):
            if rng.random() < 0.5:
                recorded = registered + dt.timedelta(days=30 * months)
                status = rng.choice(OUTCOMES)
                fields = {
                    "client_id": client,
                    "status": status,
                    "recorded_on": recorded.isoformat(),
                    "months_after": months,
                }
                if status in ("employed", "self_employed"):
                    fields["started_on"] = (
                        leaving + dt.timedelta(days=rng.randrange(10, 200))
                    ).isoformat()
                rows.add("outcome", owner, fields, client_id=client, created=recorded)
        yield client
