"""The ``caseload`` table: one row per live client with what the team lead's filters need.

Who registered a person, when, at which employer and council area, the last engagement, the
oldest open referral and which outcome check-points are recorded are all derived from the JSON
in ``records``. Deriving them at every open took seconds at 100,000 people, so they are kept
here instead, current at every write: SQLite triggers on ``records`` recompute the rows a write
touches inside the same transaction, whichever path wrote (a local save, a discard, an applied
pull page, a purge of records the partner may no longer see). A wiped store loses the table
with the file. The triggers and :func:`rebuild_caseload` share one SELECT, so a row is always
what a from-scratch rebuild would give.

A pull page writes a thousand records at a time; recomputing a row per written record doubled
the time a pull took. So :func:`deferred_caseload` lets a bulk writer switch the per-row work
off for one transaction: while the ``bulk`` marker row is in ``caseload_pending`` the triggers
only note which people, events and employers changed, and :func:`catch_up` recomputes those
rows with one set-based statement each before the transaction commits. The marker never
outlives the transaction (it is deleted by the catch-up, or rolled back with everything else).

The table is defined by the desktop store migrations (0006, 0007): they hold frozen copies of
the SQL here, and a test checks a migrated store's triggers and indexes equal :data:`TRIGGERS`
and :data:`INDEXES`.

The adviser is the node of the earliest HLC among the person's field versions (the stamp made
when the record was created; decisions.md #8) and the registration date is that HLC's time.
"""

# SQL is assembled here from this module's own constant fragments only (no value is ever
# formatted in), because SQLite triggers cannot take bound parameters.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

_CHILD_TYPES = "('engagement', 'referral', 'outcome')"
_HLC_DAY = "date(CAST(substr({0}, 1, 13) AS INTEGER) / 1000, 'unixepoch')"
_EVENT = "FROM records e WHERE e.id = {0} AND e.type = 'redundancy_event' AND e.deleted = 0"


def _employer_of(event_id: str) -> str:
    return (
        "(SELECT nullif(json_extract(e.fields, '$.employer_id'), '') "
        + _EVENT.format(event_id)
        + ")"
    )


def _area_of(event_id: str) -> str:
    """The event's own council area, else its employer's; '' when neither is known."""
    return (
        "coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m "
        "WHERE m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' "
        "AND m.deleted = 0)) " + _EVENT.format(event_id) + "), '')"
    )


COLUMNS = (
    "person_id, adviser_device, registered_on, event_id, employer_id, council_area, "
    "last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, outcome_12, "
    "first_key, last_key, event_key"
)

# "3, 6" for a person with 3- and 6-month outcomes (the Outcomes column and its sort key).
OUTCOMES = (
    "rtrim(CASE WHEN outcome_3 THEN '3, ' ELSE '' END "
    "|| CASE WHEN outcome_6 THEN '6, ' ELSE '' END "
    "|| CASE WHEN outcome_12 THEN '12, ' ELSE '' END, ', ')"
)

#: Every index on ``caseload``. Each sort the screen offers has one ending in ``last_key`` (the
#: tie-break; the adviser's is per device), so a page of 200 is read in order and the read
#: stops there; ``ix_caseload_counts``
#: covers every filter column, led by the adviser's device, so the per-adviser counts of any
#: filter are one pass over it with no table lookups and no sorting.
INDEXES = (
    "CREATE INDEX ix_caseload_name ON caseload (last_key, first_key)",
    "CREATE INDEX ix_caseload_counts ON caseload (adviser_device, registered_on, "
    "last_engagement, oldest_open_referral, outcome_3, outcome_6, outcome_12, council_area, "
    "event_id, employer_id)",
    "CREATE INDEX ix_caseload_adviser_name ON caseload (adviser_device, last_key, first_key)",
    "CREATE INDEX ix_caseload_registered ON caseload (registered_on, last_key)",
    "CREATE INDEX ix_caseload_event ON caseload (event_id)",
    "CREATE INDEX ix_caseload_employer ON caseload (employer_id)",
    "CREATE INDEX ix_caseload_council ON caseload (council_area)",
    "CREATE INDEX ix_caseload_open_referral ON caseload (oldest_open_referral)",
    "CREATE INDEX ix_caseload_last_engagement ON caseload (last_engagement, last_key)",
    "CREATE INDEX ix_caseload_first_name ON caseload (first_key, last_key)",
    "CREATE INDEX ix_caseload_event_key ON caseload (event_key, last_key)",
    "CREATE INDEX ix_caseload_council_key ON caseload (lower(council_area), last_key)",
    "CREATE INDEX ix_caseload_open_referrals ON caseload (open_referrals, last_key)",
    f"CREATE INDEX ix_caseload_outcomes ON caseload ({OUTCOMES}, last_key)",
)
INDEX_NAMES = tuple(i.split()[2] for i in INDEXES)

#: What changed while the per-row triggers were off; the ``bulk`` row switches them off.
PENDING_DDL = (
    "CREATE TABLE caseload_pending (kind TEXT NOT NULL, id TEXT NOT NULL, "
    "PRIMARY KEY (kind, id)) WITHOUT ROWID"
)
_BULK = "EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id = '')"


# What the follow-up filters need from one person's children, aggregated over ``_child_rows``.
_AGGREGATES = (
    "max(CASE WHEN type = 'engagement' THEN occurred_on END) AS last_engagement, "
    "min(CASE WHEN type = 'referral' AND status = 'open' THEN coalesce(referred_on, "
    + _HLC_DAY.format("created")
    + ") END) AS oldest_open_referral, "
    "sum(CASE WHEN type = 'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) "
    "AS open_referrals, "
    "max(type = 'outcome' AND months_after = 3) AS o3, "
    "max(type = 'outcome' AND months_after = 6) AS o6, "
    "max(type = 'outcome' AND months_after = 12) AS o12"
)
_KID_COLUMNS = (
    "coalesce(k.last_engagement, ''), k.oldest_open_referral, coalesce(k.open_referrals, 0), "
    "coalesce(k.o3, 0), coalesce(k.o6, 0), coalesce(k.o12, 0)"
)


def _child_rows(children: str) -> str:
    """The live engagements, referrals and outcomes whose ``c.parent_id`` matches."""
    return (
        "SELECT c.parent_id AS pid, c.type AS type, "
        "json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, "
        "json_extract(c.fields, '$.months_after') AS months_after, "
        "(SELECT min(value) FROM json_each(c.versions)) AS created "
        f"FROM records c WHERE c.deleted = 0 AND +c.type IN {_CHILD_TYPES} AND {children}"
    )


def _select(people: str, children: str) -> str:
    """The caseload rows of the live clients matching ``people`` (a condition on ``r.id``);
    ``children`` is the same condition on ``c.parent_id``. The unary ``+`` on ``type`` keeps
    SQLite off the type index, which would read every client (or child) in the store to find
    the few asked for."""
    return (
        f"SELECT p.id, substr(p.created, 20), {_HLC_DAY.format('p.created')}, p.event_id, "
        f"{_employer_of('p.event_id')}, {_area_of('p.event_id')}, {_KID_COLUMNS}, "
        "n.first_key, n.last_key, n.event_key "
        "FROM (SELECT r.id AS id, (SELECT min(value) FROM json_each(r.versions)) AS created, "
        "nullif(json_extract(r.fields, '$.event_id'), '') AS event_id FROM records r "
        f"WHERE +r.type = 'client' AND r.deleted = 0 AND {people}) p "
        f"LEFT JOIN (SELECT pid, {_AGGREGATES} FROM ({_child_rows(children)}) GROUP BY pid) k "
        "ON k.pid = p.id LEFT JOIN people n ON n.id = p.id"
    )


def _refresh(ids: str) -> str:
    """Trigger statements recomputing the rows of the people in ``ids`` (an SQL list)."""
    return (
        f"DELETE FROM caseload WHERE person_id IN ({ids}); "
        f"INSERT INTO caseload ({COLUMNS}) "
        + _select(f"r.id IN ({ids})", f"c.parent_id IN ({ids})")
        + ";"
    )


def _refresh_children(person: str) -> str:
    """Trigger statement re-aggregating one person's children into their row: an UPDATE of
    the child columns only, so a pulled child costs two index updates, not a whole new row."""
    return (
        "UPDATE caseload SET (last_engagement, oldest_open_referral, open_referrals, "
        f"outcome_3, outcome_6, outcome_12) = (SELECT {_KID_COLUMNS} FROM (SELECT {_AGGREGATES} "
        f"FROM ({_child_rows(f'c.parent_id = {person}')})) k) WHERE person_id = {person};"
    )


def _relocate(where: str) -> str:
    """Trigger statement re-deriving employer and council area of the rows ``where`` says."""
    return (
        f"UPDATE caseload SET employer_id = {_employer_of('caseload.event_id')}, "
        f"council_area = {_area_of('caseload.event_id')} WHERE {where};"
    )


_WATCHED = "UPDATE OF type, parent_id, fields, versions, deleted"


def _trigger(name: str, event: str, when: str, body: str) -> str:
    """A per-row trigger, off while a bulk writer defers the work to :func:`catch_up`."""
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON records WHEN ({when}) AND NOT {_BULK} "
        f"BEGIN {body} END"
    )


_TRACKED = f"('client', 'redundancy_event', 'employer', {_CHILD_TYPES[1:-1]})"


def _note(row: str) -> str:
    """Trigger statement noting whose row a write to ``row`` (NEW or OLD) makes stale."""
    kind = (
        f"CASE {row}.type WHEN 'redundancy_event' THEN 'event' "
        f"WHEN 'employer' THEN 'employer' ELSE 'person' END"
    )
    key = f"CASE WHEN {row}.type IN {_CHILD_TYPES} THEN {row}.parent_id ELSE {row}.id END"
    # An upsert clause, not INSERT OR IGNORE: a trigger's OR clause yields to the writing
    # statement's own (ABORT for a pull page's upsert).
    return (
        f"INSERT INTO caseload_pending (kind, id) SELECT {kind}, {key} "
        f"WHERE {row}.type IN {_TRACKED} AND {key} IS NOT NULL ON CONFLICT DO NOTHING;"
    )


def _noting(name: str, event: str, rows: tuple[str, ...]) -> str:
    body = " ".join(_note(row) for row in rows)
    return f"CREATE TRIGGER {name} AFTER {event} ON records WHEN {_BULK} BEGIN {body} END"


TRIGGERS: tuple[str, ...] = (
    _trigger("caseload_client_ins", "INSERT", "NEW.type = 'client'", _refresh("NEW.id")),
    _trigger(
        "caseload_client_upd",
        _WATCHED,
        "NEW.type = 'client' OR OLD.type = 'client'",
        _refresh("OLD.id, NEW.id"),
    ),
    _trigger(
        "caseload_client_del",
        "DELETE",
        "OLD.type = 'client'",
        "DELETE FROM caseload WHERE person_id = OLD.id;",
    ),
    _trigger(
        "caseload_child_ins",
        "INSERT",
        f"NEW.type IN {_CHILD_TYPES} AND NEW.parent_id IS NOT NULL",
        _refresh_children("NEW.parent_id"),
    ),
    _trigger(
        "caseload_child_upd",
        _WATCHED,
        f"NEW.type IN {_CHILD_TYPES} OR OLD.type IN {_CHILD_TYPES}",
        _refresh_children("OLD.parent_id") + " " + _refresh_children("NEW.parent_id"),
    ),
    _trigger(
        "caseload_child_del",
        "DELETE",
        f"OLD.type IN {_CHILD_TYPES} AND OLD.parent_id IS NOT NULL",
        _refresh_children("OLD.parent_id"),
    ),
    _trigger(
        "caseload_event_ins",
        "INSERT",
        "NEW.type = 'redundancy_event'",
        _relocate("event_id = NEW.id"),
    ),
    _trigger(
        "caseload_event_upd",
        _WATCHED,
        "NEW.type = 'redundancy_event' OR OLD.type = 'redundancy_event'",
        _relocate("event_id IN (OLD.id, NEW.id)"),
    ),
    _trigger(
        "caseload_event_del",
        "DELETE",
        "OLD.type = 'redundancy_event'",
        _relocate("event_id = OLD.id"),
    ),
    _trigger(
        "caseload_employer_ins",
        "INSERT",
        "NEW.type = 'employer'",
        _relocate("employer_id = NEW.id"),
    ),
    _trigger(
        "caseload_employer_upd",
        _WATCHED,
        "NEW.type = 'employer' OR OLD.type = 'employer'",
        _relocate("employer_id IN (OLD.id, NEW.id)"),
    ),
    _trigger(
        "caseload_employer_del",
        "DELETE",
        "OLD.type = 'employer'",
        _relocate("employer_id = OLD.id"),
    ),
)

# Sort keys come from the people search index (case-folded in Python when a client is indexed,
# which happens after the record is written, in the same transaction).
_NAME_KEYS = (
    "UPDATE caseload SET first_key = NEW.first_key, last_key = NEW.last_key, "
    "event_key = NEW.event_key WHERE person_id = NEW.id;"
)
TRIGGERS = (
    *TRIGGERS,
    _noting("caseload_note_ins", "INSERT", ("NEW",)),
    _noting("caseload_note_upd", _WATCHED, ("OLD", "NEW")),
    _noting("caseload_note_del", "DELETE", ("OLD",)),
    "CREATE TRIGGER caseload_people_ins AFTER INSERT ON people BEGIN " + _NAME_KEYS + " END",
    "CREATE TRIGGER caseload_people_upd AFTER UPDATE ON people BEGIN " + _NAME_KEYS + " END",
)

TRIGGER_NAMES = tuple(t.split()[2] for t in TRIGGERS)

#: Every row from scratch (the check the tests compare against).
REBUILD = f"INSERT INTO caseload ({COLUMNS}) " + _select(
    "r.id IS NOT NULL", "c.parent_id IS NOT NULL"
)

_PENDING = "(SELECT id FROM caseload_pending WHERE kind = '{0}')"
_PEOPLE = _PENDING.format("person")

#: What :func:`catch_up` runs: the noted people's rows anew (one statement for all of them),
#: then the employer and council area of rows at a noted event or employer.
CATCH_UP = (
    f"DELETE FROM caseload WHERE person_id IN {_PEOPLE}",
    f"INSERT INTO caseload ({COLUMNS}) "
    + _select(f"r.id IN {_PEOPLE}", f"c.parent_id IN {_PEOPLE}"),
    _relocate(
        f"event_id IN {_PENDING.format('event')} OR employer_id IN {_PENDING.format('employer')}"
    ).rstrip(";"),
    "DELETE FROM caseload_pending",
)


def rebuild_caseload(conn: Connection) -> None:
    """Refill the table from ``records`` (inside the caller's transaction)."""
    conn.execute(text("DELETE FROM caseload"))
    conn.execute(text(REBUILD))


def catch_up(conn: Connection) -> None:
    """Recompute the rows noted while deferred, and switch the per-row triggers back on."""
    for statement in CATCH_UP:
        conn.execute(text(statement))


@contextmanager
def deferred_caseload(conn: Connection) -> Iterator[None]:
    """Inside the caller's write transaction: per-row caseload work off for the block, then
    one catch-up for everything the block wrote. On an exception nothing is caught up: the
    caller's transaction rolls back, marker and all."""
    conn.execute(text("INSERT OR IGNORE INTO caseload_pending (kind, id) VALUES ('bulk', '')"))
    yield
    catch_up(conn)
