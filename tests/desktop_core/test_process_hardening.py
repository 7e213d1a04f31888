"""A stolen laptop's crash files: the app disables core dumps (and, on Linux, ptrace-style
access by other processes of the user) before it touches a password or a key.

Each check runs in a fresh interpreter, so it sees what the entry point does to a real
process; the child reports its state before and after.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="PR_SET_DUMPABLE is Linux only"
)

_REPORT = """
import ctypes, json, resource, sys

def state():
    libc = ctypes.CDLL(None, use_errno=True)
    return {"core": list(resource.getrlimit(resource.RLIMIT_CORE)),
            "dumpable": libc.prctl(3, 0, 0, 0, 0)}  # PR_GET_DUMPABLE

before = state()
ENTRY
print(json.dumps({"before": before, "after": state()}))
"""

_ENTRIES = {
    "pace-casework": (
        "from desktop_app.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    ),
    "pace-demo": (
        "from desktop_app.demo import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    ),
    "harden_process": (
        "from desktop_app.security.process import harden_process\nharden_process()\n"
    ),
}


def run_child(entry: str) -> dict[str, dict[str, object]]:
    code = _REPORT.replace("ENTRY", _ENTRIES[entry])
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("entry", sorted(_ENTRIES))
def test_entry_points_disable_core_dumps(entry: str) -> None:
    report = run_child(entry)
    # A fresh interpreter can dump core (the hard limit lets it) and is dumpable...
    assert report["before"]["dumpable"] == 1
    assert report["before"]["core"][1] != 0
    # ...and after the entry point it can do neither, and cannot raise the limit again.
    assert report["after"] == {"core": [0, 0], "dumpable": 0}
