"""The PACE data standard (``docs/data-standard.md``), written from the shared record model.

Every record type and field with its definition, type, allowed values and their labels, whether
it is required or personal, and who may see it by default, all derived from
:mod:`pace_shared.records` and the reference data, so the document cannot drift from what both
the app and the server enforce. ``scripts/data-standard`` writes it; a test fails when the
committed copy is out of date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from pace_shared import reference
from pace_shared.records import (
    CHILD_TYPES,
    CONSENT_CHANGE,
    FIELDS,
    PUBLIC_TYPES,
    RECORD_TYPE_DEFINITIONS,
    SHARE_ALL,
    FieldSpec,
    Kind,
    RecordType,
)

#: Where the committed document lives, relative to the repository root.
DOCUMENT = Path("docs") / "data-standard.md"
#: Record types in the order the document presents them: context first, then a person's story.
ORDER = (
    RecordType.EMPLOYER,
    RecordType.REDUNDANCY_EVENT,
    RecordType.EMPLOYER_SUPPORT,
    RecordType.CLIENT,
    RecordType.ENGAGEMENT,
    RecordType.REFERRAL,
    RecordType.OUTCOME,
    CONSENT_CHANGE,
)
#: Headings of the record types.
TITLES: Mapping[str, str] = {
    RecordType.EMPLOYER: "Employer",
    RecordType.REDUNDANCY_EVENT: "Redundancy event",
    RecordType.EMPLOYER_SUPPORT: "Employer support",
    RecordType.CLIENT: "Person",
    RecordType.ENGAGEMENT: "Engagement",
    RecordType.REFERRAL: "Referral",
    RecordType.OUTCOME: "Outcome",
    CONSENT_CHANGE: "Consent history entry",
}
#: What a record id field points at.
LINK_TARGETS = {
    "employer_id": RecordType.EMPLOYER,
    "event_id": RecordType.REDUNDANCY_EVENT,
    "client_id": RecordType.CLIENT,
}
#: Fields only the partner that recorded the person may change (decisions.md #7, #8).
OWNER_ONLY_FIELDS: Mapping[str, tuple[str, ...]] = {
    RecordType.CLIENT: ("share_with", "consent_recorded_at")
}

_INTRO = """\
# PACE Casework data standard

This document is generated from the shared record model (`pace_shared/records.py`) and the
reference data (`pace_shared/reference_data/`) by `scripts/data-standard`. Do not edit it by
hand: change the model and run the script; a test fails when this file is out of date. The
desktop app and the sync server both validate every value against the same model, so what is
written here is what they accept.

## Conventions

- **Records and ids.** Every record has an id: a UUID in lower case (8-4-4-4-12 hex digits),
  created by the device that creates the record and never changed. Fields that link records
  (`employer_id`, `event_id`, `client_id`) hold such an id.
- **Optional fields** may be absent. Sending `null` (or blank text) clears an optional field;
  required fields must be present when a record is created and can never be cleared.
- **Dates** are written `YYYY-MM-DD`; **date-times** in ISO 8601 in UTC ending in `Z`, to the
  millisecond. Whole numbers are plain JSON numbers.
- **Text** is Unicode. Control and format characters are refused, except new lines and tabs in
  long text and the zero-width joiner and non-joiner in names. Names are stored in Unicode
  normal form C.
- **Versions.** Each field carries the hybrid logical clock value of the change that wrote it;
  changes to different fields of one record merge, and a clash on the same field is recorded as
  a conflict for review (see `docs/sync-protocol.md`).
- **Unknown fields and types.** A release keeps and passes on what a newer release recorded
  but never erases it; the server rejects fields and types it does not know.
- **Personal** fields hold personal data: they are never written to logs or audit details,
  and statistics publish only counts with small numbers suppressed.
- **Prefer not to say.** Every personal question about the person themselves offers
  `prefer_not_to_say`; a question not asked is simply left out.

## Who may see what

- **Every partner** sees {public}.
- **A person** (`client`) is seen by the partner that recorded them and by the partners in
  their `share_with` consent (`["{share_all}"]` means every partner), and by nobody else. A
  referral never widens this: a referral may only go to a partner the consent already covers.
- **{children}** are seen exactly where their person is (through `client_id`).
- Only the partner that recorded the person changes their consent (`share_with`,
  `consent_recorded_at`), and only the partner that created a record deletes it.
- Users with the **analyst** role see statistics only, never a record.
"""


def _visibility(record_type: str) -> str:
    if record_type in PUBLIC_TYPES:
        return "Every partner"
    if record_type == RecordType.CLIENT:
        return "Recording partner and partners in the person's consent"
    if record_type in CHILD_TYPES:
        return "Whoever may see its person"
    return "The recording partner"  # pragma: no cover - every type is one of the above


def _kind_text(name: str, spec: FieldSpec) -> str:
    describe: dict[Kind, Callable[[], str]] = {
        Kind.TEXT: lambda: f"Text, one line, up to {spec.max_length} characters",
        Kind.LONG_TEXT: lambda: (
            f"Text, up to {spec.max_length} characters; new lines and tabs allowed"
        ),
        Kind.DATE: lambda: "Date (YYYY-MM-DD)",
        Kind.DATETIME: lambda: "Date and time (ISO 8601, UTC)",
        Kind.INT: lambda: (
            "Whole number" if spec.minimum is None else f"Whole number, at least {spec.minimum}"
        ),
        Kind.ENUM: lambda: "One of the allowed values",
        Kind.NINO: lambda: "National Insurance number (HMRC format; stored in capitals, no spaces)",
        Kind.POSTCODE: lambda: "UK postcode (stored in capitals with one space)",
        Kind.EMAIL: lambda: f"E-mail address, up to {spec.max_length} characters",
        Kind.PHONE: lambda: "Phone number (digits, spaces, +, brackets and hyphens; 6 to 20)",
        Kind.UUID: lambda: f"Id of the linked `{LINK_TARGETS.get(name, 'record')}` record",
        Kind.PARTNER: lambda: "Partner code (see Partners)",
        Kind.PARTNER_LIST: lambda: f'List of partner codes, or `["{SHARE_ALL}"]`',
    }
    return describe[spec.kind]()


def _allowed(name: str, spec: FieldSpec) -> str:
    if spec.kind is not Kind.ENUM:
        return ""
    if name == "sector":
        return "A SIC 2007 section letter (see Sectors)"
    return "<br>".join(f"`{v}`: {spec.choice_label(v)}" for v in spec.choices)


def _notes(record_type: str, name: str, spec: FieldSpec) -> str:
    notes = [spec.definition]
    if name in OWNER_ONLY_FIELDS.get(record_type, ()):
        notes.append("Only the partner that recorded the person changes it.")
    if name == "local_authority":
        notes.append("One of the council areas listed below.")
    return " ".join(notes)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type_section(record_type: str) -> list[str]:
    lines = [
        f"### {TITLES[record_type]} (`{record_type}`)",
        "",
        RECORD_TYPE_DEFINITIONS[record_type],
        "",
        f"Who may see it by default: {_visibility(record_type).lower()}.",
        "",
        "| Field | Label | Definition | Type | Allowed values | Required | Personal |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, spec in FIELDS[record_type].items():
        cells = (
            f"`{name}`",
            spec.label,
            _notes(record_type, name, spec),
            _kind_text(name, spec),
            _allowed(name, spec),
            "yes" if spec.required else "no",
            "yes" if spec.personal else "no",
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines.append("")
    return lines


def _reference_section(title: str, header: str, rows: Iterable[tuple[str, str]]) -> list[str]:
    lines = [f"### {title}", "", header, "|---|---|"]
    lines += [f"| {_cell(a)} | {_cell(b)} |" for a, b in rows]
    lines.append("")
    return lines


def render() -> str:
    """The whole document, as committed."""
    missing = (set(FIELDS) - set(ORDER)) | (set(FIELDS) - set(TITLES))
    if missing:
        raise ValueError(f"record types missing from the standard's order: {sorted(missing)}")
    children = ", ".join(f"`{t}`" for t in ORDER if t in CHILD_TYPES)
    public = ", ".join(f"`{t}`" for t in ORDER if t in PUBLIC_TYPES)
    intro = _INTRO.format(public=public, share_all=SHARE_ALL, children=children.capitalize())
    lines = [intro.rstrip("\n"), "", "## Record types", ""]
    for record_type in ORDER:
        lines += _type_section(record_type)
    lines += ["## Reference lists", ""]
    lines += _reference_section(
        "Partners",
        "| Code | Partner |",
        ((f"`{p['code']}`", p["name"]) for p in reference.partners()),
    )
    lines += _reference_section(
        "Sectors (SIC 2007 sections)",
        "| Section | Name |",
        ((f"`{s['code']}`", s["name"]) for s in reference.sic_sections()),
    )
    lines += ["### Council areas", ""]
    lines += [f"- {area}" for area in reference.council_areas()]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/data-standard.md from the model.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed document is out of date"
    )
    args = parser.parse_args(argv)
    path = args.root / DOCUMENT
    text = render()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run scripts/data-standard", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
