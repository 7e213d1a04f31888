"""Partners tab (system admins only, decisions.md #10): create, rename, deactivate, reactivate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit, QMessageBox, QWidget

from desktop_app.session import AdminPartner
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..confirm import confirm
from ..state import AppState
from .common import Column, RowsModel, short_time, table_view
from .editing import ServerFormDialog, ServerRowsPage


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


class PartnerDialog(ServerFormDialog):
    """A new partner (code and name), or a new name for one (``code`` given)."""

    def __init__(self, code: str | None = None, name: str = "", parent: QWidget | None = None):
        super().__init__(
            "partner_dialog",
            self.tr("New partner") if code is None else self.tr("Rename {code}").format(code=code),
            parent,
            min_width=420,
        )
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
        self.finish(form)
        self.on_save: Callable[[str, str], object] | None = None

    def check(self) -> None:
        if not self.name.text().strip():
            self.say(self.tr("Type the partner's name."))
        elif self.on_save is not None:
            self.say("")
            self.on_save(self.code.text().strip(), self.name.text().strip())


class PartnersPage(ServerRowsPage[AdminPartner]):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_partners")
        self.model = RowsModel(PARTNER_COLUMNS, lambda p: p.code, self)
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

    def message_fields(self, row: AdminPartner) -> dict[str, str]:
        return {"code": row.code}

    def reload(self) -> None:
        self.call(
            lambda api: api.partners(),
            lambda partners: self.show_rows(partners, self.tr("{count} partners.")),
            label=self.tr("Loading partners…"),
        )

    def selected(self) -> AdminPartner | None:
        return self.selected_row(self.tr("Select a partner in the table first."))

    def new_partner(self) -> PartnerDialog:
        dialog = PartnerDialog(parent=self)
        dialog.on_save = lambda code, name: self.send(
            lambda api: api.create_partner(code, name),
            self.tr("Partner {code} created."),
            self.tr("Creating the partner…"),
            dialog,
        )
        return self.open_dialog(dialog)

    def rename(self) -> PartnerDialog | None:
        partner = self.selected()
        if partner is None:
            return None
        dialog = PartnerDialog(partner.code, partner.name, self)
        dialog.on_save = lambda code, name: self.send(
            lambda api: api.rename_partner(code, name),
            self.tr("Partner {code} renamed."),
            self.tr("Renaming the partner…"),
            dialog,
        )
        return self.open_dialog(dialog)

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
            lambda: self.send(
                lambda api: api.deactivate_partner(code),
                self.tr("Partner {code} deactivated; its laptops are revoked."),
                self.tr("Deactivating the partner…"),
            ),
        )

    def reactivate(self) -> None:
        partner = self.selected()
        if partner is not None:
            code = partner.code
            self.send(
                lambda api: api.reactivate_partner(code),
                self.tr("Partner {code} reactivated."),
                self.tr("Reactivating the partner…"),
            )
