"""Process hardening at start: no core dumps, and on Linux no dumpable (ptrace-able) process.

A core dump or a crash report would write the process memory (the unwrapped store key, the
password as typed, decrypted records) to disk in plain form, outside the encrypted store.
``PR_SET_DUMPABLE 0`` also stops other processes of the same user attaching with ptrace or
reading ``/proc/<pid>/mem`` (root still can). Elsewhere this is a no-op: Windows and macOS
have no ``RLIMIT_CORE`` equivalent we can set from Python without extra dependencies.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> bool:
    """Soft and hard core limits 0 (the hard limit cannot be raised again). False if refused."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        log.warning("could not disable core dumps")
        return False
    return True


def make_undumpable() -> bool:
    """Linux: prctl(PR_SET_DUMPABLE, 0). False where unsupported or refused."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        answer: int = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        ok = answer == 0
    except (OSError, AttributeError):
        ok = False
    if not ok:
        log.warning("could not mark the process undumpable")
    return ok


def harden_process() -> None:
    """Call first thing in every entry point, before any password or key is in memory."""
    disable_core_dumps()
    make_undumpable()
