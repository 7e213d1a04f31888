"""Caseload review for team leads: every person the partner can see, filtered and sorted in SQL.

The store keeps records as JSON, so filtering 100,000 people by adviser, employer or follow-up
state straight from ``records`` would parse every record on every keystroke. Instead the store
keeps a ``caseload`` table (one row per live client: registering device, registration date,
event, employer, council area, last engagement, oldest open referral, outcome check-points),
current at every write (see :mod:`desktop_app.storage.caseload_table`). Opening the caseload
reads only the list of devices and employer names. A query counts the matches per adviser (one
pass over an index that covers every filter column) and reads the first page in the requested
order (each sort has an index, so the read stops after a page); further pages are read as the
list is scrolled. Rows are joined with the ``people`` search index for names and labels.

Who registered a person ("adviser") is not a field. It is derived: the earliest HLC among the
person's field versions is the one stamped when the record was created, and an HLC's node is
the id of the device that made it (decisions.md #8: the server refuses any other node). The
device is named after its user when the app knows them (this laptop's own enrolment, and the
``device_names`` a caller passes, e.g. from conflict records); a device of another partner
(whose people that partner owns) is shown as that partner; otherwise it is shown as "Device"
and the first eight characters of its id.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, text

from desktop_app.storage.caseload_table import OUTCOMES
from desktop_app.storage.codec import loads
from desktop_app.storage.people_index import chunks, in_query
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import each
from pace_shared import reference
from pace_shared.messages import user_message

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
    """What a filter matches: how many, per adviser, and the first page in the asked order."""

    filter: CaseloadFilter
    sort: str
    descending: bool
    #: Everyone in the caseload (what the filter chose from).
    everyone: int
    #: Matches per registering device ('' when unknown).
    per_device: dict[str, int]
    #: (adviser name, matches), most matches first. One adviser's devices count together.
    per_adviser: list[tuple[str, int]]
    #: The first rows in order (up to the page size the query was asked for).
    first_page: list[CaseloadRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.per_device.values())


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


#: Rows read per query and per scroll.
PAGE_SIZE = 200

#: Each sort: its keys, and the index that holds them in that order (caseload_table.INDEXES).
#: The adviser's order depends on names the store does not hold, so it is read one adviser
#: at a time (``_adviser_page``), by surname within each.
SORTS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "last_name": (("c.last_key", "c.first_key"), "ix_caseload_name"),
    "first_name": (("c.first_key", "c.last_key"), "ix_caseload_first_name"),
    "adviser": (("c.last_key", "c.first_key"), "ix_caseload_adviser_name"),
    "registered_on": (("c.registered_on", "c.last_key"), "ix_caseload_registered"),
    "event": (("c.event_key", "c.last_key"), "ix_caseload_event_key"),
    "council_area": (("lower(c.council_area)", "c.last_key"), "ix_caseload_council_key"),
    "last_engagement": (("c.last_engagement", "c.last_key"), "ix_caseload_last_engagement"),
    "open_referrals": (("c.open_referrals", "c.last_key"), "ix_caseload_open_referrals"),
    "outcomes": ((OUTCOMES, "c.last_key"), "ix_caseload_outcomes"),
}

# The count query always reads the index that holds every filter column, in adviser order.
_COUNT = "SELECT c.adviser_device, count(*) FROM caseload c INDEXED BY ix_caseload_counts"

_ROW_COLUMNS = (
    "c.rowid, p.id, p.first_name, p.last_name, c.adviser_device, c.registered_on, p.event_label, "
    f"c.council_area, c.last_engagement, c.open_referrals, {OUTCOMES}, p.owner_partner"
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (clamped to the month's end: 31 May - 3 = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class CaseloadIndex:
    """The caseload review over the store's ``caseload`` and ``people`` tables (both kept
    current at every write), with the names of the advisers' devices. Holds no personal data
    itself; every call reads the store on the calling thread's own connection."""

    def __init__(self, repo: Repository, device_names: Mapping[str, str]) -> None:
        self._repo = repo
        self.device_names = dict(device_names)
        self.employer_names: dict[str, str] = {}
        self._devices: list[str] = []  # every registering device, read at open
        #: The partner of each device's people, for devices not named above (read at open).
        self.device_partners: dict[str, str] = {}

    def close(self) -> None:
        """Nothing to release: kept so a screen can drop its index the same way as before."""

    def adviser_name(self, device: str) -> str:
        """The device's user where known; else, for another partner's device, that partner (its
        devices count and filter together); else "Device" and the id's first 8 characters."""
        known = self.device_names.get(device)
        if known:
            return known
        partner = self.device_partners.get(device)
        if partner and partner != self._repo.partner:
            name = reference.partner_names().get(partner, partner)
            return user_message("caseload", "Another partner: {partner}").format(partner=name)
        return user_message("caseload", "Device {device}").format(device=device[:8])

    def _load(self, conn: Connection) -> None:
        self._devices = [
            str(d)
            for (d,) in conn.execute(
                text("SELECT DISTINCT adviser_device FROM caseload WHERE adviser_device != ''")
            )
        ]
        # A device registers people for its own partner only: one person of each says which.
        for device in self._devices:
            if device not in self.device_names:
                owner = conn.execute(
                    text(
                        "SELECT p.owner_partner FROM caseload c JOIN people p "
                        "ON p.id = c.person_id WHERE c.adviser_device = :d LIMIT 1"
                    ),
                    {"d": device},
                ).scalar()
                if owner:
                    self.device_partners[device] = str(owner)
        self.employer_names = {
            rid: str(loads(fields).get("name") or "")
            for rid, fields in each(
                conn.execute(
                    text("SELECT id, fields FROM records WHERE deleted = 0 AND type = 'employer'")
                )
            )
        }

    # --- queries ------------------------------------------------------------------------

    def _where(self, f: CaseloadFilter) -> tuple[str, dict[str, Any]]:
        where: list[str] = []
        params: dict[str, Any] = {}
        if f.adviser:
            devices = [d for d in self._devices if self.adviser_name(d) == f.adviser]
            marks = [f":adv{i}" for i in range(len(devices))]
            params.update({f"adv{i}": d for i, d in enumerate(devices)})
            where.append(f"c.adviser_device IN ({', '.join(marks)})" if marks else "0")
        for column, value in (
            ("c.event_id", f.event_id),
            ("c.employer_id", f.employer_id),
            ("c.council_area", f.council_area),
        ):
            if value:
                name = column[2:]
                where.append(f"{column} = :{name}")
                params[name] = value
        if f.registered_from:
            where.append("c.registered_on >= :reg_from")
            params["reg_from"] = f.registered_from
        if f.registered_to:
            where.append("c.registered_on <= :reg_to")
            params["reg_to"] = f.registered_to
        if f.follow_up is not None:
            clause, value = _follow_up_clause(f)
            where.append(clause)
            params["follow_up"] = value
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def query(
        self,
        f: CaseloadFilter,
        sort: str = "last_name",
        descending: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> CaseloadResult:
        """The counts of what ``f`` matches and its first ``page_size`` rows in order."""
        where, params = self._where(f)
        per_device: dict[str, int] = {}
        with self._repo.reading() as conn:
            # Fragments are constants chosen in _where; values are bound.
            counted = conn.execute(text(f"{_COUNT}{where} GROUP BY c.adviser_device"), params)
            for device, n in each(counted):
                per_device[str(device or "")] = per_device.get(str(device or ""), 0) + int(n)
            everyone: int = conn.execute(text("SELECT count(*) FROM caseload")).scalar_one()
        per_name: dict[str, int] = {}
        for device, n in per_device.items():
            name = self.adviser_name(device)
            per_name[name] = per_name.get(name, 0) + n
        per_adviser = sorted(per_name.items(), key=lambda item: (-item[1], item[0].casefold()))
        result = CaseloadResult(f, sort if sort in SORTS else "last_name", descending,
                                int(everyone), per_device, per_adviser)  # fmt: skip
        result.first_page.extend(self.page(result, 0, page_size))
        return result

    def page(
        self, result: CaseloadResult, offset: int, limit: int = PAGE_SIZE
    ) -> list[CaseloadRow]:
        """Rows ``offset`` to ``offset + limit`` of ``result``'s filter in its order (read now:
        fewer, or others, when the store changed since the query)."""
        if limit <= 0 or offset >= result.total:
            return []
        where, params = self._where(result.filter)
        if result.sort == "adviser":
            keys = self._adviser_page(result, where, params, offset, limit)
        else:
            walk = _walk_sort_index(where, result.total, result.everyone, offset + limit)
            keys = self._keys(where, params, result.sort, result.descending, offset, limit, walk)
        return self.rows(keys)

    def _keys(
        self,
        where: str,
        params: dict[str, Any],
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        walk: bool,
    ) -> list[int]:
        keys, index = SORTS[sort]
        direction = " DESC" if descending else ""
        order = ", ".join(f"{key}{direction}" for key in (*keys, "c.rowid"))
        # Walking the sort's index reads rows in order and stops after the page; otherwise
        # SQLite picks a filter's index and sorts what it finds.
        source = f"caseload c INDEXED BY {index}" if walk else "caseload c"
        with self._repo.reading() as conn:
            found = conn.execute(
                # Fragments are constants chosen here and in _where; values are bound.
                text(
                    f"SELECT c.rowid FROM {source}{where} ORDER BY {order} "  # noqa: S608
                    "LIMIT :page_limit OFFSET :page_offset"
                ),
                {**params, "page_limit": limit, "page_offset": offset},
            )
            return [int(k) for (k,) in each(found)]

    def _adviser_page(
        self,
        result: CaseloadResult,
        where: str,
        params: dict[str, Any],
        offset: int,
        limit: int,
    ) -> list[int]:
        """A page in adviser-name order: advisers in name order, each one's people by surname,
        skipping whole advisers (their counts are known) until the page's first row."""
        groups: dict[str, list[str]] = {}
        for device in result.per_device:
            groups.setdefault(self.adviser_name(device).casefold(), []).append(device)
        keys: list[int] = []
        for name in sorted(groups, reverse=result.descending):
            devices = groups[name]
            matches = sum(result.per_device[d] for d in devices)
            if offset >= matches:
                offset -= matches
                continue
            marks = ", ".join(f":grp{i}" for i in range(len(devices)))
            one = f"(c.adviser_device IN ({marks})" + (
                " OR c.adviser_device IS NULL)" if "" in devices else ")"
            )
            clause = f"{where} AND {one}" if where else f" WHERE {one}"
            walk = _walk_sort_index(where, matches, result.everyone, offset + limit)
            found = self._keys(
                clause,
                {**params, **{f"grp{i}": d for i, d in enumerate(devices)}},
                "adviser",
                result.descending,
                offset,
                limit - len(keys),
                walk,
            )
            keys.extend(found)
            offset = 0
            if len(keys) >= limit:
                break
        return keys

    def rows(self, keys: Sequence[int]) -> list[CaseloadRow]:
        """The rows of ``keys`` (``caseload`` rowids), in that order (missing keys left out)."""
        found: dict[int, CaseloadRow] = {}
        with self._repo.reading() as conn:
            for part in chunks(list(keys)):
                for row in each(
                    conn.execute(
                        in_query(
                            f"SELECT {_ROW_COLUMNS} FROM caseload c "  # noqa: S608
                            "JOIN people p ON p.id = c.person_id WHERE c.rowid IN :ids"
                        ),
                        {"ids": list(part)},
                    )
                ):
                    found[int(row[0])] = self._row(row)
        return [found[k] for k in keys if k in found]

    def _row(self, row: tuple[Any, ...]) -> CaseloadRow:
        (
            _k,
            pid,
            first_name,
            last,
            device,
            registered,
            label,
            area,
            last_eng,
            refs,
            outs,
            owner,
        ) = row
        return CaseloadRow(
            pid, first_name or "", last or "", device or "",
            self.adviser_name(device or ""), registered or "", label or "",
            area or "", last_eng or "", int(refs or 0), outs or "", owner or "",
        )  # fmt: skip

    def options(self) -> CaseloadOptions:
        with self._repo.reading() as conn:
            events = list(
                each(
                    conn.execute(
                        text(
                            "SELECT DISTINCT p.event_id, p.event_label FROM people p "
                            "WHERE p.event_id IS NOT NULL AND p.event_id != '' ORDER BY p.event_key"
                        )
                    )
                )
            )
            employers = list(
                each(
                    conn.execute(
                        text(
                            "SELECT DISTINCT employer_id FROM caseload "
                            "WHERE employer_id IS NOT NULL AND employer_id != ''"
                        )
                    )
                )
            )
            areas = list(
                each(
                    conn.execute(
                        text(
                            "SELECT DISTINCT council_area FROM caseload WHERE council_area != '' "
                            "ORDER BY lower(council_area)"
                        )
                    )
                )
            )
        adviser_choices = sorted(
            (Choice(a, a) for a in {self.adviser_name(d) for d in self._devices}),
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


def _walk_sort_index(where: str, matches: int, everyone: int, rows: int) -> bool:
    """Whether reading ``rows`` rows in order is cheaper along the sort's index (checking the
    filter row by row, about ``rows * everyone / matches`` rows read) than finding all
    ``matches`` through a filter's index and sorting them."""
    return not where or matches * matches > rows * everyone


def _follow_up_clause(f: CaseloadFilter) -> tuple[str, str]:
    today = dt.date.fromisoformat(f.today) if f.today else dt.date.today()
    days_ago = (today - dt.timedelta(days=max(0, f.days))).isoformat()
    follow_up = f.follow_up
    if follow_up is FollowUp.OPEN_REFERRAL:
        return "c.oldest_open_referral <= :follow_up", days_ago
    if follow_up is FollowUp.NO_ENGAGEMENT:
        return "coalesce(nullif(c.last_engagement, ''), c.registered_on) <= :follow_up", days_ago
    months = {FollowUp.OUTCOME_3: 3, FollowUp.OUTCOME_6: 6, FollowUp.OUTCOME_12: 12}[
        FollowUp(str(follow_up))
    ]
    # Constant column name from the table above; the date is bound.
    clause = f"c.outcome_{months} = 0 AND c.registered_on <= :follow_up"
    return clause, months_before(today, months).isoformat()


def open_caseload(
    repo: Repository, own_name: str, device_names: Mapping[str, str] | None = None
) -> CaseloadIndex:
    """The caseload of everyone this store holds; this laptop's own device is named
    ``own_name`` (its enrolled user), other devices from ``device_names`` where known. Only the
    device list and employer names are read here: the rows live in the store."""
    index = CaseloadIndex(repo, {**(device_names or {}), repo.clock.node: own_name})
    with repo.reading() as conn:
        index._load(conn)
    return index
