"""Which sync server addresses the app will talk to.

Sign-in sends the password and every later call a bearer token, so a plain ``http://`` address
is only accepted when the traffic cannot leave this computer (loopback: the demo, tests, a
local reverse proxy). An administrator can allow plain HTTP elsewhere, e.g. on a closed test
network, with the environment variable ``PACE_ALLOW_INSECURE_HTTP=1``.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from desktop_app.errors import SessionError

ALLOW_INSECURE_HTTP_ENV = "PACE_ALLOW_INSECURE_HTTP"


class InsecureServerAddressError(SessionError):
    """The server address would send passwords and tokens unencrypted (or is not a web
    address at all)."""


def insecure_http_allowed() -> bool:
    return os.environ.get(ALLOW_INSECURE_HTTP_ENV, "").strip() == "1"


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and the name ``localhost`` (nothing that merely starts like them)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> None:
    """Raise InsecureServerAddressError unless ``url`` is https, or http to this computer."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    scheme = parts.scheme.lower() if parts is not None else ""
    if scheme not in ("http", "https") or not host:
        raise InsecureServerAddressError(
            "The server address must be a web address starting with https://, for example "
            "https://pace.example.org."
        )
    if scheme == "https" or is_loopback_host(host) or insecure_http_allowed():
        return
    raise InsecureServerAddressError(
        f"The server address {host} uses http://, which would send your password and records "
        "unencrypted. Use its https:// address instead. (An administrator can allow plain "
        f"http for a closed test network by setting {ALLOW_INSECURE_HTTP_ENV}=1.)"
    )
