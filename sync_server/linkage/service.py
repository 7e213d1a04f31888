"""Linkage runs and their results: who is one person across partners, and which pairs of
records a team lead may review as probable duplicates.

Linkage runs on the server over every partner's live client records, shared or not; what it
finds is shown only as counts (:func:`person_keys` feeds the statistics) and as pairs whose
two records are both visible to the asking partner (:func:`visible_duplicates`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from sync_server.db import Database, in_chunks
from sync_server.linkage import model
from sync_server.linkage.models import DuplicatePair, LinkageRun, PersonLink
from sync_server.linkage.prepare import LINKED_FIELDS, link_row
from sync_server.sync import service as sync_service
from sync_server.timeutil import utcnow

log = logging.getLogger(__name__)

#: Rows per INSERT statement when storing a run.
_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class RunSummary:
    records: int
    people: int
    #: Records joined to another record of the same person (records - people).
    links: int
    pairs: int
    seconds: float


@dataclass(frozen=True, slots=True)
class DuplicateInfo:
    record_id_1: str
    record_id_2: str
    match_probability: float
    same_person: bool


def run_linkage(db: Database) -> RunSummary:
    """Link every live client record, replace the stored result, and return the counts."""
    started = time.perf_counter()
    with db.session() as session:
        clients = sync_service.live_clients(session, LINKED_FIELDS)
    result = model.link([link_row(record_id, fields) for record_id, fields in clients])
    people = len(set(result.clusters.values()))
    summary = RunSummary(
        records=len(result.clusters),
        people=people,
        links=len(result.clusters) - people,
        pairs=len(result.pairs),
        seconds=round(time.perf_counter() - started, 3),
    )
    with db.session() as session:
        _store(session, result, summary)
    log.info(
        "linkage run finished",
        extra={"records": summary.records, "people": summary.people, "links": summary.links},
    )
    return summary


def _store(session: Session, result: model.LinkResult, summary: RunSummary) -> None:
    now = utcnow()
    session.execute(delete(PersonLink))
    session.execute(delete(DuplicatePair))
    sizes: dict[str, int] = {}
    for key in result.clusters.values():
        sizes[key] = sizes.get(key, 0) + 1
    links = [
        {"record_id": record_id, "person_key": key, "linked_at": now}
        for record_id, key in result.clusters.items()
        if sizes[key] > 1
    ]
    pairs = [
        {
            "record_id_1": p.record_id_1,
            "record_id_2": p.record_id_2,
            "match_probability": p.match_probability,
            "match_weight": p.match_weight,
            "linked_at": now,
        }
        for p in result.pairs
    ]
    for table, rows in ((PersonLink, links), (DuplicatePair, pairs)):
        for start in range(0, len(rows), _BATCH):
            session.execute(insert(table), rows[start : start + _BATCH])
    session.add(
        LinkageRun(
            finished_at=now,
            records=summary.records,
            people=summary.people,
            links=summary.links,
            pairs=summary.pairs,
            seconds=summary.seconds,
        )
    )


def forget(session: Session, record_ids: Collection[str]) -> None:
    """Remove erased client records from the last run's links and duplicate pairs, so no
    trace of an erased person stays here: a person left with one record is no longer linked,
    and one whose key was an erased id is keyed by their smallest remaining id."""
    keys: set[str] = set()
    for chunk in in_chunks(sorted(set(record_ids))):
        keys.update(
            session.execute(
                select(PersonLink.person_key).where(PersonLink.record_id.in_(chunk))
            ).scalars()
        )
        session.execute(delete(PersonLink).where(PersonLink.record_id.in_(chunk)))
        session.execute(
            delete(DuplicatePair).where(
                or_(DuplicatePair.record_id_1.in_(chunk), DuplicatePair.record_id_2.in_(chunk))
            )
        )
    for key in sorted(keys):
        members = sorted(
            session.execute(
                select(PersonLink.record_id).where(PersonLink.person_key == key)
            ).scalars()
        )
        if len(members) < 2:
            session.execute(delete(PersonLink).where(PersonLink.person_key == key))
        elif key != members[0]:
            session.execute(
                update(PersonLink).where(PersonLink.person_key == key).values(person_key=members[0])
            )


def linked_keys(session: Session) -> dict[str, str]:
    """Client record id -> person key, for the records the last run linked to another; any
    other record is a person of its own. (May list records deleted since the run.)"""
    links = session.execute(select(PersonLink.record_id, PersonLink.person_key))
    return {row.record_id: row.person_key for row in links}


def person_keys(session: Session) -> dict[str, str]:
    """Every live client record id -> its person key (itself when not linked, or when it
    arrived after the last run)."""
    keys = linked_keys(session)
    return {
        record_id: keys.get(record_id, record_id)
        for record_id in sync_service.live_client_ids(session)
    }


def last_run(session: Session) -> LinkageRun | None:
    return session.execute(
        select(LinkageRun).order_by(LinkageRun.id.desc()).limit(1)
    ).scalar_one_or_none()


def visible_duplicates(
    session: Session, partner: str, min_probability: float, limit: int
) -> list[DuplicateInfo]:
    """Probable duplicate pairs whose two records ``partner`` can both see now (and neither is
    deleted), most probable first. A pair with one hidden side is never returned."""
    visible = sync_service.clients_visible_to(partner)
    first, second = PersonLink.__table__.alias("first"), PersonLink.__table__.alias("second")
    rows = session.execute(
        select(
            DuplicatePair.record_id_1,
            DuplicatePair.record_id_2,
            DuplicatePair.match_probability,
            func.coalesce(first.c.person_key, DuplicatePair.record_id_1)
            == func.coalesce(second.c.person_key, DuplicatePair.record_id_2),
        )
        .outerjoin(first, first.c.record_id == DuplicatePair.record_id_1)
        .outerjoin(second, second.c.record_id == DuplicatePair.record_id_2)
        .where(
            DuplicatePair.record_id_1.in_(visible),
            DuplicatePair.record_id_2.in_(visible),
            DuplicatePair.match_probability >= min_probability,
        )
        .order_by(
            DuplicatePair.match_probability.desc(),
            DuplicatePair.record_id_1,
            DuplicatePair.record_id_2,
        )
        .limit(limit)
    )
    return [DuplicateInfo(r[0], r[1], float(r[2]), bool(r[3])) for r in rows]


def already_known(session: Session, record_ids: Collection[str]) -> set[str]:
    """Of ``record_ids``, those the last run linked to another record or paired with one for
    review: who may be someone already held (the duplicate check an import goes through)."""
    wanted = set(record_ids)
    found: set[str] = set()
    for chunk in in_chunks(sorted(wanted)):
        keys = {
            row.record_id: row.person_key
            for row in session.execute(
                select(PersonLink.record_id, PersonLink.person_key).where(
                    PersonLink.record_id.in_(chunk)
                )
            )
        }
        shared = set(
            session.execute(
                select(PersonLink.person_key)
                .where(PersonLink.person_key.in_(set(keys.values())))
                .group_by(PersonLink.person_key)
                .having(func.count() > 1)
            ).scalars()
        )
        found |= {record_id for record_id, key in keys.items() if key in shared}
        for row in session.execute(
            select(DuplicatePair.record_id_1, DuplicatePair.record_id_2).where(
                or_(DuplicatePair.record_id_1.in_(chunk), DuplicatePair.record_id_2.in_(chunk))
            )
        ):
            found |= {row.record_id_1, row.record_id_2} & wanted
    return found
