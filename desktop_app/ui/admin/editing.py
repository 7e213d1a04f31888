"""What the partners and users tabs share: a form dialog whose answer the server checks, and a
page that lists the server's rows, opens such a dialog on the selected row and closes it once
the server accepts the change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QTableView, QWidget

from desktop_app.session import AdminClient

from ..dialogs.form_dialog import lay_out_form_dialog
from ..state import AppState
from .common import AdminPage, RowsModel, described, selected_key

Row = TypeVar("Row")
Dialog = TypeVar("Dialog", bound="ServerFormDialog")


class ServerFormDialog(QDialog):
    """A form checked here for what the app can tell (an empty name, two passwords that differ)
    and by the server for the rest; the server's refusal is shown beside the fields, in its
    own words. Subclasses build ``form``, pass it to :meth:`finish` and implement ``check``."""

    error: QLabel

    def __init__(
        self, name: str, title: str, parent: QWidget | None = None, *, min_width: int = 0
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        if min_width:
            self.setMinimumWidth(min_width)

    def finish(self, form: QFormLayout) -> None:
        """Lay ``form`` out above the error line and Save/Cancel; Save runs ``check``."""
        self.error = lay_out_form_dialog(self, form, self.check)

    def check(self) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        """Show (or, with "", clear) the dialog's error line."""
        described(self.error, text)

    def refused(self, text: str) -> None:
        self.say(text)


class ServerRowsPage(AdminPage, Generic[Row]):
    """An admin tab over one kind of server row (partners, users) with dialogs that change
    them. ``message_fields`` names a row in the page's messages (``{code}``, ``{user}``)."""

    model: RowsModel[Row]
    table: QTableView

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        #: The dialog open for a change, closed when the server accepts it.
        self.dialog: QDialog | None = None

    def message_fields(self, row: Row) -> dict[str, str]:
        raise NotImplementedError

    def show_rows(self, rows: list[Row], count_message: str) -> None:
        self.loaded = True
        self.model.set_rows(rows)
        self.say(count_message.format(count=len(rows)))

    def selected_row(self, missing: str) -> Row | None:
        """The row selected in the table, or None after saying ``missing``."""
        key = selected_key(self.table)
        row = self.model.row_of(key) if key else None
        if row is None:
            self.show_error(missing)
        return row

    def changed(self, message: str) -> Callable[[Row], None]:
        """What to do when the server accepts a change: close the dialog, say ``message``
        about the row, list the rows again."""

        def done(row: Row) -> None:
            if self.dialog is not None:
                self.dialog.accept()
                self.dialog = None
            self.say(message.format(**self.message_fields(row)))
            self.reload()

        return done

    def send(
        self,
        work: Callable[[AdminClient], Row],
        message: str,
        label: str,
        dialog: ServerFormDialog | None = None,
    ) -> None:
        """Run ``work`` on the lane; a refusal goes beside ``dialog``'s fields when there is
        one, else to the page's message line."""
        self.call(
            work,
            self.changed(message),
            label=label,
            on_refused=dialog.refused if dialog is not None else None,
        )

    def open_dialog(self, dialog: Dialog) -> Dialog:
        self.dialog = dialog
        dialog.open()
        return dialog
