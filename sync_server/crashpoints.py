"""Test-only crash points for the reliability suite (``tests/reliability/test_server_crash.py``).

``crash_point(name)`` does nothing unless the environment variable ``PACE_TEST_CRASH_AT`` equals
``name``; then the server process kills itself on the spot (SIGKILL: no cleanup, no flush, no
answer sent, like a power cut or the OS killing it). Production never sets the variable. Points:

- ``push.before_commit``: a push's records, change ids and audit rows are written in its
  transaction, not yet committed.
- ``push.after_commit``: the push's transaction committed; the answer is not yet sent.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "PACE_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) != name:
        return
    kill = getattr(signal, "SIGKILL", None)
    if kill is not None:
        os.kill(os.getpid(), kill)
    os._exit(137)  # where there is no SIGKILL: end at once, without cleanup
