"""A real client process for the reliability suite: unlocks a profile, edits, syncs.

    python tests/reliability/driver.py <profile folder> create <n> <prefix>
    python tests/reliability/driver.py <profile folder> sync
    python tests/reliability/driver.py <profile folder> canary <ni number> <notes>

``DRIVER_CRASH_AT=<point>[@<k>]`` arms the desktop core's crash point ``<point>`` (see
``desktop_app/crashpoints.py``) after ``k`` completed steps (saves for ``create``, pulled pages for
``sync``; default 0), so the process SIGKILLs itself exactly there. Each committed save prints
its record id on its own line (flushed), so the test knows what was committed before the kill.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.crashpoints import CRASH_ENV
from desktop_app.session import Profile, Session
from tests.support.live_server import DEMO_PASSWORD


def _arm_plan() -> tuple[str | None, int]:
    spec = os.environ.get("DRIVER_CRASH_AT")
    if not spec:
        return None, 0
    point, _, after = spec.partition("@")
    return point, int(after or 0)


def main(argv: list[str]) -> int:
    # Everything the client logs goes to stderr, so the canary scan can read it.
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    folder, command, *args = argv
    point, after = _arm_plan()
    session = Session.unlock(Profile(folder), DEMO_PASSWORD, http_timeout=(5.0, 20.0))
    steps = 0

    def arm_if_due() -> None:
        if point and steps >= after:
            os.environ[CRASH_ENV] = point

    if command == "create":
        count, prefix = int(args[0]), args[1]
        share = json.loads(args[2]) if len(args) > 2 else []
        for i in range(count):
            arm_if_due()
            record_id = session.repo.save(
                "client",
                {"first_name": f"{prefix}{i}", "last_name": "Driver", "share_with": share},
                consent_method="verbal",
            )
            print(record_id, flush=True)
            steps += 1
    elif command == "canary":
        # A person with the NI-number canary and an engagement with the notes canary.
        ni_number, notes = args[0], args[1]
        arm_if_due()
        person = session.repo.save(
            "client",
            {
                "first_name": "Canary",
                "last_name": "Person",
                "ni_number": ni_number,
                "share_with": ["ALL"],
            },
            consent_method="verbal",
        )
        print(person, flush=True)
        steps += 1
        arm_if_due()
        note = session.repo.save(
            "engagement",
            {"client_id": person, "kind": "other", "occurred_on": "2026-11-20", "notes": notes},
        )
        print(note, flush=True)
    elif command == "sync":

        def progress(_done: int, _total: int | None, message: str) -> None:
            nonlocal steps
            if message.startswith("Received"):
                steps += 1
                arm_if_due()

        arm_if_due()
        report = session.sync(progress)
        print(json.dumps({"pushed": report.pushed, "pulled": report.pulled}), flush=True)
    else:
        raise SystemExit(f"unknown command {command}")
    session.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
