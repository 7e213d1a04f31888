"""Domain reads and writes for the UI. Every edit writes its record and its outbox row together.

An edit only sends the fields that really changed, with ``base`` = the HLC of each field as this
device last saw it. A second edit of a field whose first change is still queued gets its own
outbox row behind the first (never coalesced), so nothing typed is lost even if the first is in
flight while the second is made.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from desktop_app.crashpoints import crash_point
from desktop_app.errors import DiskFullError, StoreLockedError
from desktop_app.storage import merge_redirects, people_index
from desktop_app.storage.codec import loads
from desktop_app.storage.duplicates import NameCache, find_duplicates
from desktop_app.storage.engine import WRITE
from desktop_app.storage.record_rows import (
    StoredRecord,
    add_outbox_row,
    delete_records,
    load_record,
    queued_fields,
    save_clock,
    write_record,
)
from desktop_app.storage.rows import first
from desktop_app.storage.views import (
    Changes,
    DuplicateCandidate,
    PersonRow,
    RecordNotFoundError,
    RecordValidationError,
    RecordView,
    RejectedChange,
)
from pace_shared.hlc import HybridClock
from pace_shared.merge import DELETED
from pace_shared.messages import user_message
from pace_shared.records import (
    CHILD_TYPES,
    CONSENT_CHANGE,
    CONSENT_METHODS,
    FieldError,
    RecordType,
    validate_fields,
)

log = logging.getLogger(__name__)

CURRENT_EVENT = "current_event_id"
_LIVE_RECORDS = (
    "SELECT id, type, owner_partner, fields, versions, deleted, has_conflict, updated_at "
    "FROM records WHERE deleted = 0"
)
IDLE_MINUTES = "idle_minutes"
#: Per record type, the fields the data-sharing agreement withholds from this partner in
#: records another partner wrote (JSON, from the server's last pull page).
WITHHELD_SETTING = "withheld_fields"
DEFAULT_IDLE_MINUTES = 10
#: ``consent_method`` for people an import brings in (storage/importing.py): nobody asked them,
#: so they are shared with nobody beyond the importing partner and no consent is recorded for
#: them (no consent history entry, as ``pace-sync-server import`` writes none) until an adviser
#: records it. Accepted only for a new person shared with nobody; never to widen sharing.
CONSENT_NOT_ASKED = "not_asked"

_TIMELINE_DATE = {
    RecordType.ENGAGEMENT: "occurred_on",
    RecordType.OUTCOME: "recorded_on",
}


class Repository:
    def __init__(
        self,
        engine: Engine,
        clock: HybridClock,
        partner: str,
        known_partners: Collection[str] | None = None,
    ) -> None:
        self._engine: Engine | None = engine
        self.clock = clock
        self.partner = partner
        self.known_partners = known_partners
        #: The corrected wall clock under ``clock`` (set by the session); None in bare tests.
        self.device_clock: Any = None
        self._people_generation = 0
        self._generation_lock = threading.Lock()
        self._names = NameCache(lambda: self._people_generation)
        #: Who records consent on this device (the signed-in username; set by the session).
        self.adviser = ""

    # --- plumbing -----------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreLockedError(user_message("errors", "The store is locked."))
        return self._engine

    def close(self) -> None:
        """Forget the engine (the session disposes it) and the in-memory name index."""
        self._engine = None
        self._names.clear()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE), committed on success.

        A full (or failing) disk rolls the whole transaction back and raises DiskFullError."""
        try:
            with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                yield conn
        except OperationalError as exc:
            if _disk_trouble(exc):
                log.error("local store write failed: %s", exc.orig)
                raise DiskFullError() from None
            raise

    def people_changed(self) -> None:
        with self._generation_lock:
            self._people_generation += 1

    # --- writes -------------------------------------------------------------------------

    def save(
        self,
        record_type: str,
        fields: Mapping[str, Any],
        record_id: str | None = None,
        *,
        consent_method: str | None = None,
    ) -> str:
        """Validate, then write the record and its outbox row in one transaction.

        A change of a person's ``share_with`` also writes a ``consent_change`` (consent
        history: what, when, ``consent_method``, which adviser) in the same transaction, queued
        right behind it so the server sees the person's consent first. It must say how the
        person gave their consent (one of ``CONSENT_METHODS``): without that nothing is written
        and a field error for ``consent_method`` is raised. Only an import's new person, shared
        with nobody, passes ``CONSENT_NOT_ASKED`` instead and records no consent at all."""
        from desktop_app.storage.codec import uuid7

        with self.writing() as conn:
            existing = load_record(conn, record_id) if record_id else None
            if existing is not None and existing.type != record_type:
                raise RecordValidationError(
                    [
                        FieldError(
                            "record_type",
                            user_message("validation", "does not match the existing record"),
                        )
                    ]
                )
            if existing is not None and existing.deleted:
                raise RecordValidationError(
                    [FieldError("record", user_message("validation", "has been deleted"))]
                )
            result = validate_fields(
                record_type,
                fields,
                creating=existing is None,
                known_partners=self.known_partners,
            )
            if not result.ok:
                raise RecordValidationError(result.errors)
            record = existing or StoredRecord(
                record_id or uuid7(),
                record_type,
                self.partner,
                {},
                {},
                None,
                None,
                False,
                False,
                "",
            )
            changed = {
                name: value
                for name, value in result.values.items()
                if existing is None
                or name not in record.versions
                or record.fields.get(name) != value
            }
            # Checked before anything is written, so a refused save leaves no trace (not even
            # in the in-memory name index or the clock).
            method = (
                _consent_method_to_record(
                    consent_method, changed["share_with"], creating=existing is None
                )
                if record_type == RecordType.CLIENT and "share_with" in changed
                else None
            )
            if changed:
                self._write_change(conn, record, changed)
            if method is not None:
                self._write_consent_change(conn, record, changed, method)
            return record.id

    def _write_consent_change(
        self,
        conn: Connection,
        person: StoredRecord,
        changed: Mapping[str, Any],
        method: str,
    ) -> None:
        from desktop_app.storage.codec import uuid7

        fields: dict[str, Any] = {
            "client_id": person.id,
            "share_with": person.fields.get("share_with") or [],
            "recorded_at": changed.get("consent_recorded_at") or utc_now_text(),
            "method": method,
            "adviser": self.adviser or None,
        }
        result = validate_fields(
            CONSENT_CHANGE, fields, creating=True, known_partners=self.known_partners
        )
        if not result.ok:
            raise RecordValidationError(result.errors)
        values = {k: v for k, v in result.values.items() if v is not None}
        entry = StoredRecord(
            uuid7(), CONSENT_CHANGE, self.partner, {}, {}, None, None, False, False, ""
        )
        self._write_change(conn, entry, values)

    def save_record(
        self,
        record_type: str,
        fields: Mapping[str, Any],
        record_id: str | None = None,
        *,
        consent_method: str | None = None,
    ) -> Changes:
        """:meth:`save`, answering what changed (for the UI's write lane)."""
        saved = self.save(record_type, fields, record_id, consent_method=consent_method)
        return Changes.record(saved, record_type)

    def delete(self, record_id: str) -> None:
        with self.writing() as conn:
            record = load_record(conn, record_id)
            if record is None:
                raise RecordNotFoundError(record_id)
            if record.deleted:
                return
            self._remember_server_state(conn, record)
            hlc = self.clock.tick()
            record.fields, record.versions, record.deleted = {}, {DELETED: hlc}, True
            write_record(conn, record)
            add_outbox_row(conn, record.id, record.type, "delete", hlc, {}, {})
            save_clock(conn, self.clock.last)
            self._after_record_change(conn, record)
        log.info("record deleted locally (%s)", record.type)

    def _write_change(
        self,
        conn: Connection,
        record: StoredRecord,
        changed: Mapping[str, Any],
        base: Mapping[str, str | None] | None = None,
    ) -> str:
        self._remember_server_state(conn, record)
        hlc = self.clock.tick()
        if base is None:
            base = {name: record.versions.get(name) for name in changed}
        for name, value in changed.items():
            record.fields[name] = value
            record.versions[name] = hlc
        write_record(conn, record)
        change_id = add_outbox_row(conn, record.id, record.type, "upsert", hlc, changed, base)
        save_clock(conn, self.clock.last)
        self._after_record_change(conn, record)
        crash_point("save.before_commit")
        log.info("local change queued (%s, %d fields)", record.type, len(changed))
        return change_id

    @staticmethod
    def _remember_server_state(conn: Connection, record: StoredRecord) -> None:
        # First queued change of a record: keep what the server last said, for discard.
        if record.server_fields is None and queued_fields(conn, record.id)[2] == 0:
            on_server = bool(record.versions)
            record.server_fields = dict(record.fields) if on_server else {}
            record.server_versions = dict(record.versions) if on_server else {}

    def _after_record_change(self, conn: Connection, record: StoredRecord) -> None:
        if record.type == RecordType.CLIENT:
            if record.deleted:
                people_index.remove_people(conn, [record.id])
                self._names.note(record.id, None, None)
            else:
                people_index.upsert_people(conn, [(record.id, record.owner_partner, record.fields)])
                fields = record.fields
                self._names.note(record.id, fields.get("first_name"), fields.get("last_name"))
        elif record.type == RecordType.REDUNDANCY_EVENT:
            people_index.reindex_people_at_events(conn, [record.id])
        elif record.type == RecordType.EMPLOYER:
            events = people_index.events_of_employers(conn, [record.id])
            people_index.reindex_people_at_events(conn, events)

    # --- reads --------------------------------------------------------------------------

    def get(self, record_id: str) -> RecordView | None:
        """The record, or for a person merged into another on the server, the survivor (the
        view's ``id`` is then the survivor's), so old ids in recent lists and links open the
        record now in use."""
        with self.reading() as conn:
            record = load_record(conn, record_id)
            if record is None or record.deleted:
                survivor = merge_redirects.survivor_of(conn, record_id)
                moved = load_record(conn, survivor) if survivor else None
                if moved is not None and not moved.deleted:
                    record, record_id = moved, moved.id
            if record is None:
                return None
            pending, _has_delete, _n = queued_fields(conn, record_id)
        return _view(record, pending)

    def merged_into(self, record_id: str) -> str | None:
        """The survivor a merged-away person now is (after every merge heard of), or None."""
        with self.reading() as conn:
            return merge_redirects.survivor_of(conn, record_id)

    def _list_type(self, record_type: str) -> list[RecordView]:
        with self.reading() as conn:
            rows = conn.execute(
                text(f"{_LIVE_RECORDS} AND type = :t"),
                {"t": record_type},
            ).all()
        return [_row_view(r, pending=False) for r in rows]

    def events(self) -> list[RecordView]:
        """Live redundancy events, newest announcement first; label with :meth:`event_label`."""
        found = self._list_type(RecordType.REDUNDANCY_EVENT)
        found.sort(key=lambda v: (v.fields.get("announced_on") or "", v.id), reverse=True)
        return found

    def employers(self) -> list[RecordView]:
        found = self._list_type(RecordType.EMPLOYER)
        found.sort(key=lambda v: ((v.fields.get("name") or "").casefold(), v.id))
        return found

    def employer_support(self, event_id: str | None = None) -> list[RecordView]:
        """Support given to employers (of one event if ``event_id``), most recent first."""
        found = [
            v
            for v in self._list_type(RecordType.EMPLOYER_SUPPORT)
            if event_id is None or v.fields.get("event_id") == event_id
        ]
        found.sort(key=lambda v: (v.fields.get("occurred_on") or "", v.id), reverse=True)
        return found

    def event_label(self, event_id: str) -> str:
        with self.reading() as conn:
            return people_index.event_labels(conn, [event_id]).get(event_id, "")

    def warm_search_cache(self) -> None:
        with self.reading() as conn:
            people_index.warm_page_cache(conn)

    def people_count(self, query: str = "", event_id: str | None = None) -> int:
        with self.reading() as conn:
            return people_index.count_people(conn, query, event_id)

    def search_people(
        self,
        query: str = "",
        limit: int = 100,
        offset: int = 0,
        sort_column: str = "last_name",
        descending: bool = False,
        event_id: str | None = None,
    ) -> list[PersonRow]:
        with self.reading() as conn:
            return people_index.search_people(
                conn, query, limit, offset, sort_column, descending, event_id
            )

    def find_duplicates(
        self,
        first_name: str,
        last_name: str,
        date_of_birth: str | None = None,
        ni_number: str | None = None,
        postcode: str | None = None,
        exclude_id: str | None = None,
        limit: int = 10,
        event_id: str | None = None,
    ) -> list[DuplicateCandidate]:
        with self.reading() as conn:
            return find_duplicates(
                conn,
                self._names,
                first_name,
                last_name,
                date_of_birth,
                ni_number,
                postcode,
                exclude_id,
                limit,
                event_id,
            )

    def timeline(self, client_id: str) -> list[RecordView]:
        """Engagements, referrals and outcomes of one person, from every partner, newest first."""
        with self.reading() as conn:
            rows = conn.execute(
                text(f"{_LIVE_RECORDS} AND parent_id = :c"),
                {"c": client_id},
            ).all()
            pending_ids = {
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT DISTINCT o.record_id FROM outbox o JOIN records r "
                        "ON r.id = o.record_id WHERE r.parent_id = :c"
                    ),
                    {"c": client_id},
                )
            }
        rules = self._withheld_rules()
        views = [
            self._with_withheld(_row_view(r, pending=r[0] in pending_ids), rules)
            for r in rows
            if r[1] in CHILD_TYPES and r[1] != CONSENT_CHANGE
        ]

        def when(view: RecordView) -> tuple[str, str]:
            date_field = _TIMELINE_DATE.get(view.type)  # type: ignore[call-overload]
            date = (view.fields.get(date_field) if date_field else None) or view.updated_at[:10]
            return date, max(view.versions.values(), default="")

        views.sort(key=when, reverse=True)
        return views

    def consent_history(self, client_id: str) -> list[RecordView]:
        """The person's consent changes, newest first (from every partner that can see them)."""
        with self.reading() as conn:
            rows = conn.execute(
                text(f"{_LIVE_RECORDS} AND parent_id = :c AND type = :t"),
                {"c": client_id, "t": CONSENT_CHANGE},
            ).all()
        views = [_row_view(r, pending=False) for r in rows]
        views.sort(key=lambda v: (str(v.fields.get("recorded_at") or ""), v.id), reverse=True)
        return views

    # --- outbox for the UI --------------------------------------------------------------

    def pending_count(self) -> int:
        with self.reading() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM outbox WHERE state = 'pending'")
                ).scalar_one()
            )

    def rejected_count(self) -> int:
        with self.reading() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM outbox WHERE state = 'rejected'")
                ).scalar_one()
            )

    def rejected_changes(self) -> list[RejectedChange]:
        with self.reading() as conn:
            rows = conn.execute(
                text(
                    "SELECT change_id, record_id, record_type, op, fields, reason, detail "
                    "FROM outbox WHERE state = 'rejected' ORDER BY seq"
                )
            ).all()
        return [
            RejectedChange(r[0], r[1], r[2], r[3], loads(r[4]), r[5] or "", r[6] or "")
            for r in rows
        ]

    def resend_rejected(self, change_id: str, corrected_fields: Mapping[str, Any]) -> Changes:
        """Queue a corrected copy of a rejected change (all its fields) and drop the old one.

        Answers the record it changed."""
        with self.writing() as conn:
            row = first(
                conn.execute(
                    text(
                        "SELECT record_id, record_type, op, fields FROM outbox "
                        "WHERE change_id = :c AND state = 'rejected'"
                    ),
                    {"c": change_id},
                )
            )
            if row is None:
                raise RecordNotFoundError(change_id)
            record_id, record_type, op, fields_json = row
            record = load_record(conn, record_id)
            if op == "delete" or record is None:
                raise RecordValidationError(
                    [
                        FieldError(
                            "change",
                            user_message(
                                "validation", "only a rejected edit can be corrected and resent"
                            ),
                        )
                    ]
                )
            merged = {**loads(fields_json), **corrected_fields}
            creating = not record.server_versions
            result = validate_fields(
                record_type, merged, creating=creating, known_partners=self.known_partners
            )
            if not result.ok:
                raise RecordValidationError(result.errors)
            conn.execute(text("DELETE FROM outbox WHERE change_id = :c"), {"c": change_id})
            # The rejected value never reached the server: base is what the server last had,
            # unless another queued change of this device sits in between.
            still_queued = queued_fields(conn, record_id)[0]
            server_versions = record.server_versions or {}
            base = {
                name: record.versions.get(name)
                if name in still_queued
                else server_versions.get(name)
                for name in result.values
            }
            self._write_change(conn, record, result.values, base)
            return Changes.record(record.id, record.type)

    def discard_rejected(self, change_id: str) -> Changes:
        """Drop a rejected change and put back the server's values for the fields it touched.

        Answers the record it changed (nothing when the change was already gone)."""
        with self.writing() as conn:
            row = first(
                conn.execute(
                    text("SELECT record_id, op, fields FROM outbox WHERE change_id = :c"),
                    {"c": change_id},
                )
            )
            if row is None:
                return Changes()
            record_id, op, fields_json = row
            conn.execute(text("DELETE FROM outbox WHERE change_id = :c"), {"c": change_id})
            record = load_record(conn, record_id)
            if record is None:
                return Changes()
            changed = Changes.record(record.id, record.type)
            still_queued, delete_queued, remaining = queued_fields(conn, record_id)
            if remaining == 0 and not record.server_versions:
                # Never reached the server and nothing else is queued: it never existed.
                delete_records(conn, [record_id])
                if record.type == RecordType.CLIENT:
                    people_index.remove_people(conn, [record_id])
                    self._names.note(record_id, None, None)
                return changed
            if op == "delete" and not delete_queued:
                _undo_queued_delete(record, still_queued)
            else:
                _restore_server_values(record, loads(fields_json), still_queued)
            if remaining == 0:
                record.server_fields = record.server_versions = None
            write_record(conn, record)
            self._after_record_change(conn, record)
        return changed

    # --- settings -----------------------------------------------------------------------

    def _setting(self, key: str) -> str | None:
        with self.reading() as conn:
            return conn.execute(
                text("SELECT value FROM settings WHERE key = :k"), {"k": key}
            ).scalar()

    def _set_setting(self, key: str, value: str | None) -> None:
        with self.writing() as conn:
            conn.execute(
                text(
                    "INSERT INTO settings (key, value) VALUES (:k, :v) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                ),
                {"k": key, "v": value},
            )

    def withheld_fields(self, record_type: str) -> frozenset[str]:
        """Fields of ``record_type`` the sharing agreement keeps from this partner when another
        partner wrote the record."""
        return frozenset(self._withheld_rules().get(record_type, ()))

    def withheld_from_here(self, record_type: str, owner_partner: str | None) -> frozenset[str]:
        """Fields of a ``record_type`` record written by ``owner_partner`` that this partner
        does not receive: none of its own records, else the agreement's list for the type
        (the server sends the one in force with every pull page)."""
        if owner_partner == self.partner:
            return frozenset()
        return self.withheld_fields(record_type)

    def _withheld_rules(self) -> dict[str, list[str]]:
        raw = self._setting(WITHHELD_SETTING)
        rules = loads(raw) if raw else {}
        if not isinstance(rules, dict):
            return {}
        return {
            str(kind): [str(name) for name in names]
            for kind, names in rules.items()
            if isinstance(names, list)
        }

    def _with_withheld(self, view: RecordView, rules: Mapping[str, list[str]]) -> RecordView:
        if view.owner_partner == self.partner or not rules.get(view.type):
            return view
        return replace(view, withheld=frozenset(rules[view.type]))

    @property
    def current_event_id(self) -> str | None:
        return self._setting(CURRENT_EVENT)

    def set_current_event(self, event_id: str | None) -> Changes:
        self._set_setting(CURRENT_EVENT, event_id)
        return Changes.setting(CURRENT_EVENT)

    @property
    def idle_minutes(self) -> int:
        value = self._setting(IDLE_MINUTES)
        return int(value) if value and value.isdigit() else DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: int) -> Changes:
        if minutes < 1:
            raise ValueError("idle time must be at least one minute")
        self._set_setting(IDLE_MINUTES, str(int(minutes)))
        return Changes.setting(IDLE_MINUTES)


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _consent_method_to_record(
    consent_method: str | None, share_with: Any, *, creating: bool
) -> str | None:
    """How the consent change being saved was given, for its consent history entry; None
    when it records none (an import's new person, shared with nobody: ``CONSENT_NOT_ASKED``).

    Raises RecordValidationError when it does not say how (entries written before this rule,
    or pulled from an older app, still load and show "Not stated")."""
    if consent_method == CONSENT_NOT_ASKED and creating and not share_with:
        return None
    if consent_method not in CONSENT_METHODS:
        raise RecordValidationError(
            [
                FieldError(
                    "consent_method",
                    user_message(
                        "validation",
                        "say how the person gave their consent: verbally, in writing or "
                        "electronically",
                    ),
                )
            ]
        )
    return consent_method


def consent_fields(share_with: list[str]) -> dict[str, Any]:
    """A person's fields for a change of who may see them, stamped now. Saved with
    ``consent_method``, :meth:`Repository.save` adds the consent history entry: registration,
    the person view and the referral dialog all record consent through this one path."""
    return {"share_with": list(share_with), "consent_recorded_at": utc_now_text()}


def _row_view(row: Any, *, pending: bool) -> RecordView:
    """A row of ``_LIVE_RECORDS`` as a view; ``pending`` marks every field as not yet synced."""
    fields = loads(row[3])
    return RecordView(
        row[0],
        row[1],
        row[2],
        fields,
        loads(row[4]),
        bool(row[5]),
        frozenset(fields) if pending else frozenset(),
        bool(row[6]),
        row[7],
    )


def _view(record: StoredRecord, pending: set[str]) -> RecordView:
    return RecordView(
        record.id,
        record.type,
        record.owner_partner,
        dict(record.fields),
        dict(record.versions),
        record.deleted,
        frozenset(pending),
        record.has_conflict,
        record.updated_at,
    )


def _disk_trouble(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "disk is full" in message or "disk i/o error" in message


def _undo_queued_delete(record: StoredRecord, still_queued: set[str]) -> None:
    """A refused delete: the record is what the server has, plus other queued edits."""
    server_fields = record.server_fields or {}
    server_versions = record.server_versions or {}
    record.deleted = DELETED in server_versions
    record.fields = {k: v for k, v in server_fields.items() if k not in still_queued}
    record.versions = {k: v for k, v in server_versions.items() if k not in still_queued}


def _restore_server_values(
    record: StoredRecord, names: Iterable[str], still_queued: set[str]
) -> None:
    """A refused edit: each field it touched goes back to the server's value (or away)."""
    server_fields = record.server_fields or {}
    server_versions = record.server_versions or {}
    for name in names:
        if name in still_queued:
            continue
        if name in server_versions:
            record.fields[name] = server_fields.get(name)
            record.versions[name] = server_versions[name]
        else:
            record.fields.pop(name, None)
            record.versions.pop(name, None)
