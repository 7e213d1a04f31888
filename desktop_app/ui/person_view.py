"""One person: editable details, consent, and the timeline from every partner who can see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Changes, Erased
from desktop_app.storage.repository import consent_fields

from .consent import ConsentBox
from .dialogs.erase_dialog import EraseDialog
from .dialogs.timeline_entry import TimelineEntryDialog
from .errors import describe
from .jobs import Job
from .look import relative_font
from .models.consent_history import ConsentHistoryModel
from .models.records import TimelineModel, partner_name
from .person_statistics import StatisticsFields
from .plain import plain_label
from .registration import FieldValues, PersonFields, field_errors_of
from .state import AppState
from .subject_access import write_subject_access_pdf
from .sync_scheduler import changes_of

#: Roles that produce subject access reports (the server checks again).
SUBJECT_ACCESS_ROLES = frozenset({"admin", "system_admin"})

TIMELINE_TYPES = ("engagement", "referral", "outcome")


class PersonView(QWidget):
    #: A change to the shown person was written (argument: the person's id).
    saved = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.person_id: str | None = None
        self._loaded: FieldValues = {}
        self._placeholders: dict[str, str] = {}
        self.setObjectName("person_view")
        self.title = plain_label(self.tr("No person selected"), self, name="person_title")
        relative_font(self.title, 1.6, bold=True)  # a heading that grows with the system font
        self.subtitle = plain_label("", self, name="person_subtitle")
        self.subtitle.setWordWrap(True)
        self.details = PersonFields(self)
        self.statistics = StatisticsFields(self)
        self.consent = ConsentBox(state.own_partner, self)
        self.save_button = QPushButton(self.tr("Sa&ve changes"))
        self.save_button.setAccessibleName(self.tr("Save changes to this person"))
        self.status = plain_label("", self, name="person_status")
        self.status.setWordWrap(True)
        self.timeline_model = TimelineModel()
        self.timeline = self._build_timeline()
        self.consent_history_model = ConsentHistoryModel()
        self.consent_history = self._build_consent_history()
        # Mnemonics unique on the People tab (E, F and T belong to E-mail, First name, Tools).
        self.add_engagement = QPushButton(self.tr("Add en&gagement…"))
        self.add_referral = QPushButton(self.tr("Ma&ke a referral…"))
        self.add_outcome = QPushButton(self.tr("Recor&d an outcome…"))
        self.add_engagement.setAccessibleName(self.tr("Add engagement"))
        self.add_referral.setAccessibleName(self.tr("Add referral"))
        self.add_outcome.setAccessibleName(self.tr("Add outcome"))
        # For administrators: the subject access report the one-month legal limit asks for.
        self.subject_access_button = QPushButton(self.tr("Subject access report…"))
        self.subject_access_button.setAccessibleName(
            self.tr("Subject access report of this person (PDF)")
        )
        # Erasure on request (GDPR article 17), for the owner partner's administrators.
        self.erase_button = QPushButton(self.tr("Erase this person…"))
        self.erase_button.setObjectName("erase_person")
        self.erase_button.setAccessibleName(self.tr("Erase this person and all their records"))

        self._lay_out()

        self.save_button.clicked.connect(self.save)
        self.add_engagement.clicked.connect(lambda: self.add_entry("engagement"))
        self.add_referral.clicked.connect(lambda: self.add_entry("referral"))
        self.add_outcome.clicked.connect(lambda: self.add_entry("outcome"))
        self.subject_access_button.clicked.connect(self.choose_subject_access_file)
        self.erase_button.clicked.connect(self.ask_to_erase)
        state.session_changed.connect(self._on_session_changed)
        state.changed.connect(self._on_changed)
        self._set_enabled(False)
        self._show_role_actions()

    def _build_timeline(self) -> QTableView:
        timeline = QTableView(self)
        timeline.setObjectName("timeline")
        timeline.setAccessibleName(self.tr("Timeline of engagements, referrals and outcomes"))
        timeline.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        timeline.setModel(self.timeline_model)
        timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        timeline.verticalHeader().setVisible(False)
        timeline.setWordWrap(True)
        header = timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return timeline

    def _build_consent_history(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("consent_history")
        table.setAccessibleName(self.tr("Consent history"))
        table.setTabKeyNavigation(False)
        table.setModel(self.consent_history_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setMaximumHeight(120)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.details)
        left.addWidget(self.statistics)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.status, 1)
        left.addLayout(save_row)
        top.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.consent)
        # A heading, not a buddy: every letter of "Consent history" already jumps somewhere on
        # this tab; the table is reached with Tab and named for screen readers.
        history_label = QLabel(self.tr("Consent history"))
        right.addWidget(history_label)
        right.addWidget(self.consent_history)
        top.addLayout(right, 2)
        actions = QHBoxLayout()
        timeline_label = QLabel(self.tr("Ti&meline"))
        timeline_label.setBuddy(self.timeline)
        relative_font(timeline_label, bold=True)
        actions.addWidget(timeline_label)
        actions.addStretch(1)
        actions.addWidget(self.add_engagement)
        actions.addWidget(self.add_referral)
        actions.addWidget(self.add_outcome)
        actions.addWidget(self.subject_access_button)
        actions.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.timeline, 1)

    def _on_changed(self, changes: Changes) -> None:
        if self.person_id is None:
            return
        if changes.everything or self.person_id in changes.record_ids:
            self.show_person(self.person_id, keep_status=True)
        elif changes.touches(*TIMELINE_TYPES):
            self.refresh_timeline()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.details,
            self.statistics,
            self.consent,
            self.save_button,
            self.add_engagement,
            self.add_referral,
            self.add_outcome,
            self.subject_access_button,
            self.erase_button,
        ):
            widget.setEnabled(enabled)

    def _show_role_actions(self) -> None:
        session = self.state.session
        is_admin = session is not None and session.user.role in SUBJECT_ACCESS_ROLES
        self.subject_access_button.setVisible(is_admin)
        self.erase_button.setVisible(is_admin)

    def _on_session_changed(self) -> None:
        self._show_role_actions()
        self.consent.set_own_partner(self.state.own_partner)
        if self.state.session is None:
            self.clear()

    def choose_subject_access_file(self) -> None:
        if self.person_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Subject access report"),
            f"subject-access-{self.person_id[:8]}.pdf",
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.export_subject_access(Path(path))

    def export_subject_access(self, path: Path) -> Job | None:
        """Everything every partner holds about this person, fetched from the server off the
        GUI thread, written as a PDF here (Qt draws it on the GUI thread)."""
        session, person_id = self.state.session, self.person_id
        if session is None or person_id is None:
            return None
        self.status.setText(self.tr("Fetching everything held about this person…"))
        return self.state.runner.run(
            lambda _progress: session.subject_access(person_id),
            on_success=lambda document: self._write_subject_access(document, path),
            on_failure=lambda exc: self.status.setText(
                self.tr("No subject access report: {reason}").format(reason=describe(exc))
            ),
            label=self.tr("Fetching everything held about this person…"),
            parent_widget=self,
        )

    def _write_subject_access(self, document: dict[str, Any], path: Path) -> None:
        try:
            write_subject_access_pdf(document, path)
        except OSError as exc:
            self.status.setText(
                self.tr("The report could not be written: {reason}").format(reason=exc.strerror)
            )
            return
        self.status.setText(self.tr("Subject access report written to {path}.").format(path=path))

    def ask_to_erase(self) -> EraseDialog | None:
        """The typed confirmation first: an erasure cannot be undone."""
        if self.person_id is None:
            return None
        dialog = EraseDialog(self.title.text(), str(self._loaded.get("last_name", "")), parent=self)
        dialog.accepted.connect(self.erase)
        dialog.open()
        return dialog

    def erase(self) -> Job | None:
        """Erase this person on the server, then sync so this laptop drops them too; off the
        GUI thread, in order with syncs on the job lane."""
        session, person_id = self.state.session, self.person_id
        if session is None or person_id is None:
            return None
        working = self.tr("Erasing this person on the server…")
        self.status.setText(working)
        return self.state.runner.run(
            lambda _progress: session.erase_person(person_id),
            on_success=self._erased,
            on_failure=lambda exc: self.status.setText(
                self.tr("The person was not erased: {reason}").format(reason=describe(exc))
            ),
            label=working,
            parent_widget=self,
        )

    def _erased(self, erased: Erased) -> None:
        about_them = sum(n for kind, n in erased.removed.items() if kind != "client")
        self.state.announce(changes_of(erased.sync), local=False)
        self.clear()
        self.status.setText(
            self.tr(
                "Erased the person and {count} records about them, on the server and here."
            ).format(count=about_them)
        )

    def clear(self) -> None:
        self.person_id = None
        self._loaded = {}
        self.title.setText(self.tr("No person selected"))
        self.subtitle.setText("")
        self.details.clear()
        self.statistics.clear()
        self.timeline_model.set_records([])
        self.consent_history_model.set_records([])
        self.status.setText("")
        self._set_enabled(False)

    def show_person(self, person_id: str, *, keep_status: bool = False) -> None:
        repo = self.state.repo
        record = repo.get(person_id) if repo is not None else None
        if repo is None or record is None or record.deleted:
            self.clear()
            self.status.setText(self.tr("That person is no longer in this store."))
            return
        newly_opened = person_id != self.person_id
        self.person_id = person_id
        fields = dict(record.fields or {})
        self._loaded = fields
        self.title.setText(f"{fields.get('first_name', '')} {fields.get('last_name', '')}".strip())
        sub = self.tr("Recorded by {partner}").format(partner=partner_name(record.owner_partner))
        if fields.get("consent_recorded_at"):
            sub += self.tr(" · consent recorded {when}").format(when=fields["consent_recorded_at"])
        if record.has_conflict:
            sub += self.tr(" · has a sync conflict for a team lead to review")
        elif record.pending_fields:
            sub += self.tr(" · changes not yet synced")
        self.subtitle.setText(sub)
        self.details.load(fields)
        self._show_withheld(repo.withheld_from_here("client", record.owner_partner))
        self.statistics.load(fields)
        share = fields.get("share_with")
        self.consent.set_share_with(share if isinstance(share, list) else None)
        # The consent shown is the one recorded: a next change asks again how it was given.
        self.consent.method.reset()
        if not keep_status:
            self.status.setText("")
        if newly_opened:
            self._note_viewed(person_id)
        self.refresh_timeline()
        self._set_enabled(True)
        # The server erases only people the admin's own organisation recorded (any person for
        # a system admin); the button says so rather than failing after the confirmation.
        session = self.state.session
        may_erase = session is not None and (
            session.user.role == "system_admin" or record.owner_partner == self.state.own_partner
        )
        self.erase_button.setEnabled(may_erase)
        self.erase_button.setToolTip(
            "" if may_erase else self.tr("Only the organisation that recorded them can erase them.")
        )

    def _note_viewed(self, person_id: str) -> None:
        """Opening another partner's person is audited: queued on the write lane, sent with
        the next sync (the session decides whether this record needs it)."""
        session = self.state.session
        if session is not None and not session.is_locked:
            self.state.write(lambda _repo: session.record_view(person_id))

    def _show_withheld(self, withheld: frozenset[str]) -> None:
        """A field the data-sharing agreement keeps from this organisation reads "Withheld"
        (and cannot be edited), so it is never mistaken for one left blank."""
        for name, row in self.details.rows.items():
            if name not in self._placeholders:
                self._placeholders[name] = row.edit.placeholderText()
            held = name in withheld
            row.edit.setReadOnly(held)
            row.edit.setPlaceholderText(self.tr("Withheld") if held else self._placeholders[name])
            row.edit.setToolTip(
                self.tr("Withheld under the data-sharing agreement") if held else ""
            )

    def refresh_timeline(self) -> None:
        repo = self.state.repo
        if repo is None or self.person_id is None:
            self.timeline_model.set_records([])
            return
        self.timeline_model.set_records(repo.timeline(self.person_id))
        self.timeline.resizeRowsToContents()
        self.consent_history_model.set_records(repo.consent_history(self.person_id))

    def consent_changed(self) -> bool:
        """Whether the sharing shown differs from the one recorded (a save then records a
        consent change, so it needs how the person gave it)."""
        loaded = self._loaded.get("share_with")
        return sorted(self.consent.share_with()) != sorted(
            loaded if isinstance(loaded, list) else []
        )

    def changed_fields(self) -> FieldValues:
        changes = {
            name: value
            for name, value in {**self.details.values(), **self.statistics.values()}.items()
            if value != self._loaded.get(name)
        }
        if self.consent_changed():
            changes.update(consent_fields(self.consent.share_with()))
        return changes

    def save(self) -> Job | None:
        """Write only the fields that changed, on the write lane."""
        person_id = self.person_id
        if self.state.repo is None or person_id is None:
            return None
        details_bad, statistics_bad = self.details.validate(), self.statistics.validate()
        first_bad = details_bad or statistics_bad
        consent_ok = self.consent.validate(method_needed=self.consent_changed())
        if first_bad is not None or not consent_ok:
            if first_bad is not None:
                first_bad.edit.setFocus()
            else:
                self.consent.focus_problem()
            self.status.setText(self.tr("Please correct the highlighted fields."))
            return None
        changes = self.changed_fields()
        if not changes:
            self.status.setText(self.tr("Nothing changed."))
            return None
        method = self.consent.consent_method()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        return self.state.write(
            lambda repo: repo.save_record(
                "client", changes, record_id=person_id, consent_method=method
            ),
            on_done=lambda _changes: self._saved(person_id),
            on_failure=self._not_saved,
        )

    def _saved(self, person_id: str) -> None:
        self.save_button.setEnabled(self.person_id is not None)
        if self.person_id == person_id:
            self.status.setText(self.tr("Saved."))
        self.saved.emit(person_id)

    def _not_saved(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.person_id is not None)
        errors = field_errors_of(exc)
        self.details.show_errors(errors)
        self.statistics.show_errors(errors)
        self.status.setText(self.tr("Not saved: {reason}").format(reason=describe(exc)))

    def add_entry(self, kind: str) -> None:
        if self.state.repo is None or self.person_id is None:
            return
        dialog = TimelineEntryDialog(self.state, self.person_id, kind, self)
        dialog.open()
