"""The referral dialog's "record consent first?" question: has the person agreed to share their
record with the partner, and how did they give that consent (required, as the consent history
records it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..consent import ConsentMethodChoice
from ..plain import error_label, plain_label

AGREED = QDialogButtonBox.StandardButton.Yes
CANCEL = QDialogButtonBox.StandardButton.No


class ConsentQuestion(QDialog):
    """Accepted only once the adviser says how the person gave consent; the answer is read
    back with :meth:`consent_method` after ``finished``."""

    def __init__(self, person: str, partner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent_question")
        self.setWindowTitle(self.tr("Record consent first?"))
        self.setMinimumWidth(460)
        # The name is user data: a plain label, never rendered.
        self.question = plain_label(
            self.tr(
                "{person} has not agreed to share their record with {partner}, so the referral "
                "cannot be sent yet.\n\n"
                "Has the person agreed to share their record with them? If so, their consent is "
                "recorded now, with how they gave it, and the referral is saved after it."
            ).format(person=person, partner=partner),
            self,
            name="consent_question_text",
        )
        self.question.setWordWrap(True)
        self.method = ConsentMethodChoice(self)
        method_label = QLabel(self.tr("Ho&w consent was given:"), self)
        method_label.setBuddy(self.method)
        form = QFormLayout()
        form.addRow(method_label, self.method)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(AGREED | CANCEL, self)
        self.agreed_button.setText(self.tr("The person &agreed: record && refer"))
        self.agreed_button.setAccessibleName(self.tr("The person agreed: record consent and refer"))
        self.cancel_button.setText(self.tr("Cancel"))
        # Enter must never record consent by accident: Cancel stays the default button.
        self.agreed_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._agreed)
        self.buttons.rejected.connect(self.reject)
        self.method.currentIndexChanged.connect(lambda _index: self._say(""))
        self.method.setFocus()

    @property
    def agreed_button(self) -> QPushButton:
        return self.buttons.button(AGREED)

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(CANCEL)

    def text(self) -> str:
        return self.question.text()

    def consent_method(self) -> str | None:
        return self.method.consent_method()

    def _agreed(self) -> None:
        if self.consent_method() is None:
            self._say(self.tr("Choose how the person gave their consent."))
            self.method.setFocus()
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        # Screen readers hear the problem where the cursor is.
        self.method.setAccessibleDescription(text)
