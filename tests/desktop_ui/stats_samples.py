"""A made-up statistics answer in the shape of ``GET /api/v1/stats``, with suppressed cells."""

from __future__ import annotations

from typing import Any

from pace_shared.stats_wire import StatsResponse

MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


def _table(
    table_id: str, title: str, unit: str, columns: list[str], rows: list[list[Any]], **extra: Any
) -> dict[str, Any]:
    return {
        "id": table_id,
        "title": title,
        "unit": unit,
        "columns": columns,
        "rows": rows,
        "notes": extra.get("notes", []),
    }


def sample_response() -> StatsResponse:
    tables = [
        _table(
            "events_by_month",
            "Redundancy events by month announced",
            "events",
            ["Month", "Events"],
            [[m, n] for m, n in zip(MONTHS, [7, "[c]", 9, 12, 0, 6], strict=True)],
        ),
        _table(
            "people_affected_by_month",
            "People affected by month announced",
            "people",
            ["Month", "People affected"],
            [[m, n] for m, n in zip(MONTHS, [340, "[c]", 512, 880, 0, 215], strict=True)],
        ),
        _table(
            "events_by_sector",
            "Redundancy events by sector (SIC 2007 section)",
            "events",
            ["Sector", "Events", "People affected"],
            [
                ["C Manufacturing", 14, 1210],
                ["G Wholesale and retail trade", 11, 640],
                ["H Transportation and storage", "[c]", "[c]"],
                ["J Information and communication", 5, "[c]"],
                ["Total", 34, 2047],
            ],
        ),
        _table(
            "events_by_council_area",
            "Redundancy events by council area",
            "events",
            ["Council area", "Events", "People affected"],
            [
                ["Fife", 9, 702],
                ["Glasgow City", 12, 918],
                ["City of Edinburgh", 6, 301],
                ["North Lanarkshire", "[c]", "[c]"],
                ["Total", 31, 1987],
            ],
        ),
        _table(
            "registrations_by_month",
            "People registered by month",
            "people",
            ["Month", "Registrations"],
            [[m, n] for m, n in zip(MONTHS, [120, 96, "[c]", 230, 180, 75], strict=True)],
            notes=["People counted once however many partners registered them."],
        ),
        _table(
            "engagements_by_kind_and_partner",
            "Engagements by kind and partner",
            "engagements",
            ["Kind", "SDS", "DWP", "Fife Council", "Total"],
            [
                ["Initial session", 210, 85, 40, 335],
                ["CV support", 120, "[c]", 22, "[c]"],
                ["One-to-one", 160, 60, "[c]", "[c]"],
                ["Workshop", 45, 18, 9, 72],
                ["Total", 535, 165, 73, 773],
            ],
        ),
        _table(
            "outcomes_at_3_6_12_months",
            "Outcomes 3, 6 and 12 months after support: share in work, training or study",
            "people",
            [
                "Months after support",
                "People with an outcome",
                "In work",
                "In training or study",
                "In work, training or study (%)",
            ],
            [
                ["3 months", 310, 180, 40, 71.0],
                ["6 months", 260, "[c]", "[c]", "[c]"],
                ["12 months", 120, 96, 11, 89.2],
            ],
        ),
        _table(
            "days_out_of_work",
            "Median days out of work, from leaving the job to starting work, by sector",
            "people",
            ["Sector", "People", "Median days out of work"],
            [
                ["C Manufacturing", 95, 41],
                ["G Wholesale and retail trade", 62, 28.5],
                ["H Transportation and storage", "[c]", "[c]"],
                ["J Information and communication", 12, "[x]"],
                ["Total", 172, 37],
            ],
            notes=["A median is [c] when fewer than 10 people are behind it."],
        ),
        _table(
            "days_out_of_work_distribution",
            "Time out of work, from leaving the job to starting work: people by band of days",
            "people",
            ["Days out of work", "People"],
            [
                ["0 to 30 days", 48],
                ["31 to 91 days", 71],
                ["92 to 182 days", 40],
                ["183 to 365 days", "[c]"],
                ["Over 365 days", "[c]"],
                ["Total", 172],
            ],
        ),
    ]
    return StatsResponse.model_validate(
        {
            "period_from": "2025-12-01",
            "period_to": "2026-11-28",
            "filters": {"council_area": None, "sector": None, "partner": None},
            "tables": tables,
        }
    )
