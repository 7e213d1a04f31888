"""How much demo data to make (kept apart so the command line reads defaults cheaply)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoScale:
    """How much to generate. ``people`` counts persons; duplicates come on top."""

    people: int = 2_000
    events: int = 30
    months: int = 18
    seed: int = 2026
    engagements_per_person: float = 4.0
    duplicate_share: float = 0.02

    def __post_init__(self) -> None:
        if self.people < 0 or self.events < 1 or self.months < 1:
            raise ValueError("demo data needs at least one event over at least one month")
        if self.engagements_per_person < 1:
            raise ValueError("every person has at least their initial session")
