"""Unlock the encrypted store with the password (offline), or re-enter it for the server.

When unlock finds known damage, the dialog offers to set the damaged store aside and rebuild it
from the server (``Session.rebuild_from_server``), after a plain explanation and a confirmation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Session
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..errors import Failure, classify, describe
from ..jobs import JobRunner, ProgressFn
from ..plain import error_label, plain_label

#: What a password dialog runs: unlock answers the session, sign-in-again answers None.
Attempt = Callable[[str], Session | None]
#: Set the damaged store aside and rebuild from the server: (password, progress) -> session.
Rebuild = Callable[[str, ProgressFn], Session]

DAMAGED_MESSAGE = QT_TRANSLATE_NOOP(
    "PasswordDialog",
    "The local store on this laptop could not be read: it looks damaged. It was left exactly "
    "as it was. You can set it aside and rebuild it from the server, or ask your IT team.",
)
REBUILD_TITLE = QT_TRANSLATE_NOOP("PasswordDialog", "Rebuild this laptop's records?")
REBUILD_EXPLANATION = QT_TRANSLATE_NOOP(
    "PasswordDialog",
    "PACE Casework will move the damaged files to a folder beside them, where they stay "
    "untouched for your IT team to examine; nothing in them is read or sent anywhere. It will "
    "then sign you in again and download a fresh copy of your records from the sync server. "
    "This needs a connection to the server and can take a few minutes.\n\n"
    "Changes made on this laptop that had not been synced yet cannot be recovered.",
)


class PasswordDialog(QDialog):
    """Asks for the password and runs ``attempt(password)`` in the background."""

    #: The server said device_revoked (the session has wiped the store): the app takes over.
    revoked = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        attempt: Attempt,
        *,
        title: str,
        message: str,
        action: str,
        parent: QWidget | None = None,
        rebuild: Rebuild | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._attempt = attempt
        self._rebuild = rebuild
        self.result_value: Session | None = None
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.message = plain_label(message, self, name="password_message")
        self.message.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        label = QLabel(self.tr("&Password"))
        label.setBuddy(self.password)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.password, 1)
        self.error = error_label(self)
        self.error.setObjectName("unlock_error")
        self.rebuild_button = QPushButton(self.tr("&Rebuild from the server…"))
        self.rebuild_button.setObjectName("rebuild_button")
        self.rebuild_button.setAccessibleName(self.tr("Set the damaged store aside and rebuild it"))
        self.rebuild_button.setVisible(False)
        self.rebuild_button.clicked.connect(self.confirm_rebuild)
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
        layout.addWidget(self.rebuild_button)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def start(self) -> None:
        password = self.password.text()
        if not password:
            self.show_error(self.tr("Please type your password."))
            return
        self._set_busy(True)
        self.runner.run(
            lambda _progress: self._attempt(password),
            on_success=self._on_success,
            on_failure=self._on_failure,
            label=self.tr("Checking the password…"),
            parent_widget=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.rebuild_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self._fit()

    def _fit(self) -> None:
        """Grow to fit the wrapped explanation (in its bold style sheet font); never clip it."""
        self.error.ensurePolished()
        self.rebuild_button.ensurePolished()
        self.adjustSize()
        # adjustSize sizes for the hinted width; the window may stay narrower, so give the
        # wrapped text the height it needs at the width it really has.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            self.resize(self.width(), max(self.height(), needed))

    def _on_success(self, value: Session | None) -> None:
        self.result_value = value
        self.password.clear()
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        if classify(exc) is Failure.REVOKED:
            self.hide()  # not reject(): that means "the user cancelled"
            self.revoked.emit(describe(exc))
            return
        self._set_busy(False)
        failure = classify(exc)
        self.show_error(self.explain(exc))
        self.rebuild_button.setVisible(failure is Failure.DAMAGED and self._rebuild is not None)
        self._fit()
        self.password.selectAll()
        self.password.setFocus()

    def explain(self, exc: BaseException) -> str:
        failure = classify(exc)
        if failure is Failure.WRONG_PASSWORD:
            return self.tr("Wrong password. Nothing was changed; please try again.")
        if failure is Failure.DAMAGED:
            damaged = QCoreApplication.translate("PasswordDialog", DAMAGED_MESSAGE)
            return self.tr("{summary}\nWhat was found: {detail}").format(
                summary=damaged, detail=describe(exc)
            )
        if failure is Failure.UNAUTHENTICATED:
            return self.tr("The server did not accept that password.")
        if failure is Failure.OFFLINE:
            return self.tr("Could not reach the server: {reason}").format(reason=describe(exc))
        return describe(exc)

    # -- rebuild after damage ----------------------------------------------------------------
    def confirm_rebuild(self) -> QMessageBox | None:
        """Explain plainly what a rebuild does and ask before doing it."""
        if not self.password.text():
            self.show_error(self.tr("Type your password first: the rebuild needs it."))
            self.password.setFocus()
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("PasswordDialog", REBUILD_TITLE),
            QCoreApplication.translate("PasswordDialog", REBUILD_EXPLANATION),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("rebuild_confirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton(self.tr("&Set aside and rebuild"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._rebuild_if(box.clickedButton() is go))
        self.confirm = box
        box.open()
        return box

    def _rebuild_if(self, confirmed: bool) -> None:
        rebuild = self._rebuild
        password = self.password.text()
        if not confirmed or rebuild is None or not password:
            return
        self._set_busy(True)
        self.error.setVisible(False)
        self.runner.run(
            lambda progress: rebuild(password, progress),
            on_success=self._on_success,
            on_failure=self._on_failure,
            label=self.tr("Rebuilding this laptop's records from the server…"),
            parent_widget=self,
        )


def unlock_dialog(
    runner: JobRunner,
    unlock: Attempt,
    username: str = "",
    parent: QWidget | None = None,
    rebuild: Rebuild | None = None,
) -> PasswordDialog:
    message = (
        QCoreApplication.translate(
            "unlock_dialog",
            "PACE Casework is locked. Type your password for {username} to unlock it. "
            "This works offline.",
        ).format(username=username)
        if username
        else QCoreApplication.translate(
            "unlock_dialog",
            "PACE Casework is locked. Type your password to unlock it. This works offline.",
        )
    )
    dialog = PasswordDialog(
        runner,
        unlock,
        title=QCoreApplication.translate("unlock_dialog", "PACE Casework — locked"),
        message=message,
        action=QCoreApplication.translate("unlock_dialog", "&Unlock"),
        parent=parent,
        rebuild=rebuild,
    )
    dialog.setObjectName("unlock_dialog")
    return dialog


def relogin_dialog(
    runner: JobRunner, login: Attempt, parent: QWidget | None = None
) -> PasswordDialog:
    dialog = PasswordDialog(
        runner,
        login,
        title=QCoreApplication.translate("relogin_dialog", "Sign in again"),
        message=QCoreApplication.translate(
            "relogin_dialog",
            "The sync server asked you to sign in again. Your unsynced changes are kept and "
            "will be sent once you have signed in.",
        ),
        action=QCoreApplication.translate("relogin_dialog", "&Sign in"),
        parent=parent,
    )
    dialog.setObjectName("relogin_dialog")
    return dialog
