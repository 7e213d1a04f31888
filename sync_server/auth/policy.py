"""The one password policy for the CLI and the admin API: long, not the username, not common."""

from __future__ import annotations

from functools import cache
from importlib import resources

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1000


class WeakPasswordError(ValueError):
    """The password breaks the policy; the message says how, never quoting the password."""


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (package data), lower-cased."""
    text = resources.files("sync_server.auth").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def check_password(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPasswordError(f"the password must be at most {MAX_PASSWORD_LENGTH} characters")
    folded = password.casefold()
    if username and username.casefold() in folded:
        raise WeakPasswordError("the password must not contain the username")
    if folded.strip() in common_passwords():
        raise WeakPasswordError("the password is too common: choose another")
