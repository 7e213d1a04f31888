"""Check a store's write-ahead log before SQLite opens it.

SQLite's recovery treats the first frame whose checksum fails as the end of the log and silently
ignores everything after it, so a damaged byte in the middle of ``store.db-wal`` would drop
committed local edits without a word. This reads the WAL format (sqlite.org/fileformat.html,
"WAL file format") and reports damage instead: a bad header, or a frame that fails its checksum
while later frames of the same log (same salts) follow it. A torn last frame after a crash is
normal and is not damage. Only reads; the file is never changed.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import NamedTuple

HEADER = 32
FRAME_HEADER = 24
MAGIC_LE = 0x377F0682
MAGIC_BE = 0x377F0683


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


class _Header(NamedTuple):
    big_endian: bool
    page_size: int
    salts: tuple[int, int]
    checksum: tuple[int, int]


_DAMAGED_HEADER = "the recent-changes log has a damaged header"


def _read_header(data: bytes) -> _Header | str:
    """The WAL header, or a sentence saying why it is damaged."""
    if len(data) < HEADER:
        return "the recent-changes log is truncated"
    magic, _version, page_size, _ckpt, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:HEADER])
    if magic not in (MAGIC_LE, MAGIC_BE):
        return _DAMAGED_HEADER
    big_endian = magic == MAGIC_BE
    if _checksum(data[:24], big_endian) != (c0, c1):
        return _DAMAGED_HEADER
    if page_size < 512 or page_size & (page_size - 1):
        return _DAMAGED_HEADER
    return _Header(big_endian, page_size, (salt1, salt2), (c0, c1))


def wal_damage(wal_path: Path) -> str | None:
    """A sentence describing the damage, or None when the log is sound (or absent/empty)."""
    try:
        data = wal_path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) == 0:
        return None
    header = _read_header(data)
    if isinstance(header, str):
        return header
    frame_size = FRAME_HEADER + header.page_size
    s0, s1 = header.checksum
    bad_at: int | None = None
    offset = HEADER
    while offset + frame_size <= len(data):
        frame = data[offset : offset + FRAME_HEADER]
        fsalt1, fsalt2, f0, f1 = struct.unpack(">4I", frame[8:24])
        if (fsalt1, fsalt2) != header.salts:
            break  # frames of an older log generation: not part of this log
        if bad_at is not None:
            return "the recent-changes log is damaged in the middle"
        s0, s1 = _checksum(frame[:8], header.big_endian, s0, s1)
        page = data[offset + FRAME_HEADER : offset + frame_size]
        s0, s1 = _checksum(page, header.big_endian, s0, s1)
        if (s0, s1) != (f0, f1):
            bad_at = offset
        offset += frame_size
    return None
