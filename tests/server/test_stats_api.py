"""The statistics API, report and CLI against a live server on SQLite and PostgreSQL.

Records are pushed like any device pushes them, into a council area no other test uses, and
the statistics are asked for with that area as the filter, so the counts are exactly known.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.server.conftest import Devices
from tests.server.helpers import assert_error, new_id
from tests.support.live_server import ApiClient, LiveServer
from tests.support.midnight import today_clear_of_midnight

PASSWORD = "a long and unusual password 2026"
AREA = "Orkney Islands"
STATS = "/api/v1/stats"


def _user(server: LiveServer, role: str) -> ApiClient:
    username = f"stats.{role}.{uuid.uuid4().hex[:6]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        "SDS",
        "--role",
        role,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return server.client(username, PASSWORD)


@pytest.fixture(scope="module")
def analyst(server: LiveServer) -> ApiClient:
    return _user(server, "analyst")


@pytest.fixture(scope="module")
def orkney(server: LiveServer, devices: Devices) -> dict[str, Any]:
    """One event in Orkney: 12 people (8 aged 25 to 34, 3 aged 50 to 64, 1 over 65), 12 CV
    support sessions and 3 job-search sessions."""
    lead = devices["demo.lead"]
    today = today_clear_of_midnight()
    employer, event = new_id(), new_id()
    lead.push(
        lead.upsert("employer", employer, {"name": "Kirkwall Fish Ltd", "sector": "A"}),
        lead.upsert(
            "redundancy_event",
            event,
            {
                "employer_id": employer,
                "local_authority": AREA,
                "announced_on": today.isoformat(),
                "affected_count": 3,
            },
        ),
    )
    # Ages 30-31, 55-56 and 75-76 on the registration day, whatever the year: a fixed birth
    # year drifts out of its band (1995 is 35 from June 2030).
    born = [today.year - 31] * 8 + [today.year - 56] * 3 + [today.year - 76]
    people = []
    for year in born:
        person, _ = lead.create_client(event_id=event, date_of_birth=f"{year}-06-01")
        people.append(person)
    kinds = ["cv_support"] * 12 + ["job_search"] * 3
    results = lead.push(
        *(
            lead.upsert(
                "engagement",
                new_id(),
                {"client_id": people[i % 12], "kind": kind, "occurred_on": today.isoformat()},
            )
            for i, kind in enumerate(kinds)
        )
    )
    assert {r["status"] for r in results} == {"applied"}
    return {"people": people, "event": event, "day": today}


def _ask(client: ApiClient, day: dt.date | None = None, **params: Any) -> Any:
    """The statistics of one day (today unless given) in Orkney, or as ``params`` say."""
    on = (day or dt.datetime.now(dt.UTC).date()).isoformat()
    query = {"from": on, "to": on, "council_area": AREA, **params}
    return client.request("GET", STATS, params=query)


def _table(body: dict[str, Any], table_id: str) -> dict[str, Any]:
    (table,) = [t for t in body["tables"] if t["id"] == table_id]
    return table


def _rows(table: dict[str, Any]) -> dict[str, list[Any]]:
    return {row[0]: row[1:] for row in table["rows"]}


def test_adviser_is_refused_and_the_statistics_roles_are_served(
    server: LiveServer, devices: Devices, analyst: ApiClient
) -> None:
    assert_error(_ask(devices["demo.adviser"].api), 403, "forbidden")
    for client in (devices["demo.lead"].api, devices["demo.admin"].api, analyst):
        response = _ask(client)
        assert response.status_code == 200, response.text
    anonymous = ApiClient(server.url, "nobody")
    assert_error(_ask(anonymous), 401, "unauthenticated")


def test_analyst_gets_no_records_conflicts_or_administration(
    analyst: ApiClient, devices: Devices
) -> None:
    assert_error(analyst.pull_page(), 403, "forbidden")
    push = analyst.request("POST", "/api/v1/sync/push", json={"changes": []})
    assert_error(push, 403, "forbidden")
    for path in ("/api/v1/conflicts", "/api/v1/admin/users", "/api/v1/admin/devices"):
        assert_error(analyst.request("GET", path), 403, "forbidden")
    assert_error(analyst.request("GET", "/api/v1/admin/audit"), 403, "forbidden")
    # and the same calls still work for a team lead, so the refusal is the role's
    assert devices["demo.lead"].api.pull_page().status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13-01"},
        {"from": "yesterday"},
        {"to": "2000-01-01"},
        {"from": "1900-01-01"},
        {"from": "2026-01-01", "to": "9999-12-31"},
        {"sector": "ZZ"},
        {"partner": "not a code"},
        {"tables": "no_such_table"},
    ],
)
def test_bad_input_is_a_clear_error(analyst: ApiClient, params: dict[str, str]) -> None:
    body = assert_error(_ask(analyst, **params), 422, "invalid_request")
    assert len(body["detail"]) < 300


def test_missing_dates_are_invalid(analyst: ApiClient) -> None:
    assert_error(analyst.request("GET", STATS), 422, "invalid_request")


def test_counts_are_exact_and_small_ones_suppressed(
    analyst: ApiClient, orkney: dict[str, Any]
) -> None:
    day = orkney["day"]
    response = _ask(analyst, day)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["period_from"] == body["period_to"] == day.isoformat()
    assert body["filters"] == {"council_area": AREA, "sector": None, "partner": None}
    ages = _rows(_table(body, "people_by_age_band"))
    assert ages["25 to 34"] == [8]
    assert ages["50 to 64"] == ["[c]"]
    assert ages["65 and over"] == ["[c]"]
    assert ages["16 to 24"] == [0]
    assert ages["Total"] == [12]
    months = _rows(_table(body, "registrations_by_month"))
    assert months[day.isoformat()[:7]] == [12]
    events = _rows(_table(body, "events_by_council_area"))
    assert events[AREA] == ["[c]", "[c]"]  # one event, three people affected
    assert events["Total"] == ["[c]", "[c]"]
    engagements = _table(body, "engagements_by_kind_and_partner")
    assert engagements["columns"] == ["Kind", "SDS", "Total"]
    cells = _rows(engagements)
    assert cells["Job search"] == ["[c]", "[c]"]
    _assert_no_small_counts_shown(body)


def test_dashboard_table_ids_are_served(analyst: ApiClient) -> None:
    wanted = [
        "events_by_month",
        "people_affected_by_month",
        "events_by_sector",
        "events_by_council_area",
        "registrations_by_month",
        "engagements_by_kind_and_partner",
        "outcomes_at_3_6_12_months",
        "days_out_of_work",
        "days_out_of_work_distribution",
    ]
    body = _ask(analyst).json()
    assert set(wanted) <= {t["id"] for t in body["tables"]}
    only = _ask(analyst, tables=",".join(wanted[:2])).json()
    assert [t["id"] for t in only["tables"]] == wanted[:2]
    for table in body["tables"]:
        assert set(table) == {"id", "title", "unit", "columns", "rows", "notes"}
        assert all(len(row) == len(table["columns"]) for row in table["rows"])


def _assert_no_small_counts_shown(body: dict[str, Any]) -> None:
    for table in body["tables"]:
        for row in table["rows"]:
            for column, value in zip(table["columns"][1:], row[1:], strict=True):
                if isinstance(value, int) and "%" not in column and "Median" not in column:
                    assert not 1 <= value <= 4, (table["id"], row, column)


def test_workbook_follows_the_spreadsheet_guidance(
    analyst: ApiClient, orkney: dict[str, Any]
) -> None:
    response = analyst.request(
        "GET",
        f"{STATS}/report",
        params={"from": orkney["day"], "to": orkney["day"], "council_area": AREA},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    notes = " ".join(str(c.value) for row in book["Notes"].iter_rows() for c in row if c.value)
    for expected in ("[c]", "[x]", "Linking records of one person"):
        assert expected in notes
    ages_sheet = None
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert not sheet.merged_cells.ranges, name
        assert len(sheet.tables) == 1, name
        (table,) = sheet.tables.values()
        rows = list(sheet[table.ref])
        headers = [c.value for c in rows[0]]
        assert all(isinstance(h, str) and h for h in headers), (name, headers)
        assert len(set(headers)) == len(headers)
        for row in rows[1:]:  # no blank rows inside a table
            assert any(c.value not in (None, "") for c in row), name
        if name.startswith("Table_"):
            assert str(sheet["A1"].value).startswith("Table "), name
        if "by age at registration" in str(sheet["A1"].value):
            ages_sheet = {r[0].value: [c.value for c in r[1:]] for r in rows[1:]}
    assert ages_sheet is not None
    assert ages_sheet["50 to 64"] == ["[c]"]
    assert ages_sheet["Total"] == [12]
    contents = book["Contents"]
    listed = [r[0].value for r in contents.iter_rows(min_row=4)]
    assert [n for n in book.sheetnames if n.startswith("Table_")] == [
        n for n in listed if str(n).startswith("Table_")
    ]


def test_csv_is_tidy(analyst: ApiClient, orkney: dict[str, Any]) -> None:
    response = analyst.request(
        "GET",
        f"{STATS}/report",
        params={
            "from": orkney["day"],
            "to": orkney["day"],
            "format": "csv",
            "council_area": AREA,
        },
    )
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [
        "period_from",
        "period_to",
        "table_id",
        "row",
        "column",
        "value",
        "unit",
    ]
    ages = {r["row"]: r["value"] for r in rows if r["table_id"] == "people_by_age_band"}
    assert ages["50 to 64"] == "[c]"
    assert ages["25 to 34"] == "8"


def test_report_format_must_be_known(analyst: ApiClient) -> None:
    response = analyst.request(
        "GET", f"{STATS}/report", params={"from": "2026-01-01", "to": "2026-01-31", "format": "pdf"}
    )
    assert_error(response, 422, "invalid_request")


def test_report_command_writes_the_workbook_and_refuses_bad_input(
    server: LiveServer, orkney: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "quarter.xlsx"
    day = orkney["day"].isoformat()
    done = server.cli("report", "--from", day, "--to", day, "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    tidy = tmp_path / "quarter.csv"
    assert server.cli("report", "--from", day, "--to", day, "--out", str(tidy)).returncode == 0
    assert tidy.read_text().startswith("period_from,period_to,table_id")
    for args in (
        ("--from", "2026-02-30", "--to", day, "--out", str(out)),
        ("--from", day, "--to", day, "--out", str(tmp_path / "report.pdf")),
    ):
        failed = server.cli("report", *args, check=False)
        assert failed.returncode != 0
        assert failed.stderr.startswith("error: ")
        assert len(failed.stderr.strip().splitlines()) == 1


SHETLAND = "Shetland Islands"


@pytest.fixture(scope="module")
def shetland(devices: Devices) -> dt.date:
    """One event in Shetland (sector B), 20 people who left their jobs 40 days ago:
    P0-9 employed 30 days after leaving (recorded 5 days ago), P10-14 first unemployed and
    later in training, P15-19 unemployed; all had CV support, P0-4 and P15-19 job search
    too, and P0-9 were referred to DWP; every outcome is a 3-month follow-up."""
    lead = devices["demo.lead"]
    employer, event = new_id(), new_id()
    today = today_clear_of_midnight()
    day = lambda ago: (today - dt.timedelta(days=ago)).isoformat()  # noqa: E731
    lead.push(
        lead.upsert("employer", employer, {"name": "Lerwick Survey Ltd", "sector": "B"}),
        lead.upsert(
            "redundancy_event",
            event,
            {"employer_id": employer, "local_authority": SHETLAND, "announced_on": day(50)},
        ),
    )
    people = [
        lead.create_client(event_id=event, leaving_date=day(40), share_with=["DWP"])[0]
        for _ in range(20)
    ]

    def outcome(person: str, status: str, ago: int, **more: Any) -> dict[str, Any]:
        fields = {"client_id": person, "status": status, "recorded_on": day(ago)}
        return lead.upsert("outcome", new_id(), {**fields, "months_after": 3, **more})

    changes = [
        *(outcome(p, "employed", 5, started_on=day(10)) for p in people[:10]),
        *(outcome(p, "unemployed", 20) for p in people[10:15]),
        *(outcome(p, "training", 5) for p in people[10:15]),
        *(outcome(p, "unemployed", 5) for p in people[15:]),
        *(
            lead.upsert(
                "engagement",
                new_id(),
                {"client_id": p, "kind": "cv_support", "occurred_on": day(30)},
            )
            for p in people
        ),
        *(
            lead.upsert(
                "engagement",
                new_id(),
                {"client_id": p, "kind": "job_search", "occurred_on": day(30)},
            )
            for p in people[:5] + people[15:]
        ),
        *(
            lead.upsert(
                "referral", new_id(), {"client_id": p, "to_partner": "DWP", "referred_on": day(30)}
            )
            for p in people[:10]
        ),
    ]
    assert {r["status"] for r in lead.push(*changes)} == {"applied"}
    return today


def test_outcomes_time_out_of_work_and_rates_by_intervention_are_exact(
    analyst: ApiClient, shetland: dt.date
) -> None:
    """Each person's latest outcome counts (P10-14 are in training, not unemployed); a share
    is of the people with an outcome who had that intervention."""
    since = shetland - dt.timedelta(days=60)
    response = _ask(analyst, shetland, council_area=SHETLAND, **{"from": since})
    assert response.status_code == 200, response.text
    body = response.json()
    points = _rows(_table(body, "outcomes_at_3_6_12_months"))
    assert points["3 months"] == [20, 10, 5, 75.0]
    assert points["6 months"] == [0, 0, 0, "[x]"]
    rates = _rows(_table(body, "outcome_rates_by_intervention"))
    assert rates["CV support"] == [20, 15, 75.0]
    assert rates["Job search"] == [10, 5, 50.0]
    assert rates["Referred to another partner"] == [10, 10, 100.0]
    assert rates["Wellbeing"] == [0, 0, "[x]"]
    days = _rows(_table(body, "days_out_of_work"))
    assert days["Total"] == [10, 30.0]
    assert [cells for label, cells in days.items() if label != "Total" and cells[0]] == [[10, 30.0]]
    bands = _rows(_table(body, "days_out_of_work_distribution"))
    assert bands["0 to 30 days"] == [10]
    assert bands["Total"] == [10]
