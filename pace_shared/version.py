"""The installed PACE Casework version, from the package metadata (pyproject's ``version``)."""

from __future__ import annotations

from functools import cache
from importlib import metadata

DISTRIBUTION = "pace-casework"


@cache
def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        # Run from a checkout that was never installed: say so rather than invent a number.
        return "0+unknown"


#: The desktop app sends its version in this header with every request to the sync server,
#: which records the last one per device (``pace-sync-server list-devices`` shows it).
APP_VERSION_HEADER = "X-PACE-App-Version"
