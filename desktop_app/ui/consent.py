"""Consent to share with other PACE partners: all, chosen partners, or nobody; and how the
person gave it (one chooser for registration, the person view and the referral dialog). Every
consent change the app records says how it was given, and the adviser always chooses that: the
chooser starts on "Choose…", never on a method nobody stated."""

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
from pace_shared.records import CONSENT_CHANGE, CONSENT_METHODS, FIELDS, SHARE_ALL

from .i18n import choice_label
from .plain import error_label

ALL, CHOSEN, NOBODY = 0, 1, 2


class ConsentMethodChoice(QComboBox):
    """How the person gave their consent (verbal, written, electronic), as the consent history
    records it. The list starts on "Choose…" and :meth:`consent_method` is None until the
    adviser picks one (registration, the person view and the referral dialog all ask for it
    this way)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent_method")
        self.setAccessibleName(self.tr("How consent was given"))
        self.addItem(self.tr("Choose how consent was given…"), None)
        spec = FIELDS[CONSENT_CHANGE]["method"]
        for code in CONSENT_METHODS:
            self.addItem(choice_label(spec, code), code)
        self.reset()

    def reset(self) -> None:
        self.setCurrentIndex(0)

    def choose(self, code: str) -> None:
        self.setCurrentIndex(self.findData(code))

    def consent_method(self) -> str | None:
        """The chosen method's code, or None while the choice is still open."""
        code = self.currentData()
        return str(code) if code in CONSENT_METHODS else None


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
        # Required: a consent change records how it was given, so nothing is chosen for the
        # adviser; they ask the person and pick (type V, W or E, or use the arrow keys).
        self.method = ConsentMethodChoice(self)
        method_label = QLabel(self.tr("Ho&w consent was given:"), self)
        method_label.setBuddy(self.method)
        method_row = QHBoxLayout()
        method_row.addWidget(method_label)
        method_row.addWidget(self.method, 1)
        self.error = error_label(self)
        self._method_refused = False
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
        self.method.currentIndexChanged.connect(lambda _index: self._on_method_changed())
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

    def consent_method(self) -> str | None:
        """How the person gave the consent now chosen (``verbal``/``written``/``electronic``),
        or None while the adviser has not said."""
        return self.method.consent_method()

    def reset(self) -> None:
        """Nothing chosen: the adviser must say who the person agreed to share with, and how they
        agreed, so neither the widest sharing nor a method is recorded because nobody changed a
        default."""
        self.method.reset()
        self._choose(None)
        for row in range(self.partners.count()):
            self.partners.item(row).setCheckState(Qt.CheckState.Unchecked)
        self._on_mode_changed()

    def _choose(self, button: QRadioButton | None) -> None:
        # An exclusive group cannot uncheck its checked button; lift the rule for the moment.
        self.group.setExclusive(False)
        for each in (self.all_button, self.chosen_button, self.nobody_button):
            each.setChecked(each is button)
        self.group.setExclusive(True)

    def has_choice(self) -> bool:
        return self.group.checkedId() in (ALL, CHOSEN, NOBODY)

    def focus_problem(self) -> None:
        """Put the cursor where :meth:`validate` found the problem."""
        if not self.has_choice():
            self.all_button.setFocus()
        elif self.group.checkedId() == CHOSEN and not self.chosen_codes():
            self.partners.setFocus()
        else:
            self.method.setFocus()

    def method_missing(self) -> bool:
        """True when the last :meth:`validate` refused only for want of how consent was given."""
        return self.has_choice() and self._method_refused

    @Slot()
    def _on_mode_changed(self) -> None:
        self.partners.setEnabled(self.chosen_button.isChecked())
        self._say("")
        self._emit_changed()

    def _on_method_changed(self) -> None:
        self._say("")
        self._emit_changed()

    def _say(self, text: str) -> None:
        self._method_refused = False
        self.error.setText(text)
        self.error.setVisible(bool(text))
        # Screen readers hear the problem on the method list, where the cursor goes for it.
        self.method.setAccessibleDescription("")

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
            self._choose(self.all_button)
        elif codes:
            self._choose(self.chosen_button)
        else:
            self._choose(self.nobody_button)
        for row in range(self.partners.count()):
            item = self.partners.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def validate(self, *, method_needed: bool = True) -> bool:
        """Show what is missing under the box and answer whether the choice can be saved.
        ``method_needed``: a consent change will be recorded, so how the person gave it must be
        chosen (always at registration, where even "only my organisation" is recorded in the
        consent history; on the person view only when the sharing changed)."""
        if not self.has_choice():
            self._say(
                self.tr(
                    "Choose who the person agreed may see their record: all PACE partners, "
                    "chosen partners, or only your organisation."
                )
            )
            return False
        if self.group.checkedId() == CHOSEN and not self.chosen_codes():
            self._say(self.tr("Tick at least one partner, or choose another option."))
            return False
        if method_needed and self.consent_method() is None:
            message = self.tr(
                "Choose how the person gave their consent: verbally, in writing or electronically."
            )
            self._say(message)
            self._method_refused = True
            self.method.setAccessibleDescription(message)
            return False
        self._say("")
        return True
