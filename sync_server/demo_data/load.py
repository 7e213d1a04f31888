"""Generate demo records and write them into a server database in one transaction."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sync_server.db import Database
from sync_server.demo_data.generator import generate
from sync_server.demo_data.scale import DemoScale
from sync_server.sync.bulk_load import load_records


@dataclass(frozen=True, slots=True)
class DemoLoad:
    counts: dict[str, int]
    seconds: float

    def summary(self) -> str:
        if not self.counts:
            return "demo records already present"
        parts = ", ".join(f"{n:,} {t}" for t, n in sorted(self.counts.items()))
        return f"created demo records: {parts} in {self.seconds:.1f} s"


def load_demo_data(db: Database, scale: DemoScale, until: dt.date | None = None) -> DemoLoad:
    """Write the records of ``scale`` for the months before ``until`` (default today).

    A second load of the same scale and seed writes nothing, whatever the date."""
    end = until or dt.datetime.now(dt.UTC).date()
    marker = f"demo:{scale.people}:{scale.events}:{scale.months}:{scale.seed}"
    started = time.perf_counter()
    counts = load_records(db, generate(scale, end), marker=marker)
    return DemoLoad(counts, time.perf_counter() - started)
