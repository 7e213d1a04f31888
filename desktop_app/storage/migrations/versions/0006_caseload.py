"""The ``caseload`` table, kept current by triggers on ``records``, filled from existing data.

A team lead's caseload review filters every person by adviser, employer, council area and
follow-up state; deriving those from the records' JSON at each open took seconds at 100,000
people. The SQL below is what this revision ran, copied here so the history never changes when
``desktop_app/storage/caseload_table.py`` does (0007 and later change the live definitions).

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

_DDL = (
    (
        "CREATE TABLE caseload (person_id TEXT PRIMARY KEY, adviser_device TEXT, "
        "registered_on TEXT, event_id TEXT, employer_id TEXT, council_area TEXT NOT NULL "
        "DEFAULT '', last_engagement TEXT NOT NULL DEFAULT '', oldest_open_referral TEXT, "
        "open_referrals INTEGER NOT NULL DEFAULT 0, outcome_3 INTEGER NOT NULL DEFAULT 0, "
        "outcome_6 INTEGER NOT NULL DEFAULT 0, outcome_12 INTEGER NOT NULL DEFAULT 0, "
        "first_key TEXT, last_key TEXT, event_key TEXT)"
    ),
    ("CREATE INDEX ix_caseload_name ON caseload (last_key, first_key)"),
    ("CREATE INDEX ix_caseload_adviser ON caseload (adviser_device)"),
    ("CREATE INDEX ix_caseload_registered ON caseload (registered_on)"),
    ("CREATE INDEX ix_caseload_event ON caseload (event_id)"),
    ("CREATE INDEX ix_caseload_employer ON caseload (employer_id)"),
    ("CREATE INDEX ix_caseload_council ON caseload (council_area)"),
    ("CREATE INDEX ix_caseload_open_referral ON caseload (oldest_open_referral)"),
    ("CREATE INDEX ix_caseload_last_engagement ON caseload (last_engagement)"),
)

_TRIGGERS = (
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
    (
        "CREATE TRIGGER caseload_people_ins AFTER INSERT ON people BEGIN UPDATE caseload SET "
        "first_key = NEW.first_key, last_key = NEW.last_key, event_key = NEW.event_key WHERE "
        "person_id = NEW.id; END"
    ),
    (
        "CREATE TRIGGER caseload_people_upd AFTER UPDATE ON people BEGIN UPDATE caseload SET "
        "first_key = NEW.first_key, last_key = NEW.last_key, event_key = NEW.event_key WHERE "
        "person_id = NEW.id; END"
    ),
)

_FILL = (
    "INSERT INTO caseload (person_id, adviser_device, registered_on, event_id, "
    "employer_id, council_area, last_engagement, oldest_open_referral, open_referrals, "
    "outcome_3, outcome_6, outcome_12, first_key, last_key, event_key) SELECT p.id, "
    "substr(p.created, 20), date(CAST(substr(p.created, 1, 13) AS INTEGER) / 1000, "
    "'unixepoch'), p.event_id, (SELECT nullif(json_extract(e.fields, '$.employer_id'), "
    "'') FROM records e WHERE e.id = p.event_id AND e.type = 'redundancy_event' AND "
    "e.deleted = 0), coalesce((SELECT coalesce(nullif(json_extract(e.fields, "
    "'$.local_authority'), ''), (SELECT nullif(json_extract(m.fields, "
    "'$.local_authority'), '') FROM records m WHERE m.id = json_extract(e.fields, "
    "'$.employer_id') AND m.type = 'employer' AND m.deleted = 0)) FROM records e WHERE "
    "e.id = p.event_id AND e.type = 'redundancy_event' AND e.deleted = 0), ''), "
    "coalesce(k.last_engagement, ''), k.oldest_open_referral, coalesce(k.open_referrals, "
    "0), coalesce(k.o3, 0), coalesce(k.o6, 0), coalesce(k.o12, 0), n.first_key, "
    "n.last_key, n.event_key FROM (SELECT r.id AS id, (SELECT min(value) FROM "
    "json_each(r.versions)) AS created, nullif(json_extract(r.fields, '$.event_id'), '') "
    "AS event_id FROM records r WHERE r.type = 'client' AND r.deleted = 0 AND r.id IS NOT"
    " NULL) p LEFT JOIN (SELECT pid, max(CASE WHEN type = 'engagement' THEN occurred_on "
    "END) AS last_engagement, min(CASE WHEN type = 'referral' AND status = 'open' THEN "
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
    " 'outcome') AND c.parent_id IS NOT NULL) GROUP BY pid) k ON k.pid = p.id LEFT JOIN "
    "people n ON n.id = p.id"
)

_TRIGGER_NAMES = (
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
    "caseload_people_ins",
    "caseload_people_upd",
)


def upgrade() -> None:
    for statement in (*_DDL, *_TRIGGERS, _FILL):
        op.execute(statement)


def downgrade() -> None:
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE caseload")
