"""Item models of the team-lead screens.

The caseload model is SQL-backed: it holds the ordered row keys of a query (from the in-memory
caseload index, run off the GUI thread) and fetches the rows a view scrolls to, a page at a
time, from that index. Sorting is pushed down to the index, never done in a proxy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_app.session import (
    CaseloadIndex,
    CaseloadResult,
    CaseloadRow,
    ConflictView,
    EventSummary,
    ReferralRow,
)
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, translated
from desktop_app.ui.models.records import column_title, humanise, partner_name, withheld_word
from desktop_app.ui.plain import plain_tooltip
from pace_shared.records import FIELDS

ItemIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200

#: (sort key, header, the column's text)
CASELOAD_COLUMNS: tuple[tuple[str, str, Callable[[CaseloadRow], str]], ...] = (
    ("last_name", QT_TRANSLATE_NOOP("Columns", "Last name"), lambda r: r.last_name),
    ("first_name", QT_TRANSLATE_NOOP("Columns", "First name"), lambda r: r.first_name),
    ("adviser", QT_TRANSLATE_NOOP("Columns", "Adviser"), lambda r: translated(r.adviser_name)),
    ("registered_on", QT_TRANSLATE_NOOP("Columns", "Registered"), lambda r: r.registered_on),
    ("event", QT_TRANSLATE_NOOP("Columns", "Event"), lambda r: r.event_label),
    ("council_area", QT_TRANSLATE_NOOP("Columns", "Council area"), lambda r: r.council_area),
    (
        "last_engagement",
        QT_TRANSLATE_NOOP("Columns", "Last engagement"),
        lambda r: r.last_engagement,
    ),
    (
        "open_referrals",
        QT_TRANSLATE_NOOP("Columns", "Open referrals"),
        lambda r: str(r.open_referrals),
    ),
    ("outcomes", QT_TRANSLATE_NOOP("Columns", "Outcomes"), lambda r: r.outcomes),
)


class CaseloadModel(QAbstractTableModel):
    #: The view asked for another order: (sort key, descending). The page re-queries.
    sort_requested = Signal(str, bool)

    def __init__(self, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._page_size = page_size
        self._index: CaseloadIndex | None = None
        self._result: CaseloadResult | None = None
        self._total = 0
        self._rows: list[CaseloadRow] = []

    def set_result(self, index: CaseloadIndex | None, result: CaseloadResult | None) -> None:
        """Show ``result`` (its first page; more is read from ``index`` as the view scrolls)."""
        self.beginResetModel()
        self._index = index if result is not None else None
        self._result = result
        self._total = 0 if result is None else result.total
        self._rows = [] if result is None else result.first_page[: self._page_size]
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def person_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(CASELOAD_COLUMNS)

    def canFetchMore(self, parent: ItemIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ItemIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._index is None or self._result is None:
            return
        start = len(self._rows)
        page = self._index.page(self._result, start, self._page_size)
        if not page:
            self._total = start  # fewer match now than when counted: stop asking
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = CASELOAD_COLUMNS[index.column()][2](row)
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(text)
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title([t for _k, t, _f in CASELOAD_COLUMNS], section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(CASELOAD_COLUMNS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(CASELOAD_COLUMNS[column][0], descending)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Row = TypeVar("Row", bound=_HasId)


class ListModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list of plain rows; columns are (header, text of a row)."""

    columns: tuple[tuple[str, Callable[[Row], str]], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.columns[index.column()][1](row)
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(text)
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title([t for t, _f in self.columns], section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _decline_reason(row: ReferralRow) -> str:
    # Only a declined referral has a reason to withhold; an open one just has none yet.
    if "decline_reason" in row.withheld and row.status == "declined":
        return withheld_word()
    return row.decline_reason


def _age(row: ReferralRow) -> str:
    return "" if row.age_days is None else str(row.age_days)


class ReferralsModel(ListModel[ReferralRow]):
    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Person"), lambda r: r.person_name),
        (QT_TRANSLATE_NOOP("Columns", "From"), lambda r: partner_name(r.from_partner)),
        (QT_TRANSLATE_NOOP("Columns", "To"), lambda r: partner_name(r.to_partner)),
        (QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: humanise(r.status)),
        (QT_TRANSLATE_NOOP("Columns", "Referred on"), lambda r: r.referred_on),
        (QT_TRANSLATE_NOOP("Columns", "Age (days)"), _age),
        (QT_TRANSLATE_NOOP("Columns", "Completed on"), lambda r: r.completed_on),
        (QT_TRANSLATE_NOOP("Columns", "Decline reason"), _decline_reason),
    )


class EventSummaryModel(ListModel[EventSummary]):
    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Event"), lambda s: s.label),
        (QT_TRANSLATE_NOOP("Columns", "Council area"), lambda s: s.council_area),
        (QT_TRANSLATE_NOOP("Columns", "Announced"), lambda s: s.announced_on),
        (QT_TRANSLATE_NOOP("Columns", "Status"), lambda s: humanise(s.status)),
        (
            QT_TRANSLATE_NOOP("Columns", "Affected"),
            lambda s: "" if s.affected is None else str(s.affected),
        ),
        (QT_TRANSLATE_NOOP("Columns", "Registered"), lambda s: str(s.registered)),
        (QT_TRANSLATE_NOOP("Columns", "Engagements"), lambda s: str(s.engagements)),
        (QT_TRANSLATE_NOOP("Columns", "Open referrals"), lambda s: str(s.open_referrals)),
        (QT_TRANSLATE_NOOP("Columns", "Outcomes"), lambda s: str(s.outcomes)),
    )


def value_text(value: Any) -> str:
    """A field value as the plain text a person reads (lists joined, nothing as a dash)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _queued(view: ConflictView) -> str:
    if view.queued_keep == "winner":
        return QCoreApplication.translate("Conflicts", "Keep the value shown now")
    if view.queued_keep == "loser":
        return QCoreApplication.translate("Conflicts", "Keep the value set aside")
    if view.queued_keep == "value":
        return value_text(view.queued_value)
    return ""


class ConflictsModel(ListModel[ConflictView]):
    """Conflicts with the record they are on; ``labels`` names each record (person's name)."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: dict[str, str] = {}

    @property
    def columns(self) -> tuple[tuple[str, Callable[[ConflictView], str]], ...]:  # type: ignore[override]
        return (
            (QT_TRANSLATE_NOOP("Columns", "Record"), lambda c: self.labels.get(c.record_id, "")),
            (QT_TRANSLATE_NOOP("Columns", "Field"), lambda c: field_label(c.record_type, c.field)),
            (QT_TRANSLATE_NOOP("Columns", "Value now"), lambda c: value_text(c.winner.value)),
            (QT_TRANSLATE_NOOP("Columns", "Set aside"), lambda c: value_text(c.loser.value)),
            (QT_TRANSLATE_NOOP("Columns", "Queued"), _queued),
        )


def field_label(record_type: str, field: str) -> str:
    spec = FIELDS.get(record_type, {}).get(field)
    return spec.label if spec is not None else field
