"""``pace-casework``: the adviser's desktop app."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pace-casework", description=__doc__)
    parser.add_argument("--profile", type=Path, help="profile folder (default: the user's)")
    parser.add_argument("--server", default="", help="sync server address for the first run")
    parser.add_argument("--username", default="", help="user name to suggest on the first run")
    parser.add_argument(
        "--lock-minutes", type=float, default=None, help="lock after this many idle minutes"
    )
    parser.add_argument(
        "--high-contrast",
        action="store_true",
        help="high-contrast colours (also PACE_HIGH_CONTRAST=1)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (Qt starts, an encrypted store works) and exit",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from desktop_app.security.process import harden_process

    harden_process()  # first: no core dump may ever hold a password or the store key
    args = parse_args(argv)
    # Imported late so ``--help`` works without Qt or the store libraries.
    from desktop_app.session import Profile, Session
    from desktop_app.ui.launch import run, self_test

    if args.self_test:
        return self_test()
    if args.high_contrast:
        os.environ["PACE_HIGH_CONTRAST"] = "1"  # read when the QApplication is made
    profile = Profile(args.profile) if args.profile else Profile.default()
    return run(
        profile,
        Session,
        server_url=args.server,
        username=args.username,
        lock_minutes=args.lock_minutes,
    )


if __name__ == "__main__":
    raise SystemExit(main())
