"""The data standard (issue 11): every field defined, and docs/data-standard.md generated from
the shared record model and current (like the translations catalogue)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pace_shared.records import CHILD_TYPES, FIELDS, PUBLIC_TYPES, RECORD_TYPE_DEFINITIONS
from pace_shared.standard import DOCUMENT, render

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_standard_is_current() -> None:
    committed = (ROOT / DOCUMENT).read_text(encoding="utf-8")
    assert committed == render(), "run scripts/data-standard and commit docs/data-standard.md"


def test_the_script_finds_an_out_of_date_standard_and_rewrites_it(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "data-standard"
    (tmp_path / "docs").mkdir()
    stale = tmp_path / DOCUMENT
    stale.write_text("# PACE Casework data standard\n\nOld.\n", encoding="utf-8")
    check = [str(script), "--check", "--root", str(tmp_path)]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 1
    subprocess.run([str(script), "--root", str(tmp_path)], check=True, capture_output=True)
    assert stale.read_text(encoding="utf-8") == render()
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0


@pytest.mark.parametrize(
    ("record_type", "name"), [(t, n) for t, specs in FIELDS.items() for n in specs]
)
def test_every_field_has_a_one_sentence_definition(record_type: str, name: str) -> None:
    definition = FIELDS[record_type][name].definition
    assert definition, f"{record_type}.{name} has no definition"
    assert definition[0].isupper()
    assert definition.endswith(".")
    assert ". " not in definition, "one sentence"


def test_the_standard_lists_every_type_field_value_and_who_sees_it() -> None:
    text = render()
    for record_type, specs in FIELDS.items():
        section = text.split(f"(`{record_type}`)\n", 1)[1].split("\n### ", 1)[0]
        assert RECORD_TYPE_DEFINITIONS[record_type] in section
        if record_type in PUBLIC_TYPES:
            assert "Who may see it by default: every partner." in section
        elif record_type in CHILD_TYPES:
            assert "Who may see it by default: whoever may see its person." in section
        else:
            assert "partners in the person's consent" in section
        for name, spec in specs.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
            assert spec.definition in row
            cells = [c.strip() for c in row.strip("|").split(" | ")]
            assert cells[-2:] == [
                "yes" if spec.required else "no",
                "yes" if spec.personal else "no",
            ]
            for value in spec.choices if name != "sector" else ():
                assert f"`{value}`: {spec.choice_label(value)}" in row
    assert "| `SDS` | Skills Development Scotland |" in text
    assert "- Glasgow City" in text
