"""Caseload review for team leads: every person the partner can see, filtered and sorted in SQL.

The store keeps records as JSON, so filtering 100,000 people by adviser, employer or follow-up
state straight from ``records`` would parse every record on every keystroke. Instead
:func:`build_caseload` reads the store once (one pass over ``people`` and one grouped pass over
the child records, both in SQL inside SQLCipher) into a :class:`CaseloadIndex`: an in-memory
SQLite database (never a file; ``temp_store = MEMORY``) with one row per person and an index per
filter. Filters, sorts and the per-adviser counts are then plain indexed SQL over that table.
No store migration is needed: the index is derived, and rebuilt when records change.

Who registered a person ("adviser") is not a field. It is derived: the earliest HLC among the
person's field versions is the one stamped when the record was created, and an HLC's node is
the id of the device that made it (decisions.md #8: the server refuses any other node). The
device is named after its user when the app knows them (this laptop's own enrolment, and the
``device_names`` a caller passes, e.g. from conflict records); otherwise it is shown as
"Device" and the first eight characters of its id.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, text

from desktop_app.storage.codec import loads
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import each

#: Outcome check-points (months after registration) the follow-up filter knows.
OUTCOME_MONTHS = (3, 6, 12)


class FollowUp(StrEnum):
    """Follow-up states a team lead filters on."""

    OPEN_REFERRAL = "open_referral"  # an open referral older than N days
    NO_ENGAGEMENT = "no_engagement"  # no engagement for N days (since registration if none)
    OUTCOME_3 = "outcome_3"  # 3 months since registration, no 3-month outcome
    OUTCOME_6 = "outcome_6"
    OUTCOME_12 = "outcome_12"


@dataclass(frozen=True, slots=True)
class CaseloadFilter:
    adviser: str | None = None  # adviser name, as in CaseloadOptions.advisers
    event_id: str | None = None
    employer_id: str | None = None
    council_area: str | None = None
    registered_from: str | None = None  # YYYY-MM-DD, inclusive
    registered_to: str | None = None  # YYYY-MM-DD, inclusive
    follow_up: FollowUp | None = None
    days: int = 30  # N for OPEN_REFERRAL and NO_ENGAGEMENT
    today: str | None = None  # YYYY-MM-DD; None means the real date (tests pin it)


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    id: str
    first_name: str
    last_name: str
    adviser: str  # device id
    adviser_name: str
    registered_on: str
    event_label: str
    council_area: str
    last_engagement: str
    open_referrals: int
    outcomes: str  # e.g. "3, 6" (months with an outcome recorded)
    owner_partner: str


@dataclass(frozen=True, slots=True)
class CaseloadResult:
    #: Row keys of every match, in the requested order; fetch their rows with ``rows``.
    keys: list[int]
    #: (adviser name, matches), most matches first. One adviser's devices count together.
    per_adviser: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class CaseloadOptions:
    """What each filter can be set to (only values some person has)."""

    advisers: list[Choice]
    events: list[Choice]
    employers: list[Choice]
    council_areas: list[Choice]


SORT_KEYS: Mapping[str, str] = {
    "last_name": "last_key, first_key",
    "first_name": "first_key, last_key",
    "adviser": "adviser_key, last_key",
    "registered_on": "registered_on, last_key",
    "event": "event_key, last_key",
    "council_area": "council_key, last_key",
    "last_engagement": "last_engagement, last_key",
    "open_referrals": "open_referrals, last_key",
    "outcomes": "outcomes, last_key",
}

_DDL = (
    "CREATE TABLE caseload (k INTEGER PRIMARY KEY, id TEXT NOT NULL, first_name TEXT, "
    "last_name TEXT, first_key TEXT, last_key TEXT, adviser TEXT, adviser_name TEXT, "
    "adviser_key TEXT, "
    "registered_on TEXT, event_id TEXT, event_label TEXT, event_key TEXT, employer_id TEXT, "
    "council_area TEXT, council_key TEXT, last_engagement TEXT, oldest_open_referral TEXT, "
    "open_referrals INTEGER, outcome_3 INTEGER, outcome_6 INTEGER, outcome_12 INTEGER, "
    "outcomes TEXT, owner_partner TEXT)",
    "CREATE INDEX ix_c_last ON caseload (last_key, first_key)",
    "CREATE INDEX ix_c_adviser ON caseload (adviser_name, last_key)",
    "CREATE INDEX ix_c_event ON caseload (event_id, last_key)",
    "CREATE INDEX ix_c_employer ON caseload (employer_id, last_key)",
    "CREATE INDEX ix_c_council ON caseload (council_area, last_key)",
    "CREATE INDEX ix_c_registered ON caseload (registered_on, last_key)",
    "CREATE INDEX ix_c_open_referral ON caseload (oldest_open_referral)",
    "CREATE INDEX ix_c_id ON caseload (id)",
)

# Earliest HLC of a record: its creation stamp ("<13-digit ms>-<counter>-<node>").
_CREATED_HLC = "(SELECT min(value) FROM json_each(r.versions))"

# What the follow-up filters need from the child records: one flat scan (NOT INDEXED: a scan in
# rowid order beats hopping through the type index), aggregated afterwards in memory.
_CHILDREN = (
    "SELECT c.parent_id AS pid, c.type AS type, "
    "json_extract(c.fields, '$.occurred_on') AS occurred_on, "
    "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
    "json_extract(c.fields, '$.referred_on') AS referred_on, "
    "json_extract(c.fields, '$.months_after') AS months_after, "
    "(SELECT min(value) FROM json_each(c.versions)) AS created "
    "FROM records c NOT INDEXED WHERE c.deleted = 0 AND c.parent_id IS NOT NULL "
    "AND c.type IN ('engagement', 'referral', 'outcome')"
)

_PEOPLE = (
    "SELECT p.rid AS k, p.id AS id, p.first_name AS first_name, p.last_name AS last_name, "
    "p.first_key AS first_key, p.last_key AS last_key, p.event_id AS event_id, "
    "p.event_label AS event_label, p.owner_partner AS owner_partner, "
    + _CREATED_HLC
    + " AS created "
    "FROM people p JOIN records r ON r.id = p.id"
)

_STAGING = (
    "CREATE TEMP TABLE devices (id TEXT PRIMARY KEY, name TEXT)",
    "CREATE TEMP TABLE facts (event_id TEXT PRIMARY KEY, employer_id TEXT, area TEXT)",
)

_HLC_DAY = "date(CAST(substr({0}, 1, 13) AS INTEGER) / 1000, 'unixepoch')"

# Everything joined in memory, in C: the adviser is the creating HLC's node (after the
# 13-digit time, a dash, four hex digits and a dash), the registration date its time.
_FILL = (
    "WITH kids AS (SELECT pid, "
    "max(CASE WHEN type = 'engagement' THEN occurred_on END) AS last_engagement, "
    "min(CASE WHEN type = 'referral' AND status = 'open' THEN coalesce(referred_on, "
    + _HLC_DAY.format("created")
    + ") END) AS oldest_open_referral, "
    "sum(CASE WHEN type = 'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) "
    "  AS open_referrals, "
    "max(type = 'outcome' AND months_after = 3) AS o3, "
    "max(type = 'outcome' AND months_after = 6) AS o6, "
    "max(type = 'outcome' AND months_after = 12) AS o12 "
    "FROM c_raw GROUP BY pid) "
    "INSERT INTO caseload SELECT p.k, p.id, p.first_name, p.last_name, p.first_key, p.last_key, "
    "substr(p.created, 20), coalesce(d.name, 'Device ' || substr(p.created, 20, 8)), "
    "lower(coalesce(d.name, 'Device ' || substr(p.created, 20, 8))), "
    + _HLC_DAY.format("p.created")
    + ", p.event_id, p.event_label, lower(p.event_label), f.employer_id, "
    "coalesce(f.area, ''), lower(coalesce(f.area, '')), coalesce(kids.last_engagement, ''), "
    "kids.oldest_open_referral, coalesce(kids.open_referrals, 0), coalesce(kids.o3, 0), "
    "coalesce(kids.o6, 0), coalesce(kids.o12, 0), "
    "rtrim(CASE WHEN kids.o3 THEN '3, ' ELSE '' END || CASE WHEN kids.o6 THEN '6, ' ELSE '' END "
    "|| CASE WHEN kids.o12 THEN '12, ' ELSE '' END, ', '), p.owner_partner "
    "FROM p_raw p LEFT JOIN kids ON kids.pid = p.id "
    "LEFT JOIN devices d ON d.id = substr(p.created, 20) "
    "LEFT JOIN facts f ON f.event_id = p.event_id"
)

_ROW_COLUMNS = (
    "k, id, first_name, last_name, adviser, adviser_name, registered_on, event_label, "
    "council_area, last_engagement, open_referrals, outcomes, owner_partner"
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (clamped to the month's end: 31 May - 3 = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class _EventFacts:
    employer_id: str
    council_area: str


def _event_facts(conn: Connection) -> dict[str, _EventFacts]:
    """Employer and council area of each live event (the event's own area, else the
    employer's)."""
    events: dict[str, dict[str, Any]] = {}
    employers: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        text(
            "SELECT id, type, fields FROM records WHERE deleted = 0 "
            "AND type IN ('redundancy_event', 'employer')"
        )
    )
    for rid, kind, fields in each(rows):
        (events if kind == "redundancy_event" else employers)[rid] = loads(fields)
    facts = {}
    for eid, fields in events.items():
        employer_id = str(fields.get("employer_id") or "")
        area = fields.get("local_authority") or employers.get(employer_id, {}).get(
            "local_authority"
        )
        facts[eid] = _EventFacts(employer_id, str(area or ""))
    return facts


class CaseloadIndex:
    """The derived, in-memory caseload table; safe to query from any one thread at a time
    (a lock serialises callers)."""

    def __init__(self, device_names: Mapping[str, str], db: Any = None) -> None:
        # check_same_thread=False: built on a reader thread and paged from the GUI thread;
        # the lock below keeps those calls apart.
        self._db = db if db is not None else sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("PRAGMA temp_store = MEMORY")  # sorts never spill to a file
        self._lock = threading.Lock()
        self.device_names = dict(device_names)
        self.employer_names: dict[str, str] = {}
        self._db.execute(_DDL[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _load(self, facts: Mapping[str, _EventFacts]) -> None:
        """Join the staged ``p_raw`` and ``c_raw`` (see :func:`_stage`) into the table."""
        with self._lock:
            db = self._db
            for ddl in _STAGING:
                db.execute(ddl)
            db.executemany("INSERT INTO devices VALUES (?,?)", self.device_names.items())
            db.executemany(
                "INSERT INTO facts VALUES (?,?,?)",
                [(e, f.employer_id, f.council_area) for e, f in facts.items()],
            )
            db.execute(_FILL)
            for ddl in _DDL[1:]:  # indexes after the rows: one sort each, not 100,000 inserts
                db.execute(ddl)
            for table in ("p_raw", "c_raw", "devices", "facts"):
                db.execute(f"DROP TABLE {table}")
            db.commit()

    # --- queries ------------------------------------------------------------------------

    @staticmethod
    def _where(f: CaseloadFilter) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("adviser_name", f.adviser),
            ("event_id", f.event_id),
            ("employer_id", f.employer_id),
            ("council_area", f.council_area),
        ):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if f.registered_from:
            where.append("registered_on >= ?")
            params.append(f.registered_from)
        if f.registered_to:
            where.append("registered_on <= ?")
            params.append(f.registered_to)
        if f.follow_up is not None:
            clause, value = _follow_up_clause(f)
            where.append(clause)
            params.append(value)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def query(
        self, f: CaseloadFilter, sort: str = "last_name", descending: bool = False
    ) -> CaseloadResult:
        where, params = self._where(f)
        keys = SORT_KEYS.get(sort, SORT_KEYS["last_name"])
        direction = " DESC" if descending else ""
        order = ", ".join(f"{k.strip()}{direction}" for k in keys.split(",")) + f", k{direction}"
        # Fragments are constants chosen above; every value is a bound parameter.
        with self._lock:
            found = [
                k
                for (k,) in self._db.execute(
                    f"SELECT k FROM caseload{where} ORDER BY {order}",  # noqa: S608
                    params,
                )
            ]
            counts = self._db.execute(
                f"SELECT adviser_name, count(*) FROM caseload{where} "  # noqa: S608
                "GROUP BY adviser_name ORDER BY count(*) DESC, adviser_key",
                params,
            ).fetchall()
        return CaseloadResult(found, [(str(name), int(n)) for name, n in counts])

    def rows(self, keys: Sequence[int]) -> list[CaseloadRow]:
        """The rows of ``keys``, in that order (missing keys are left out)."""
        found: dict[int, CaseloadRow] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                for row in self._db.execute(
                    f"SELECT {_ROW_COLUMNS} FROM caseload WHERE k IN ({marks})",  # noqa: S608
                    part,
                ):
                    found[row[0]] = self._row(row)
        return [found[k] for k in keys if k in found]

    def _row(self, row: tuple[Any, ...]) -> CaseloadRow:
        (
            _k,
            pid,
            first,
            last,
            adviser,
            name,
            registered,
            label,
            area,
            last_eng,
            refs,
            outs,
            owner,
        ) = row
        return CaseloadRow(
            pid, first or "", last or "", adviser or "",
            name or "", registered or "", label or "",
            area or "", last_eng or "", int(refs or 0), outs or "", owner or "",
        )  # fmt: skip

    def options(self) -> CaseloadOptions:
        with self._lock:
            advisers = self._db.execute(
                "SELECT DISTINCT adviser_name FROM caseload WHERE adviser_name != ''"
            ).fetchall()
            events = self._db.execute(
                "SELECT DISTINCT event_id, event_label FROM caseload WHERE event_id IS NOT NULL "
                "AND event_id != '' ORDER BY event_key"
            ).fetchall()
            employers = self._db.execute(
                "SELECT DISTINCT employer_id FROM caseload WHERE employer_id IS NOT NULL "
                "AND employer_id != ''"
            ).fetchall()
            areas = self._db.execute(
                "SELECT DISTINCT council_area FROM caseload WHERE council_area != '' "
                "ORDER BY council_key"
            ).fetchall()
        adviser_choices = sorted(
            (Choice(a, a) for (a,) in advisers),
            key=lambda c: c.label.casefold(),
        )
        employer_choices = sorted(
            (Choice(e, self.employer_names.get(e) or e[:8]) for (e,) in employers),
            key=lambda c: c.label.casefold(),
        )
        return CaseloadOptions(
            adviser_choices,
            [Choice(e, label or e[:8]) for e, label in events],
            employer_choices,
            [Choice(a, a) for (a,) in areas],
        )

    def row_key(self, person_id: str) -> int | None:
        with self._lock:
            found = self._db.execute("SELECT k FROM caseload WHERE id = ?", (person_id,)).fetchone()
        return None if found is None else int(found[0])


def _follow_up_clause(f: CaseloadFilter) -> tuple[str, str]:
    today = dt.date.fromisoformat(f.today) if f.today else dt.date.today()
    days_ago = (today - dt.timedelta(days=max(0, f.days))).isoformat()
    follow_up = f.follow_up
    if follow_up is FollowUp.OPEN_REFERRAL:
        return "oldest_open_referral <= ?", days_ago
    if follow_up is FollowUp.NO_ENGAGEMENT:
        return "coalesce(nullif(last_engagement, ''), registered_on) <= ?", days_ago
    months = {FollowUp.OUTCOME_3: 3, FollowUp.OUTCOME_6: 6, FollowUp.OUTCOME_12: 12}[
        FollowUp(str(follow_up))
    ]
    # Constant column name from the table above; the date is bound.
    return f"outcome_{months} = 0 AND registered_on <= ?", months_before(today, months).isoformat()


def build_caseload(conn: Connection, device_names: Mapping[str, str]) -> CaseloadIndex:
    """Read the store once into a new :class:`CaseloadIndex` (one pass over people, one grouped
    pass over engagements, referrals and outcomes)."""
    # Staged first: ATTACH is refused inside the transaction the reads below begin.
    index = CaseloadIndex(device_names, _stage(conn))
    facts = _event_facts(conn)
    index.employer_names = {
        rid: str(loads(fields).get("name") or "")
        for rid, fields in each(
            conn.execute(
                text("SELECT id, fields FROM records WHERE deleted = 0 AND type = 'employer'")
            )
        )
    }
    index._load(facts)
    return index


def _stage(conn: Connection) -> Any:
    """A new in-memory database holding ``p_raw`` and ``c_raw``, copied in C: an unkeyed
    ``:memory:`` database is attached to the store's connection, filled with INSERT ... SELECT
    (no row passes through Python), copied out with the backup API and detached again. Nothing
    of it is ever a file."""
    raw: Any = conn.connection.driver_connection
    target = sqlcipher3.dbapi2.connect(":memory:", check_same_thread=False)
    raw.execute("ATTACH DATABASE ':memory:' AS caseload_stage KEY ''")
    try:
        raw.execute(f"CREATE TABLE caseload_stage.p_raw AS {_PEOPLE}")
        raw.execute(f"CREATE TABLE caseload_stage.c_raw AS {_CHILDREN}")
        raw.backup(target, name="caseload_stage")
    finally:
        raw.execute("DETACH DATABASE caseload_stage")
    return target


def open_caseload(
    repo: Repository, own_name: str, device_names: Mapping[str, str] | None = None
) -> CaseloadIndex:
    """Build the caseload of everyone this store holds; this laptop's own device is named
    ``own_name`` (its enrolled user), other devices from ``device_names`` where known."""
    names = {**(device_names or {}), repo.clock.node: own_name}
    with repo.reading() as conn:
        return build_caseload(conn, names)
