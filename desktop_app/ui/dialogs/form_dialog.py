"""The layout every record-entry dialog shares: the form, an error line, Save and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..plain import error_label


def lay_out_form_dialog(
    dialog: QDialog, form: QFormLayout, on_save: Callable[[], object]
) -> QLabel:
    """Put ``form`` above an error line and Save/Cancel; Save calls ``on_save``.

    Returns the error label, for the dialog's validation messages."""
    error = error_label(dialog)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error
