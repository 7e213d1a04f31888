"""One person: editable details, consent, and the timeline from every partner who can see it."""

from __future__ import annotations

from typing import Any

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

from .consent import ConsentBox
from .dialogs.timeline_entry import TimelineEntryDialog
from .errors import describe
from .models.records import TimelineModel, partner_name
from .plain import plain_label
from .registration import PersonFields, field_errors_of, utc_now_text
from .state import AppState


class PersonView(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.person_id: str | None = None
        self._loaded: dict[str, Any] = {}
        self.setObjectName("person_view")
        self.title = plain_label("No person selected", self, name="person_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.subtitle = plain_label("", self, name="person_subtitle")
        self.subtitle.setWordWrap(True)
        self.details = PersonFields(self)
        self.consent = ConsentBox(state.own_partner, self)
        self.save_button = QPushButton("Sa&ve changes")
        self.save_button.setAccessibleName("Save changes to this person")
        self.status = plain_label("", self, name="person_status")
        self.status.setWordWrap(True)
        self.timeline_model = TimelineModel()
        self.timeline = QTableView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName("Timeline of engagements, referrals and outcomes")
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setWordWrap(True)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.add_engagement = QPushButton("Add &engagement…")
        self.add_referral = QPushButton("Add re&ferral…")
        self.add_outcome = QPushButton("Add ou&tcome…")
        for button in (self.add_engagement, self.add_referral, self.add_outcome):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.details)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.status, 1)
        left.addLayout(save_row)
        top.addLayout(left, 3)
        top.addWidget(self.consent, 2)
        actions = QHBoxLayout()
        timeline_label = QLabel("Ti&meline")
        timeline_label.setBuddy(self.timeline)
        timeline_label.setStyleSheet("font-weight: bold;")
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

        self.save_button.clicked.connect(self.save)
        self.add_engagement.clicked.connect(lambda: self.add_entry("engagement"))
        self.add_referral.clicked.connect(lambda: self.add_entry("referral"))
        self.add_outcome.clicked.connect(lambda: self.add_entry("outcome"))
        state.session_changed.connect(self._on_session_changed)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.details,
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
        self.title.setText("No person selected")
        self.subtitle.setText("")
        self.details.clear()
        self.timeline_model.set_records([])
        self.status.setText("")
        self._set_enabled(False)

    def show_person(self, person_id: str) -> None:
        repo = self.state.repo
        record = repo.get(person_id) if repo is not None else None
        if record is None or getattr(record, "deleted", False):
            self.clear()
            self.status.setText("That person is no longer in this store.")
            return
        self.person_id = person_id
        fields = dict(record.fields or {})
        self._loaded = fields
        self.title.setText(f"{fields.get('first_name', '')} {fields.get('last_name', '')}".strip())
        sub = f"Recorded by {partner_name(record.owner_partner)}"
        if fields.get("consent_recorded_at"):
            sub += f" · consent recorded {fields['consent_recorded_at']}"
        if getattr(record, "has_conflict", False):
            sub += " · has a sync conflict for a team lead to review"
        elif getattr(record, "pending_fields", None):
            sub += " · changes not yet synced"
        self.subtitle.setText(sub)
        self.details.load(fields)
        self.consent.set_share_with(fields.get("share_with"))
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

    def changed_fields(self) -> dict[str, Any]:
        changes = {
            name: value
            for name, value in self.details.values().items()
            if value != self._loaded.get(name)
        }
        share = self.consent.share_with()
        if sorted(share) != sorted(self._loaded.get("share_with") or []):
            changes["share_with"] = share
            changes["consent_recorded_at"] = utc_now_text()
        return changes

    def save(self) -> None:
        repo = self.state.repo
        if repo is None or self.person_id is None:
            return
        first_bad = self.details.validate()
        if first_bad is not None or not self.consent.validate():
            if first_bad is not None:
                first_bad.edit.setFocus()
            self.status.setText("Please correct the highlighted fields.")
            return
        changes = self.changed_fields()
        if not changes:
            self.status.setText("Nothing changed.")
            return
        try:
            repo.save("client", changes, record_id=self.person_id)
        except Exception as exc:
            self.details.show_errors(field_errors_of(exc))
            self.status.setText(f"Not saved: {describe(exc)}")
            return
        self.state.record_saved("client")
        person_id = self.person_id
        self.show_person(person_id)
        self.status.setText("Saved.")

    def add_entry(self, kind: str) -> None:
        repo = self.state.repo
        if repo is None or self.person_id is None:
            return
        dialog = TimelineEntryDialog(
            repo,
            self.person_id,
            kind,
            self.state.own_partner,
            self,
            runner=getattr(self.state, "runner", None),
        )
        if dialog.exec():
            if dialog.consent_recorded:
                self.state.record_saved("client")
                self.show_person(self.person_id)  # the consent box shows the new consent
            self.state.record_saved(kind)
            self.refresh_timeline()
