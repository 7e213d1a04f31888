"""Every statistics table over generated PACE data (sync_server.demo_data), on SQLite and
PostgreSQL: counts agree with the records, disclosure control holds in every table, and the
workbook reads back with the structure the spreadsheet guidance asks for."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from pace_shared.disclosure import SUPPRESSED
from pace_shared.hlc import HybridClock
from pace_shared.stats_wire import StatsResponse, StatsTable
from sync_server.db import Database
from sync_server.demo_data.load import load_demo_data
from sync_server.demo_data.scale import DemoScale
from sync_server.stats import export, service
from sync_server.sync.bulk_load import LoadRecord, load_records
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import run_cli

UNTIL = dt.date(2026, 10, 31)
SCALE = DemoScale(people=500, events=10, months=12, seed=11)
YEAR = service.parse_period("2025-11-01", "2026-10-31")


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp(f"stats-{request.param}")
    if request.param == "sqlite":
        yield from _loaded(f"sqlite:///{folder / 'server.db'}")
    else:
        with fresh_postgres_database() as url:
            yield from _loaded(url)


def _loaded(url: str) -> Iterator[Database]:
    run_cli("init", database_url=url)
    run_cli("seed-demo", database_url=url)  # the partners the records name
    db = Database(url)
    load_demo_data(db, SCALE, until=UNTIL)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def year(database: Database) -> StatsResponse:
    with database.session() as session:
        return service.compute(session, service.Query(YEAR))


def _by_id(result: StatsResponse) -> dict[str, StatsTable]:
    return {t.id: t for t in result.tables}


def _count_columns(table: StatsTable) -> list[int]:
    return [
        i
        for i, name in enumerate(table.columns)
        if i > 0 and "%" not in name and not name.startswith("Median")
    ]


def test_every_table_is_there_in_order(year: StatsResponse) -> None:
    assert [t.id for t in year.tables] == service.table_ids()


def test_no_table_shows_a_count_of_1_to_4(year: StatsResponse) -> None:
    for table in year.tables:
        for row in table.rows:
            for i in _count_columns(table):
                value = row[i]
                assert value == SUPPRESSED or (isinstance(value, int) and not 1 <= value <= 4), (
                    table.id,
                    row,
                )


def test_no_row_or_column_of_a_cross_tab_has_exactly_one_suppressed_cell(
    year: StatsResponse,
) -> None:
    table = _by_id(year)["engagements_by_kind_and_partner"]
    grid = [row[1:] for row in table.rows]
    lines = grid + [list(col) for col in zip(*grid, strict=True)]
    assert all(sum(cell == SUPPRESSED for cell in line) != 1 for line in lines)


def _sql_count(db: Database, sql: str, **params: Any) -> int:
    with db.session() as session:
        return int(session.execute(text(sql), params).scalar_one())


def test_counts_agree_with_the_records(database: Database, year: StatsResponse) -> None:
    tables = _by_id(year)
    people = _sql_count(
        database,
        "SELECT count(*) FROM records WHERE type = 'client' AND NOT deleted "
        "AND created_at >= :start AND created_at < :end",
        start=dt.datetime(2025, 11, 1, tzinfo=dt.UTC),
        end=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    assert people > 100
    # Without linkage every record is its own person.
    assert tables["registrations_by_month"].rows[-1] == ["Total", people]
    assert tables["registrations_by_quarter"].rows[-1] == ["Total", people]
    assert tables["people_by_sex"].rows[-1] == ["Total", people]
    months = [row[0] for row in tables["registrations_by_month"].rows[:-1]]
    assert months == [f"{y}-{m:02d}" for y, m in [(2025, 11), (2025, 12)]] + [
        f"2026-{m:02d}" for m in range(1, 11)
    ]
    total_engagements = tables["engagements_by_kind_and_partner"].rows[-1][-1]
    assert isinstance(total_engagements, int)
    assert total_engagements > people  # every person has an initial session and more


def test_filters_narrow_the_counts(database: Database, year: StatsResponse) -> None:
    areas = [
        row
        for row in _by_id(year)["people_by_council_area"].rows[:-1]
        if isinstance(row[1], int) and row[1] > 0
    ]
    area, count = areas[0][0], areas[0][1]
    with database.session() as session:
        filtered = service.compute(
            session,
            service.Query(YEAR, council_area=str(area)),
            table_ids=["people_by_council_area", "registrations_by_month"],
        )
    tables = _by_id(filtered)
    assert tables["registrations_by_month"].rows[-1] == ["Total", count]
    shown = {row[0]: row[1] for row in tables["people_by_council_area"].rows}
    assert shown[area] == count
    assert all(v == 0 for k, v in shown.items() if k not in (area, "Total"))


def test_linked_records_count_as_one_person(database: Database, year: StatsResponse) -> None:
    """The person-key hook: two records mapped to one key are one person."""
    with database.session() as session:
        ids = [
            row[0]
            for row in session.execute(
                text(
                    "SELECT id FROM records WHERE type = 'client' AND created_at >= :start "
                    "ORDER BY id LIMIT 20"
                ),
                {"start": dt.datetime(2025, 11, 1, tzinfo=dt.UTC)},
            )
        ]
        keys = dict.fromkeys(ids, ids[0])  # twenty records, one person
        linked = service.compute(
            session,
            service.Query(YEAR),
            person_keys=lambda _session: keys,
            table_ids=["registrations_by_month"],
        )
    before = year.tables[0].rows[-1][1]
    assert isinstance(before, int)
    assert linked.tables[0].rows[-1] == ["Total", before - 19]


def test_association_not_cause_is_stated(year: StatsResponse) -> None:
    table = _by_id(year)["outcome_rates_by_intervention"]
    assert any("not that the intervention caused it" in note for note in table.notes)
    assert table.columns == [
        "Intervention",
        "People with an outcome",
        "In work, training or study",
        "In work, training or study (%)",
    ]


def test_workbook_reads_back_with_one_table_per_sheet(year: StatsResponse, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(year)))
    tables = [n for n in book.sheetnames if n.startswith("Table_")]
    assert len(tables) == len(year.tables)
    for name, table in zip(tables, year.tables, strict=True):
        sheet = book[name]
        assert sheet["A1"].value == f"Table {name.removeprefix('Table_')}: {table.title}"
        assert not sheet.merged_cells.ranges
        (excel_table,) = sheet.tables.values()
        cells = list(sheet[excel_table.ref])
        assert [c.value for c in cells[0]] == table.columns
        assert [[c.value for c in row] for row in cells[1:]] == [
            ["" if v is None else v for v in row] for row in table.rows
        ]


def test_answers_are_reused_until_a_record_changes(database: Database) -> None:
    query = service.Query(YEAR, partner="SDS")
    wanted = ["events_by_month", "registrations_by_month"]
    with database.session() as session:
        first = service.compute_cached(session, query, table_ids=wanted)
        again = service.compute_cached(session, query, table_ids=list(reversed(wanted)))
    assert again is first
    clock = HybridClock(str(uuid.uuid4()))
    stamp = clock.tick()
    fields = {"name": "New Employer Ltd", "sector": "C"}
    load_records(
        database,
        [LoadRecord(str(uuid.uuid4()), "employer", "SDS", fields, dict.fromkeys(fields, stamp))],
    )
    with database.session() as session:
        after = service.compute_cached(session, query, table_ids=wanted)
    assert after is not first
    assert after == first  # an employer without events changes none of these figures
