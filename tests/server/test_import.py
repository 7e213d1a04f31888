"""``pace-sync-server import``: a messy partner file checked row by row, imported once, and
re-imported without creating anything; the people are the importing partner's alone."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from openpyxl import Workbook

from tests.server.conftest import Devices
from tests.support.live_server import LiveServer

HEADER = "Ref,Forename,Surname,DOB,NI No,Postcode,Gender,Qualification\n"


def _messy_csv(folder: Path, prefix: str) -> Path:
    rows = [
        f"{prefix}-1,Ann,Murray,03/04/1971,AB 12 34 56 C,KY11 2XD,F,",
        f"{prefix}-2,Bill,Shand,31/02/1980,,KY12 8AA,M,",  # no 31 February
        f"{prefix}-3,Cath,Lowe,1966-07-12,,EH1 1AA,X,",  # unknown code
        f"{prefix}-1,Ann,Murray,03/04/1971,,,,",  # the same key twice
        f"{prefix}-4,,Reid,,,,,",  # no first name
        ",,,,,,,",  # a blank line is nobody
        f"{prefix}-5,Dougie,Laing,12/12/1990,QQ123456C,,M,",  # NI in no valid format
        f"{prefix}-6,Ewan,Ross,,,,,",
    ]
    path = folder / "caseload.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _mapping(folder: Path) -> Path:
    path = folder / "mapping.json"
    path.write_text(
        json.dumps(
            {
                "key_column": "Ref",
                "columns": {
                    "Forename": "first_name",
                    "Surname": "last_name",
                    "DOB": "date_of_birth",
                    "NI No": "ni_number",
                    "Postcode": "postcode",
                },
                "values": {},
            }
        ),
        encoding="utf-8",
    )
    return path


def test_a_messy_file_is_reported_row_by_row_and_a_dry_run_imports_nothing(
    server: LiveServer, devices: Devices, tmp_path: Path
) -> None:
    prefix = uuid.uuid4().hex[:8]
    source = _messy_csv(tmp_path, prefix)
    report = tmp_path / "refused.csv"

    result = server.cli(
        "import", str(source), "--partner", "SDS", "--mapping", str(_mapping(tmp_path)),
        "--dry-run", "--report", str(report),
    )  # fmt: skip

    assert result.stdout.splitlines() == [
        "8 rows read: 3 people valid, 4 rows refused",
        "row 3, DOB: not a valid date (YYYY-MM-DD)",
        "row 5, Ref: repeats row 2",
        "row 6, first_name: is required",
        "row 8, NI No: not a valid National Insurance number",
        "dry run: nothing was imported",
    ]
    assert report.read_text().splitlines()[0] == "row,column,reason"
    assert len(report.read_text().splitlines()) == 5
    # Nothing personal from the file is in what the command printed.
    assert "Murray" not in result.stdout
    assert "AB123456C" not in result.stdout
    pulled, _ = devices.new("demo.lead").pull()
    assert not any(r["fields"].get("last_name") == "Murray" for r in pulled.values())


def test_import_creates_the_valid_people_once_and_only_the_owner_sees_them(
    server: LiveServer, devices: Devices, tmp_path: Path
) -> None:
    prefix = uuid.uuid4().hex[:8]
    source, mapping = _messy_csv(tmp_path, prefix), _mapping(tmp_path)
    args = ("import", str(source), "--partner", "SDS", "--mapping", str(mapping))

    first = server.cli(*args)
    again = server.cli(*args)

    assert first.stdout.splitlines()[-1] == "imported 3 people; 0 were already imported"
    assert again.stdout.splitlines()[-1] == "imported 0 people; 3 were already imported"
    sds, _ = devices.new("demo.lead").pull()
    imported = {
        r["fields"]["first_name"]: r["fields"]
        for r in sds.values()
        if r["record_type"] == "client"
        and r["fields"].get("last_name") in {"Murray", "Lowe", "Ross"}
        and r["fields"].get("first_name") in {"Ann", "Cath", "Ewan"}
    }
    assert imported["Ann"]["date_of_birth"] == "1971-04-03"  # a UK date, read as one
    assert imported["Ann"]["ni_number"] == "AB123456C"
    assert imported["Ann"]["share_with"] == []
    dwp, _ = devices.new("dwp.adviser").pull()
    assert not {r["record_id"] for r in dwp.values()} & {
        rid for rid, r in sds.items() if r["fields"].get("first_name") in imported
    }


def test_an_xlsx_file_with_date_cells_and_guessed_columns_imports(
    server: LiveServer, devices: Devices, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    last_name = f"Xl{uuid.uuid4().hex[:8]}"
    sheet.append(["First name", "Last name", "Date of birth", "sex"])
    sheet.append(["Fiona", last_name, dt.datetime(1985, 5, 17), "Female"])
    sheet.append(["Gregor", last_name, "not a date", "male"])
    path = tmp_path / "people.xlsx"
    book.save(path)

    result = server.cli("import", str(path), "--partner", "DWP", check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "2 rows read: 1 people valid, 1 rows refused",
        "row 3, Date of birth: not a valid date (YYYY-MM-DD)",
    ]
    pulled, _ = devices.new("dwp.adviser").pull()
    fiona = [r["fields"] for r in pulled.values() if r["fields"].get("last_name") == last_name]
    assert [(f["first_name"], f["date_of_birth"]) for f in fiona] == [("Fiona", "1985-05-17")]


def test_files_that_cannot_be_imported_get_a_one_line_error(
    server: LiveServer, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("First name,Last name\nA,B\n", encoding="utf-8")

    for args, expected in [
        ((str(text),), "notes.txt: only .csv and .xlsx files can be imported"),
        ((str(broken),), "broken.xlsx is not a readable XLSX workbook"),
        ((str(tmp_path / "missing.csv"),), "missing.csv cannot be read"),
        ((str(csv_file), "--partner", "NOBODY"), "unknown partner 'NOBODY'"),
    ]:
        partner = () if "--partner" in args else ("--partner", "SDS")
        result = server.cli("import", *args, *partner, check=False)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert expected in lines[0], lines


def test_imported_people_go_through_the_duplicate_check(
    server: LiveServer, devices: Devices, tmp_path: Path
) -> None:
    """Someone DWP already registered, imported by SDS: linkage ties the two records and the
    import says so (the pair is for SDS's and DWP's leads to review where both can see it)."""
    surname = f"Dup{uuid.uuid4().hex[:6]}"
    devices["dwp.adviser"].create_client(
        first_name="Isla", last_name=surname, date_of_birth="1979-09-14", ni_number="JM482913C"
    )
    source = tmp_path / "people.csv"
    source.write_text(
        "First name,Last name,Date of birth,NI number\n"
        f"Isla,{surname},14/09/1979,JM 48 29 13 C\n"
        f"Ruaridh,Other{surname},02/02/1990,\n",
        encoding="utf-8",
    )

    result = server.cli("import", str(source), "--partner", "SDS")

    assert result.stdout.splitlines()[-2:] == [
        "imported 2 people; 0 were already imported",
        "1 of them may be people already held: "
        "see the probable duplicates (GET /api/v1/duplicates)",
    ]
