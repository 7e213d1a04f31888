"""Consent to share with other PACE partners: all, chosen partners, or nobody."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pace_shared import reference
from pace_shared.records import CONSENT_METHODS, SHARE_ALL

from .plain import error_label

ALL, CHOSEN, NOBODY = 0, 1, 2


class ConsentBox(QGroupBox):
    changed = Signal()

    def __init__(self, own_partner: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Consent to share with other PACE partners"))
        self.setAccessibleName(self.tr("Consent to share"))
        self.all_button = QRadioButton(self.tr("&All PACE partners"))
        self.chosen_button = QRadioButton(self.tr("Chosen pa&rtners:"))
        self.nobody_button = QRadioButton(self.tr("&Only my organisation (no sharing)"))
        self.all_button.setAccessibleName(self.tr("Share with all PACE partners"))
        self.chosen_button.setAccessibleName(self.tr("Share with chosen partners"))
        self.nobody_button.setAccessibleName(self.tr("Do not share with other partners"))
        self.group = QButtonGroup(self)
        for ident, button in enumerate((self.all_button, self.chosen_button, self.nobody_button)):
            self.group.addButton(button, ident)
        self.partners = QListWidget()
        self.partners.setObjectName("share_partners")
        self.partners.setAccessibleName(self.tr("Partners to share with"))
        self.partners.setMaximumHeight(140)
        self.partners.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partners.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.set_own_partner(own_partner)
        self.method = QComboBox(self)
        self.method.setObjectName("consent_method")
        self.method.setAccessibleName(self.tr("How consent was given"))
        for code, text in zip(
            CONSENT_METHODS,
            (self.tr("Verbal"), self.tr("Written"), self.tr("Electronic")),
            strict=True,
        ):
            self.method.addItem(text, code)
        method_label = QLabel(self.tr("Ho&w consent was given:"), self)
        method_label.setBuddy(self.method)
        method_row = QHBoxLayout()
        method_row.addWidget(method_label)
        method_row.addWidget(self.method, 1)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.all_button)
        layout.addWidget(self.chosen_button)
        layout.addWidget(self.partners)
        layout.addWidget(self.nobody_button)
        layout.addLayout(method_row)
        layout.addWidget(self.error)
        # Each button's own toggled signal, read back through isChecked(): no bool crosses into
        # Python, which works around a PySide6 6.12 refcount crash at interpreter exit.
        for button in (self.all_button, self.chosen_button, self.nobody_button):
            button.toggled.connect(self._on_mode_changed)
        self.partners.itemChanged.connect(lambda _item: self._emit_changed())
        self.reset()

    def set_own_partner(self, own_partner: str | None) -> None:
        self.partners.clear()
        for partner in reference.partners():
            if partner["code"] == own_partner:
                continue
            item = QListWidgetItem(partner["name"])
            item.setData(Qt.ItemDataRole.UserRole, partner["code"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners.addItem(item)

    def consent_method(self) -> str:
        """How the person gave the consent now chosen (``verbal``/``written``/``electronic``)."""
        return str(self.method.currentData())

    def reset(self) -> None:
        self.method.setCurrentIndex(0)
        self.all_button.setChecked(True)
        for row in range(self.partners.count()):
            self.partners.item(row).setCheckState(Qt.CheckState.Unchecked)
        self._on_mode_changed()

    @Slot()
    def _on_mode_changed(self) -> None:
        self.partners.setEnabled(self.chosen_button.isChecked())
        self.error.setVisible(False)
        self._emit_changed()

    def _emit_changed(self) -> None:
        self.changed.emit()

    def chosen_codes(self) -> list[str]:
        return [
            str(self.partners.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.partners.count())
            if self.partners.item(row).checkState() == Qt.CheckState.Checked
        ]

    def share_with(self) -> list[str]:
        mode = self.group.checkedId()
        if mode == ALL:
            return [SHARE_ALL]
        if mode == CHOSEN:
            return self.chosen_codes()
        return []

    def set_share_with(self, codes: list[str] | None) -> None:
        codes = list(codes or [])
        if codes == [SHARE_ALL]:
            self.all_button.setChecked(True)
        elif codes:
            self.chosen_button.setChecked(True)
        else:
            self.nobody_button.setChecked(True)
        for row in range(self.partners.count()):
            item = self.partners.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def validate(self) -> bool:
        if self.group.checkedId() == CHOSEN and not self.chosen_codes():
            self.error.setText(self.tr("Tick at least one partner, or choose another option."))
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        return True
