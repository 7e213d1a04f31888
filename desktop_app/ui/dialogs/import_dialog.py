"""Import people a partner already holds (CSV or XLSX) into the local store, for a team lead:
map the columns, check every row against the standard and the people already here, then
import; the new people sync like registrations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Changes, Repository
from desktop_app.storage.importing import ImportCheck, check_import, import_people
from pace_shared.importing import (
    IMPORT_TYPE,
    IMPORTABLE,
    ColumnMapping,
    ImportFileError,
    plan_import,
    read_rows,
)
from pace_shared.records import FIELDS

from ..errors import describe
from ..i18n import field_label, translated
from ..jobs import ProgressFn
from ..plain import error_label, plain_label
from ..state import AppState


class ImportDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.headers: list[str] = []
        self.rows: list[dict[str, str]] = []
        self.check: ImportCheck | None = None
        self.setWindowTitle(self.tr("Import people"))
        self.setMinimumSize(720, 560)

        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setAccessibleName(self.tr("File to import"))
        self.choose = QPushButton(self.tr("&Choose file…"))
        self.choose.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)

        self.mapping, self.key, self.report = self._mapping_table(), QComboBox(), self._report()
        self.key.setAccessibleName(self.tr("Key column"))
        mapping_label = QLabel(self.tr("Column &mapping:"))
        mapping_label.setBuddy(self.mapping)
        key_label = QLabel(self.tr("&Key column (the file's own reference):"))
        key_label.setBuddy(self.key)
        report_label = QLabel(self.tr("&Report:"))
        report_label.setBuddy(self.report)
        self.summary = plain_label(name="import_summary")
        self.summary.setWordWrap(True)
        self.error = error_label(self)

        self.check_button = QPushButton(self.tr("Chec&k"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self._run_check)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._run_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.choose)
        form.addRow(file_label, file_row)
        form.addRow(key_label, self.key)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(mapping_label)
        layout.addWidget(self.mapping, 2)
        layout.addWidget(report_label)
        layout.addWidget(self.report, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _mapping_table(self) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        table.setAccessibleName(self.tr("Column mapping"))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return table

    def _report(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Why")])
        table.setAccessibleName(self.tr("Rows that would not be imported"))
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return table

    # --- choosing and reading a file ------------------------------------------------------

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import people"), "", self.tr("Spreadsheets (*.csv *.xlsx)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read ``path`` off the GUI thread, then offer its columns for mapping."""
        self.path.setText(str(path))
        self._set_busy(True)
        self.state.runner.run(
            lambda _progress: read_rows(path),
            on_success=self._on_read,
            on_failure=self._on_failure,
            label=self.tr("Reading the file…"),
            parent_widget=self,
        )

    def _on_read(self, result: tuple[list[str], list[dict[str, str]]]) -> None:
        self.headers, self.rows = result
        guessed = ColumnMapping.guess(self.headers)
        self.mapping.setRowCount(len(self.headers))
        for row, header in enumerate(self.headers):
            self.mapping.setItem(row, 0, QTableWidgetItem(header))
            choice = QComboBox()
            choice.setAccessibleName(self.tr("Field for column {column}").format(column=header))
            choice.addItem(self.tr("(not imported)"), None)
            for name in IMPORTABLE:
                choice.addItem(field_label(FIELDS[IMPORT_TYPE][name]), name)
            choice.setCurrentIndex(max(0, choice.findData(guessed.columns.get(header))))
            choice.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(row, 1, choice)
        self.key.clear()
        self.key.addItem(self.tr("(none: rows are known by what they say)"), None)
        for header in self.headers:
            self.key.addItem(header, header)
        self.summary.setText(
            self.tr("{rows} rows read. Check the mapping, then press Check.").format(
                rows=len(self.rows)
            )
        )
        self._set_busy(False)

    def _mapping_changed(self) -> None:
        self.check = None
        self.import_button.setEnabled(False)

    def column_mapping(self) -> ColumnMapping:
        columns = {}
        for row, header in enumerate(self.headers):
            choice = self.mapping.cellWidget(row, 1)
            if isinstance(choice, QComboBox) and choice.currentData():
                columns[header] = str(choice.currentData())
        return ColumnMapping(columns=columns, key_column=self.key.currentData())

    # --- checking and importing -----------------------------------------------------------

    def _run_check(self) -> None:
        repo = self.state.repo
        if repo is None:
            return
        mapping, headers, rows = self.column_mapping(), self.headers, self.rows
        self._set_busy(True)

        def work(progress: ProgressFn) -> ImportCheck:
            plan = plan_import(headers, rows, mapping, repo.partner)
            return check_import(repo, plan, lambda done, total: progress(done, total, ""))

        self.state.runner.run(
            work,
            on_success=self._on_checked,
            on_failure=self._on_failure,
            label=self.tr("Checking every row…"),
            parent_widget=self,
        )

    def _on_checked(self, check: ImportCheck) -> None:
        self.check = check
        problems = check.plan.problems
        duplicates = sorted(check.possible_duplicates.items())
        self.report.setRowCount(len(problems) + len(duplicates))
        lines = [(p.row, p.column, translated(p.reason)) for p in problems]
        for row, candidates in duplicates:
            reasons = ", ".join(candidates[0].reasons)
            lines.append(
                (row, "", self.tr("may be someone already here ({why})").format(why=reasons))
            )
        for index, (row, column, why) in enumerate(lines):
            for col, value in enumerate((str(row), column, why)):
                self.report.setItem(index, col, QTableWidgetItem(value))
        new = len(check.new_records)
        self.summary.setText(
            self.tr(
                "{valid} people valid, {refused} rows refused, {here} already imported, "
                "{duplicates} possible duplicates. Import adds {new} people, seen only by your "
                "organisation until their consent is recorded."
            ).format(
                valid=len(check.plan.records),
                refused=len(check.plan.rejected_rows),
                here=len(check.already_here),
                duplicates=len(duplicates),
                new=new,
            )
        )
        self._set_busy(False)
        self.import_button.setEnabled(new > 0)

    def _run_import(self) -> None:
        check = self.check
        if check is None:
            return
        self._set_busy(True)

        def op(repo: Repository) -> Changes:
            return import_people(repo, check)

        self.state.write(op, on_done=self._on_imported, on_failure=self._on_failure)

    def _on_imported(self, changes: Changes) -> None:
        self._set_busy(False)
        self.import_button.setEnabled(False)
        self.check = None
        self.summary.setText(
            self.tr("Imported {count} people. They will be sent at the next sync.").format(
                count=len(changes.records)
            )
        )

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        # A file that cannot be used is the user's to fix, not a fault: say what is wrong.
        self.error.setText(str(exc) if isinstance(exc, ImportFileError) else describe(exc))
        self.error.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.error.setVisible(False)
        for widget in (self.choose, self.mapping, self.key):
            widget.setEnabled(not busy)
        self.check_button.setEnabled(not busy and bool(self.headers))
        if busy:
            self.import_button.setEnabled(False)
