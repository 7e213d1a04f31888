"""Help > About: which PACE Casework version this is (from the installed package metadata)."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from pace_shared.version import app_version

from ..plain import plain_label


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About PACE Casework"))
        self.setAccessibleName(self.tr("About PACE Casework"))
        # Plain text only: the version and Qt's version are shown literally, never as HTML.
        self.version_label = plain_label(
            self.tr("PACE Casework version {version}").format(version=app_version()),
            name="app_version",
        )
        self.version_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.version_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # screen readers reach it
        details = plain_label(
            self.tr("Offline case management for PACE partners in Scotland.\nQt {qt}").format(
                qt=qVersion()
            ),
            name="about_details",
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the About box"))
        close.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addWidget(details)
        layout.addWidget(buttons)
        close.setFocus()
