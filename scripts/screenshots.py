"""Generate the user guide's screenshots from the real app: ``python scripts/screenshots.py [OUT]``.

It starts a real demo sync server (``pace-demo``'s, on SQLite, in a temporary folder), sets up
a profile as the demo adviser through the real first-run dialog, works through the screens an
adviser sees and saves one PNG per screen in OUT (default ``docs/screenshots``). It runs
offscreen (``QT_QPA_PLATFORM=offscreen``, the default here) or under Xvfb; nothing is left
behind but the PNGs. Every person in the pictures is made up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

import keyring
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from desktop_app.demo import (
    _SERVER_CLI,
    DEMO_EVENT_ID,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DemoServer,
)
from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from desktop_app.ui.admin import AdminWorkspace
from desktop_app.ui.admin.common import AdminPage
from desktop_app.ui.app import AppController
from desktop_app.ui.dialogs.enrol import EnrolDialog
from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.dialogs.unlock import PasswordDialog
from desktop_app.ui.launch import application
from desktop_app.ui.lead.caseload import CaseloadPage
from desktop_app.ui.lead.events_review import EventsReviewPage
from desktop_app.ui.lead.merge_review import DuplicatesPage
from desktop_app.ui.lead.referrals import ReferralsPage
from desktop_app.ui.main_window import MainWindow

#: Every file this script writes (tests check they all exist).
SHOTS = (
    "enrol.png",
    "register.png",
    "register-duplicate.png",
    "people.png",
    "add-engagement.png",
    "add-referral.png",
    "referral-consent.png",
    "events.png",
    "status-online.png",
    "rejected-status.png",
    "rejected.png",
    "status-offline.png",
    "unlock.png",
    "unlock-damaged.png",
    "rebuild-confirm.png",
    "revoked.png",
    "lead-caseload.png",
    "lead-conflicts.png",
    "lead-referrals.png",
    "lead-events.png",
    "lead-duplicates.png",
    "lead-merge-confirm.png",
    "statistics-redundancies.png",
    "statistics-engagements.png",
    "statistics-outcomes.png",
    "statistics-time-out-of-work.png",
    # The admin workspace (docs/admin-guide.md).
    "admin-users.png",
    "admin-new-user.png",
    "admin-devices.png",
    "admin-revoke-confirm.png",
    "admin-audit.png",
    "admin-health.png",
    "admin-partners.png",
    "admin-sharing.png",
    "admin-retention.png",
)
#: The statistics pictures: an analyst's app over the demo server's generated records.
ANALYST = ("demo.analyst", "Euan Ross")
WAIT_S = 120.0
PAGE = 4096


def pump(seconds: float = 0.2) -> None:
    """Let Qt deliver events (job results come back to the GUI thread as events)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        pump(0.05)


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out

    def save(self, widget: QWidget, name: str) -> None:
        pump()
        widget.grab().save(str(self.out / name))
        print(f"saved {self.out / name}", flush=True)


def set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)


def choose(combo: QWidget, code: str) -> None:
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(code))


class Tour:
    """The screens in the order an adviser meets them."""

    def __init__(self, folder: Path, out: Path) -> None:
        self.folder = folder
        self.shots = Shooter(out)
        self.server = DemoServer(folder / "server")
        self.profile = Profile(folder / "profile")
        self.settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        self.controller: AppController | None = None
        self.analyst: AppController | None = None
        self.workspaces: list[AdminWorkspace] = []
        self.admin_sessions: list[Session] = []

    # -- helpers -----------------------------------------------------------------------------
    @property
    def ctl(self) -> AppController:
        assert self.controller is not None
        return self.controller

    @property
    def window(self) -> MainWindow:
        assert self.ctl.window is not None
        return self.ctl.window

    def settle(self) -> None:
        wait_until(lambda: not self.ctl.runner.busy, "the store's work lane")
        pump()

    def sync(self) -> None:
        scheduler = self.ctl.scheduler
        self.settle()
        wait_until(lambda: not scheduler.running, "a sync in flight")
        scheduler.sync_now(manual=True)  # manual: the scheduler is otherwise paused here
        wait_until(lambda: not scheduler.running, "the sync")
        scheduler.stop()
        self.settle()

    def save_person(self, fields: dict[str, object]) -> str:
        """Register a made-up person as the form does, consent given verbally (the form always
        asks how)."""
        state = self.ctl.state
        ids: list[str] = []
        state.write(
            lambda repo: repo.save_record(
                "client", {**fields, "event_id": DEMO_EVENT_ID}, consent_method="verbal"
            ),
            on_done=lambda changes: ids.extend(changes.ids_of("client")),
        )
        self.settle()
        return ids[0]

    def save_child(self, record_type: str, fields: dict[str, object]) -> None:
        self.ctl.state.write(lambda repo: repo.save_record(record_type, fields))
        self.settle()

    # -- the tour ----------------------------------------------------------------------------
    def run(self) -> None:
        self.server.prepare()
        url = self.server.start()
        self.controller = AppController(
            self.profile,
            Session,
            server_url=url,
            username=DEMO_USERNAME,
            lock_minutes=10,
            settings=self.settings,
        )
        self.enrol()
        self.seed()
        self.register()
        self.people_and_timeline()
        self.events()
        LeadTour(self).run()
        self.rejected()
        self.offline()
        self.lock_and_damage()
        self.revoked()
        self.admin()
        self.statistics()

    def enrol(self) -> None:
        dialog = self.ctl.start_dialog()
        assert isinstance(dialog, EnrolDialog)
        dialog.device.setText("SDS laptop 14")  # not this machine's host name
        dialog.password.setText(DEMO_PASSWORD)
        # Pictured with an address like a real one (a real server is https); then the demo's.
        real_url = dialog.server.text()
        dialog.server.setText("https://sync.example.org")
        self.shots.save(dialog, "enrol.png")
        dialog.server.setText(real_url)
        dialog.start()
        wait_until(lambda: self.ctl.window is not None and self.window.isVisible(), "sign-in")
        notice = self.ctl._notice  # "No secure keyring" on a headless machine: not pictured
        if notice is not None:
            notice.close()
        self.ctl.scheduler.stop()  # this script decides when to sync
        self.ctl.state.set_current_event(DEMO_EVENT_ID)
        self.settle()

    def seed(self) -> None:
        """Made-up people, so the lists are not empty."""
        self.morag = self.save_person(
            {
                "first_name": "Morag",
                "last_name": "Campbell",
                "date_of_birth": "1979-03-14",
                "postcode": "KY7 5QR",
                "occupation": "Line supervisor",
                "share_with": ["ALL"],
                "consent_recorded_at": "2026-11-20T09:12:00.000Z",
            }
        )
        self.save_child(
            "engagement",
            {
                "client_id": self.morag,
                "kind": "initial_session",
                "occurred_on": "2026-11-20",
                "notes": "Came to the on-site session; interested in HGV training.",
            },
        )
        self.save_child(
            "engagement",
            {"client_id": self.morag, "kind": "cv_support", "occurred_on": "2026-11-24"},
        )
        self.iain = self.save_person(
            {
                "first_name": "Iain",
                "last_name": "Duncan",
                "date_of_birth": "1990-07-02",
                "postcode": "KY6 2AB",
                "share_with": [],
                "consent_recorded_at": "2026-11-20T09:30:00.000Z",
            }
        )
        for first, last, born in (
            ("Aileen", "Fraser", "1985-01-22"),
            ("Kenneth", "Reid", "1968-11-09"),
            ("Priya", "Shah", "1994-05-30"),
        ):
            self.save_person(
                {
                    "first_name": first,
                    "last_name": last,
                    "date_of_birth": born,
                    "share_with": ["ALL"],
                    "consent_recorded_at": "2026-11-20T10:00:00.000Z",
                }
            )
        self.sync()
        self.window.resize(1200, 760)
        self.shots.save(self.window.statusBar(), "status-online.png")

    def register(self) -> None:
        window = self.window
        window.tabs.setCurrentWidget(window.registration)
        form = window.registration
        form.start_next()
        rows = form.person.rows
        for name, text in (
            ("first_name", "Euan"),
            ("last_name", "MacLeod"),
            ("date_of_birth", "03/09/1982"),
            ("ni_number", "AB 12 34 56 C"),
            ("postcode", "KY7 4NS"),
        ):
            rows[name].edit.setText(text)
            rows[name].validate()
        rows["phone"].edit.setFocus()
        self.shots.save(window, "register.png")
        form.start_next()
        for name, text in (
            ("first_name", "Morag"),
            ("last_name", "Campbel"),
            ("date_of_birth", "14/03/1979"),
        ):
            rows[name].edit.setText(text)
        form.check_duplicates()
        rows["postcode"].edit.setFocus()
        self.shots.save(window, "register-duplicate.png")
        form.start_next()

    def people_and_timeline(self) -> None:
        window = self.window
        window.open_person(self.morag)
        self.settle()
        self.shots.save(window, "people.png")
        view = window.people.person_view
        engagement = TimelineEntryDialog(self.ctl.state, self.morag, "engagement", view)
        choose(engagement.inputs["kind"], "one_to_one")
        set_text(engagement.inputs["notes"], "Talked through college courses starting in January.")
        engagement.show()
        self.shots.save(engagement, "add-engagement.png")
        engagement.reject()

        window.open_person(self.iain)
        self.settle()
        referral = TimelineEntryDialog(self.ctl.state, self.iain, "referral", view)
        choose(referral.inputs["to_partner"], "DWP")
        set_text(referral.inputs["reason"], "Wants advice on Universal Credit after his last day.")
        referral.show()
        self.shots.save(referral, "add-referral.png")
        referral.save()  # Iain shares with nobody: the app asks about consent first
        question = referral.consent_question
        assert question is not None
        self.shots.save(question, "referral-consent.png")
        question.method.choose("verbal")  # how Iain gave consent: required before recording
        question.agreed_button.click()
        wait_until(lambda: not referral.isVisible(), "the referral to be saved")
        self.settle()

    def events(self) -> None:
        window = self.window
        window.tabs.setCurrentWidget(window.events)
        self.shots.save(window, "events.png")

    def rejected(self) -> None:
        # A referral written past the app's consent question (as an older app might): Iain
        # now shares with DWP only, so the server refuses a referral to Fife College.
        self.save_child(
            "referral",
            {"client_id": self.iain, "to_partner": "FIFE_COLLEGE", "status": "open"},
        )
        self.sync()
        window = self.window
        window.tabs.setCurrentWidget(window.people)
        self.shots.save(window.statusBar(), "rejected-status.png")
        dialog = window.show_rejected()
        assert dialog is not None
        self.shots.save(dialog, "rejected.png")
        dialog.reject()

    def offline(self) -> None:
        self.server.stop()
        self.save_person(
            {
                "first_name": "Shona",
                "last_name": "Grant",
                "share_with": ["ALL"],
                "consent_recorded_at": "2026-11-28T11:00:00.000Z",
            }
        )
        scheduler = self.ctl.scheduler
        scheduler.start()  # as after unlock: it syncs now and retries with backoff
        # The second failed attempt (after the backoff's first wait, about 5 s): by then the
        # status bar shows the offline state and the retry countdown.
        wait_until(lambda: scheduler.failures >= 2 and not scheduler.running, "offline")
        self.shots.save(self.window.statusBar(), "status-offline.png")
        scheduler.stop()

    def lock_and_damage(self) -> None:
        self.ctl.lock()
        self.settle()
        dialog = self.ctl.dialog
        assert isinstance(dialog, PasswordDialog)
        self.shots.save(dialog, "unlock.png")
        dialog.hide()
        # Damage the closed store as a failing disk would: flip bytes in the middle of a page.
        store = self.profile.store_path
        data = bytearray(store.read_bytes())
        middle = (len(data) // PAGE // 2) * PAGE + 1000
        data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
        store.write_bytes(bytes(data))
        damaged = self.ctl.show_unlock()
        damaged.password.setText(DEMO_PASSWORD)
        damaged.start()
        wait_until(damaged.error.isVisible, "the damage message")
        self.shots.save(damaged, "unlock-damaged.png")
        box = damaged.confirm_rebuild()
        assert box is not None
        self.shots.save(box, "rebuild-confirm.png")
        self.server.start()  # on the port the profile remembers
        go = next(b for b in box.buttons() if "rebuild" in b.text())
        go.click()
        wait_until(lambda: self.ctl.state.session is not None, "the rebuild")
        self.ctl.scheduler.stop()
        self.settle()

    def revoked(self) -> None:
        """An administrator revokes this laptop; at its next sync it wipes itself and says so."""
        session = self.ctl.state.session
        assert isinstance(session, Session)
        self.server._cli("revoke-device", session.device_id)
        self.ctl.scheduler.sync_now(manual=True)
        wait_until(
            lambda: (
                self.ctl.dialog is not None and self.ctl.dialog.objectName() == "revoked_message"
            ),
            "the revocation message",
        )
        self.settle()
        self.shots.save(self.ctl.dialog, "revoked.png")

    def statistics(self) -> None:
        """An analyst's app (decisions.md #10): the Statistics workspace only, over the made-up
        records ``pace-demo`` seeds (``seed-demo --demo-data``), for the last twelve months."""
        self.server.stop()
        add_analyst(self.server.database)
        url = self.server.start()
        analyst = AppController(
            Profile(self.folder / "analyst"),
            Session,
            server_url=url,
            username=ANALYST[0],
            lock_minutes=10,
            settings=self.settings,
        )
        self.analyst = analyst
        analyst.auto_sign_in(DEMO_PASSWORD, device_name="Scottish Government laptop")
        wait_until(lambda: analyst.window is not None and analyst.window.isVisible(), "sign-in")
        window = analyst.window
        assert window is not None
        workspace = window.statistics
        assert workspace is not None
        wait_until(lambda: not workspace.busy, "the figures")
        window.resize(1280, 900)
        for index, name in enumerate(
            ("redundancies", "engagements", "outcomes", "time-out-of-work"),
        ):
            workspace.sections.setCurrentIndex((0, 2, 3, 4)[index])
            self.shots.save(window, f"statistics-{name}.png")

    # -- the admin workspace ---------------------------------------------------------------------
    def admin_session(self, username: str, folder: str) -> Session:
        session = Session.enrol(
            Profile(self.folder / folder), self.server.url, username, DEMO_PASSWORD, "IT desk PC"
        )
        self.admin_sessions.append(session)
        return session

    def workspace(self, session: Session) -> AdminWorkspace:
        from desktop_app.ui.state import AppState

        workspace = AdminWorkspace(AppState(session))
        workspace.setWindowTitle("PACE Casework — Administration")
        workspace.resize(1100, 560)
        workspace.show()
        self.workspaces.append(workspace)
        return workspace

    def show_tab(self, workspace: AdminWorkspace, page: AdminPage, name: str) -> None:
        workspace.show_page(page)
        wait_until(lambda: page.loaded and not page.busy, f"the {name} tab")
        self.shots.save(workspace, name)

    def admin(self) -> None:
        """An SDS admin's workspace: the adviser's laptop revoked above shows in Devices."""
        workspace = self.workspace(self.admin_session("demo.admin", "admin-profile"))
        users = workspace.users
        self.show_tab(workspace, users, "admin-users.png")
        dialog = users.new_user()
        dialog.username.setText("j.mackay")
        dialog.display_name.setText("Jamie Mackay")
        dialog.password.setText("password1234")
        dialog.confirm.setText("password1234")
        dialog.check()  # the server's password policy refuses it, in its own words
        wait_until(dialog.error.isVisible, "the password policy's answer")
        self.shots.save(dialog, "admin-new-user.png")
        dialog.reject()
        devices = workspace.devices
        self.show_tab(workspace, devices, "admin-devices.png")
        self.select_first_active(devices.table)
        box = devices.revoke()
        assert box is not None
        self.shots.save(box, "admin-revoke-confirm.png")
        box.reject()
        self.show_tab(workspace, workspace.audit, "admin-audit.png")
        self.show_tab(workspace, workspace.health, "admin-health.png")
        # A system administrator (made through the server's command line) sees Partners.
        command = ["create-user", "demo.root", "--partner", "SDS", "--role", "system_admin"]
        command += ["--display-name", "Rhona Stewart", "--password-stdin"]
        subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-c", _SERVER_CLI, *command],
            input=DEMO_PASSWORD + "\n",
            env=self.server._env(),
            check=True,
            capture_output=True,
            text=True,
        )
        root = self.workspace(self.admin_session("demo.root", "root-profile"))
        self.show_tab(root, root.partners, "admin-partners.png")
        # The example agreement (only the owner sees NI number, phone and engagement notes).
        subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-c", _SERVER_CLI, "sharing-agreement", "--example"],
            env=self.server._env(),
            check=True,
            capture_output=True,
            text=True,
        )
        self.show_tab(root, root.sharing, "admin-sharing.png")
        self.show_tab(root, root.retention, "admin-retention.png")  # a preview: erases nothing

    @staticmethod
    def select_first_active(table: QTableView) -> None:
        model = table.model()
        for row in range(model.rowCount()):
            if "Active" in str(model.index(row, model.columnCount() - 1).data()):
                table.selectRow(row)
                return
        raise RuntimeError(f"no active device among {model.rowCount()}")

    def close(self) -> None:
        if self.analyst is not None and self.analyst.window is not None:
            self.analyst.window.quit_now()
        for workspace in self.workspaces:
            workspace.close()
        for session in self.admin_sessions:
            if not session.is_locked:
                session.lock()
        self.server.stop()
        window = self.ctl.window if self.controller is not None else None
        if window is not None:
            window.quit_now()


class LeadTour:
    """A team lead's workspaces: other devices and partners add to the adviser's records first
    (a second adviser laptop, a conflict, a referral in from DWP), then the lead signs in."""

    def __init__(self, tour: Tour) -> None:
        self.tour = tour
        self.url = tour.server.url
        self.sessions: list[Session] = []
        self.controller: AppController | None = None

    def enrol(self, name: str, username: str, device: str) -> Session:
        session = Session.enrol(
            Profile(self.tour.folder / name), self.url, username, DEMO_PASSWORD, device,
            kdf_params=KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1),
        )  # fmt: skip
        self.sessions.append(session)
        return session

    def others(self) -> None:
        tablet = self.enrol("tablet", DEMO_USERNAME, "SDS tablet 3")
        for first, last in (("Graham", "Wallace"), ("Shona", "Morrison"), ("Ewan", "Stewart")):
            tablet.repo.save(
                "client",
                {"first_name": first, "last_name": last, "event_id": DEMO_EVENT_ID,
                 "share_with": ["ALL"], "consent_recorded_at": "2026-11-21T10:00:00.000Z"},
                consent_method="verbal",
            )  # fmt: skip
        tablet.sync()
        # The same field edited on two laptops before either synced: one conflict.
        laptop = self.tour.ctl.state.session
        assert isinstance(laptop, Session)
        laptop.repo.save("client", {"occupation": "Forklift driver"}, self.tour.morag)
        tablet.sync()
        tablet.repo.save("client", {"occupation": "Warehouse team leader"}, self.tour.morag)
        laptop.sync()
        tablet.sync()
        dwp = self.enrol("dwp", "dwp.adviser", "DWP laptop 2")
        person = dwp.repo.save(
            "client",
            {"first_name": "Callum", "last_name": "Robertson", "share_with": ["SDS"],
             "consent_recorded_at": "2026-11-22T11:00:00.000Z"},
            consent_method="written",
        )  # fmt: skip
        dwp.repo.save(
            "referral",
            {"client_id": person, "to_partner": "SDS", "referred_on": "2026-11-23",
             "reason": "Wants help with a CV for warehouse jobs."},
        )  # fmt: skip
        # One person registered by SDS and by DWP, each with consent to the other: the server's
        # linkage pairs them for the Duplicates workspace.
        fiona = {"last_name": "Macdonald", "date_of_birth": "1979-03-14", "postcode": "KY1 2AB",
                 "consent_recorded_at": "2026-11-21T10:00:00.000Z"}  # fmt: skip
        kept = tablet.repo.save(
            "client",
            {**fiona, "first_name": "Fiona", "event_id": DEMO_EVENT_ID, "share_with": ["DWP"],
             "phone": "01592 610 200", "occupation": "Warehouse operative"},
            consent_method="verbal",
        )  # fmt: skip
        tablet.repo.save(
            "engagement", {"client_id": kept, "kind": "cv_support", "occurred_on": "2026-11-24"}
        )
        tablet.sync()
        twin = dwp.repo.save(
            "client",
            {**fiona, "first_name": "Fi", "share_with": ["SDS"], "phone": "07700 900 461"},
            consent_method="verbal",
        )
        for kind, day in (("initial_session", "2026-11-22"), ("one_to_one", "2026-11-25")):
            dwp.repo.save("engagement", {"client_id": twin, "kind": kind, "occurred_on": day})
        dwp.sync()
        self.tour.server._cli("link")

    def run(self) -> None:
        self.tour.sync()
        self.others()
        ctl = AppController(
            Profile(self.tour.folder / "lead"), Session, server_url=self.url,
            username="demo.lead", lock_minutes=10, settings=self.tour.settings,
        )  # fmt: skip
        self.controller = ctl
        dialog = ctl.start_dialog()
        assert isinstance(dialog, EnrolDialog)
        dialog.device.setText("SDS laptop 2")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.start()
        wait_until(lambda: ctl.window is not None and ctl.window.isVisible(), "lead sign-in")
        notice = ctl._notice
        if notice is not None:
            notice.close()
        ctl.scheduler.stop()
        window = ctl.window
        assert window is not None
        window.resize(1200, 760)
        wait_until(lambda: not ctl.runner.busy, "the lead's store")
        self.shoot(window)
        window.quit_now()
        session = ctl.state.session
        if session is not None:
            session.lock()
        for other in self.sessions:
            other.lock()

    def shoot(self, window: MainWindow) -> None:
        shots = self.tour.shots
        shell = window.workspaces
        shell.show_workspace("caseload")
        caseload = shell.currentWidget()
        assert isinstance(caseload, CaseloadPage)
        wait_until(lambda: caseload.result is not None, "the caseload")
        shots.save(window, "lead-caseload.png")
        shell.show_workspace("conflicts")
        shots.save(window, "lead-conflicts.png")
        shell.show_workspace("referrals")
        referrals = shell.currentWidget()
        assert isinstance(referrals, ReferralsPage)
        referrals.incoming.selectRow(0)
        shots.save(window, "lead-referrals.png")
        shell.show_workspace("events_review")
        events = shell.currentWidget()
        assert isinstance(events, EventsReviewPage)
        events.table.selectRow(0)
        shots.save(window, "lead-events.png")
        shell.show_workspace("duplicates")
        duplicates = shell.currentWidget()
        assert isinstance(duplicates, DuplicatesPage)
        wait_until(lambda: duplicates.loaded and not duplicates.busy, "the probable duplicates")
        wait_until(lambda: not self.tour.ctl.runner.busy, "the lead's lane")
        duplicates.pairs.selectRow(0)
        duplicates.pairs.setFocus()
        shots.save(window, "lead-duplicates.png")
        box = duplicates.merge("left")
        assert box is not None
        shots.save(box, "lead-merge-confirm.png")
        box.reject()


def add_analyst(database: Path) -> None:
    """A Scottish Government analyst's account on the demo server (statistics only)."""
    from sync_server.auth import service as auth_service
    from sync_server.db import Database

    db = Database(f"sqlite:///{database}")
    try:
        with db.session() as session:
            auth_service.create_user(
                session,
                ANALYST[0],
                DEMO_PASSWORD,
                partner="SDS",
                role="analyst",
                display_name=ANALYST[1],
            )
    finally:
        db.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="pace-screenshots-"))
    # Never touch the user's own keyring: without one the app keeps the wrapped key in a file.
    keyring.set_keyring(fail.Keyring())
    app = application([])
    tour = Tour(folder, out)
    try:
        tour.run()
    finally:
        tour.close()
        app.processEvents()
        shutil.rmtree(folder, ignore_errors=True)
    missing = [name for name in SHOTS if not (out / name).exists()]
    if missing:
        print(f"missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
