"""A statistics table as a Qt item model: the numbers behind each chart, for screen readers and
for anyone who wants the figures rather than the picture.

Suppressed cells are shown exactly as published (``[c]``, ``[x]``), with a tooltip and an
accessible text that say what the marker means; numbers are right-aligned with separators.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from desktop_app.ui.plain import plain_tooltip
from pace_shared.stats_wire import NOT_AVAILABLE, SUPPRESSED, Cell, StatsTable

ItemIndex = QModelIndex | QPersistentModelIndex

MARKER_MEANINGS = {
    SUPPRESSED: QT_TRANSLATE_NOOP(
        "StatsTableModel",
        "[c]: withheld to protect confidentiality (a small number, or one that would reveal one)",
    ),
    NOT_AVAILABLE: QT_TRANSLATE_NOOP("StatsTableModel", "[x]: not available"),
}
#: Qt.AccessibleTextRole: what a screen reader says for a cell.
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole


def marker_meaning(marker: str) -> str:
    text = MARKER_MEANINGS.get(marker)
    return QCoreApplication.translate("StatsTableModel", text) if text else ""


def number_locale() -> QLocale:
    """The user's locale for numbers; British English where the system has none (C/POSIX),
    so 1,210 keeps its separator."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale


def cell_text(cell: Cell, locale: QLocale | None = None) -> str:
    """How a cell is written: markers as published, numbers with separators, None as blank."""
    locale = locale or number_locale()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return locale.toString(cell)
    if isinstance(cell, float):
        return locale.toString(cell, "f", 1)  # shares and medians: one decimal place
    return cell


class StatsTableModel(QAbstractTableModel):
    """Read-only, flat: rows and columns exactly as the server published them."""

    def __init__(self, table: StatsTable | None = None) -> None:
        super().__init__()
        self._columns: list[str] = []
        self._rows: list[list[Cell]] = []
        self._locale = number_locale()
        if table is not None:
            self.set_table(table)

    def set_table(self, table: StatsTable | None) -> None:
        self.beginResetModel()
        self._columns = list(table.columns) if table is not None else []
        width = len(self._columns)
        # Pad or cut every row to the header's width, so the model is always rectangular.
        self._rows = (
            [(list(row) + [None] * width)[:width] for row in table.rows]
            if table is not None
            else []
        )
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if index.column() >= len(self._columns):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, self._locale)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(value, index.column())
        if role in (Qt.ItemDataRole.ToolTipRole, _ACCESSIBLE_TEXT):
            return self._spoken(value, index.row(), index.column(), role)
        return None

    def _alignment(self, value: Cell, column: int) -> int:
        horizontal = (
            Qt.AlignmentFlag.AlignLeft
            if column == 0 and isinstance(value, str)
            else Qt.AlignmentFlag.AlignRight
        )
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def _spoken(self, value: Cell, row: int, column: int, role: int) -> str | None:
        meaning = marker_meaning(value) if isinstance(value, str) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(meaning) if meaning else None
        # Screen readers: "Fife, Events: 12" rather than a bare "12".
        label = cell_text(self._rows[row][0], self._locale)
        text = meaning or cell_text(value, self._locale)
        if column == 0:
            return text
        return f"{label}, {self._columns[column]}: {text}"

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if 0 <= section < len(self._columns) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
