"""Helpers for the benchmarks: people records of about 1 KB, medians, table printing."""

from __future__ import annotations

import random
import uuid
from typing import Any

from pace_shared.hlc import HybridClock

FIRST = ["Ailsa", "Callum", "Eilidh", "Fraser", "Iona", "Lewis", "Morag", "Rory", "Skye", "Struan"]
LAST = ["Campbell", "MacDonald", "Stewart", "Robertson", "Thomson", "Anderson", "Reid", "Murray"]
# NI prefixes that HMRC's rules allow.
NI_PREFIXES = ["AB", "CE", "HJ", "JK", "LM", "PR", "ST", "WX", "YZ", "EH"]


def person_fields(rng: random.Random, index: int) -> dict[str, Any]:
    """A client record of roughly 1 KB once its versions are added, as on the wire."""
    return {
        "first_name": rng.choice(FIRST),
        "last_name": f"{rng.choice(LAST)}-{index}",
        "date_of_birth": f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}",
        "ni_number": f"{rng.choice(NI_PREFIXES)}{index % 1_000_000:06d}{rng.choice('ABCD')}",
        "email": f"person{index}@example.org",
        "phone": f"07700 {rng.randint(100000, 999999)}",
        "postcode": f"KY{rng.randint(1, 16)} {rng.randint(1, 9)}"
        f"{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
        "occupation": "Warehouse operative, forklift licence, night shift team leader " * 2,
        "share_with": ["ALL"],
        "consent_recorded_at": "2026-11-20T10:00:00.000Z",
    }


def people_changes(count: int, clock: HybridClock, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "change_id": str(uuid.uuid4()),
            "record_id": str(uuid.uuid4()),
            "record_type": "client",
            "op": "upsert",
            "hlc": clock.tick(),
            "fields": person_fields(rng, i),
            "base": {},
        }
        for i in range(count)
    ]


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))


def person_index_row(record_id: str, owner: str, fields: dict[str, Any]) -> tuple[Any, ...]:
    """The ``people`` search row our client keeps per person (for the peer's plain loader)."""
    first = fields.get("first_name") or ""
    last = fields.get("last_name") or ""
    ni = fields.get("ni_number") or None
    postcode = fields.get("postcode") or None
    parts = [first, last, ni or "", postcode or "", (postcode or "").replace(" ", "")]
    return (
        record_id,
        first,
        last,
        fields.get("date_of_birth") or None,
        ni,
        postcode,
        fields.get("event_id") or None,
        "",
        owner,
        first.casefold(),
        last.casefold(),
        "",
        " ".join(p for p in parts if p).casefold(),
    )
