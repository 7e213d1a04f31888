"""Bringing in the people a partner already holds: a CSV or XLSX file, a column mapping, the
shared validation, and a report of every row that would be refused and why.

One plan serves both ways in: ``pace-sync-server import`` pushes it as the partner's import
device; the app writes it to the local store, to be synced like any registration. Record ids
come from the partner and the row's key, so importing the same file twice creates nothing new.

Nothing here keeps or reports a field's value: the report names rows, columns and reasons only,
so it can be shared with whoever fixes the source file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from pace_shared.records import FIELDS, FieldSpec, Kind, RecordType, validate_fields

#: Namespace of import record ids: uuid5(namespace, "<partner>/<key>").
IMPORT_NAMESPACE = uuid.UUID("6f1b0d3e-5c1a-4e4e-9a57-7a0c1d2f3b41")
#: The record type an import creates (people; their history is recorded afresh).
IMPORT_TYPE = RecordType.CLIENT
#: Fields an import may fill: the person's own, not consent or links made by advisers.
IMPORTABLE = tuple(
    name for name in FIELDS[IMPORT_TYPE] if name not in {"share_with", "consent_recorded_at"}
)
#: Files bigger than this are refused before reading (a partner's caseload, not a census).
MAX_ROWS = 200_000

_UK_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", re.ASCII)


class ImportFileError(ValueError):
    """The file as a whole cannot be used (unreadable, no header, unknown columns)."""


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column feeds which field, which column is each row's stable key, and how coded
    values in the source map to the standard's (``{"sex": {"F": "female"}}``)."""

    columns: Mapping[str, str]
    key_column: str | None = None
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ColumnMapping:
        """A JSON mapping file: ``{"columns": {...}, "key_column": "...", "values": {...}}``."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                columns=dict(data["columns"]),
                key_column=data.get("key_column"),
                values={k: dict(v) for k, v in data.get("values", {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ImportFileError(f"the mapping file {path.name} cannot be used ({exc})") from None

    @classmethod
    def guess(cls, headers: Sequence[str]) -> ColumnMapping:
        """Columns named like a field (``ni_number``) or its label (``NI number``) map to it."""
        names = {}
        for name in IMPORTABLE:
            names[_simplify(name)] = name
            names[_simplify(FIELDS[IMPORT_TYPE][name].label)] = name
        columns = {h: names[_simplify(h)] for h in headers if _simplify(h) in names}
        return cls(columns=columns)


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1-based, as a spreadsheet numbers it (the header is row 1)
    column: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlannedRecord:
    row: int
    record_id: str
    fields: dict[str, Any]

    @property
    def change_id(self) -> str:
        """Same row content, same change: a re-import is answered as a duplicate."""
        digest = hashlib.sha256(json.dumps(self.fields, sort_keys=True).encode()).hexdigest()
        return str(uuid.uuid5(IMPORT_NAMESPACE, f"{self.record_id}/{digest}"))


@dataclass(slots=True)
class ImportPlan:
    records: list[PlannedRecord] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def report_lines(self) -> list[str]:
        """One line per refusal: ``row 7, Date of birth: not a valid date``."""
        return [f"row {p.row}, {p.column}: {p.reason}" for p in self.problems]

    def write_report(self, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["row", "column", "reason"])
            writer.writerows([p.row, p.column, p.reason] for p in self.problems)


def _simplify(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Headers and rows of a CSV (UTF-8, with or without BOM) or the first sheet of an XLSX."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path)
        if suffix == ".xlsx":
            return _read_xlsx(path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportFileError(f"{path.name} cannot be read ({type(exc).__name__})") from None
    raise ImportFileError(f"{path.name}: only .csv and .xlsx files can be imported")


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.reader(source)
        headers = [h.strip() for h in next(reader, [])]
        rows = [_row(headers, values) for values in _limited(reader)]
    return _checked(path, headers), rows


def _read_xlsx(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    from openpyxl import load_workbook  # only where an XLSX is imported
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(
            f"{path.name} is not a readable XLSX workbook ({type(exc).__name__})"
        ) from None
    try:
        sheet = book.worksheets[0]
        cells = sheet.iter_rows(values_only=True)
        headers = [_cell_text(h) for h in next(cells, ())]
        rows = [_row(headers, [_cell_text(v) for v in values]) for values in _limited(cells)]
    finally:
        book.close()
    return _checked(path, headers), rows


def _limited(rows: Iterable[Any]) -> Iterable[Any]:
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise ImportFileError(f"more than {MAX_ROWS} rows: split the file")
        yield row


def _checked(path: Path, headers: list[str]) -> list[str]:
    if not any(headers):
        raise ImportFileError(f"{path.name} has no header row")
    return headers


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _row(headers: list[str], values: Sequence[str]) -> dict[str, str]:
    return {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(headers)}


def plan_import(
    headers: Sequence[str], rows: Sequence[Mapping[str, str]], mapping: ColumnMapping, partner: str
) -> ImportPlan:
    """Validate every row against the standard; every refusal is in ``plan.problems``."""
    unknown = [c for c in mapping.columns if c not in headers]
    if mapping.key_column and mapping.key_column not in headers:
        unknown.append(mapping.key_column)
    if unknown:
        raise ImportFileError(f"the file has no column named {', '.join(map(repr, unknown))}")
    bad_fields = sorted(set(mapping.columns.values()) - set(IMPORTABLE))
    if bad_fields:
        raise ImportFileError(f"a person has no importable field {', '.join(bad_fields)}")
    plan = ImportPlan(rows_read=len(rows))
    first_row_of_key: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue  # blank lines are not people
        fields, problems = _fields_of(number, row, mapping)
        key = row[mapping.key_column] if mapping.key_column else _content_key(fields)
        if mapping.key_column and not key:
            problems.append(RowProblem(number, mapping.key_column, "has no key"))
        elif key in first_row_of_key:
            problems.append(
                RowProblem(
                    number, mapping.key_column or "*", f"repeats row {first_row_of_key[key]}"
                )
            )
        else:
            first_row_of_key[key] = number
        if problems:
            plan.problems.extend(problems)
            continue
        record_id = str(uuid.uuid5(IMPORT_NAMESPACE, f"{partner}/{key}"))
        plan.records.append(PlannedRecord(number, record_id, fields))
    return plan


def _fields_of(
    number: int, row: Mapping[str, str], mapping: ColumnMapping
) -> tuple[dict[str, Any], list[RowProblem]]:
    values: dict[str, Any] = {}
    column_of: dict[str, str] = {}
    problems: list[RowProblem] = []
    for column, name in mapping.columns.items():
        text = row.get(column, "")
        if not text:
            continue
        spec = FIELDS[IMPORT_TYPE][name]
        coded = mapping.values.get(name, {})
        values[name] = _standard_value(spec, coded.get(text, text))
        column_of[name] = column
    result = validate_fields(IMPORT_TYPE, values, creating=True)
    for error in result.errors:
        problems.append(RowProblem(number, column_of.get(error.field, error.field), error.message))
    return result.values, problems


def _standard_value(spec: FieldSpec, text: str) -> Any:
    """What partners' files commonly hold, in the standard's form: UK dates, labels of codes."""
    if spec.kind is Kind.DATE:
        match = _UK_DATE.fullmatch(text)
        if match:
            day, month, year = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    if spec.kind is Kind.ENUM:
        by_simple = {_simplify(choice): choice for choice in spec.choices}
        return by_simple.get(_simplify(text), text)
    if spec.kind is Kind.INT and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    return text


def _content_key(fields: Mapping[str, Any]) -> str:
    """Without a key column, a row is known by what it says about the person."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
