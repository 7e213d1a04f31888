"""Registration of a person at the current event: keyboard first, Enter saves and starts over."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TypeAlias

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import CURRENT_EVENT, Changes, RecordValidationError
from desktop_app.storage.repository import consent_fields
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, translated
from pace_shared.records import FieldError

from .consent import ConsentBox
from .duplicates import DuplicatePanel
from .errors import describe
from .fields import FieldRow
from .jobs import Job
from .person_statistics import StatisticsFields
from .plain import plain_label
from .state import AppState

DUPLICATE_DEBOUNCE_MS = 150

#: (field, label with mnemonic, placeholder) in tab order; translated in PersonFields.
CLIENT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("first_name", QT_TRANSLATE_NOOP("PersonFields", "&First name"), ""),
    ("last_name", QT_TRANSLATE_NOOP("PersonFields", "&Last name"), ""),
    ("date_of_birth", QT_TRANSLATE_NOOP("PersonFields", "Date of &birth"), "DD/MM/YYYY"),
    ("ni_number", QT_TRANSLATE_NOOP("PersonFields", "&NI number"), "AB 12 34 56 C"),
    ("phone", QT_TRANSLATE_NOOP("PersonFields", "&Phone"), ""),  # Alt+H: left for Help
    ("email", QT_TRANSLATE_NOOP("PersonFields", "&E-mail"), "name@example.org"),
    ("postcode", QT_TRANSLATE_NOOP("PersonFields", "Post&code"), "EH1 1AA"),
    ("occupation", QT_TRANSLATE_NOOP("PersonFields", "Occ&upation"), ""),
)
DUPLICATE_KEYS = ("first_name", "last_name", "date_of_birth", "ni_number", "postcode")
#: Types whose change alters the current-event banner.
EVENT_TYPES = ("redundancy_event", "employer")

#: A form's values as the core's validators take them.
FieldValues: TypeAlias = dict[str, object]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def field_errors_of(exc: BaseException) -> list[FieldError]:
    return list(exc.errors) if isinstance(exc, RecordValidationError) else []


class PersonFields(QWidget):
    """The person's details as a form; shared by registration and the person view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, placeholder in CLIENT_FIELDS:
            row = FieldRow(
                "client",
                name,
                QCoreApplication.translate("PersonFields", label),
                placeholder=QCoreApplication.translate("PersonFields", placeholder)
                if placeholder
                else "",
                parent=self,
            )
            self.rows[name] = row
            form.addRow(row.label, row)

    def values(self) -> FieldValues:
        return {name: row.normalised() for name, row in self.rows.items()}

    def validate(self) -> FieldRow | None:
        """Show every message; return the first field in error, for focus."""
        first: FieldRow | None = None
        for row in self.rows.values():
            if not row.validate() and first is None:
                first = row
        return first

    def show_errors(self, errors: list[FieldError]) -> FieldRow | None:
        first: FieldRow | None = None
        for error in errors:
            row = self.rows.get(error.field)
            if row is not None:
                row.show_error(translated(error.message))
                first = first or row
        return first

    def clear(self) -> None:
        for row in self.rows.values():
            row.clear()

    def load(self, fields: FieldValues) -> None:
        for name, row in self.rows.items():
            row.set_value(fields.get(name))

    def is_blank(self) -> bool:
        return not any(row.raw() for row in self.rows.values())


class RegistrationForm(QWidget):
    saved = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("registration_form")
        self.event_banner = plain_label("", self, name="current_event_banner")
        self.event_banner.setWordWrap(True)
        self.event_banner.setStyleSheet("font-weight: bold; padding: 4px 0;")
        self.person = PersonFields(self)
        self.consent = ConsentBox(state.own_partner, self)
        # The optional questions come after the details and consent, so Enter still saves a
        # person as soon as the required details are in.
        self.statistics = StatisticsFields(self)
        self.duplicates = DuplicatePanel(self)
        self.save_button = QPushButton(self.tr("&Save and next person  (Enter)"))
        self.save_button.setObjectName("save_registration")
        self.save_button.setAccessibleName(self.tr("Save this person and start the next"))
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Clear for&m"))
        self.clear_button.setAccessibleName(self.tr("Clear the form"))
        self.status = plain_label("", self, name="registration_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Registration status"))

        self._lay_out()

        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DEBOUNCE_MS)
        self._dup_timer.timeout.connect(self.check_duplicates)
        for name in DUPLICATE_KEYS:
            self.person.rows[name].edited.connect(self._dup_timer.start)

        # Enter anywhere in the form saves; a shortcut works whichever child has focus.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.start_next)
        self.duplicates.open_requested.connect(self.state.open_person)
        self._fix_tab_order()

        state.session_changed.connect(self._on_session_changed)
        state.changed.connect(self._on_changed)
        self.refresh_event_banner()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.person)
        left.addWidget(self.consent)
        left.addWidget(self.statistics)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.status)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.duplicates, 2)
        outer = QVBoxLayout(self)
        outer.addWidget(self.event_banner)
        outer.addLayout(columns, 1)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*EVENT_TYPES) or changes.touches_setting(CURRENT_EVENT):
            self.refresh_event_banner()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [row.edit for row in self.person.rows.values()]
        chain += [
            self.consent.all_button,
            self.consent.chosen_button,
            self.consent.partners,
            self.consent.nobody_button,
            self.consent.method,
            *self.statistics.editors(),
            self.save_button,
            self.clear_button,
            self.duplicates.list,
            self.duplicates.open_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_session_changed(self) -> None:
        self.consent.set_own_partner(self.state.own_partner)
        self.consent.reset()
        self.refresh_event_banner()

    def refresh_event_banner(self) -> None:
        repo = self.state.repo
        event_id = self.state.current_event_id()
        if repo is None:
            self.event_banner.setText("")
            return
        if not event_id:
            self.event_banner.setText(
                self.tr(
                    "No current event chosen: people are registered without an event. "
                    "Choose one on the Events tab."
                )
            )
            return
        event = repo.get(event_id)
        if event is None:
            self.event_banner.setText(self.tr("The current event is no longer available."))
            return
        from .models.records import event_label

        employers = {str(e.id): str(e.fields.get("name") or "") for e in repo.employers()}
        self.event_banner.setText(
            self.tr("Registering people at: {event}").format(event=event_label(event, employers))
        )

    # -- duplicates --------------------------------------------------------------------------
    def check_duplicates(self) -> None:
        repo = self.state.repo
        if repo is None:
            return
        values = {name: self.person.rows[name].value() for name in DUPLICATE_KEYS}
        enough = (values["first_name"] and values["last_name"]) or any(
            values[k] for k in ("date_of_birth", "ni_number")
        )
        if not enough:
            self.duplicates.set_candidates([])
            return
        # Pass only values that already parse, so half-typed dates and NI numbers cannot raise.
        clean = {
            name: _text(self.person.rows[name].normalised())
            if not self.person.rows[name].check()
            else None
            for name in DUPLICATE_KEYS
        }
        try:
            candidates = repo.find_duplicates(
                clean["first_name"] or "",
                clean["last_name"] or "",
                clean["date_of_birth"],
                clean["ni_number"],
                clean["postcode"],
                event_id=self.state.current_event_id(),
            )
        except Exception as exc:
            self.duplicates.summary.setText(
                self.tr("Duplicate check unavailable: {reason}").format(reason=describe(exc))
            )
            return
        self.duplicates.set_candidates(list(candidates))

    # -- save --------------------------------------------------------------------------------
    def save(self) -> Job | None:
        """Check the form here, then queue the write and clear the form for the next person at
        once: the store is written on the lane, never on the GUI thread."""
        if self.state.repo is None:
            return None
        fields = self._checked_fields()
        if fields is None:
            return None
        name = f"{fields['first_name']} {fields['last_name']}"
        # Checked above: every registration records a consent change (even "only my
        # organisation"), so how the person gave it has been chosen.
        method = self.consent.consent_method()
        job = self.state.write(
            lambda repo: repo.save_record("client", fields, consent_method=method),
            on_done=lambda changes: self._saved(name, changes),
            on_failure=lambda exc: self._not_saved(name, fields, method, exc),
        )
        self.status.setText(self.tr("Saving {name}… Ready for the next person.").format(name=name))
        self.start_next(keep_status=True)
        return job

    def _checked_fields(self) -> FieldValues | None:
        person_bad, statistics_bad = self.person.validate(), self.statistics.validate()
        first_bad = person_bad or statistics_bad
        consent_ok = self.consent.validate()
        if first_bad is not None:
            first_bad.edit.setFocus()
            self.status.setText(self.tr("Please correct the highlighted fields."))
            return None
        if not consent_ok:
            self.consent.focus_problem()
            if self.consent.method_missing():
                self.status.setText(self.tr("Please choose how this person gave their consent."))
            else:
                self.status.setText(self.tr("Please choose who this person agreed to share with."))
            return None
        answers = {**self.person.values(), **self.statistics.values()}
        fields: FieldValues = {k: v for k, v in answers.items() if v is not None}
        fields.update(consent_fields(self.consent.share_with()))
        event_id = self.state.current_event_id()
        if event_id:
            fields["event_id"] = event_id
        return fields

    def _saved(self, name: str, changes: Changes) -> None:
        self.status.setText(
            self.tr("Saved {name} at {time}. Ready for the next person.").format(
                name=name, time=dt.datetime.now().strftime("%H:%M:%S")
            )
        )
        for person_id in changes.ids_of("client"):
            self.saved.emit(person_id)

    def _not_saved(
        self, name: str, fields: FieldValues, method: str | None, exc: BaseException
    ) -> None:
        # The form was cleared when the write was queued: put the person back if it is still
        # empty, so nothing typed is lost; otherwise say whose details to enter again.
        if self.person.is_blank() and self.statistics.is_blank():
            self.person.load(fields)
            self.statistics.load(fields)
            share = fields.get("share_with")
            self.consent.set_share_with(share if isinstance(share, list) else None)
            if method is not None:
                self.consent.method.choose(method)
            errors = field_errors_of(exc)
            first = self.person.show_errors(errors) or self.statistics.show_errors(errors)
            (first.edit if first is not None else self.person.rows["first_name"].edit).setFocus()
            self.status.setText(self.tr("Not saved: {reason}").format(reason=describe(exc)))
        else:
            self.status.setText(
                self.tr("{name} was not saved: {reason} Please enter them again.").format(
                    name=name, reason=describe(exc)
                )
            )

    def start_next(self, keep_status: bool = False) -> None:
        self.person.clear()
        self.statistics.clear()
        self.consent.reset()
        self.duplicates.set_candidates([])
        self._dup_timer.stop()
        if not keep_status:
            self.status.setText("")
        self.person.rows["first_name"].edit.setFocus()
