"""The dashboards' filters: period, council area, sector and partner, with mnemonics."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QPushButton, QWidget

from desktop_app.session import StatsQuery
from pace_shared import reference

#: The default period: the twelve months up to today.
DEFAULT_MONTHS = 12


def default_period(today: date) -> tuple[date, date]:
    month = today.month - DEFAULT_MONTHS + 1
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """Emits :attr:`refresh_requested` when the user asks for figures."""

    refresh_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        start, end = default_period(today or date.today())
        self.period_from = self._date_edit(start, self.tr("Period from"))
        self.period_to = self._date_edit(end, self.tr("Period to"))
        self.council_area = self._combo(self.tr("Council area"), self.tr("All council areas"))
        for area in reference.council_areas():
            self.council_area.addItem(area, area)
        self.sector = self._combo(self.tr("Sector"), self.tr("All sectors"))
        for section in reference.sic_sections():
            self.sector.addItem(f"{section['code']} — {section['name']}", section["code"])
        self.partner = self._combo(self.tr("Partner"), self.tr("All partners"))
        for code, name in sorted(reference.partner_names().items(), key=lambda p: p[1]):
            self.partner.addItem(name, code)
        self.refresh = QPushButton(self.tr("&Refresh"), self)
        self.refresh.setObjectName("stats_refresh")
        self.refresh.setDefault(True)
        self.refresh.clicked.connect(self.refresh_requested)
        self.export = QPushButton(self.tr("E&xport quarterly workbook…"), self)
        self.export.setObjectName("stats_export")
        self.export.clicked.connect(self.export_requested)
        self._layout()

    def _date_edit(self, value: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(value), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        return edit

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        return combo

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        fields = (
            (self.tr("&From"), self.period_from),
            (self.tr("T&o"), self.period_to),
            (self.tr("Council &area"), self.council_area),
            (self.tr("&Sector"), self.sector),
            (self.tr("&Partner"), self.partner),
        )
        for column, (text, widget) in enumerate(fields):
            label = QLabel(text, self)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.refresh, 1, len(fields))
        grid.addWidget(self.export, 1, len(fields) + 1)
        grid.setColumnStretch(len(fields) + 2, 1)
        # Keyboard order follows reading order: the filters, then the two actions.
        order = [w for _t, w in fields] + [self.refresh, self.export]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def query(self) -> StatsQuery:
        return StatsQuery(
            period_from=_pydate(self.period_from.date()),
            period_to=_pydate(self.period_to.date()),
            council_area=self.council_area.currentData(),
            sector=self.sector.currentData(),
            partner=self.partner.currentData(),
        )

    def describe(self) -> str:
        """The selection in words, for the status line above the charts."""
        query = self.query()
        parts = [
            self.tr("{start} to {end}").format(
                start=query.period_from.strftime("%d/%m/%Y"),
                end=query.period_to.strftime("%d/%m/%Y"),
            )
        ]
        parts += [c.currentText() for c in (self.council_area, self.sector, self.partner)]
        return "; ".join(parts)
