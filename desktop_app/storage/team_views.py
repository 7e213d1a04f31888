"""Team-lead reads and writes: referrals in and out of the partner, event summaries.

Reads are SQL over the local store (small sets: referrals and events number in the thousands,
not the hundreds of thousands). Writes are ordinary field changes through
``Repository.save_record``, so they queue, sync and merge like every other edit; the UI runs
them on the job lane.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from desktop_app.storage.codec import loads
from desktop_app.storage.people_index import event_labels
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import each
from desktop_app.storage.views import Changes, RecordValidationError
from pace_shared.records import FieldError, RecordType


class Direction:
    INCOMING = "incoming"
    OUTGOING = "outgoing"


@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: str
    client_id: str
    person_name: str
    direction: str  # Direction.INCOMING | Direction.OUTGOING
    from_partner: str
    to_partner: str
    status: str
    referred_on: str
    completed_on: str
    decline_reason: str
    age_days: int | None  # days since referred_on (None when unknown)
    #: Fields the data-sharing agreement keeps from this partner (shown as "Withheld").
    withheld: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    label: str
    council_area: str
    announced_on: str
    status: str
    affected: int | None
    registered: int
    engagements: int
    open_referrals: int
    outcomes: int


def _created_date(versions: str | None) -> str:
    """The day a record was first written, on this laptop's calendar: the same calendar as a
    referral's ``referred_on`` (the adviser's today) and as the ``today`` its age counts to,
    so a referral made just after local midnight in summer is not a day old already."""
    stamps = [str(v) for v in loads(versions).values() if v]
    if not stamps:
        return ""
    try:
        ms = int(min(stamps)[:13])
    except ValueError:
        return ""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).astimezone().date().isoformat()


def _age(referred_on: str, today: dt.date) -> int | None:
    try:
        return (today - dt.date.fromisoformat(referred_on)).days
    except ValueError:
        return None


_REFERRALS = (
    "SELECT r.id, r.owner_partner, r.fields, r.versions, p.first_name, p.last_name "
    "FROM records r LEFT JOIN people p ON p.id = r.parent_id "
    "WHERE r.type = 'referral' AND r.deleted = 0 "
    "AND (r.owner_partner = :p OR json_extract(r.fields, '$.to_partner') = :p)"
)


def referrals(repo: Repository, today: dt.date | None = None) -> list[ReferralRow]:
    """Referrals to this partner from others (incoming) and from this partner (outgoing),
    newest first."""
    today = today or dt.date.today()
    partner = repo.partner
    found = []
    with repo.reading() as conn:
        rows = list(each(conn.execute(text(_REFERRALS), {"p": partner})))
    for rid, owner, fields_text, versions, first, last in rows:
        fields: dict[str, Any] = loads(fields_text)
        to_partner = str(fields.get("to_partner") or "")
        incoming = to_partner == partner and owner != partner
        referred_on = str(fields.get("referred_on") or _created_date(versions))
        found.append(
            ReferralRow(
                id=rid,
                client_id=str(fields.get("client_id") or ""),
                person_name=" ".join(p for p in (first, last) if p),
                direction=Direction.INCOMING if incoming else Direction.OUTGOING,
                from_partner=str(owner or ""),
                to_partner=to_partner,
                status=str(fields.get("status") or "open"),
                referred_on=referred_on,
                completed_on=str(fields.get("completed_on") or ""),
                decline_reason=str(fields.get("decline_reason") or ""),
                age_days=_age(referred_on, today),
                withheld=repo.withheld_from_here("referral", owner),
            )
        )
    found.sort(key=lambda r: (r.referred_on, r.id), reverse=True)
    return found


_EVENT_COUNTS = (
    "SELECT p.event_id, "
    "count(DISTINCT p.id), "
    "sum(CASE WHEN c.type = 'engagement' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN c.type = 'referral' AND coalesce(json_extract(c.fields, '$.status'), 'open') "
    "  IN ('open', 'accepted') THEN 1 ELSE 0 END), "
    "sum(CASE WHEN c.type = 'outcome' THEN 1 ELSE 0 END) "
    "FROM people p LEFT JOIN records c ON c.parent_id = p.id AND c.deleted = 0 "
    "AND c.type IN ('engagement', 'referral', 'outcome') "
    "WHERE p.event_id IS NOT NULL GROUP BY p.event_id"
)


def event_summaries(repo: Repository) -> list[EventSummary]:
    """Each live redundancy event with its figures so far, newest announcement first."""
    with repo.reading() as conn:
        counts = {
            eid: (int(n or 0), int(e or 0), int(r or 0), int(o or 0))
            for eid, n, e, r, o in each(conn.execute(text(_EVENT_COUNTS)))
        }
        events = [
            (rid, loads(fields))
            for rid, fields in each(
                conn.execute(
                    text(
                        "SELECT id, fields FROM records WHERE deleted = 0 "
                        "AND type = 'redundancy_event'"
                    )
                )
            )
        ]
        labels = event_labels(conn, [rid for rid, _f in events])
        areas = _employer_areas(conn)
    found = []
    for rid, fields in events:
        registered, engagements, open_refs, outcomes = counts.get(rid, (0, 0, 0, 0))
        affected = fields.get("affected_count")
        found.append(
            EventSummary(
                id=rid,
                label=labels.get(rid, ""),
                council_area=str(
                    fields.get("local_authority")
                    or areas.get(str(fields.get("employer_id") or ""), "")
                ),
                announced_on=str(fields.get("announced_on") or ""),
                status=str(fields.get("status") or "open"),
                affected=affected if isinstance(affected, int) else None,
                registered=registered,
                engagements=engagements,
                open_referrals=open_refs,
                outcomes=outcomes,
            )
        )
    found.sort(key=lambda s: (s.announced_on, s.id), reverse=True)
    return found


def _employer_areas(conn: Any) -> dict[str, str]:
    rows = conn.execute(
        text("SELECT id, fields FROM records WHERE deleted = 0 AND type = 'employer'")
    )
    return {rid: str(loads(f).get("local_authority") or "") for rid, f in each(rows)}


# --- writes (run on the job lane) ---------------------------------------------------------


def accept_referral(repo: Repository, referral_id: str) -> Changes:
    return repo.save_record(RecordType.REFERRAL, {"status": "accepted"}, record_id=referral_id)


def decline_referral(repo: Repository, referral_id: str, reason: str) -> Changes:
    if not reason.strip():
        raise RecordValidationError([FieldError("decline_reason", "say why it is declined")])
    return repo.save_record(
        RecordType.REFERRAL,
        {"status": "declined", "decline_reason": reason.strip()},
        record_id=referral_id,
    )


def complete_referral(repo: Repository, referral_id: str, on: dt.date | None = None) -> Changes:
    day = (on or dt.date.today()).isoformat()
    return repo.save_record(
        RecordType.REFERRAL, {"status": "completed", "completed_on": day}, record_id=referral_id
    )


def close_event(repo: Repository, event_id: str) -> Changes:
    return repo.save_record(RecordType.REDUNDANCY_EVENT, {"status": "closed"}, record_id=event_id)
