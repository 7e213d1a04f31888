"""Typed calls to the sync server's admin API (``/api/v1/admin/...``) for the admin workspace.

It rides on :class:`~desktop_app.sync.client.SyncClient`: the same transport checks (https or
loopback), timeouts, app-version header, bearer token and error mapping (401 Unauthenticated,
403 ``device_revoked`` DeviceRevoked, other 403 Forbidden with the server's sentence). Answers
the server refuses on their merits (404 unknown, 409 already exists, 422 invalid, such as a
password the policy refuses) become :class:`AdminRefused` carrying the server's own sentence,
which is fit to show. Like the sync client, it neither logs nor keeps bodies.
"""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, ValidationError

from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import ServerError
from pace_shared.wire import API_PREFIX

ADMIN = f"{API_PREFIX}/admin"
#: Statuses whose ``detail`` says what to fix: shown to the admin as the server wrote it.
_REFUSALS = (404, 409, 422)

_Model = TypeVar("_Model", bound=BaseModel)


class AdminRefused(ServerError):  # noqa: N818 - reads as the server's verdict
    """The server refused the request on its merits; ``str()`` is the server's sentence."""


class _Answer(BaseModel):
    # Newer servers may add fields: an older app ignores them.
    model_config = ConfigDict(extra="ignore")


class AdminUser(_Answer):
    id: str
    username: str
    display_name: str
    role: str
    partner: str
    active: bool


class AdminDevice(_Answer):
    id: str
    name: str
    user_id: str
    partner: str
    registered_at: str
    last_seen_at: str
    revoked_at: str | None = None
    app_version: str | None = None
    #: Changes the device still held unsent at the end of its last sync, and when it said so
    #: (servers with device reports only; None before the device reports).
    pending_changes: int | None = None
    pending_reported_at: str | None = None


class AuditEvent(_Answer):
    id: int
    at: str
    action: str
    username: str | None = None
    device_id: str | None = None
    record_id: str | None = None
    record_type: str | None = None
    fields: list[str] | None = None
    detail: dict[str, Any] | None = None


class AdminPartner(_Answer):
    code: str
    name: str
    active: bool
    created_at: str


#: Per record type, the field names withheld (the data-sharing agreement's rules).
WithheldRules = dict[str, list[str]]


class SharingTerms(_Answer):
    #: What every partner other than a record's owner does not receive.
    withheld: WithheldRules = {}
    #: A partner's own rules, instead of ``withheld``.
    partners: dict[str, WithheldRules] = {}


class SharingAgreement(_Answer):
    #: 0 when none was ever recorded (nothing is withheld).
    version: int
    terms: SharingTerms
    created_at: str | None = None
    created_by: str | None = None


class RetentionReport(_Answer):
    months: int
    #: People none of whose records changed since this moment are (or would be) erased.
    cutoff: str
    applied: bool
    people: list[str]
    #: Records removed (or that would be), per record type.
    removed: dict[str, int]


class _Items(_Answer):
    items: list[dict[str, Any]]


class AdminClient:
    """The admin API over one signed-in :class:`SyncClient` (which the caller owns)."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    # --- users --------------------------------------------------------------------------

    def users(self) -> list[AdminUser]:
        return self._list(AdminUser, "/users")

    def create_user(
        self,
        username: str,
        display_name: str,
        role: str,
        password: str,
        partner: str | None = None,
    ) -> AdminUser:
        body: dict[str, Any] = {
            "username": username,
            "display_name": display_name,
            "role": role,
            "password": password,
        }
        if partner:
            body["partner"] = partner
        return self._call(AdminUser, "POST", "/users", json=body)

    def set_role(self, username: str, role: str) -> AdminUser:
        return self._call(AdminUser, "POST", f"/users/{_part(username)}/role", json={"role": role})

    def deactivate_user(self, username: str) -> AdminUser:
        return self._call(AdminUser, "POST", f"/users/{_part(username)}/deactivate")

    def reactivate_user(self, username: str) -> AdminUser:
        return self._call(AdminUser, "POST", f"/users/{_part(username)}/reactivate")

    def reset_password(self, username: str, password: str) -> AdminUser:
        path = f"/users/{_part(username)}/password"
        return self._call(AdminUser, "POST", path, json={"password": password})

    # --- devices ------------------------------------------------------------------------

    def devices(self) -> list[AdminDevice]:
        return self._list(AdminDevice, "/devices")

    def revoke_device(self, device_id: str) -> AdminDevice:
        return self._call(AdminDevice, "POST", f"/devices/{_part(device_id)}/revoke")

    # --- audit --------------------------------------------------------------------------

    def audit(
        self,
        *,
        username: str | None = None,
        record_id: str | None = None,
        action: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 1000,
        before: int | None = None,
    ) -> list[AuditEvent]:
        """Newest first; ``since`` inclusive and ``until`` exclusive (ISO 8601); ``before``:
        only events with a smaller id (the next page after the oldest event shown)."""
        params: dict[str, Any] = {"limit": limit}
        wanted = {
            "username": username,
            "record_id": record_id,
            "action": action,
            "since": since,
            "until": until,
            "before": before,
        }
        params.update({k: v for k, v in wanted.items() if v})
        return self._list(AuditEvent, "/audit", params=params)

    # --- partners (system admins) -------------------------------------------------------

    def partners(self) -> list[AdminPartner]:
        return self._list(AdminPartner, "/partners")

    def create_partner(self, code: str, name: str) -> AdminPartner:
        return self._call(AdminPartner, "POST", "/partners", json={"code": code, "name": name})

    def rename_partner(self, code: str, name: str) -> AdminPartner:
        path = f"/partners/{_part(code)}/rename"
        return self._call(AdminPartner, "POST", path, json={"name": name})

    def deactivate_partner(self, code: str) -> AdminPartner:
        return self._call(AdminPartner, "POST", f"/partners/{_part(code)}/deactivate")

    def reactivate_partner(self, code: str) -> AdminPartner:
        return self._call(AdminPartner, "POST", f"/partners/{_part(code)}/reactivate")

    # --- data-sharing agreement ---------------------------------------------------------

    def sharing_agreement(self) -> SharingAgreement:
        return self._call(SharingAgreement, "GET", "/sharing-agreement")

    def set_sharing_agreement(self, terms: SharingTerms) -> SharingAgreement:
        """Record ``terms`` as the next version (system administrators only)."""
        return self._call(SharingAgreement, "PUT", "/sharing-agreement", json=terms.model_dump())

    # --- retention ---------------------------------------------------------------------

    def retention(self, months: int, *, apply: bool) -> RetentionReport:
        """The retention rule (system administrators): a dry run, or erase for real."""
        body = {"months": months, "apply": apply}
        return self._call(RetentionReport, "POST", "/retention", json=body)

    # --- health -------------------------------------------------------------------------

    def health(self) -> tuple[str, dict[str, Any]]:
        """The server's health summary and where it came from: the admin summary when the
        server has one, otherwise the public ``/healthz``."""
        try:
            answer = self._raw("GET", "/health")
        except AdminRefused as refused:
            if refused.status != 404:
                raise
            return "/healthz", self._client.health()
        if not isinstance(answer, dict):
            raise ServerError("The server's health answer was not a summary.")
        return f"{ADMIN}/health", answer

    # --- plumbing -----------------------------------------------------------------------

    def _raw(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            return self._client._request(method, ADMIN + path, **kwargs)
        except ServerError as exc:
            if exc.status in _REFUSALS and exc.detail:
                raise AdminRefused(exc.detail, exc.status, exc.code, exc.detail) from None
            raise

    def _call(self, model: type[_Model], method: str, path: str, **kwargs: Any) -> _Model:
        return _parse(model, self._raw(method, path, **kwargs))

    def _list(self, model: type[_Model], path: str, **kwargs: Any) -> list[_Model]:
        page = _parse(_Items, self._raw("GET", path, **kwargs))
        return [_parse(model, item) for item in page.items]


def _parse(model: type[_Model], data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError:
        raise ServerError("The server's answer did not follow the admin API.") from None


def _part(text: str) -> str:
    """``text`` as one path segment (a username may hold characters a URL reserves)."""
    return quote(text, safe="")
