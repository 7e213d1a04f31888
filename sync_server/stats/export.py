"""The statistics as files: a workbook following the Government Statistical Service's guidance
on releasing statistics in spreadsheets, and a tidy CSV (one published cell per line).

Workbook: a cover sheet, a contents sheet, a notes sheet (method, the shorthand ``[c]`` and
``[x]``, how people are counted once by linking records), then one table per sheet with its
title in A1, each an Excel table with one header row, no merged cells and no blank rows.
Everything is built in memory: nothing is written to a temporary file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pace_shared.disclosure import MINIMUM_BASE, NOT_AVAILABLE, SMALLEST_SHOWN, SUPPRESSED
from pace_shared.stats_wire import StatsResponse, StatsTable

TITLE = "PACE: people and employers supported through redundancy"

METHOD_NOTES = (
    "Source: PACE Casework, the shared case record of the PACE partners. Figures cover every "
    "partner's records, as held on the sync server when the report was produced.",
    f"{SUPPRESSED} (confidential): a count of 1 to {SMALLEST_SHOWN - 1} is not shown, and nor is "
    "the next smallest count in any row or column (totals included) that would otherwise have "
    "only one such cell, so that no small count can be worked out from the others and the "
    "totals. Further cells are suppressed where a suppressed cell could still be worked out from "
    "the sums. Zero is shown as 0.",
    f"{SUPPRESSED} on a rate or median: its base is under {MINIMUM_BASE} people, or the rate "
    "would reveal a suppressed count.",
    f"{NOT_AVAILABLE} (not available): there is nothing to base the figure on.",
    "Linking records of one person: partners can each register the same person. People are "
    "counted once by linking the records that belong to the same person (probabilistic record "
    "linkage with Splink on name, date of birth, National Insurance number, postcode, e-mail and "
    "phone); "
    "the counts of people published here are the linked counts.",
    "Dates: a person is counted in the month their record first reached the server; redundancy "
    "events in the month announced; engagements on the day they took place; referrals on the "
    "day they were made; outcomes on the day recorded.",
    "Council area is that of the person's redundancy event (else its employer's); sector is "
    "the employer's SIC 2007 section.",
)


def _sheet_name(index: int) -> str:
    return f"Table_{index}"


def _write_cover(book: xlsxwriter.Workbook, result: StatsResponse, bold: object) -> None:
    sheet = book.add_worksheet("Cover")
    lines = [
        (TITLE, bold),
        (f"Period: {result.period_from} to {result.period_to} (both included)", None),
        (f"Filters: {_filters_text(result)}", None),
        (f"Produced: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", None),
        ("This workbook has a contents sheet, a notes sheet and one table per sheet.", None),
        (
            f"Shorthand: {SUPPRESSED} confidential (small numbers); {NOT_AVAILABLE} not available.",
            None,
        ),
        ("Contact: the PACE partnership's statistics team.", None),
    ]
    for row, (text, style) in enumerate(lines):
        sheet.write_string(row, 0, text, style)
    sheet.set_column(0, 0, 100)


def _filters_text(result: StatsResponse) -> str:
    chosen = [f"{k.replace('_', ' ')} {v}" for k, v in result.filters.model_dump().items() if v]
    return ", ".join(chosen) or "none (all council areas, sectors and partners)"


def _add_table(
    sheet: Worksheet,
    first_row: int,
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
) -> None:
    """An Excel table of ``rows`` under one header row (at least one data row)."""
    data = [list(r) for r in rows] or [[""] * len(headers)]
    sheet.add_table(
        first_row,
        0,
        first_row + len(data),
        len(headers) - 1,
        {
            "name": name,
            "columns": [{"header": h} for h in headers],
            "data": data,
            "style": "Table Style Light 1",
            "autofilter": False,
        },
    )


def _write_contents(book: xlsxwriter.Workbook, tables: Sequence[StatsTable], bold: object) -> None:
    sheet = book.add_worksheet("Contents")
    sheet.write_string(0, 0, "Contents", bold)
    sheet.write_string(1, 0, "This worksheet contains one table.")
    rows = [["Cover", "About this workbook"], ["Notes", "Method and shorthand"]]
    rows += [[_sheet_name(i), t.title] for i, t in enumerate(tables, start=1)]
    _add_table(sheet, 2, "contents", ["Sheet name", "Table title"], rows)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 90)


def _write_notes(book: xlsxwriter.Workbook, bold: object) -> None:
    sheet = book.add_worksheet("Notes")
    sheet.write_string(0, 0, "Notes", bold)
    sheet.write_string(1, 0, "This worksheet contains one table.")
    rows = [[f"Note {i}", text] for i, text in enumerate(METHOD_NOTES, start=1)]
    _add_table(sheet, 2, "notes", ["Note number", "Note text"], rows)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 120)


def _unique(headers: Sequence[str]) -> list[str]:
    """Excel tables need distinct, non-empty header texts."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        text = header or "Column"
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def _write_table(book: xlsxwriter.Workbook, index: int, table: StatsTable, bold: object) -> None:
    sheet = book.add_worksheet(_sheet_name(index))
    sheet.write_string(0, 0, f"Table {index}: {table.title}", bold)
    sheet.write_string(1, 0, "This worksheet contains one table. " + " ".join(table.notes))
    sheet.write_string(
        2,
        0,
        f"Unit: {table.unit}. Shorthand: {SUPPRESSED} confidential, {NOT_AVAILABLE} not available.",
    )
    rows = [[("" if v is None else v) for v in row] for row in table.rows]
    _add_table(sheet, 3, f"table_{index}_{table.id}"[:255], _unique(table.columns), rows)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, max(1, len(table.columns) - 1), 18)


def workbook_bytes(result: StatsResponse) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "font_size": 14})
    _write_cover(book, result, bold)
    _write_contents(book, result.tables, bold)
    _write_notes(book, bold)
    for index, table in enumerate(result.tables, start=1):
        _write_table(book, index, table, bold)
    book.close()
    return buffer.getvalue()


CSV_HEADER = ("period_from", "period_to", "table_id", "row", "column", "value", "unit")


def csv_bytes(result: StatsResponse) -> bytes:
    """Tidy form: one line per published cell, ``[c]``/``[x]`` as in the tables."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for table in result.tables:
        for row in table.rows:
            label = row[0]
            for column, value in zip(table.columns[1:], row[1:], strict=True):
                writer.writerow(
                    (
                        result.period_from,
                        result.period_to,
                        table.id,
                        label,
                        column,
                        "" if value is None else value,
                        table.unit,
                    )
                )
    return buffer.getvalue().encode("utf-8")
