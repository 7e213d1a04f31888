"""Partners tab (system admins only, decisions.md #10): create, rename, deactivate, reactivate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QMessageBox, QWidget

from desktop_app.session import AdminPartner
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..dialogs.form_dialog import lay_out_form_dialog
from ..state import AppState
from .common import (
    AdminPage,
    Column,
    RowsModel,
    confirm,
    described,
    selected_key,
    short_time,
    table_view,
)


def _active(partner: AdminPartner) -> str:
    if partner.active:
        return QCoreApplication.translate("AdminPartners", "Active")
    return QCoreApplication.translate("AdminPartners", "Deactivated")


PARTNER_COLUMNS: tuple[Column[AdminPartner], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Code"), lambda p: p.code),
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda p: p.name),
    Column(QT_TRANSLATE_NOOP("Columns", "State"), _active),
    Column(QT_TRANSLATE_NOOP("Columns", "Created"), lambda p: short_time(p.created_at)),
)


class PartnerDialog(QDialog):
    """A new partner (code and name), or a new name for one (``code`` given)."""

    def __init__(self, code: str | None = None, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partner_dialog")
        self.setWindowTitle(
            self.tr("New partner") if code is None else self.tr("Rename {code}").format(code=code)
        )
        self.setMinimumWidth(420)
        self.code = QLineEdit(code or "")
        self.code.setAccessibleName(self.tr("Partner code"))
        self.code.setMaxLength(32)
        self.code.setPlaceholderText(self.tr("e.g. BORDERS_COLLEGE"))
        self.code.setReadOnly(code is not None)
        self.name = QLineEdit(name)
        self.name.setAccessibleName(self.tr("Partner name"))
        self.name.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Co&de"), self.code)
        form.addRow(self.tr("&Name"), self.name)
        self.error = lay_out_form_dialog(self, form, self.check)
        self.on_save: Callable[[str, str], object] | None = None

    def check(self) -> None:
        if not self.name.text().strip():
            described(self.error, self.tr("Type the partner's name."))
        elif self.on_save is not None:
            described(self.error, "")
            self.on_save(self.code.text().strip(), self.name.text().strip())

    def refused(self, text: str) -> None:
        described(self.error, text)


class PartnersPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_partners")
        self.model: RowsModel[AdminPartner] = RowsModel(PARTNER_COLUMNS, lambda p: p.code, self)
        self.table = table_view(self.model, self.tr("Partners"))
        self.table.setObjectName("partners_table")
        self.new_button = self.button(
            self.tr("&New partner…"), self.tr("Create a partner"), self.new_partner
        )
        self.rename_button = self.button(
            self.tr("Rena&me…"), self.tr("Rename the selected partner"), self.rename
        )
        self.deactivate_button = self.button(
            self.tr("D&eactivate…"), self.tr("Deactivate the selected partner"), self.deactivate
        )
        self.reactivate_button = self.button(
            self.tr("Re&activate"), self.tr("Reactivate the selected partner"), self.reactivate
        )
        self.refresh_button = self.button(
            self.tr("Re&fresh"), self.tr("Load the partners again"), self.reload
        )
        self.dialog: PartnerDialog | None = None
        self.lay_out(
            [
                self.new_button,
                self.rename_button,
                self.deactivate_button,
                self.reactivate_button,
                self.refresh_button,
            ],
            self.table,
        )

    def reload(self) -> None:
        self.call(lambda api: api.partners(), self._show, label=self.tr("Loading partners…"))

    def _show(self, partners: list[AdminPartner]) -> None:
        self.loaded = True
        self.model.set_rows(partners)
        self.say(self.tr("{count} partners.").format(count=len(partners)))

    def selected(self) -> AdminPartner | None:
        key = selected_key(self.table)
        partner = self.model.row_of(key) if key else None
        if partner is None:
            self.show_error(self.tr("Select a partner in the table first."))
        return partner

    def _changed(self, verb: str) -> Callable[[AdminPartner], None]:
        def done(partner: AdminPartner) -> None:
            if self.dialog is not None:
                self.dialog.accept()
                self.dialog = None
            self.say(verb.format(code=partner.code))
            self.reload()

        return done

    def new_partner(self) -> PartnerDialog:
        dialog = PartnerDialog(parent=self)
        dialog.on_save = lambda code, name: self.call(
            lambda api: api.create_partner(code, name),
            self._changed(self.tr("Partner {code} created.")),
            label=self.tr("Creating the partner…"),
            on_refused=dialog.refused,
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def rename(self) -> PartnerDialog | None:
        partner = self.selected()
        if partner is None:
            return None
        dialog = PartnerDialog(partner.code, partner.name, self)
        dialog.on_save = lambda code, name: self.call(
            lambda api: api.rename_partner(code, name),
            self._changed(self.tr("Partner {code} renamed.")),
            label=self.tr("Renaming the partner…"),
            on_refused=dialog.refused,
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def deactivate(self) -> QMessageBox | None:
        partner = self.selected()
        if partner is None:
            return None
        code = partner.code
        return confirm(
            self,
            "deactivate_partner_confirm",
            self.tr("Deactivate {code}?").format(code=code),
            self.tr(
                "No user of {name} will be able to sign in, and every laptop of the partner "
                "is revoked: each one wipes its local data at its next contact with the server, "
                "including changes not yet synced. Reactivating the partner later lets its "
                "users sign in again on newly set up laptops."
            ).format(name=partner.name),
            self.tr("&Deactivate and revoke laptops"),
            lambda: self.call(
                lambda api: api.deactivate_partner(code),
                self._changed(self.tr("Partner {code} deactivated; its laptops are revoked.")),
                label=self.tr("Deactivating the partner…"),
            ),
        )

    def reactivate(self) -> None:
        partner = self.selected()
        if partner is not None:
            code = partner.code
            self.call(
                lambda api: api.reactivate_partner(code),
                self._changed(self.tr("Partner {code} reactivated.")),
                label=self.tr("Reactivating the partner…"),
            )
