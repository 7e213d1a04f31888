"""Caseload: an index per sort and one covering the per-adviser counts; deferrable triggers.

The caseload review reads one page of 200 at a time in the order the lead asked for, and counts
matches per adviser with a separate query. Each sort gets an index ending in the surname key
(the tie-break), so a page is read in order without sorting every match; ``ix_caseload_counts``
(led by the adviser's device, holding every filter column) answers the counts of any filter in
one pass without touching the table. It replaces ``ix_caseload_adviser``; the registration and
last-engagement indexes gain the tie-break.

A pull page recomputed a caseload row per written record, which doubled a pull's time. The
triggers on ``records`` now stand aside while the ``bulk`` row is in ``caseload_pending``;
then ``caseload_note_*`` only note which people, events and employers changed, and the pull
recomputes those rows in one statement each before it commits
(``desktop_app.storage.caseload_table.deferred_caseload``). The rows themselves are unchanged,
so nothing is refilled.

The SQL is frozen here, as run; ``desktop_app/storage/caseload_table.py`` holds the live
definitions and a test checks a migrated store matches them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD_TRIGGERS = (
    "caseload_client_ins",
    "caseload_client_upd",
    "caseload_client_del",
    "caseload_child_ins",
    "caseload_child_upd",
    "caseload_child_del",
    "caseload_event_ins",
    "caseload_event_upd",
    "caseload_event_del",
    "caseload_employer_ins",
    "caseload_employer_upd",
    "caseload_employer_del",
)

_NEW_TRIGGERS = (
    "caseload_client_ins",
    "caseload_client_upd",
    "caseload_client_del",
    "caseload_child_ins",
    "caseload_child_upd",
    "caseload_child_del",
    "caseload_event_ins",
    "caseload_event_upd",
    "caseload_event_del",
    "caseload_employer_ins",
    "caseload_employer_upd",
    "caseload_employer_del",
    "caseload_note_ins",
    "caseload_note_upd",
    "caseload_note_del",
)

_OLD_INDEXES = ("ix_caseload_adviser", "ix_caseload_registered", "ix_caseload_last_engagement")

_NEW_INDEXES = (
    "ix_caseload_counts",
    "ix_caseload_adviser_name",
    "ix_caseload_registered",
    "ix_caseload_last_engagement",
    "ix_caseload_first_name",
    "ix_caseload_event_key",
    "ix_caseload_council_key",
    "ix_caseload_open_referrals",
    "ix_caseload_outcomes",
)

_PENDING = (
    "CREATE TABLE caseload_pending (kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY "
    "(kind, id)) WITHOUT ROWID"
)

#: The indexes this revision adds or redefines.
_CREATE_INDEXES = (
    (
        "CREATE INDEX ix_caseload_counts ON caseload (adviser_device, registered_on, "
        "last_engagement, oldest_open_referral, outcome_3, outcome_6, outcome_12, "
        "council_area, event_id, employer_id)"
    ),
    ("CREATE INDEX ix_caseload_adviser_name ON caseload (adviser_device, last_key, first_key)"),
    ("CREATE INDEX ix_caseload_registered ON caseload (registered_on, last_key)"),
    ("CREATE INDEX ix_caseload_last_engagement ON caseload (last_engagement, last_key)"),
    ("CREATE INDEX ix_caseload_first_name ON caseload (first_key, last_key)"),
    ("CREATE INDEX ix_caseload_event_key ON caseload (event_key, last_key)"),
    ("CREATE INDEX ix_caseload_council_key ON caseload (lower(council_area), last_key)"),
    ("CREATE INDEX ix_caseload_open_referrals ON caseload (open_referrals, last_key)"),
    (
        "CREATE INDEX ix_caseload_outcomes ON caseload (rtrim(CASE WHEN outcome_3 THEN '3, ' "
        "ELSE '' END || CASE WHEN outcome_6 THEN '6, ' ELSE '' END || CASE WHEN outcome_12 "
        "THEN '12, ' ELSE '' END, ', '), last_key)"
    ),
)

#: The triggers on ``records`` from this revision on.
_CREATE_TRIGGERS = (
    (
        "CREATE TRIGGER caseload_client_ins AFTER INSERT ON records WHEN (NEW.type = "
        "'client') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id "
        "= '') BEGIN DELETE FROM caseload WHERE person_id IN (NEW.id); INSERT INTO caseload "
        "(person_id, adviser_device, registered_on, event_id, employer_id, council_area, "
        "last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12, first_key, last_key, event_key) SELECT p.id, substr(p.created, 20), "
        "date(CAST(substr(p.created, 1, 13) AS INTEGER) / 1000, 'unixepoch'), p.event_id, "
        "(SELECT nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE "
        "e.id = p.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), "
        "coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = p.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), ''), coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0), n.first_key, n.last_key, n.event_key FROM "
        "(SELECT r.id AS id, (SELECT min(value) FROM json_each(r.versions)) AS created, "
        "nullif(json_extract(r.fields, '$.event_id'), '') AS event_id FROM records r WHERE "
        "+r.type = 'client' AND r.deleted = 0 AND r.id IN (NEW.id)) p LEFT JOIN (SELECT pid, "
        "max(CASE WHEN type = 'engagement' THEN occurred_on END) AS last_engagement, min(CASE"
        " WHEN type = 'referral' AND status = 'open' THEN coalesce(referred_on, "
        "date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, 'unixepoch')) END) AS "
        "oldest_open_referral, sum(CASE WHEN type = 'referral' AND status IN ('open', "
        "'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = 'outcome' AND "
        "months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS o6, max(type "
        "= 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS pid, c.type AS"
        " type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id IN (NEW.id)) GROUP BY pid) k ON k.pid = p.id "
        "LEFT JOIN people n ON n.id = p.id; END"
    ),
    (
        "CREATE TRIGGER caseload_client_upd AFTER UPDATE OF type, parent_id, fields, "
        "versions, deleted ON records WHEN (NEW.type = 'client' OR OLD.type = 'client') AND "
        "NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN "
        "DELETE FROM caseload WHERE person_id IN (OLD.id, NEW.id); INSERT INTO caseload "
        "(person_id, adviser_device, registered_on, event_id, employer_id, council_area, "
        "last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12, first_key, last_key, event_key) SELECT p.id, substr(p.created, 20), "
        "date(CAST(substr(p.created, 1, 13) AS INTEGER) / 1000, 'unixepoch'), p.event_id, "
        "(SELECT nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE "
        "e.id = p.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), "
        "coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = p.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), ''), coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0), n.first_key, n.last_key, n.event_key FROM "
        "(SELECT r.id AS id, (SELECT min(value) FROM json_each(r.versions)) AS created, "
        "nullif(json_extract(r.fields, '$.event_id'), '') AS event_id FROM records r WHERE "
        "+r.type = 'client' AND r.deleted = 0 AND r.id IN (OLD.id, NEW.id)) p LEFT JOIN "
        "(SELECT pid, max(CASE WHEN type = 'engagement' THEN occurred_on END) AS "
        "last_engagement, min(CASE WHEN type = 'referral' AND status = 'open' THEN "
        "coalesce(referred_on, date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, "
        "'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = 'referral' AND "
        "status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = "
        "'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS"
        " o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS "
        "pid, c.type AS type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id IN (OLD.id, NEW.id)) GROUP BY pid) k ON k.pid"
        " = p.id LEFT JOIN people n ON n.id = p.id; END"
    ),
    (
        "CREATE TRIGGER caseload_client_del AFTER DELETE ON records WHEN (OLD.type = "
        "'client') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id "
        "= '') BEGIN DELETE FROM caseload WHERE person_id = OLD.id; END"
    ),
    (
        "CREATE TRIGGER caseload_child_ins AFTER INSERT ON records WHEN (NEW.type IN "
        "('engagement', 'referral', 'outcome') AND NEW.parent_id IS NOT NULL) AND NOT EXISTS "
        "(SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN UPDATE "
        "caseload SET (last_engagement, oldest_open_referral, open_referrals, outcome_3, "
        "outcome_6, outcome_12) = (SELECT coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE WHEN type = 'engagement'"
        " THEN occurred_on END) AS last_engagement, min(CASE WHEN type = 'referral' AND "
        "status = 'open' THEN coalesce(referred_on, date(CAST(substr(created, 1, 13) AS "
        "INTEGER) / 1000, 'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = "
        "'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, "
        "max(type = 'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND "
        "months_after = 6) AS o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM "
        "(SELECT c.parent_id AS pid, c.type AS type, json_extract(c.fields, '$.occurred_on') "
        "AS occurred_on, coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id = NEW.parent_id)) k) WHERE person_id = "
        "NEW.parent_id; END"
    ),
    (
        "CREATE TRIGGER caseload_child_upd AFTER UPDATE OF type, parent_id, fields, versions,"
        " deleted ON records WHEN (NEW.type IN ('engagement', 'referral', 'outcome') OR "
        "OLD.type IN ('engagement', 'referral', 'outcome')) AND NOT EXISTS (SELECT 1 FROM "
        "caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN UPDATE caseload SET "
        "(last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12) = (SELECT coalesce(k.last_engagement, ''), k.oldest_open_referral, "
        "coalesce(k.open_referrals, 0), coalesce(k.o3, 0), coalesce(k.o6, 0), coalesce(k.o12,"
        " 0) FROM (SELECT max(CASE WHEN type = 'engagement' THEN occurred_on END) AS "
        "last_engagement, min(CASE WHEN type = 'referral' AND status = 'open' THEN "
        "coalesce(referred_on, date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, "
        "'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = 'referral' AND "
        "status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = "
        "'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS"
        " o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS "
        "pid, c.type AS type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id = OLD.parent_id)) k) WHERE person_id = "
        "OLD.parent_id; UPDATE caseload SET (last_engagement, oldest_open_referral, "
        "open_referrals, outcome_3, outcome_6, outcome_12) = (SELECT "
        "coalesce(k.last_engagement, ''), k.oldest_open_referral, coalesce(k.open_referrals, "
        "0), coalesce(k.o3, 0), coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE "
        "WHEN type = 'engagement' THEN occurred_on END) AS last_engagement, min(CASE WHEN "
        "type = 'referral' AND status = 'open' THEN coalesce(referred_on, "
        "date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, 'unixepoch')) END) AS "
        "oldest_open_referral, sum(CASE WHEN type = 'referral' AND status IN ('open', "
        "'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = 'outcome' AND "
        "months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS o6, max(type "
        "= 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS pid, c.type AS"
        " type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id = NEW.parent_id)) k) WHERE person_id = "
        "NEW.parent_id; END"
    ),
    (
        "CREATE TRIGGER caseload_child_del AFTER DELETE ON records WHEN (OLD.type IN "
        "('engagement', 'referral', 'outcome') AND OLD.parent_id IS NOT NULL) AND NOT EXISTS "
        "(SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN UPDATE "
        "caseload SET (last_engagement, oldest_open_referral, open_referrals, outcome_3, "
        "outcome_6, outcome_12) = (SELECT coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE WHEN type = 'engagement'"
        " THEN occurred_on END) AS last_engagement, min(CASE WHEN type = 'referral' AND "
        "status = 'open' THEN coalesce(referred_on, date(CAST(substr(created, 1, 13) AS "
        "INTEGER) / 1000, 'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = "
        "'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, "
        "max(type = 'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND "
        "months_after = 6) AS o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM "
        "(SELECT c.parent_id AS pid, c.type AS type, json_extract(c.fields, '$.occurred_on') "
        "AS occurred_on, coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND +c.type IN ('engagement', "
        "'referral', 'outcome') AND c.parent_id = OLD.parent_id)) k) WHERE person_id = "
        "OLD.parent_id; END"
    ),
    (
        "CREATE TRIGGER caseload_event_ins AFTER INSERT ON records WHEN (NEW.type = "
        "'redundancy_event') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = "
        "'bulk' AND id = '') BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id = NEW.id; END"
    ),
    (
        "CREATE TRIGGER caseload_event_upd AFTER UPDATE OF type, parent_id, fields, versions,"
        " deleted ON records WHEN (NEW.type = 'redundancy_event' OR OLD.type = "
        "'redundancy_event') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = "
        "'bulk' AND id = '') BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id IN (OLD.id, NEW.id); END"
    ),
    (
        "CREATE TRIGGER caseload_event_del AFTER DELETE ON records WHEN (OLD.type = "
        "'redundancy_event') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = "
        "'bulk' AND id = '') BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id = OLD.id; END"
    ),
    (
        "CREATE TRIGGER caseload_employer_ins AFTER INSERT ON records WHEN (NEW.type = "
        "'employer') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND "
        "id = '') BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE employer_id = NEW.id; END"
    ),
    (
        "CREATE TRIGGER caseload_employer_upd AFTER UPDATE OF type, parent_id, fields, "
        "versions, deleted ON records WHEN (NEW.type = 'employer' OR OLD.type = 'employer') "
        "AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND id = '') "
        "BEGIN UPDATE caseload SET employer_id = (SELECT nullif(json_extract(e.fields, "
        "'$.employer_id'), '') FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), council_area = coalesce((SELECT "
        "coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), (SELECT "
        "nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE m.id = "
        "json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND m.deleted = 0)) "
        "FROM records e WHERE e.id = caseload.event_id AND e.type = 'redundancy_event' AND "
        "e.deleted = 0), '') WHERE employer_id IN (OLD.id, NEW.id); END"
    ),
    (
        "CREATE TRIGGER caseload_employer_del AFTER DELETE ON records WHEN (OLD.type = "
        "'employer') AND NOT EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' AND "
        "id = '') BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE employer_id = OLD.id; END"
    ),
    (
        "CREATE TRIGGER caseload_note_ins AFTER INSERT ON records WHEN EXISTS (SELECT 1 FROM "
        "caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN INSERT INTO caseload_pending"
        " (kind, id) SELECT CASE NEW.type WHEN 'redundancy_event' THEN 'event' WHEN "
        "'employer' THEN 'employer' ELSE 'person' END, CASE WHEN NEW.type IN ('engagement', "
        "'referral', 'outcome') THEN NEW.parent_id ELSE NEW.id END WHERE NEW.type IN "
        "('client', 'redundancy_event', 'employer', 'engagement', 'referral', 'outcome') AND "
        "CASE WHEN NEW.type IN ('engagement', 'referral', 'outcome') THEN NEW.parent_id ELSE "
        "NEW.id END IS NOT NULL ON CONFLICT DO NOTHING; END"
    ),
    (
        "CREATE TRIGGER caseload_note_upd AFTER UPDATE OF type, parent_id, fields, versions, "
        "deleted ON records WHEN EXISTS (SELECT 1 FROM caseload_pending WHERE kind = 'bulk' "
        "AND id = '') BEGIN INSERT INTO caseload_pending (kind, id) SELECT CASE OLD.type WHEN"
        " 'redundancy_event' THEN 'event' WHEN 'employer' THEN 'employer' ELSE 'person' END, "
        "CASE WHEN OLD.type IN ('engagement', 'referral', 'outcome') THEN OLD.parent_id ELSE "
        "OLD.id END WHERE OLD.type IN ('client', 'redundancy_event', 'employer', "
        "'engagement', 'referral', 'outcome') AND CASE WHEN OLD.type IN ('engagement', "
        "'referral', 'outcome') THEN OLD.parent_id ELSE OLD.id END IS NOT NULL ON CONFLICT DO"
        " NOTHING; INSERT INTO caseload_pending (kind, id) SELECT CASE NEW.type WHEN "
        "'redundancy_event' THEN 'event' WHEN 'employer' THEN 'employer' ELSE 'person' END, "
        "CASE WHEN NEW.type IN ('engagement', 'referral', 'outcome') THEN NEW.parent_id ELSE "
        "NEW.id END WHERE NEW.type IN ('client', 'redundancy_event', 'employer', "
        "'engagement', 'referral', 'outcome') AND CASE WHEN NEW.type IN ('engagement', "
        "'referral', 'outcome') THEN NEW.parent_id ELSE NEW.id END IS NOT NULL ON CONFLICT DO"
        " NOTHING; END"
    ),
    (
        "CREATE TRIGGER caseload_note_del AFTER DELETE ON records WHEN EXISTS (SELECT 1 FROM "
        "caseload_pending WHERE kind = 'bulk' AND id = '') BEGIN INSERT INTO caseload_pending"
        " (kind, id) SELECT CASE OLD.type WHEN 'redundancy_event' THEN 'event' WHEN "
        "'employer' THEN 'employer' ELSE 'person' END, CASE WHEN OLD.type IN ('engagement', "
        "'referral', 'outcome') THEN OLD.parent_id ELSE OLD.id END WHERE OLD.type IN "
        "('client', 'redundancy_event', 'employer', 'engagement', 'referral', 'outcome') AND "
        "CASE WHEN OLD.type IN ('engagement', 'referral', 'outcome') THEN OLD.parent_id ELSE "
        "OLD.id END IS NOT NULL ON CONFLICT DO NOTHING; END"
    ),
)

#: 0006's indexes, for the downgrade.
_RESTORE_INDEXES = (
    ("CREATE INDEX ix_caseload_adviser ON caseload (adviser_device)"),
    ("CREATE INDEX ix_caseload_registered ON caseload (registered_on)"),
    ("CREATE INDEX ix_caseload_last_engagement ON caseload (last_engagement)"),
)

#: 0006's triggers on ``records``, for the downgrade.
_RESTORE_TRIGGERS = (
    (
        "CREATE TRIGGER caseload_client_ins AFTER INSERT ON records WHEN NEW.type = 'client' "
        "BEGIN DELETE FROM caseload WHERE person_id IN (NEW.id); INSERT INTO caseload "
        "(person_id, adviser_device, registered_on, event_id, employer_id, council_area, "
        "last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12, first_key, last_key, event_key) SELECT p.id, substr(p.created, 20), "
        "date(CAST(substr(p.created, 1, 13) AS INTEGER) / 1000, 'unixepoch'), p.event_id, "
        "(SELECT nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE "
        "e.id = p.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), "
        "coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = p.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), ''), coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0), n.first_key, n.last_key, n.event_key FROM "
        "(SELECT r.id AS id, (SELECT min(value) FROM json_each(r.versions)) AS created, "
        "nullif(json_extract(r.fields, '$.event_id'), '') AS event_id FROM records r WHERE "
        "r.type = 'client' AND r.deleted = 0 AND r.id IN (NEW.id)) p LEFT JOIN (SELECT pid, "
        "max(CASE WHEN type = 'engagement' THEN occurred_on END) AS last_engagement, min(CASE"
        " WHEN type = 'referral' AND status = 'open' THEN coalesce(referred_on, "
        "date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, 'unixepoch')) END) AS "
        "oldest_open_referral, sum(CASE WHEN type = 'referral' AND status IN ('open', "
        "'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = 'outcome' AND "
        "months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS o6, max(type "
        "= 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS pid, c.type AS"
        " type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id IN (NEW.id)) GROUP BY pid) k ON k.pid = p.id LEFT JOIN "
        "people n ON n.id = p.id; END"
    ),
    (
        "CREATE TRIGGER caseload_client_upd AFTER UPDATE OF type, parent_id, fields, "
        "versions, deleted ON records WHEN NEW.type = 'client' OR OLD.type = 'client' BEGIN "
        "DELETE FROM caseload WHERE person_id IN (OLD.id, NEW.id); INSERT INTO caseload "
        "(person_id, adviser_device, registered_on, event_id, employer_id, council_area, "
        "last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12, first_key, last_key, event_key) SELECT p.id, substr(p.created, 20), "
        "date(CAST(substr(p.created, 1, 13) AS INTEGER) / 1000, 'unixepoch'), p.event_id, "
        "(SELECT nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE "
        "e.id = p.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), "
        "coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = p.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), ''), coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0), n.first_key, n.last_key, n.event_key FROM "
        "(SELECT r.id AS id, (SELECT min(value) FROM json_each(r.versions)) AS created, "
        "nullif(json_extract(r.fields, '$.event_id'), '') AS event_id FROM records r WHERE "
        "r.type = 'client' AND r.deleted = 0 AND r.id IN (OLD.id, NEW.id)) p LEFT JOIN "
        "(SELECT pid, max(CASE WHEN type = 'engagement' THEN occurred_on END) AS "
        "last_engagement, min(CASE WHEN type = 'referral' AND status = 'open' THEN "
        "coalesce(referred_on, date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, "
        "'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = 'referral' AND "
        "status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = "
        "'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS"
        " o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS "
        "pid, c.type AS type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id IN (OLD.id, NEW.id)) GROUP BY pid) k ON k.pid = p.id "
        "LEFT JOIN people n ON n.id = p.id; END"
    ),
    (
        "CREATE TRIGGER caseload_client_del AFTER DELETE ON records WHEN OLD.type = 'client' "
        "BEGIN DELETE FROM caseload WHERE person_id = OLD.id; END"
    ),
    (
        "CREATE TRIGGER caseload_child_ins AFTER INSERT ON records WHEN NEW.type IN "
        "('engagement', 'referral', 'outcome') AND NEW.parent_id IS NOT NULL BEGIN UPDATE "
        "caseload SET (last_engagement, oldest_open_referral, open_referrals, outcome_3, "
        "outcome_6, outcome_12) = (SELECT coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE WHEN type = 'engagement'"
        " THEN occurred_on END) AS last_engagement, min(CASE WHEN type = 'referral' AND "
        "status = 'open' THEN coalesce(referred_on, date(CAST(substr(created, 1, 13) AS "
        "INTEGER) / 1000, 'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = "
        "'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, "
        "max(type = 'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND "
        "months_after = 6) AS o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM "
        "(SELECT c.parent_id AS pid, c.type AS type, json_extract(c.fields, '$.occurred_on') "
        "AS occurred_on, coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id = NEW.parent_id)) k) WHERE person_id = NEW.parent_id; "
        "END"
    ),
    (
        "CREATE TRIGGER caseload_child_upd AFTER UPDATE OF type, parent_id, fields, versions,"
        " deleted ON records WHEN NEW.type IN ('engagement', 'referral', 'outcome') OR "
        "OLD.type IN ('engagement', 'referral', 'outcome') BEGIN UPDATE caseload SET "
        "(last_engagement, oldest_open_referral, open_referrals, outcome_3, outcome_6, "
        "outcome_12) = (SELECT coalesce(k.last_engagement, ''), k.oldest_open_referral, "
        "coalesce(k.open_referrals, 0), coalesce(k.o3, 0), coalesce(k.o6, 0), coalesce(k.o12,"
        " 0) FROM (SELECT max(CASE WHEN type = 'engagement' THEN occurred_on END) AS "
        "last_engagement, min(CASE WHEN type = 'referral' AND status = 'open' THEN "
        "coalesce(referred_on, date(CAST(substr(created, 1, 13) AS INTEGER) / 1000, "
        "'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = 'referral' AND "
        "status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, max(type = "
        "'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND months_after = 6) AS"
        " o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM (SELECT c.parent_id AS "
        "pid, c.type AS type, json_extract(c.fields, '$.occurred_on') AS occurred_on, "
        "coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id = OLD.parent_id)) k) WHERE person_id = OLD.parent_id; "
        "UPDATE caseload SET (last_engagement, oldest_open_referral, open_referrals, "
        "outcome_3, outcome_6, outcome_12) = (SELECT coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE WHEN type = 'engagement'"
        " THEN occurred_on END) AS last_engagement, min(CASE WHEN type = 'referral' AND "
        "status = 'open' THEN coalesce(referred_on, date(CAST(substr(created, 1, 13) AS "
        "INTEGER) / 1000, 'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = "
        "'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, "
        "max(type = 'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND "
        "months_after = 6) AS o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM "
        "(SELECT c.parent_id AS pid, c.type AS type, json_extract(c.fields, '$.occurred_on') "
        "AS occurred_on, coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id = NEW.parent_id)) k) WHERE person_id = NEW.parent_id; "
        "END"
    ),
    (
        "CREATE TRIGGER caseload_child_del AFTER DELETE ON records WHEN OLD.type IN "
        "('engagement', 'referral', 'outcome') AND OLD.parent_id IS NOT NULL BEGIN UPDATE "
        "caseload SET (last_engagement, oldest_open_referral, open_referrals, outcome_3, "
        "outcome_6, outcome_12) = (SELECT coalesce(k.last_engagement, ''), "
        "k.oldest_open_referral, coalesce(k.open_referrals, 0), coalesce(k.o3, 0), "
        "coalesce(k.o6, 0), coalesce(k.o12, 0) FROM (SELECT max(CASE WHEN type = 'engagement'"
        " THEN occurred_on END) AS last_engagement, min(CASE WHEN type = 'referral' AND "
        "status = 'open' THEN coalesce(referred_on, date(CAST(substr(created, 1, 13) AS "
        "INTEGER) / 1000, 'unixepoch')) END) AS oldest_open_referral, sum(CASE WHEN type = "
        "'referral' AND status IN ('open', 'accepted') THEN 1 ELSE 0 END) AS open_referrals, "
        "max(type = 'outcome' AND months_after = 3) AS o3, max(type = 'outcome' AND "
        "months_after = 6) AS o6, max(type = 'outcome' AND months_after = 12) AS o12 FROM "
        "(SELECT c.parent_id AS pid, c.type AS type, json_extract(c.fields, '$.occurred_on') "
        "AS occurred_on, coalesce(json_extract(c.fields, '$.status'), 'open') AS status, "
        "json_extract(c.fields, '$.referred_on') AS referred_on, json_extract(c.fields, "
        "'$.months_after') AS months_after, (SELECT min(value) FROM json_each(c.versions)) AS"
        " created FROM records c WHERE c.deleted = 0 AND c.type IN ('engagement', 'referral',"
        " 'outcome') AND c.parent_id = OLD.parent_id)) k) WHERE person_id = OLD.parent_id; "
        "END"
    ),
    (
        "CREATE TRIGGER caseload_event_ins AFTER INSERT ON records WHEN NEW.type = "
        "'redundancy_event' BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id = NEW.id; END"
    ),
    (
        "CREATE TRIGGER caseload_event_upd AFTER UPDATE OF type, parent_id, fields, versions,"
        " deleted ON records WHEN NEW.type = 'redundancy_event' OR OLD.type = "
        "'redundancy_event' BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id IN (OLD.id, NEW.id); END"
    ),
    (
        "CREATE TRIGGER caseload_event_del AFTER DELETE ON records WHEN OLD.type = "
        "'redundancy_event' BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE event_id = OLD.id; END"
    ),
    (
        "CREATE TRIGGER caseload_employer_ins AFTER INSERT ON records WHEN NEW.type = "
        "'employer' BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE employer_id = NEW.id; END"
    ),
    (
        "CREATE TRIGGER caseload_employer_upd AFTER UPDATE OF type, parent_id, fields, "
        "versions, deleted ON records WHEN NEW.type = 'employer' OR OLD.type = 'employer' "
        "BEGIN UPDATE caseload SET employer_id = (SELECT nullif(json_extract(e.fields, "
        "'$.employer_id'), '') FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), council_area = coalesce((SELECT "
        "coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), (SELECT "
        "nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE m.id = "
        "json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND m.deleted = 0)) "
        "FROM records e WHERE e.id = caseload.event_id AND e.type = 'redundancy_event' AND "
        "e.deleted = 0), '') WHERE employer_id IN (OLD.id, NEW.id); END"
    ),
    (
        "CREATE TRIGGER caseload_employer_del AFTER DELETE ON records WHEN OLD.type = "
        "'employer' BEGIN UPDATE caseload SET employer_id = (SELECT "
        "nullif(json_extract(e.fields, '$.employer_id'), '') FROM records e WHERE e.id = "
        "caseload.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), council_area ="
        " coalesce((SELECT coalesce(nullif(json_extract(e.fields, '$.local_authority'), ''), "
        "(SELECT nullif(json_extract(m.fields, '$.local_authority'), '') FROM records m WHERE"
        " m.id = json_extract(e.fields, '$.employer_id') AND m.type = 'employer' AND "
        "m.deleted = 0)) FROM records e WHERE e.id = caseload.event_id AND e.type = "
        "'redundancy_event' AND e.deleted = 0), '') WHERE employer_id = OLD.id; END"
    ),
)


def upgrade() -> None:
    for name in _OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in _OLD_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for statement in (_PENDING, *_CREATE_INDEXES, *_CREATE_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    for name in _NEW_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in _NEW_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute("DROP TABLE caseload_pending")
    for statement in (*_RESTORE_INDEXES, *_RESTORE_TRIGGERS):
        op.execute(statement)
