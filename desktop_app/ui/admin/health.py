"""Server health tab: the server's admin summary (``/api/v1/admin/health``) when it has one,
else its public ``/healthz``, shown as a list of what it reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..state import AppState
from .common import AdminPage, Column, RowsModel, table_view

Item = tuple[str, str]

HEALTH_COLUMNS: tuple[Column[Item], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Item"), lambda i: i[0]),
    Column(QT_TRANSLATE_NOOP("Columns", "Value"), lambda i: i[1]),
)


def flatten(data: Any, prefix: str = "") -> list[Item]:
    """Nested JSON as ("a.b", "value") pairs, in the server's order."""
    if isinstance(data, dict):
        items: list[Item] = []
        for key, value in data.items():
            items.extend(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return items
    if isinstance(data, list) and any(isinstance(v, dict | list) for v in data):
        items = []
        for number, value in enumerate(data, 1):
            items.extend(flatten(value, f"{prefix}[{number}]"))
        return items
    if isinstance(data, list):
        return [(prefix, ", ".join(str(v) for v in data))]
    if data is None:
        return [(prefix, "—")]
    return [(prefix, str(data))]


class HealthPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_health")
        self.model: RowsModel[Item] = RowsModel(HEALTH_COLUMNS, lambda i: i[0], self)
        # Unsorted: the server's order groups related items.
        self.table = table_view(self.model, self.tr("Server health"), sortable=False)
        self.table.setObjectName("health_table")
        self.source = ""
        self.refresh_button = self.button(
            self.tr("Re&fresh"), self.tr("Ask the server for its health again"), self.reload
        )
        self.lay_out([self.refresh_button], self.table)

    def reload(self) -> None:
        self.call(lambda api: api.health(), self._show, label=self.tr("Asking the server…"))

    def _show(self, answer: tuple[str, dict[str, Any]]) -> None:
        self.loaded = True
        self.source, summary = answer
        self.model.set_rows(flatten(summary))
        if self.source.endswith("/healthz"):
            self.say(
                self.tr(
                    "This server has no admin health summary yet: showing its public health "
                    "check ({source})."
                ).format(source=self.source)
            )
        else:
            self.say(self.tr("From {source}.").format(source=self.source))
