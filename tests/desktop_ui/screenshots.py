"""Run ``pace-demo`` and save screenshots: ``python -m tests.desktop_ui.screenshots OUT``.

Registers one person with a rich-text name so the screenshots show it rendered literally.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from desktop_app import demo
    from desktop_app.ui import launch

    original_run = launch.run

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        def ready(controller) -> None:  # type: ignore[no-untyped-def]
            window = controller.window

            def shoot() -> None:
                form = window.registration
                form.person.rows["first_name"].edit.setText("Jon")
                form.person.rows["last_name"].edit.setText("Smith")
                form.person.rows["ni_number"].edit.setText("QQ123456C")
                form.person.rows["ni_number"].validate()
                form.check_duplicates()
                window.grab().save(str(out / "register.png"))
                form.start_next()
                window.tabs.setCurrentWidget(window.people)
                if window.people.model.rowCount():
                    window.people.open_row(0)
                window.grab().save(str(out / "people.png"))
                window.tabs.setCurrentWidget(window.events)
                window.grab().save(str(out / "events.png"))
                controller.quit()

            QTimer.singleShot(4000, shoot)

        kwargs["on_ready"] = ready
        return original_run(*args, **kwargs)

    demo.run = run  # type: ignore[attr-defined]
    launch.run = run
    return demo.main([])


if __name__ == "__main__":
    raise SystemExit(main())
