"""What the Duplicates workspace shows: probable pairs, the two people side by side (read from
the local store), and recent merges, each as a read-only table model of plain text.

The server's linkage sends record ids and scores only; names, fields and counts come from this
laptop's store, where both records are (the lead's partner sees both, so both are synced here).
A field the data-sharing agreement withholds from this partner reads "Withheld", never blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop_app.session import DuplicatePair, MergeRecord, Repository
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, choice_label, field_label
from desktop_app.ui.models.records import column_title, partner_name
from desktop_app.ui.plain import plain_tooltip
from pace_shared.records import FIELDS, SHARE_ALL, Kind

ItemIndex = QModelIndex | QPersistentModelIndex
#: The child records a merge moves, in the order they are counted and shown.
CHILD_KINDS = ("engagement", "referral", "outcome")
_CONTEXT = "Duplicates"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# Marked for the translators; translated where shown.
_CHILD_TITLES = {
    "engagement": QT_TRANSLATE_NOOP("Duplicates", "Engagements"),
    "referral": QT_TRANSLATE_NOOP("Duplicates", "Referrals"),
    "outcome": QT_TRANSLATE_NOOP("Duplicates", "Outcomes"),
}


def short_id(record_id: str) -> str:
    """The first block of a record id: enough to tell records apart on screen."""
    return record_id.split("-", 1)[0]


def local_time(moment: dt.datetime | None) -> str:
    """A server time as this laptop's local ``YYYY-MM-DD HH:MM`` ("" for none)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class PersonSide:
    """One record of a pair as this laptop holds it."""

    record_id: str
    #: False when the record is not (or no longer) in the local store.
    present: bool
    name: str = ""
    owner_partner: str = ""
    #: Field name → the text shown (a withheld field reads "Withheld").
    values: dict[str, str] = field(default_factory=dict)
    #: Child record type → how many this person has here.
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The person's name, or a short id when this laptop does not hold the record."""
        if not self.present:
            return QCoreApplication.translate("Duplicates", "Not on this laptop ({id})").format(
                id=short_id(self.record_id)
            )
        return self.name or short_id(self.record_id)


def value_text(repo: Repository, name: str, value: Any) -> str:
    """A client field's value as a person reads it (choices by label, partners by name)."""
    spec = FIELDS["client"].get(name)
    if value is None or value == "" or value == []:
        return "—"
    if spec is None:
        return str(value)
    if spec.kind is Kind.ENUM:
        return choice_label(spec, str(value))
    if spec.kind is Kind.PARTNER_LIST and isinstance(value, list):
        if SHARE_ALL in value:
            return QCoreApplication.translate("Duplicates", "All partners")
        return ", ".join(partner_name(code) for code in value)
    if name == "event_id":
        return repo.event_label(str(value)) or short_id(str(value))
    if spec.kind is Kind.DATETIME:
        return str(value).replace("T", " ").removesuffix("Z")
    return str(value)


def person_side(repo: Repository, record_id: str, own_partner: str | None) -> PersonSide:
    """Read one record of a pair from the local store (a GUI-thread read, no write)."""
    record = repo.get(record_id)
    # A record merged away may answer as its survivor (its id redirects): not this record.
    if record is None or record.deleted or record.type != "client" or record.id != record_id:
        return PersonSide(record_id, present=False)
    fields = record.fields or {}
    owner = record.owner_partner or ""
    withheld = repo.withheld_fields("client") if owner != own_partner else frozenset()
    values = {
        name: QCoreApplication.translate("Duplicates", "Withheld")
        if name in withheld
        else value_text(repo, name, fields.get(name))
        for name in FIELDS["client"]
    }
    counts = dict.fromkeys(CHILD_KINDS, 0)
    for child in repo.timeline(record_id):
        if child.type in counts:
            counts[child.type] += 1
    name = " ".join(
        str(fields.get(key) or "") for key in ("first_name", "last_name") if fields.get(key)
    )
    return PersonSide(record_id, True, name, owner, values, counts)


def moved_text(moved: dict[str, int]) -> str:
    """What a merge moved, e.g. "Engagements 2, Referrals 1" ("nothing" when empty)."""
    parts = [
        f"{_tr(_CHILD_TITLES.get(kind, kind))} {count}"
        for kind, count in sorted(moved.items(), key=lambda kv: _order(kv[0]))
        if count
    ]
    return ", ".join(parts) if parts else QCoreApplication.translate("Duplicates", "nothing")


def _order(kind: str) -> int:
    return CHILD_KINDS.index(kind) if kind in CHILD_KINDS else len(CHILD_KINDS)


class _TextTable(QAbstractTableModel):
    """A read-only table whose every cell is plain text (tooltips shown literally)."""

    titles: tuple[str, ...] = ()

    def text(self, row: int, column: int) -> str:
        raise NotImplementedError

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(index.row(), index.column())
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(text)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title(self.titles, section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True, slots=True)
class PairRow:
    pair: DuplicatePair
    left: PersonSide
    right: PersonSide


class PairsModel(_TextTable):
    """The probable pairs: left and right person (record_id_1, record_id_2), score, partners."""

    titles = (
        QT_TRANSLATE_NOOP("Columns", "Left person"),
        QT_TRANSLATE_NOOP("Columns", "Right person"),
        QT_TRANSLATE_NOOP("Columns", "Probability"),
        QT_TRANSLATE_NOOP("Columns", "Recorded by"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PairRow] = []

    def set_rows(self, rows: Sequence[PairRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[PairRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PairRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def text(self, row: int, column: int) -> str:
        item = self._rows[row]
        if column == 0:
            return item.left.label
        if column == 1:
            return item.right.label
        if column == 2:
            return f"{item.pair.match_probability:.0%}"
        # Partner codes keep the column narrow; the comparison beside it names them in full.
        return " / ".join(side.owner_partner or "?" for side in (item.left, item.right))


class ComparisonModel(_TextTable):
    """The two people side by side: one row per client field (the record model's labels), then
    who recorded each and how many engagements, referrals and outcomes each has. Rows whose two
    values differ are bold (the values themselves say how)."""

    titles = (
        QT_TRANSLATE_NOOP("Columns", "Field"),
        QT_TRANSLATE_NOOP("Columns", "Left record"),
        QT_TRANSLATE_NOOP("Columns", "Right record"),
    )

    #: One row per client field, then the owner, the child counts and the record id.
    ROWS: tuple[tuple[str, str], ...] = (
        *(("field", name) for name in FIELDS["client"]),
        ("owner", ""),
        *(("count", kind) for kind in CHILD_KINDS),
        ("id", ""),
    )

    def __init__(self) -> None:
        super().__init__()
        self.left: PersonSide | None = None
        self.right: PersonSide | None = None

    def set_pair(self, left: PersonSide | None, right: PersonSide | None) -> None:
        self.beginResetModel()
        self.left, self.right = left, right
        self.endResetModel()

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.left is None or self.right is None:
            return 0
        return len(self.ROWS)

    def text(self, row: int, column: int) -> str:
        kind, key = self.ROWS[row]
        if column == 0:
            return _row_title(kind, key)
        side = self.left if column == 1 else self.right
        if side is None:
            return ""
        if not side.present:
            return QCoreApplication.translate(
                "Duplicates", "Not on this laptop: sync, then look again."
            )
        if kind == "field":
            return side.values.get(key, "")
        if kind == "owner":
            return partner_name(side.owner_partner)
        if kind == "count":
            return str(side.counts.get(key, 0))
        return side.record_id

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self._differs(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def _differs(self, row: int) -> bool:
        if not (0 <= row < self.rowCount()):
            return False
        return self.text(row, 1) != self.text(row, 2)


def _row_title(kind: str, key: str) -> str:
    if kind == "field":
        return field_label(FIELDS["client"][key])
    if kind == "owner":
        return QCoreApplication.translate("Duplicates", "Recorded by (owner)")
    if kind == "count":
        return _tr(_CHILD_TITLES[key])
    return QCoreApplication.translate("Duplicates", "Record id")


class MergesModel(_TextTable):
    """Recent merges, newest first: when, kept and merged person, by whom, what moved, undone."""

    titles = (
        QT_TRANSLATE_NOOP("Columns", "Merged at"),
        QT_TRANSLATE_NOOP("Columns", "Kept"),
        QT_TRANSLATE_NOOP("Columns", "Merged into it"),
        QT_TRANSLATE_NOOP("Columns", "By"),
        QT_TRANSLATE_NOOP("Columns", "Moved"),
        QT_TRANSLATE_NOOP("Columns", "Undone at"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[MergeRecord] = []
        #: Record id → the person's name, where this laptop holds the record.
        self.names: dict[str, str] = {}

    def set_rows(self, rows: Sequence[MergeRecord], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.names = dict(names)
        self.endResetModel()

    @property
    def rows(self) -> list[MergeRecord]:
        return list(self._rows)

    def row_at(self, row: int) -> MergeRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def person(self, record_id: str) -> str:
        return self.names.get(record_id) or short_id(record_id)

    def text(self, row: int, column: int) -> str:
        merge = self._rows[row]
        texts: tuple[Callable[[], str], ...] = (
            lambda: local_time(merge.merged_at),
            lambda: self.person(merge.survivor_id),
            lambda: self.person(merge.merged_id),
            lambda: merge.merged_by,
            lambda: moved_text(merge.moved),
            lambda: (
                local_time(merge.undone_at)
                if merge.undone_at
                else QCoreApplication.translate("Duplicates", "not undone")
            ),
        )
        return texts[column]()
