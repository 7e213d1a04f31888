"""Data sharing tab: the data-sharing agreement in force (which fields of a person's records
partners other than the one that recorded them do not receive). Administrators read it; system
administrators record a new version, which every laptop applies at its next sync."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.session import SharingAgreement, SharingTerms
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, field_label
from pace_shared.records import FIELDS, PERSON_TYPES, withholdable_fields

from ..confirm import confirm
from ..models.records import column_title, partner_name
from ..state import AppState
from .common import AdminPage, short_time, table_view

ItemIndex = QModelIndex | QPersistentModelIndex
Rule = tuple[str, str]  # (record type, field name)

#: The person's record first, then what is recorded about them, in the record model's order.
TYPE_ORDER = ("client", "engagement", "referral", "outcome", "consent_change")
TYPE_LABELS = {
    "client": QT_TRANSLATE_NOOP("SharingPage", "Person"),
    "engagement": QT_TRANSLATE_NOOP("SharingPage", "Engagement"),
    "referral": QT_TRANSLATE_NOOP("SharingPage", "Referral"),
    "outcome": QT_TRANSLATE_NOOP("SharingPage", "Outcome"),
    "consent_change": QT_TRANSLATE_NOOP("SharingPage", "Consent entry"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("Columns", "Record"),
    QT_TRANSLATE_NOOP("Columns", "Field"),
    QT_TRANSLATE_NOOP("Columns", "Withheld from other partners"),
)
WITHHELD_COLUMN = 2


def withholdable_rules() -> list[Rule]:
    """Every field an agreement may withhold, in a stable, readable order."""
    types = [t for t in TYPE_ORDER if t in PERSON_TYPES]
    types += sorted(PERSON_TYPES - set(types))
    return [
        (record_type, name)
        for record_type in types
        for name in FIELDS[record_type]
        if name in withholdable_fields(record_type)
    ]


def type_label(record_type: str) -> str:
    return QCoreApplication.translate("SharingPage", TYPE_LABELS.get(record_type, record_type))


class WithheldModel(QAbstractTableModel):
    """One row per withholdable field; the last column is a check box, editable only when the
    signed-in user may record a new version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = withholdable_rules()
        self._withheld: set[Rule] = set()
        self.editable = False

    def set_withheld(self, rules: Iterable[Rule]) -> None:
        self.beginResetModel()
        self._withheld = set(rules) & set(self._rules)
        self.endResetModel()

    def withheld(self) -> dict[str, list[str]]:
        """The rules as the agreement's ``withheld`` part (types with nothing withheld left out)."""
        found: dict[str, list[str]] = {}
        for record_type, name in self._rules:
            if (record_type, name) in self._withheld:
                found.setdefault(record_type, []).append(name)
        return found

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rules)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rules)):
            return None
        rule = self._rules[index.row()]
        column = index.column()
        if column == WITHHELD_COLUMN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if rule in self._withheld else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Withheld") if rule in self._withheld else self.tr("Shared")
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record_type, name = rule
        if column == 0:
            return type_label(record_type)
        return field_label(FIELDS[record_type][name])

    def setData(  # noqa: N802
        self, index: ItemIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not self.editable
            or not index.isValid()
            or index.column() != WITHHELD_COLUMN
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        rule = self._rules[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if checked:
            self._withheld.add(rule)
        else:
            self._withheld.discard(rule)
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title(COLUMNS, section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == WITHHELD_COLUMN and self.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


class SharingPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_sharing")
        self.rules = WithheldModel(self)
        # Unsorted: the record model's order keeps a person's fields together.
        self.table = table_view(
            self.rules, self.tr("Fields withheld from other partners"), sortable=False
        )
        self.table.setObjectName("sharing_table")
        self.agreement: SharingAgreement | None = None
        self.refresh_button = self.button(
            self.tr("Re&fresh"), self.tr("Ask the server for the agreement again"), self.reload
        )
        self.save_button = self.button(
            self.tr("Record &new version…"),
            self.tr("Record the ticked fields as a new version of the agreement"),
            self.ask_to_save,
        )
        self.lay_out([self.refresh_button, self.save_button], self.table)

    @property
    def may_edit(self) -> bool:
        session = self.state.session
        return session is not None and session.user.role == "system_admin"

    def reload(self) -> None:
        self.call(
            lambda api: api.sharing_agreement(), self._show, label=self.tr("Asking the server…")
        )

    def _show(self, agreement: SharingAgreement) -> None:
        self.loaded = True
        self.agreement = agreement
        self.rules.editable = self.may_edit
        self.save_button.setVisible(self.may_edit)
        self.rules.set_withheld(
            (record_type, name)
            for record_type, names in agreement.terms.withheld.items()
            for name in names
        )
        self.say(self.describe(agreement))

    def describe(self, agreement: SharingAgreement) -> str:
        if agreement.version == 0:
            text = self.tr(
                "No agreement has been recorded: partners a person's consent covers receive "
                "every field of their records."
            )
        else:
            text = self.tr(
                "Version {version}, recorded by {who} on {when}. A ticked field is never sent "
                "to partners other than the one that recorded the record; the app shows it to "
                "them as “Withheld”."
            ).format(
                version=agreement.version,
                who=agreement.created_by or "",
                when=short_time(agreement.created_at),
            )
        own_rules = sorted(agreement.terms.partners)
        if own_rules:
            text += " " + self.tr(
                "These partners have rules of their own, kept as they are: {partners}."
            ).format(partners=", ".join(partner_name(code) for code in own_rules))
        return text

    def ask_to_save(self) -> QMessageBox | None:
        if self.agreement is None or not self.may_edit:
            return None
        return confirm(
            self,
            "confirm_sharing",
            self.tr("Record a new version"),
            self.tr(
                "Record these rules as version {version} of the data-sharing agreement?\n\n"
                "Every laptop receives people's records again under the new rules at its next "
                "sync: newly withheld fields are removed from other partners' laptops."
            ).format(version=self.agreement.version + 1),
            self.tr("Record version"),
            self.save,
        )

    def save(self) -> None:
        if self.agreement is None:
            return
        terms = SharingTerms(withheld=self.rules.withheld(), partners=self.agreement.terms.partners)
        self.call(
            lambda api: api.set_sharing_agreement(terms),
            self._saved,
            label=self.tr("Recording the new version…"),
        )

    def _saved(self, agreement: SharingAgreement) -> None:
        self._show(agreement)
        self.say(
            self.tr("Version {version} recorded. ").format(version=agreement.version)
            + self.describe(agreement)
        )

    def clear(self) -> None:
        self.agreement = None
        self.rules.set_withheld(())
        self.loaded = False
        self.say("")
        self.show_error("")
