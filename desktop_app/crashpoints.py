"""Test-only crash points for the reliability suite (``tests/reliability``).

``crash_point(name)`` does nothing unless the environment variable ``PACE_TEST_CRASH_AT`` equals
``name``; then the process kills itself with SIGKILL on the spot (no cleanup, no flush, exactly
like a power cut or the OS killing the app). Production never sets the variable. Points:

- ``save.before_commit``: a local edit's record and outbox rows are written, not yet committed.
- ``push.after_send``: a push was sent and the server answered, before the answer is recorded
  (the device never learns the outcome: the same as a lost acknowledgement).
- ``pull.before_commit``: a pulled page and its cursor are written, not yet committed.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "PACE_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
