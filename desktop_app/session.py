"""The façade the UI uses: enrol, unlock, lock, change password, sync, status.

All methods block; the UI calls the slow ones (enrol, unlock, sync) from a worker thread.
The store key exists only in memory between unlock and lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from desktop_app.errors import (
    DiskFullError,
    NotEnrolledError,
    RecordNotFoundError,
    SessionError,
    StoreDamagedError,
    StoreLockedError,
    WrongPasswordError,
)
from desktop_app.paths import (
    PROFILE_FILE,
    STORE_FILE,
    WRAPPED_KEY_FILE,
    default_profile_dir,
    store_files,
)
from desktop_app.security.keywrap import KdfParams, forget, generate_store_key, unwrap_key, wrap_key
from desktop_app.security.permissions import make_private, make_private_dir
from desktop_app.security.secret_store import (
    NO_KEYRING_NOTICE,
    KeyringTokenStore,
    WrappedKeyStore,
    move_keyring_token,
    secure_backend,
)
from desktop_app.security.wipe import WipeIncompleteError, wipe_profile
from desktop_app.storage.caseload import (
    CaseloadFilter,
    CaseloadIndex,
    CaseloadOptions,
    CaseloadResult,
    CaseloadRow,
    Choice,
    FollowUp,
    open_caseload,
)
from desktop_app.storage.conflicts import CONFLICTS_CHANGED, ConflictCache
from desktop_app.storage.engine import Connect
from desktop_app.storage.repository import CURRENT_EVENT, Repository
from desktop_app.storage.store import create_store, open_store, remove_store_files
from desktop_app.storage.sync_store import SyncStore
from desktop_app.storage.team_views import (
    Direction,
    EventSummary,
    ReferralRow,
    accept_referral,
    close_event,
    complete_referral,
    decline_referral,
    event_summaries,
    referrals,
)
from desktop_app.storage.viewed import ViewedOutbox
from desktop_app.storage.views import (
    Changes,
    ConflictSideView,
    ConflictView,
    DuplicateCandidate,
    PersonRow,
    RecordValidationError,
    RecordView,
    RejectedChange,
)
from desktop_app.sync.admin_client import (
    AdminClient,
    AdminDevice,
    AdminPartner,
    AdminRefused,
    AdminUser,
    AuditEvent,
    RetentionReport,
    SharingAgreement,
    SharingTerms,
)
from desktop_app.sync.client import SyncClient
from desktop_app.sync.clock import OFFSET_SETTING, DeviceClock
from desktop_app.sync.duplicates_client import DuplicatePair, Duplicates, DuplicatesClient
from desktop_app.sync.engine import ProgressCallback, SyncEngine, SyncReport
from desktop_app.sync.errors import (
    DeviceRevoked,
    Offline,
    ResyncRequired,
    ServerError,
    SyncError,
    Unauthenticated,
)
from desktop_app.sync.governance_client import GovernanceClient
from desktop_app.sync.merges_client import MergeRecord, MergesClient
from desktop_app.sync.stats_client import REPORT_FORMATS, ReportFormat, StatsClient, StatsQuery
from pace_shared import reference
from pace_shared.hlc import HybridClock, now_ms
from pace_shared.messages import user_message
from pace_shared.stats_wire import StatsResponse
from pace_shared.wire import UserInfo

log = logging.getLogger(__name__)

#: ProfileMeta.token_location of every profile this version writes.
TOKEN_IN_STORE = "store"

__all__ = [
    "CONFLICTS_CHANGED",
    "CURRENT_EVENT",
    "REPORT_FORMATS",
    "AdminClient",
    "AdminDevice",
    "AdminPartner",
    "AdminRefused",
    "AdminSession",
    "AdminUser",
    "AuditEvent",
    "CaseloadFilter",
    "CaseloadIndex",
    "CaseloadOptions",
    "CaseloadResult",
    "CaseloadRow",
    "Changes",
    "Choice",
    "ConflictCache",
    "ConflictSideView",
    "ConflictView",
    "DeviceRevoked",
    "Direction",
    "DiskFullError",
    "DuplicateCandidate",
    "DuplicatePair",
    "Duplicates",
    "Erased",
    "EventSummary",
    "FollowUp",
    "MergeRecord",
    "MergeSession",
    "NotEnrolledError",
    "Offline",
    "OpenSession",
    "PersonRow",
    "Profile",
    "ProgressCallback",
    "RecordNotFoundError",
    "RecordValidationError",
    "RecordView",
    "ReferralRow",
    "RejectedChange",
    "ReportFormat",
    "Repository",
    "ResyncRequired",
    "RetentionReport",
    "ServerError",
    "Session",
    "SessionError",
    "SharingAgreement",
    "SharingTerms",
    "StatsQuery",
    "StatsResponse",
    "StoreDamagedError",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "Unauthenticated",
    "UserInfo",
    "WrongPasswordError",
    "accept_referral",
    "close_event",
    "complete_referral",
    "conflicts_of",
    "decline_referral",
    "event_summaries",
    "open_caseload",
    "record_view_of",
    "referrals",
    "sees_statistics",
    "syncs_records",
]

_Client = TypeVar("_Client", bound=SyncClient)

#: Roles that never hold a person's record (decisions.md #10): statistics only, no record sync.
STATISTICS_ONLY_ROLES = frozenset({"analyst"})
#: Roles the server answers ``GET /api/v1/stats`` for (advisers get 403).
STATISTICS_ROLES = frozenset({"team_lead", "admin", "analyst", "system_admin"})


def sees_statistics(role: str) -> bool:
    """Whether a user of this role may open the statistics dashboards."""
    return role in STATISTICS_ROLES


def syncs_records(role: str) -> bool:
    """Whether a user of this role syncs records; analysts see statistics only."""
    return role not in STATISTICS_ONLY_ROLES


_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Erased:
    """A person erased on request: what the server removed, per record type, and the sync
    that then dropped them from this laptop."""

    removed: dict[str, int]
    sync: SyncReport


@dataclass(frozen=True, slots=True)
class SyncStatus:
    #: True after the last contact with the server worked, False after it failed, None before.
    online: bool | None
    last_sync_at: str | None
    pending: int
    rejected: int


class OpenSession(Protocol):
    """What the UI may do with an unlocked session: the one seam between the UI and the core.

    :class:`Session` satisfies it; the UI's layout tests use a store-only stand-in that does
    too. Reads go through ``repo``; writes go through ``repo``'s methods that answer
    :class:`Changes`, and only ever from the UI's serial job lane (never the GUI thread).
    """

    @property
    def user(self) -> UserInfo: ...

    @property
    def repo(self) -> Repository: ...

    @property
    def is_locked(self) -> bool: ...

    #: Shown once when no secure keyring exists (decisions.md #1), else None.
    keyring_notice: str | None
    #: After a remote wipe that could not remove everything: what is left, else None.
    wipe_problem: str | None

    def status(self) -> SyncStatus: ...

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport: ...

    def subject_access(self, record_id: str) -> dict[str, Any]: ...

    def erase_person(self, record_id: str) -> Erased: ...

    def reauthenticate(self, password: str) -> None: ...

    def fetch_stats(self, query: StatsQuery) -> StatsResponse: ...

    def download_report(
        self, query: StatsQuery, report_format: ReportFormat, destination: Path
    ) -> Path: ...

    def lock(self) -> None: ...

    def wipe(self) -> None: ...

    def open_conflicts(self) -> list[ConflictView]:
        """The partner's open conflicts as cached at the last sync (team leads and
        administrators; empty for other roles), read offline from the store."""
        ...

    def queue_conflict_resolution(self, conflict_id: str, keep: str, value: Any = None) -> Changes:
        """Queue how to resolve a cached conflict (``winner``, ``loser`` or ``value``), sent at
        the next sync. A store write: call it on the job lane."""
        ...

    def record_view(self, record_id: str) -> Changes:
        """Note that a person's record was opened; another partner's person becomes an audit
        ``viewed`` event sent with the next sync. A store write: call it on the job lane."""
        ...


@runtime_checkable
class AdminSession(Protocol):
    """A session that can call the admin API as its signed-in user (the real :class:`Session`;
    the UI's store-only stand-in cannot)."""

    def admin_call(self, call: Callable[[AdminClient], _T]) -> _T: ...


@runtime_checkable
class MergeSession(Protocol):
    """A session that reaches the server's linkage and merges as its signed-in user (the real
    :class:`Session`; the UI's store-only stand-in cannot)."""

    def list_duplicates(
        self, min_probability: float | None = None, limit: int | None = None
    ) -> Duplicates: ...

    def list_merges(self) -> list[MergeRecord]: ...

    def merge_people(self, survivor_id: str, merged_id: str) -> MergeRecord: ...

    def undo_merge(self, merge_id: str) -> MergeRecord: ...


#: Messages of SQLCipher/SQLite errors that mean the file itself is damaged (wrong bytes, a
#: page failing its HMAC), not a bug in our code.
_DAMAGE_MESSAGES = ("file is not a database", "hmac", "malformed")


def is_store_damage(exc: BaseException) -> bool:
    """True for a database error that reports damaged file contents."""
    if not isinstance(exc, DatabaseError):
        return False
    message = str(exc.orig).lower()
    return any(text in message for text in _DAMAGE_MESSAGES)


@dataclass(frozen=True, slots=True)
class ProfileMeta:
    profile_id: str
    username: str
    server_url: str
    #: "keyring" or "file": where the wrapped store key is kept.
    key_location: str
    #: Where the access token is kept: "store" (inside the encrypted store). "keyring" only in
    #: profiles of older versions, moved into the store at their next unlock.
    token_location: str


class Profile:
    """One enrolled user's folder: encrypted store, profile facts, maybe the wrapped-key file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @classmethod
    def default(cls) -> Profile:
        return cls(default_profile_dir())

    def __repr__(self) -> str:
        return f"Profile({str(self.path)!r})"

    @property
    def store_path(self) -> Path:
        return self.path / STORE_FILE

    @property
    def meta_path(self) -> Path:
        return self.path / PROFILE_FILE

    @property
    def wrapped_key_path(self) -> Path:
        return self.path / WRAPPED_KEY_FILE

    def is_enrolled(self) -> bool:
        return self.meta_path.exists() and self.store_path.exists()

    def meta(self) -> ProfileMeta:
        if not self.meta_path.exists():
            raise NotEnrolledError(
                user_message(
                    "errors", "This computer has not been set up yet: sign in online first."
                )
            )
        try:
            data = json.loads(self.meta_path.read_text("utf-8"))
            return ProfileMeta(
                data["profile_id"],
                data["username"],
                data["server_url"],
                data["key_location"],
                data["token_location"],
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreDamagedError(
                user_message("errors", "The profile settings file is damaged.")
            ) from exc

    @property
    def username(self) -> str:
        """The enrolled username, for the unlock screen ("" before enrolment)."""
        try:
            return self.meta().username
        except SessionError:
            return ""

    def _write_meta(self, meta: ProfileMeta) -> None:
        tmp = self.meta_path.with_name(PROFILE_FILE + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "version": 1,
                    "profile_id": meta.profile_id,
                    "username": meta.username,
                    "server_url": meta.server_url,
                    "key_location": meta.key_location,
                    "token_location": meta.token_location,
                },
                handle,
                indent=2,
            )
        os.replace(tmp, self.meta_path)

    def destroy(self, profile_id: str | None = None) -> None:
        """Remove the store (with -wal/-shm), the wrapped key and token (keyring and file)."""
        if profile_id is None:
            with contextlib.suppress(SessionError):
                profile_id = self.meta().profile_id
        remove_store_files(self.store_path)
        if profile_id:
            WrappedKeyStore(profile_id, self.wrapped_key_path).delete()
            KeyringTokenStore(profile_id).delete()
        for leftover in (self.wrapped_key_path, self.meta_path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()

    def wipe(self, meta: ProfileMeta | None = None) -> None:
        """Remote wipe: every copy, ``damaged-*`` folders included; WipeIncompleteError when
        the keyring held something and could not be reached (the files are gone anyway)."""
        if meta is None:
            with contextlib.suppress(SessionError):
                meta = self.meta()
        keyring_used = meta is None or "keyring" in (meta.key_location, meta.token_location)
        wipe_profile(self.path, meta.profile_id if meta else None, keyring_used=keyring_used)


def _move_token_into_store(profile: Profile, meta: ProfileMeta, store: SyncStore) -> ProfileMeta:
    """An older version's profile kept the token in the keyring: move it into the store."""
    move_keyring_token(meta.profile_id, store.set_token)
    moved = dataclasses.replace(meta, token_location=TOKEN_IN_STORE)
    profile._write_meta(moved)
    log.info("sign-in token moved from the keyring into the encrypted store")
    return moved


def conflicts_of(repo: Repository) -> list[ConflictView]:
    """The cached open conflicts (shared by every OpenSession implementation)."""
    return ConflictCache(repo).open_conflicts()


def record_view_of(repo: Repository, record_id: str) -> Changes:
    """Queue a ``viewed`` audit event when needed; nothing the views must refresh."""
    ViewedOutbox(repo).record_view(record_id)
    return Changes()


def _known_partners(own_partner: str) -> frozenset[str]:
    try:
        return frozenset(reference.partner_names()) | {own_partner}
    except (OSError, ValueError):
        return frozenset({own_partner})


class Session:
    """An unlocked profile. Create with :meth:`enrol` (online, first run) or :meth:`unlock`."""

    def __init__(
        self,
        profile: Profile,
        meta: ProfileMeta,
        key: bytearray,
        engine: Engine,
        repo: Repository,
        sync_store: SyncStore,
        user: UserInfo,
        access_token: str | None,
        *,
        http_timeout: tuple[float, float] | None = None,
    ) -> None:
        self.profile = profile
        self._meta = meta
        self._key: bytearray | None = key
        self._engine: Engine | None = engine
        self._repo: Repository | None = repo
        self._sync_store = sync_store
        self._user = user
        self._token = access_token
        self._http_timeout = http_timeout
        self._online: bool | None = None
        self._lock = threading.RLock()
        #: After a remote wipe that could not remove everything: what is left, for the UI.
        self.wipe_problem: str | None = None
        #: Shown once by the UI when no secure keyring exists (decisions.md #1), else None.
        self.keyring_notice: str | None = NO_KEYRING_NOTICE if meta.key_location == "file" else None

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def enrol(
        cls,
        profile: Profile,
        server_url: str,
        username: str,
        password: str,
        device_name: str,
        progress: ProgressCallback | None = None,
        *,
        kdf_params: KdfParams | None = None,
        http_timeout: tuple[float, float] | None = None,
        connect: Connect | None = None,
        wall_clock: Callable[[], int] | None = None,
    ) -> Session:
        """First run, online: log in (registers this device), create the store, pull everything.

        If anything fails the half-made profile is removed and the error raised, so the user can
        simply try again. ``kdf_params`` exists for tests; production uses the default cost.
        ``wall_clock`` (ms since the epoch) replaces the system clock, for clock-skew tests.
        """
        if profile.is_enrolled():
            raise SessionError(
                user_message("errors", "This profile is already set up; unlock it instead.")
            )
        if not password:
            raise SessionError(user_message("errors", "A password is required."))
        device_id = str(uuid.uuid4())
        client = cls._client(server_url, None, http_timeout)
        if progress:
            progress(0, None, "Signing in")
        answer = client.login(username, password, device_id, device_name)
        make_private_dir(profile.path)  # before any file is made in it
        profile.destroy()  # leftovers of an earlier failed attempt
        secure = secure_backend() is not None
        meta = ProfileMeta(
            profile_id=str(uuid.uuid4()),
            username=answer.user.username,
            server_url=server_url.rstrip("/"),
            key_location="keyring" if secure else "file",
            token_location=TOKEN_IN_STORE,
        )
        if not secure:
            log.warning("no secure keyring: wrapped key kept in a file")
        key = generate_store_key()
        engine = None
        try:
            wrapped = wrap_key(key, password, meta.profile_id, kdf_params)
            engine = create_store(profile.store_path, key, connect=connect)
            device_clock = DeviceClock(wall_clock or now_ms)
            clock = HybridClock(device_id, wall_clock=device_clock)
            partner = answer.user.partner
            repo = Repository(engine, clock, partner, _known_partners(partner))
            repo.device_clock = device_clock
            repo.adviser = answer.user.username
            sync_store = SyncStore(repo)
            sync_store.init_state(
                meta.server_url, device_id, answer.user.username, answer.user.model_dump()
            )
            if answer.device_secret:
                sync_store.set_device_secret(answer.device_secret)
            WrappedKeyStore(meta.profile_id, profile.wrapped_key_path).save(
                wrapped, meta.key_location
            )
            session = cls(
                profile,
                meta,
                key,
                engine,
                repo,
                sync_store,
                answer.user,
                None,
                http_timeout=http_timeout,
            )
            session._save_token(answer.access_token)
            profile._write_meta(meta)  # last: its presence means "enrolled"
            make_private(profile.path)
            session.sync(progress)
        except BaseException:
            if engine is not None:
                engine.dispose()
            profile.destroy(meta.profile_id)
            forget(key)
            raise
        log.info("profile enrolled (role %s)", answer.user.role)
        return session

    @classmethod
    def unlock(
        cls,
        profile: Profile,
        password: str,
        *,
        http_timeout: tuple[float, float] | None = None,
        connect: Connect | None = None,
        wall_clock: Callable[[], int] | None = None,
    ) -> Session:
        """Offline: unwrap the key with the password and open the store.

        WrongPasswordError or StoreDamagedError leave every file byte-for-byte unchanged.
        """
        meta = profile.meta()
        if not profile.store_path.exists():
            raise StoreDamagedError(user_message("errors", "The encrypted store file is missing."))
        make_private(profile.path)  # tightens a profile an older version left readable
        wrapped = WrappedKeyStore(meta.profile_id, profile.wrapped_key_path).load(meta.key_location)
        if wrapped is None:
            raise StoreDamagedError(user_message("errors", "The key for this profile is missing."))
        key = unwrap_key(wrapped, password, meta.profile_id)
        try:
            engine = open_store(profile.store_path, key, connect=connect)
        except BaseException:
            forget(key)
            raise
        try:
            repo = Repository(engine, HybridClock("0"), "")  # replaced below once state is read
            sync_store = SyncStore(repo)
            state = sync_store.state()
            user = UserInfo.model_validate(state.user)
            offset = repo._setting(OFFSET_SETTING)
            device_clock = DeviceClock(wall_clock or now_ms, int(offset) if offset else 0)
            repo.device_clock = device_clock
            repo.clock = HybridClock(state.device_id, state.hlc_last, wall_clock=device_clock)
            repo.partner = user.partner
            repo.known_partners = _known_partners(user.partner)
            repo.adviser = state.username
            if meta.token_location == "keyring":
                meta = _move_token_into_store(profile, meta, sync_store)
            token = sync_store.state().access_token
            repo.warm_search_cache()  # ~0.1 s on 100,000 people; unlock already runs off-GUI
        except Exception as exc:
            engine.dispose()
            forget(key)
            # Only known damage is "damaged"; anything else is a bug and surfaces as one.
            if is_store_damage(exc):
                raise StoreDamagedError(
                    user_message("errors", "The encrypted store could not be read.")
                ) from exc
            raise
        log.info("profile unlocked")
        return cls(
            profile, meta, key, engine, repo, sync_store, user, token, http_timeout=http_timeout
        )

    @classmethod
    def rebuild_from_server(
        cls,
        profile: Profile,
        password: str,
        device_name: str = "PACE Casework",
        progress: ProgressCallback | None = None,
        *,
        kdf_params: KdfParams | None = None,
        http_timeout: tuple[float, float] | None = None,
    ) -> tuple[Session, Path]:
        """After StoreDamagedError: keep the damaged files aside, then enrol again and pull.

        The password must unwrap the profile's key (WrongPasswordError otherwise), so only the
        profile's owner can do this. The damaged store, its -wal/-shm and its wrapped key move
        to a ``damaged-<time>`` folder inside the profile, byte for byte, for support to
        examine; nothing is read from them and nothing of them is ever uploaded. Changes that
        were still queued on the damaged store are not recovered. Returns the new session and
        the folder the damaged files were moved to.
        """
        meta = profile.meta()
        keys = WrappedKeyStore(meta.profile_id, profile.wrapped_key_path)
        wrapped = keys.load(meta.key_location)
        if wrapped is not None:
            forget(unwrap_key(wrapped, password, meta.profile_id))  # proves the password
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        aside = profile.path / f"damaged-{stamp}-{uuid.uuid4().hex[:6]}"
        aside.mkdir(mode=0o700)
        for file in store_files(profile.store_path):
            if file.exists():
                os.replace(file, aside / file.name)
        if wrapped is not None:
            fd = os.open(aside / WRAPPED_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(wrapped.to_json())
        make_private(profile.path)
        log.warning("damaged store moved aside; rebuilding from the server")
        profile.destroy(meta.profile_id)
        session = cls.enrol(
            profile,
            meta.server_url,
            meta.username,
            password,
            device_name,
            progress,
            kdf_params=kdf_params,
            http_timeout=http_timeout,
        )
        return session, aside

    # --- life cycle ---------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._repo is None

    def lock(self) -> None:
        """Close the store and drop the key; the UI must unlock again to go on."""
        with self._lock:
            if self._repo is not None:
                self._repo.close()
                self._repo = None
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            forget(self._key)
            self._key = None
            self._token = None
        log.info("session locked")

    def change_password(self, old: str, new: str) -> None:
        """Re-wrap the same store key under the new password; the store is not re-encrypted."""
        if not new:
            raise SessionError(user_message("errors", "The new password cannot be empty."))
        keys = WrappedKeyStore(self._meta.profile_id, self.profile.wrapped_key_path)
        wrapped = keys.load(self._meta.key_location)
        if wrapped is None:
            raise StoreDamagedError(user_message("errors", "The key for this profile is missing."))
        key = unwrap_key(wrapped, old, self._meta.profile_id)
        try:
            params = wrapped.kdf if not wrapped.kdf.meets_production_floor else KdfParams()
            keys.save(wrap_key(key, new, self._meta.profile_id, params), self._meta.key_location)
        finally:
            forget(key)
        log.info("password changed; store key re-wrapped")

    def wipe(self) -> None:
        """Remote wipe: close the store and delete every copy (store, -wal/-shm, wrapped key,
        profile facts, ``damaged-*`` folders, keyring entries). WipeIncompleteError when the
        keyring could not be cleaned; everything else is gone by then."""
        with self._lock:
            self.lock()
            self.profile.wipe(self._meta)
        log.warning("local store wiped")

    def _wipe_after_revocation(self, revoked: DeviceRevoked) -> DeviceRevoked:
        """Wipe because the server said device_revoked; the error to raise, saying what
        could not be removed if anything."""
        self._online = True
        try:
            self.wipe()
        except WipeIncompleteError as problem:
            self.wipe_problem = str(problem)
            log.error("remote wipe incomplete: keyring entries remain")
            return DeviceRevoked(f"{revoked} However: {problem}")
        return revoked

    # --- facts --------------------------------------------------------------------------

    @property
    def user(self) -> UserInfo:
        return self._user

    @property
    def device_id(self) -> str:
        return self.sync_store.state().device_id

    @property
    def server_url(self) -> str:
        return self._meta.server_url

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            raise StoreLockedError(user_message("errors", "The store is locked."))
        return self._repo

    @property
    def sync_store(self) -> SyncStore:
        if self._repo is None:
            raise StoreLockedError(user_message("errors", "The store is locked."))
        return self._sync_store

    def status(self) -> SyncStatus:
        repo = self.repo
        return SyncStatus(
            self._online,
            self.sync_store.state().last_sync_at,
            repo.pending_count(),
            repo.rejected_count(),
        )

    # --- conflicts and audited views ----------------------------------------------------

    def open_conflicts(self) -> list[ConflictView]:
        return conflicts_of(self.repo)

    def queue_conflict_resolution(self, conflict_id: str, keep: str, value: Any = None) -> Changes:
        return ConflictCache(self.repo).queue_resolution(conflict_id, keep, value)

    def record_view(self, record_id: str) -> Changes:
        return record_view_of(self.repo, record_id)

    # --- sync ---------------------------------------------------------------------------

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Push the outbox, then pull. Raises Offline, Unauthenticated (outbox kept),
        DeviceRevoked (after wiping the store), ServerError. A statistics-only user (analyst)
        has no records to sync, and the server would refuse: nothing is sent."""
        if not syncs_records(self._user.role):
            return SyncReport()
        url, token, timeout = self._meta.server_url, self._token, self._http_timeout
        return self._call_server(
            lambda: self._client(url, token, timeout),
            lambda client: SyncEngine(self.sync_store, client).run(progress),
        )

    # --- statistics ---------------------------------------------------------------------

    def fetch_stats(self, query: StatsQuery) -> StatsResponse:
        """The dashboards' tables (disclosure control already applied by the server).
        Raises like sync: Offline, Unauthenticated, Forbidden, DeviceRevoked (after wiping)."""
        return self._with_client(StatsClient, lambda client: client.stats(query))

    def download_report(
        self, query: StatsQuery, report_format: ReportFormat, destination: Path
    ) -> Path:
        """Download the quarterly report to ``destination``, atomically."""
        return self._with_client(
            StatsClient, lambda client: client.download_report(query, report_format, destination)
        )

    def _call_server(self, make: Callable[[], _Client], call: Callable[[_Client], _T]) -> _T:
        """One call to the server with this session's sign-in (sync, statistics,
        administration, subject access; blocking: the UI runs it on its job lane). A 403
        ``device_revoked`` wipes this laptop as a sync does; Offline marks the session offline."""
        client = make()
        try:
            answer = call(client)
        except DeviceRevoked as revoked:
            raise self._wipe_after_revocation(revoked) from None
        except Offline:
            self._online = False
            raise
        except SyncError:
            self._online = True
            raise
        finally:
            client.close()
        self._online = True
        return answer

    def admin_call(self, call: Callable[[AdminClient], _T]) -> _T:
        """Run ``call`` against the admin API with this session's sign-in."""
        url, token, timeout = self._meta.server_url, self._token, self._http_timeout
        return self._call_server(
            lambda: self._client(url, token, timeout), lambda client: call(AdminClient(client))
        )

    def _with_client(self, client_type: type[_Client], call: Callable[[_Client], _T]) -> _T:
        """``call`` with a ``client_type`` client signed in as this session, through the one
        server-call wrapper (online state, wipe on revocation)."""
        url, token, timeout = self._meta.server_url, self._token, self._http_timeout
        return self._call_server(lambda: client_type(url, token, timeout=timeout), call)

    def subject_access(self, record_id: str) -> dict[str, Any]:
        """For an admin: everything the server holds about one person (subject access)."""
        return self._with_client(GovernanceClient, lambda client: client.subject_access(record_id))

    def erase_person(self, record_id: str) -> Erased:
        """For an admin: erase a person on the server, then sync, so this laptop drops them
        now (every other device that held them does at its next sync)."""
        removed = self._with_client(GovernanceClient, lambda client: client.erase_person(record_id))
        return Erased(removed, self.sync())

    # --- merging duplicate people (team leads and admins; issue 11) ---------------------

    def list_merges(self) -> list[MergeRecord]:
        """Merges whose surviving record this partner can see, newest first. Raises like
        sync (Offline, Forbidden, ...); a refusal on the merits is AdminRefused."""
        return self._with_client(MergesClient, lambda client: client.list_merges())

    def merge_people(self, survivor_id: str, merged_id: str) -> MergeRecord:
        """Merge ``merged_id`` into ``survivor_id`` on the server; the next sync brings the
        moves to this device (and every other)."""
        return self._with_client(
            MergesClient, lambda client: client.merge_people(survivor_id, merged_id)
        )

    def undo_merge(self, merge_id: str) -> MergeRecord:
        return self._with_client(MergesClient, lambda client: client.undo_merge(merge_id))

    # --- probable duplicates and merges (issue 11) ------------------------------------

    def list_duplicates(
        self, min_probability: float | None = None, limit: int | None = None
    ) -> Duplicates:
        """The probable duplicate pairs of the server's last linkage run that this partner can
        see, and when it ran (team leads and admins; blocking: call it on the job lane)."""
        return self._with_client(
            DuplicatesClient, lambda client: client.duplicates(min_probability, limit)
        )

    def reauthenticate(self, password: str) -> None:
        """After a 401: sign in again with the same device id and its secret; queued changes
        are untouched. DeviceRevoked (after wiping) when the server says the device is revoked.
        """
        state = self.sync_store.state()
        client = self._client(self._meta.server_url, None, self._http_timeout)
        try:
            answer = client.login(
                state.username, password, state.device_id, "PACE Casework", state.device_secret
            )
        except Unauthenticated:
            raise WrongPasswordError(
                user_message("errors", "The server did not accept that password.")
            ) from None
        except DeviceRevoked as revoked:
            raise self._wipe_after_revocation(revoked) from None
        finally:
            client.close()
        self._online = True
        self._user = answer.user
        self.sync_store.set_user(answer.user.model_dump())
        if answer.device_secret:  # devices enrolled before secrets existed get one now
            self.sync_store.set_device_secret(answer.device_secret)
        self._save_token(answer.access_token)

    def _save_token(self, token: str) -> None:
        self._token = token
        self.sync_store.set_token(token)  # only ever inside the encrypted store

    @staticmethod
    def _client(
        server_url: str, token: str | None, timeout: tuple[float, float] | None
    ) -> SyncClient:
        return SyncClient(server_url, token, timeout=timeout)
