"""First run: sign in to the sync server, register this laptop, create the store, first pull."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Profile, ProgressCallback, Session

from ..errors import Failure, classify, describe
from ..jobs import JobRunner
from ..plain import error_label, plain_label

#: (profile, server_url, username, password, device_name, progress) -> session
EnrolFn = Callable[[Profile, str, str, str, str, ProgressCallback], Session]


class EnrolDialog(QDialog):
    def __init__(
        self,
        profile: Profile,
        runner: JobRunner,
        enrol: EnrolFn,
        *,
        server_url: str = "",
        username: str = "",
        parent: QWidget | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.runner = runner
        self._enrol = enrol
        self.session: Session | None = None
        self.setWindowTitle(self.tr("PACE Casework — set up this laptop"))
        self.setMinimumWidth(480)
        self.intro = plain_label(
            intro
            or self.tr(
                "Connect once to the PACE sync server to set up this laptop. After that you can "
                "work offline and unlock with your password alone."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://pace.example.org")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.device = QLineEdit(socket.gethostname())
        form = QFormLayout()
        for text, widget, accessible in (
            (self.tr("Ser&ver address"), self.server, self.tr("Server address")),
            (self.tr("&Username"), self.username, self.tr("Username")),
            (self.tr("&Password"), self.password, self.tr("Password")),
            (self.tr("&Device name"), self.device, self.tr("Device name")),
        ):
            widget.setAccessibleName(accessible)
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Set-up progress"))
        self.progress.setVisible(False)
        self.progress_text = plain_label("", self, name="enrol_progress")
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Set up"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if server_url and username else self.server).setFocus()

    def show_error(self, message: str) -> None:
        self._fail(message)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def start(self) -> None:
        values = {
            self.tr("server address"): self.server.text().strip(),
            self.tr("username"): self.username.text().strip(),
            self.tr("password"): self.password.text(),
            self.tr("device name"): self.device.text().strip(),
        }
        missing = [k for k, v in values.items() if not v]
        if missing:
            self._fail(self.tr("Please fill in: {fields}.").format(fields=", ".join(missing)))
            return
        server, username, password, device = values.values()
        self.error.setVisible(False)
        self._set_busy(True)
        self.runner.run(
            lambda progress: self._enrol(
                self.profile, server, username, password, device, progress
            ),
            on_success=self._on_success,
            on_failure=self._on_failure,
            on_progress=self._on_progress,
            label=self.tr("Setting up this laptop…"),
            parent_widget=self,
            show_progress=False,
        )

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.device, self.buttons):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.progress_text.setText(self.tr("Signing in…") if busy else "")

    def _on_progress(self, done: int | None, total: int | None, text: str) -> None:
        if total:
            self.progress.setRange(0, int(total))
            self.progress.setValue(min(int(done or 0), int(total)))
        if text:
            self.progress_text.setText(text)
        elif done is not None:
            self.progress_text.setText(
                self.tr("Downloaded {count} records…").format(count=f"{done:,}")
            )

    def _on_success(self, session: Session) -> None:
        self.session = session
        self.password.clear()
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        failure = classify(exc)
        if failure is Failure.UNAUTHENTICATED:
            self._fail(self.tr("The username or password was not accepted by the server."))
        elif failure is Failure.OFFLINE:
            self._fail(self.tr("Could not reach the server: {reason}").format(reason=describe(exc)))
        else:
            self._fail(describe(exc))
        self.password.selectAll()
        self.password.setFocus()
