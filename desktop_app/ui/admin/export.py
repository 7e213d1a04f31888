"""Writing the audit view to a CSV file, atomically: a reader (or a crash) never sees half a
file, and an existing file is replaced only once the new one is complete on disk."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

#: A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: a leading apostrophe defuses formulas."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv_atomically(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write ``rows`` under ``header`` to ``path`` (UTF-8 with BOM, so Excel reads accents);
    answer how many rows. Private to the user (0600): audit rows name people and devices."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([safe_cell(h) for h in header])
            for row in rows:
                writer.writerow([safe_cell(cell) for cell in row])
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return count
