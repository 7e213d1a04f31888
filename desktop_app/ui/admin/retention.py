"""Retention tab (system administrators): the retention rule across every partner. A dry run
lists who has had no activity for the chosen number of months (ids and counts, no personal
data); erasing them is a second, confirmed step for exactly that number of months."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QMessageBox, QSpinBox, QVBoxLayout, QWidget

from desktop_app.session import RetentionReport
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..confirm import confirm
from ..state import AppState
from .common import AdminPage, Column, RowsModel, short_time, table_view

PEOPLE_COLUMNS: tuple[Column[str], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Person (record id)"), lambda person_id: person_id),
)
#: What a new installation's administrators are offered first; the partnership sets the rule.
SUGGESTED_MONTHS = 36


class RetentionPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_retention")
        self.model: RowsModel[str] = RowsModel(PEOPLE_COLUMNS, lambda person_id: person_id, self)
        self.table = table_view(self.model, self.tr("People the retention rule erases"))
        self.table.setObjectName("retention_table")
        self.months = QSpinBox(self)
        self.months.setRange(1, 1200)
        self.months.setValue(SUGGESTED_MONTHS)
        self.months.setSuffix(self.tr(" months"))
        self.months.setAccessibleName(self.tr("Erase people with no activity for this many months"))
        self.months.valueChanged.connect(lambda _value: self._forget_preview())
        #: The dry run the Erase button would carry out (None: preview first).
        self.preview: RetentionReport | None = None
        self.preview_button = self.button(
            self.tr("&Preview"),
            self.tr("List the people the rule would erase, erasing nothing"),
            self.reload,
        )
        self.apply_button = self.button(
            self.tr("&Erase these people…"),
            self.tr("Erase the people listed, on the server and every laptop"),
            self.ask_to_apply,
        )
        self.apply_button.setEnabled(False)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("No activity &for"), self.months)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.table, 1)
        self.lay_out([self.preview_button, self.apply_button], body)

    def reload(self) -> None:
        months = self.months.value()
        self.call(
            lambda api: api.retention(months, apply=False),
            self._previewed,
            label=self.tr("Asking the server who the rule covers…"),
        )

    def _previewed(self, report: RetentionReport) -> None:
        self.loaded = True
        if report.months != self.months.value():
            return  # the months changed while the server answered: preview again
        self.preview = report
        self.model.set_rows(report.people)
        self.apply_button.setEnabled(bool(report.people))
        self.say(
            self.tr(
                "People with no activity since {cutoff}: {people} ({records} records in "
                "all). Nothing has been erased yet."
            ).format(
                people=len(report.people),
                cutoff=short_time(report.cutoff),
                records=sum(report.removed.values()),
            )
        )

    def _forget_preview(self) -> None:
        self.preview = None
        self.apply_button.setEnabled(False)
        self.model.set_rows([])
        self.say(self.tr("Preview again to see who the rule covers."))

    def ask_to_apply(self) -> QMessageBox | None:
        if self.preview is None or not self.preview.people:
            return None
        return confirm(
            self,
            "confirm_retention",
            self.tr("Erase people under the retention rule"),
            self.tr(
                "Erase everyone with no activity for {months} months (people at the preview: "
                "{people}) and everything recorded about them, for every partner?\n\n"
                "They are removed from the server now and from every laptop at its next sync. "
                "This cannot be undone."
            ).format(months=self.preview.months, people=len(self.preview.people)),
            self.tr("Erase"),
            self.apply,
        )

    def apply(self) -> None:
        if self.preview is None:
            return
        months = self.preview.months
        self.call(
            lambda api: api.retention(months, apply=True),
            self._applied,
            label=self.tr("Erasing under the retention rule…"),
        )

    def _applied(self, report: RetentionReport) -> None:
        self.preview = None
        self.apply_button.setEnabled(False)
        self.model.set_rows(report.people)
        self.say(
            self.tr("People erased: {people} ({records} records in all).").format(
                people=len(report.people), records=sum(report.removed.values())
            )
        )

    def clear(self) -> None:
        self.preview = None
        self.apply_button.setEnabled(False)
        super().clear()
