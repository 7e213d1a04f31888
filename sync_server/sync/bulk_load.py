"""Loading many records at once (demo data, benchmarks) exactly as push would have stored them.

Push validates and merges change by change; a bulk load of generated records needs neither, but
what it writes must be indistinguishable from pushed records: one ``records`` row each with its
fields, per-field HLC versions and a sequence number taken under the sequence lock, and the
``record_access`` rows that visibility derives (public types none, a person their consent,
children their person's). Persons must come before their children in the stream.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from pace_shared import hlc as hlc_rules
from pace_shared.records import CHILD_TYPES, RecordType
from sync_server.auth.service import known_partner_codes
from sync_server.db import Database, bulk_insert
from sync_server.sync import stats_facts, visibility
from sync_server.sync.models import Record, RecordAccess
from sync_server.sync.sequence import SequenceAllocator, meta, set_meta
from sync_server.sync.visibility import Access

_RECORDS = cast(Table, Record.__table__)
_ACCESS = cast(Table, RecordAccess.__table__)


class BulkLoadError(ValueError):
    """A generated record that push would never have stored."""


@dataclass(frozen=True, slots=True)
class LoadRecord:
    """A record as the server keeps it: merged fields and the HLC that wrote each one."""

    id: str
    type: str
    owner: str
    fields: Mapping[str, Any]
    versions: Mapping[str, str]


@dataclass(slots=True)
class _Loader:
    session: Session
    sequence: SequenceAllocator
    partners: frozenset[str]
    chunk: int
    client_access: dict[str, Access]
    counts: Counter[str]
    rows: list[dict[str, Any]]
    access_rows: list[dict[str, str]]

    def add(self, record: LoadRecord) -> None:
        access, client_id = self._access_of(record)
        stamp = max(record.versions.values())
        if not all(hlc_rules.is_valid(v) for v in record.versions.values()):
            raise BulkLoadError(f"record {record.id}: versions must be HLC values")
        at = dt.datetime.fromtimestamp(hlc_rules.wall_ms_of(stamp) / 1000, dt.UTC)
        self.rows.append(
            {
                "id": record.id,
                "type": record.type,
                "owner_partner": record.owner,
                "client_id": client_id,
                "public": access.public,
                "fields": dict(record.fields),
                "versions": dict(record.versions),
                "deleted": False,
                "seq": self.sequence.take(),
                "created_at": at,
                "updated_at": at,
            }
        )
        if not access.public:
            self.access_rows.extend(
                {"record_id": record.id, "partner_code": p} for p in sorted(access.partners)
            )
        self.counts[record.type] += 1
        if len(self.rows) >= self.chunk:
            self.flush()

    def _access_of(self, record: LoadRecord) -> tuple[Access, str | None]:
        if record.owner not in self.partners:
            raise BulkLoadError(f"record {record.id}: unknown partner {record.owner!r}")
        if record.type in CHILD_TYPES:
            client_id = str(record.fields.get("client_id"))
            access = self.client_access.get(client_id)
            if access is None:
                raise BulkLoadError(f"record {record.id}: its person must be loaded first")
            return access, client_id
        access = visibility.for_new_record(record.type, record.owner, record.fields)
        if access is None:  # pragma: no cover - every non-child type has its own access
            raise BulkLoadError(f"record {record.id}: no access rule for {record.type!r}")
        if record.type == RecordType.CLIENT:
            unknown = set(access.partners) - self.partners
            if unknown:
                raise BulkLoadError(f"record {record.id}: unknown partners {sorted(unknown)}")
            self.client_access[record.id] = access
            return access, record.id
        return access, None

    def flush(self) -> None:
        bulk_insert(self.session, _RECORDS, self.rows)
        bulk_insert(self.session, _ACCESS, self.access_rows)
        facts = stats_facts.rows_for(
            stats_facts.Written(
                r["id"],
                r["type"],
                r["owner_partner"],
                r["client_id"],
                r["fields"],
                False,
                r["created_at"],
            )
            for r in self.rows
        )
        bulk_insert(self.session, stats_facts.STATS_FACTS, facts)
        self.rows, self.access_rows = [], []


def load_records(
    db: Database, records: Iterable[LoadRecord], *, marker: str | None = None, chunk: int = 20_000
) -> dict[str, int]:
    """Write ``records`` in one transaction; returns how many of each type.

    ``marker`` names the load in the server's meta table: a second load with the same marker
    writes nothing and returns an empty count.
    """
    with db.write_session() as session:
        sequence = SequenceAllocator(session)
        sequence.lock()  # first, as push does: loaded records take their place in the sequence
        if marker is not None and meta(session, _marker_key(marker)) is not None:
            return {}
        loader = _Loader(
            session, sequence, known_partner_codes(session), chunk, {}, Counter(), [], []
        )
        for record in records:
            loader.add(record)
        loader.flush()
        sequence.save()
        if marker is not None:
            set_meta(session, _marker_key(marker), "loaded")
        counts = dict(loader.counts)
    db.analyze_stats_facts()
    return counts


def _marker_key(marker: str) -> str:
    return f"bulk_load:{marker}"
