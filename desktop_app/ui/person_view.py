"""One person: editable details, consent, and the timeline from every partner who can see it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Changes

from .consent import ConsentBox
from .dialogs.timeline_entry import TimelineEntryDialog
from .errors import describe
from .jobs import Job
from .look import relative_font
from .models.records import TimelineModel, partner_name
from .person_statistics import StatisticsFields
from .plain import plain_label
from .registration import FieldValues, PersonFields, field_errors_of, utc_now_text
from .state import AppState

TIMELINE_TYPES = ("engagement", "referral", "outcome")


class PersonView(QWidget):
    #: A change to the shown person was written (argument: the person's id).
    saved = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.person_id: str | None = None
        self._loaded: FieldValues = {}
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
        # Mnemonics unique on the People tab (E, F and T belong to E-mail, First name, Tools).
        self.add_engagement = QPushButton(self.tr("Add en&gagement…"))
        self.add_referral = QPushButton(self.tr("Ma&ke a referral…"))
        self.add_outcome = QPushButton(self.tr("Recor&d an outcome…"))
        self.add_engagement.setAccessibleName(self.tr("Add engagement"))
        self.add_referral.setAccessibleName(self.tr("Add referral"))
        self.add_outcome.setAccessibleName(self.tr("Add outcome"))

        self._lay_out()

        self.save_button.clicked.connect(self.save)
        self.add_engagement.clicked.connect(lambda: self.add_entry("engagement"))
        self.add_referral.clicked.connect(lambda: self.add_entry("referral"))
        self.add_outcome.clicked.connect(lambda: self.add_entry("outcome"))
        state.session_changed.connect(self._on_session_changed)
        state.changed.connect(self._on_changed)
        self._set_enabled(False)

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
        top.addWidget(self.consent, 2)
        actions = QHBoxLayout()
        timeline_label = QLabel(self.tr("Ti&meline"))
        timeline_label.setBuddy(self.timeline)
        relative_font(timeline_label, bold=True)
        actions.addWidget(timeline_label)
        actions.addStretch(1)
        actions.addWidget(self.add_engagement)
        actions.addWidget(self.add_referral)
        actions.addWidget(self.add_outcome)
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
        ):
            widget.setEnabled(enabled)

    def _on_session_changed(self) -> None:
        self.consent.set_own_partner(self.state.own_partner)
        if self.state.session is None:
            self.clear()

    def clear(self) -> None:
        self.person_id = None
        self._loaded = {}
        self.title.setText(self.tr("No person selected"))
        self.subtitle.setText("")
        self.details.clear()
        self.statistics.clear()
        self.timeline_model.set_records([])
        self.status.setText("")
        self._set_enabled(False)

    def show_person(self, person_id: str, *, keep_status: bool = False) -> None:
        repo = self.state.repo
        record = repo.get(person_id) if repo is not None else None
        if record is None or record.deleted:
            self.clear()
            self.status.setText(self.tr("That person is no longer in this store."))
            return
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
        self.statistics.load(fields)
        share = fields.get("share_with")
        self.consent.set_share_with(share if isinstance(share, list) else None)
        if not keep_status:
            self.status.setText("")
        self.refresh_timeline()
        self._set_enabled(True)

    def refresh_timeline(self) -> None:
        repo = self.state.repo
        if repo is None or self.person_id is None:
            self.timeline_model.set_records([])
            return
        self.timeline_model.set_records(repo.timeline(self.person_id))
        self.timeline.resizeRowsToContents()

    def changed_fields(self) -> FieldValues:
        changes = {
            name: value
            for name, value in {**self.details.values(), **self.statistics.values()}.items()
            if value != self._loaded.get(name)
        }
        share = self.consent.share_with()
        loaded_share = self._loaded.get("share_with")
        if sorted(share) != sorted(loaded_share if isinstance(loaded_share, list) else []):
            changes["share_with"] = share
            changes["consent_recorded_at"] = utc_now_text()
        return changes

    def save(self) -> Job | None:
        """Write only the fields that changed, on the write lane."""
        person_id = self.person_id
        if self.state.repo is None or person_id is None:
            return None
        details_bad, statistics_bad = self.details.validate(), self.statistics.validate()
        first_bad = details_bad or statistics_bad
        if first_bad is not None or not self.consent.validate():
            if first_bad is not None:
                first_bad.edit.setFocus()
            self.status.setText(self.tr("Please correct the highlighted fields."))
            return None
        changes = self.changed_fields()
        if not changes:
            self.status.setText(self.tr("Nothing changed."))
            return None
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        return self.state.write(
            lambda repo: repo.save_record("client", changes, record_id=person_id),
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
