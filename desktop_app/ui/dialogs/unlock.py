"""Unlock the encrypted store with the password (offline), or re-enter it for the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import Failure, classify, describe
from ..jobs import JobRunner
from ..plain import error_label, plain_label


class PasswordDialog(QDialog):
    """Asks for the password and runs ``attempt(password)`` in the background."""

    #: The server said device_revoked (the session has wiped the store): the app takes over.
    revoked = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        attempt: Callable[[str], Any],
        *,
        title: str,
        message: str,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._attempt = attempt
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.message = plain_label(message, self, name="password_message")
        self.message.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        label = QLabel("&Password")
        label.setBuddy(self.password)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.password, 1)
        self.error = error_label(self)
        self.error.setObjectName("unlock_error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def start(self) -> None:
        password = self.password.text()
        if not password:
            self.show_error("Please type your password.")
            return
        self.buttons.setEnabled(False)
        self.password.setEnabled(False)
        self.runner.run(
            lambda _progress: self._attempt(password),
            on_success=self._on_success,
            on_failure=self._on_failure,
            label="Checking the password…",
            parent_widget=self,
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _on_success(self, value: Any) -> None:
        self.result_value = value
        self.password.clear()
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        if classify(exc) is Failure.REVOKED:
            self.hide()  # not reject(): that means "the user cancelled"
            self.revoked.emit(describe(exc))
            return
        self.buttons.setEnabled(True)
        self.password.setEnabled(True)
        self.show_error(self.explain(exc))
        self.password.selectAll()
        self.password.setFocus()

    def explain(self, exc: BaseException) -> str:
        failure = classify(exc)
        if failure is Failure.WRONG_PASSWORD:
            return "Wrong password. Nothing was changed; please try again."
        if failure is Failure.DAMAGED:
            return (
                "The local store could not be read: it looks damaged. It was left exactly as it "
                f"was. Ask your IT team for help. ({describe(exc)})"
            )
        if failure is Failure.UNAUTHENTICATED:
            return "The server did not accept that password."
        if failure is Failure.OFFLINE:
            return f"Could not reach the server: {describe(exc)}"
        return describe(exc)


def unlock_dialog(
    runner: JobRunner,
    unlock: Callable[[str], Any],
    username: str = "",
    parent: QWidget | None = None,
) -> PasswordDialog:
    who = f" for {username}" if username else ""
    dialog = PasswordDialog(
        runner,
        unlock,
        title="PACE Casework — locked",
        message=f"PACE Casework is locked. Type your password{who} to unlock it. "
        "This works offline.",
        action="&Unlock",
        parent=parent,
    )
    dialog.setObjectName("unlock_dialog")
    return dialog


def relogin_dialog(
    runner: JobRunner, login: Callable[[str], Any], parent: QWidget | None = None
) -> PasswordDialog:
    dialog = PasswordDialog(
        runner,
        login,
        title="Sign in again",
        message="The sync server asked you to sign in again. Your unsynced changes are kept and "
        "will be sent once you have signed in.",
        action="&Sign in",
        parent=parent,
    )
    dialog.setObjectName("relogin_dialog")
    return dialog
