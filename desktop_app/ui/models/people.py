"""People table: a paged model over ``repo.search_people`` so 100,000 people stay fast.

Only the rows a view scrolls to are fetched (``canFetchMore``/``fetchMore``); searching and
sorting are pushed down to the store rather than done in a proxy over every row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.session import PersonRow, Repository
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from desktop_app.ui.models.records import column_title
from desktop_app.ui.plain import plain_tooltip

PAGE_SIZE = 200

#: (sort key, header, the column's text of a PersonRow)
COLUMNS: tuple[tuple[str, str, Callable[[PersonRow], str | None]], ...] = (
    ("last_name", QT_TRANSLATE_NOOP("Columns", "Last name"), lambda p: p.last_name),
    ("first_name", QT_TRANSLATE_NOOP("Columns", "First name"), lambda p: p.first_name),
    ("date_of_birth", QT_TRANSLATE_NOOP("Columns", "Date of birth"), lambda p: p.date_of_birth),
    ("ni_number", QT_TRANSLATE_NOOP("Columns", "NI number"), lambda p: p.ni_number),
    ("postcode", QT_TRANSLATE_NOOP("Columns", "Postcode"), lambda p: p.postcode),
    ("event_label", QT_TRANSLATE_NOOP("Columns", "Event"), lambda p: p.event_label),
    ("owner_partner", QT_TRANSLATE_NOOP("Columns", "Partner"), lambda p: p.owner_partner),
)

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1

ItemIndex = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    def __init__(
        self, repo_fn: Callable[[], Repository | None], page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        # A callable, not the repo itself: after a lock and unlock the session (and repo) change.
        self._repo_fn = repo_fn
        self._page_size = page_size
        self._rows: list[PersonRow] = []
        self._total = 0
        self._query = ""
        self._sort_column = 0
        self._descending = False

    # -- state -------------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: str) -> None:
        self._query = query.strip()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        repo = self._repo_fn()
        self._rows = []
        self._total = 0
        if repo is not None:
            self._total = int(repo.people_count(self._query))
            self._rows = self._load(0)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._total = [], 0
        self.endResetModel()

    def _load(self, offset: int) -> list[PersonRow]:
        repo = self._repo_fn()
        if repo is None:
            return []
        return list(
            repo.search_people(
                self._query,
                limit=self._page_size,
                offset=offset,
                sort_column=COLUMNS[self._sort_column][0],
                descending=self._descending,
            )
        )

    def person_id(self, row: int) -> str | None:
        return str(self._rows[row].id) if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: str) -> int:
        for row, person in enumerate(self._rows):
            if str(person.id) == person_id:
                return row
        return -1

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: ItemIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ItemIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        page = self._load(len(self._rows))
        # A store that shrank since the count (sync purge) must not leave us fetching forever.
        page = page[: max(0, self._total - len(self._rows))]
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        person = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = COLUMNS[index.column()][2](person)
            text = "" if value is None else str(value)
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(text)
        if role == PERSON_ID_ROLE:
            return str(person.id)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title([title for _, title, _text in COLUMNS], section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
