"""Opaque pull cursors: the database's epoch and a sequence number, base64url-encoded.

The epoch is what makes a restore from backup safe: a backup copy is stamped with a new epoch,
so cursors issued by the live database are refused (409 ``resync_required``) instead of silently
pointing past data the restored database no longer has.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass


class CursorError(ValueError):
    """The cursor is foreign, damaged or too old for this database."""


@dataclass(frozen=True, slots=True)
class Cursor:
    epoch: str
    seq: int

    def encode(self) -> str:
        raw = f"v1:{self.epoch}:{self.seq}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str | None, *, epoch: str, min_seq: int, max_seq: int) -> Cursor:
    """Check a client's cursor against this database; ``None`` means from the start."""
    if not token:
        return Cursor(epoch, 0)
    try:
        padded = token + "=" * (-len(token) % 4)
        version, cursor_epoch, seq_text = (
            base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        )
        seq = int(seq_text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise CursorError("the cursor is not one this server issued") from None
    if version != "v1" or cursor_epoch != epoch:
        raise CursorError("the cursor was issued by another server database (restored or replaced)")
    if seq < min_seq:
        raise CursorError("the cursor is older than the deletions this server still keeps")
    if seq > max_seq:
        raise CursorError("the cursor points past this database's changes (restored from backup?)")
    return Cursor(epoch, seq)
