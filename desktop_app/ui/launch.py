"""Create the Qt application and run the app controller: shared by both entry points."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.install_check import check_encrypted_store
from desktop_app.session import Profile, Session

from .app import AppController
from .look import apply_high_contrast, high_contrast_requested, install_translator


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("PACE Casework")
    app.setOrganizationName("PACE")
    # Matches the installed pace-casework.desktop entry, so desktops show its name and icon.
    app.setDesktopFileName("pace-casework")
    app.setQuitOnLastWindowClosed(False)
    install_translator(app)
    if high_contrast_requested(sys.argv):
        apply_high_contrast(app)
    return app


def run(
    profile: Profile,
    session_api: type[Session] = Session,
    *,
    server_url: str = "",
    username: str = "",
    lock_minutes: float | None = None,
    auto_password: str | None = None,
    device_name: str | None = None,
    on_ready: Callable[[AppController], None] | None = None,
) -> int:
    """Run until the user quits. With ``auto_password`` (the demo) sign in without asking."""
    app = application()
    controller = AppController(
        profile, session_api, server_url=server_url, username=username, lock_minutes=lock_minutes
    )
    if on_ready is not None:
        controller.unlocked.connect(lambda: on_ready(controller))
    if auto_password is not None:
        QTimer.singleShot(
            0, lambda: controller.auto_sign_in(auto_password, device_name=device_name)
        )
    else:
        QTimer.singleShot(0, controller.start)
    return int(app.exec())


def self_test() -> int:
    """``pace-casework --self-test``: Qt starts and shows a window, and an encrypted store can be
    made and read back. Prints one line and answers 0, or prints why not and answers 1."""
    app = application()
    label = QLabel("PACE Casework self-test")
    label.show()
    app.processEvents()
    label.close()
    try:
        version = check_encrypted_store()
        charts = check_charts()
    except Exception as exc:
        print(f"self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(
        f"self-test ok: Qt {qVersion()} ({app.platformName()}), SQLCipher {version}, "
        f"charts: matplotlib {charts}"
    )
    return 0


def check_charts() -> str:
    """The dashboards' chart panel draws a small table (matplotlib's Qt backend is bundled)."""
    import matplotlib  # here: only the self-test and the dashboards need it

    from .dashboards.chart import ChartPanel
    from .dashboards.series import StatsTable

    panel = ChartPanel("self_test")
    panel.set_table(
        StatsTable(
            id="self_test",
            title="Self-test",
            unit="events",
            columns=["Month", "Events"],
            rows=[["a", 1]],
        )
    )
    panel.grab()
    panel.close()
    return str(matplotlib.__version__)
