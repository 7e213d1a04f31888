"""Devices tab: every laptop of the partner (a system admin: of every partner), whose it is,
which app version it runs, when it last synced, and revocation (remote wipe)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.session import AdminClient, AdminDevice
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..confirm import confirm
from ..state import AppState
from .common import AdminPage, Column, RowsModel, selected_key, short_time, table_view


@dataclass(frozen=True, slots=True)
class DeviceRow:
    device: AdminDevice
    #: The username of the device's user ("" when the caller cannot see that user).
    username: str


def _state(row: DeviceRow) -> str:
    revoked = row.device.revoked_at
    if revoked:
        return QCoreApplication.translate("AdminDevices", "Revoked {when}").format(
            when=short_time(revoked)
        )
    return QCoreApplication.translate("AdminDevices", "Active")


def _pending(row: DeviceRow) -> str:
    pending = row.device.pending_changes
    return "" if pending is None else str(pending)


DEVICE_COLUMNS: tuple[Column[DeviceRow], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Device"), lambda r: r.device.name),
    Column(QT_TRANSLATE_NOOP("Columns", "User"), lambda r: r.username),
    Column(QT_TRANSLATE_NOOP("Columns", "Partner"), lambda r: r.device.partner),
    Column(QT_TRANSLATE_NOOP("Columns", "App version"), lambda r: r.device.app_version or ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Last sync"), lambda r: short_time(r.device.last_seen_at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Pending changes at last sync"), _pending),
    Column(QT_TRANSLATE_NOOP("Columns", "State"), _state),
)
PENDING_COLUMN = 5


def _load(api: AdminClient) -> list[DeviceRow]:
    names = {u.id: u.username for u in api.users()}
    return [DeviceRow(d, names.get(d.user_id, "")) for d in api.devices()]


class DevicesPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_devices")
        self.model: RowsModel[DeviceRow] = RowsModel(DEVICE_COLUMNS, lambda r: r.device.id, self)
        self.table = table_view(self.model, self.tr("Devices"))
        self.table.setObjectName("devices_table")
        self.revoke_button = self.button(
            self.tr("Revo&ke device…"),
            self.tr("Revoke the selected device; it wipes itself at its next contact"),
            self.revoke,
        )
        self.refresh_button = self.button(
            self.tr("Re&fresh"), self.tr("Load the devices again"), self.reload
        )
        self.lay_out([self.revoke_button, self.refresh_button], self.table)

    def reload(self) -> None:
        self.call(_load, self._show, label=self.tr("Loading devices…"))

    def _show(self, rows: list[DeviceRow]) -> None:
        self.loaded = True
        self.model.set_rows(rows)
        # Only servers that collect it report pending changes: no empty column otherwise.
        reported = any(r.device.pending_changes is not None for r in rows)
        self.table.setColumnHidden(PENDING_COLUMN, not reported)
        revoked = sum(1 for r in rows if r.device.revoked_at)
        self.say(
            self.tr("{count} devices, {revoked} of them revoked.").format(
                count=len(rows), revoked=revoked
            )
        )

    def selected(self) -> DeviceRow | None:
        key = selected_key(self.table)
        return self.model.row_of(key) if key else None

    def revoke(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            self.show_error(self.tr("Select a device in the table first."))
            return None
        if row.device.revoked_at:
            self.show_error(self.tr("That device is already revoked."))
            return None
        device_id = row.device.id
        return confirm(
            self,
            "revoke_confirm",
            self.tr("Revoke {device}?").format(device=row.device.name),
            self.tr(
                "The laptop “{device}” of {user} will be wiped on its next contact with the "
                "server: the PACE Casework data on it is deleted, including any changes not "
                "yet synced, and it can no longer sign in. This cannot be undone; to use it "
                "again, set it up afresh."
            ).format(device=row.device.name, user=row.username or row.device.user_id),
            self.tr("&Revoke and wipe"),
            lambda: self._revoke(device_id),
        )

    def _revoke(self, device_id: str) -> None:
        def done(device: AdminDevice) -> None:
            self.say(
                self.tr("{device} is revoked: it wipes itself at its next contact.").format(
                    device=device.name
                )
            )
            self.reload()

        self.call(
            lambda api: api.revoke_device(device_id), done, label=self.tr("Revoking the device…")
        )
