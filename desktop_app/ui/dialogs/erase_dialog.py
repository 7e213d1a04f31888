"""Asking an administrator to confirm erasing a person: it cannot be undone, so the dialog
says what happens and the Erase button works only once the person's last name is typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..plain import plain_label


def _same_name(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


class EraseDialog(QDialog):
    def __init__(self, full_name: str, last_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erase_dialog")
        self.setWindowTitle(self.tr("Erase this person"))
        self.setAccessibleName(self.tr("Erase this person"))
        self._last_name = last_name
        explanation = plain_label(
            self.tr(
                "Erase {name} and everything recorded about them: their details, consent "
                "history, engagements, referrals and outcomes, kept by any partner.\n\n"
                "They are removed from the server now and from every laptop that holds them at "
                "its next sync. Edits still waiting on a laptop are refused. The audit keeps "
                "only that an erasure happened; statistics already published keep their "
                "anonymous counts.\n\nThis cannot be undone."
            ).format(name=full_name),
            self,
            name="erase_explanation",
        )
        explanation.setWordWrap(True)
        self.confirm_field = QLineEdit(self)
        self.confirm_field.setObjectName("erase_confirm")
        self.confirm_field.setAccessibleName(self.tr("Type the person's last name to confirm"))
        prompt = QLabel(self.tr("To confirm, type their &last name:"), self)
        prompt.setBuddy(self.confirm_field)
        buttons = QDialogButtonBox(self)
        self.erase_button: QPushButton = buttons.addButton(
            self.tr("&Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setObjectName("erase_button")
        self.erase_button.setAccessibleName(self.tr("Erase this person for good"))
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Return alone never erases anyone
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirm_field.textChanged.connect(
            lambda typed: self.erase_button.setEnabled(_same_name(typed, self._last_name))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(prompt)
        layout.addWidget(self.confirm_field)
        layout.addWidget(buttons)
        self.confirm_field.setFocus()
