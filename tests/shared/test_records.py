"""Field validation both sides apply: NI numbers, postcodes, e-mail, dates, required and
unknown fields, partner lists (contract: Record types and fields; decisions.md #5)."""

from __future__ import annotations

import pytest

from pace_shared.records import (
    FIELDS,
    RECORD_TYPES,
    is_valid_email,
    is_valid_ni_number,
    is_valid_postcode,
    normalise_ni_number,
    normalise_postcode,
    personal_fields,
    validate_fields,
)

PARTNERS = frozenset({"SDS", "DWP", "FIFE_COUNCIL"})
CLIENT_ID = "01900000-0000-7000-8000-0000000000c1"


def errors_of(record_type: str, fields: dict, *, creating: bool = False) -> dict[str, str]:
    result = validate_fields(record_type, fields, creating=creating, known_partners=PARTNERS)
    return {e.field: e.message for e in result.errors}


def value_of(record_type: str, name: str, value: object) -> object:
    result = validate_fields(record_type, {name: value}, creating=False, known_partners=PARTNERS)
    assert result.ok, result.summary()
    return result.values[name]


# --- NI numbers (decisions.md #5) -------------------------------------------------------------


@pytest.mark.parametrize(
    "nino",
    [
        "AB123456C",  # the valid-format canary
        "AB123456A",
        "AB123456D",
        "ab123456c",
        "AB 12 34 56 C",
        " ab 123456 c ",
        "JG103759A",
        "OA123456B",  # O is allowed as the first letter
        "ZA123456A",  # Z first is fine; only ZZ is barred
        "AZ123456A",
    ],
)
def test_valid_ni_numbers(nino: str) -> None:
    assert is_valid_ni_number(nino)
    assert value_of("client", "ni_number", nino) == normalise_ni_number(nino)


@pytest.mark.parametrize(
    "nino",
    [
        "QQ123456C",  # HMRC's printed example: Q is never a prefix letter
        *(f"{bad}A123456A" for bad in "DFIQUV"),  # barred as the first letter
        *(f"A{bad}123456A" for bad in "DFIQUVO"),  # barred (or O) as the second letter
        *(f"{prefix}123456A" for prefix in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")),
        "AB123456E",  # suffix A-D only
        "AB123456",  # the suffix is required
        "AB12345C",  # five digits
        "AB1234567C",
        "A1123456C",
        "123456789",
        "",
        "AB123456C1",
    ],
)
def test_invalid_ni_numbers(nino: str) -> None:
    assert not is_valid_ni_number(nino)
    if nino:
        errors = errors_of("client", {"ni_number": nino})
        assert errors == {"ni_number": "not a valid National Insurance number"}


def test_ni_number_spaces_are_stripped_and_letters_upper_cased() -> None:
    assert value_of("client", "ni_number", "ab 12 34 56 c") == "AB123456C"


# --- postcodes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("EH1 1YZ", "EH1 1YZ"),
        ("eh11yz", "EH1 1YZ"),
        ("KY11 2UU", "KY11 2UU"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A 0AX", "W1A 0AX"),
        ("GIR 0AA", "GIR 0AA"),
        ("  ky16   9aj ", "KY16 9AJ"),
    ],
)
def test_valid_postcodes_are_normalised(entered: str, stored: str) -> None:
    assert is_valid_postcode(entered)
    assert normalise_postcode(entered) == stored
    assert value_of("client", "postcode", entered) == stored


@pytest.mark.parametrize(
    "postcode",
    ["EH1", "12345", "Q1 1AA", "EH1 1YC", "EH1 1YI", "EH11 YZZ", "EHH 1YZ", "not a postcode"],
)
def test_invalid_postcodes(postcode: str) -> None:
    assert not is_valid_postcode(postcode)
    assert set(errors_of("client", {"postcode": postcode})) == {"postcode"}


# --- e-mail, phone ----------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["a@b.co", "alice.reid+pace@sds.example.org", "x_y@fife.gov.uk"])
def test_valid_emails(email: str) -> None:
    assert is_valid_email(email)
    assert value_of("client", "email", email) == email


@pytest.mark.parametrize(
    "email", ["no-at-sign", "a@b", "a b@c.com", "a@@b.com", "@b.com", "a@b.c", "<a>@b.com"]
)
def test_invalid_emails(email: str) -> None:
    assert not is_valid_email(email)
    assert set(errors_of("client", {"email": email})) == {"email"}


def test_overlong_email_is_invalid() -> None:
    assert not is_valid_email("a" * 250 + "@b.com")


def test_phone_numbers() -> None:
    assert value_of("client", "phone", "07700 900123") == "07700 900123"
    assert value_of("client", "phone", "+44 (0)131 496 0000") == "+44 (0)131 496 0000"
    assert set(errors_of("client", {"phone": "call me"})) == {"phone"}


# --- dates and times --------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2024-02-29", "1990-01-01", "2026-11-26", "1900-01-01"])
def test_valid_dates(date: str) -> None:
    assert value_of("client", "date_of_birth", date) == date


@pytest.mark.parametrize(
    "date",
    [
        "2026-02-29",  # not a leap year
        "2026-13-01",
        "2026-04-31",
        "2026-1-5",
        "26/11/2026",
        "2026-11-26T10:00:00Z",
        "1899-12-31",  # implausible
        "2201-01-01",
        "yesterday",
    ],
)
def test_invalid_dates(date: str) -> None:
    assert set(errors_of("client", {"date_of_birth": date})) == {"date_of_birth"}
    assert set(errors_of("engagement", {"occurred_on": date})) == {"occurred_on"}


def test_datetimes_are_stored_in_utc_with_milliseconds() -> None:
    assert (
        value_of("client", "consent_recorded_at", "2026-11-26T12:00:00Z")
        == "2026-11-26T12:00:00.000Z"
    )
    assert (
        value_of("client", "consent_recorded_at", "2026-06-01T13:30:00.5+01:00")
        == "2026-06-01T12:30:00.500Z"
    )


@pytest.mark.parametrize("when", ["2026-11-26T12:00:00", "2026-11-26", "noon", "2026-11-26 25:00Z"])
def test_invalid_datetimes(when: str) -> None:
    assert set(errors_of("client", {"consent_recorded_at": when})) == {"consent_recorded_at"}


# --- ints, enums, text, ids -------------------------------------------------------------------


def test_ints() -> None:
    assert value_of("redundancy_event", "affected_count", 0) == 0
    assert value_of("redundancy_event", "affected_count", 180) == 180
    for bad in (-1, True, 1.5, "12", 2**40):
        assert set(errors_of("redundancy_event", {"affected_count": bad})) == {"affected_count"}


@pytest.mark.parametrize(
    ("record_type", "name", "good", "bad"),
    [
        ("engagement", "kind", "cv_support", "karaoke"),
        ("referral", "status", "accepted", "maybe"),
        ("outcome", "status", "self_employed", "retired"),
        ("redundancy_event", "status", "closed", "Closed"),
        ("employer", "sector", "C", "V"),
    ],
)
def test_enums(record_type: str, name: str, good: str, bad: str) -> None:
    assert value_of(record_type, name, good) == good
    assert set(errors_of(record_type, {name: bad})) == {name}


def test_text_rules() -> None:
    assert value_of("client", "first_name", "  Morag  ") == "Morag"
    assert set(errors_of("client", {"first_name": "a\nb"})) == {"first_name"}
    assert set(errors_of("client", {"first_name": "x" * 101})) == {"first_name"}
    assert set(errors_of("client", {"first_name": "nul\x00byte"})) == {"first_name"}
    assert set(errors_of("client", {"first_name": 7})) == {"first_name"}
    assert value_of("engagement", "notes", "line one\nline two") == "line one\nline two"
    assert set(errors_of("engagement", {"notes": "x" * 10_001})) == {"notes"}


def test_uuids_are_kept_as_written() -> None:
    assert value_of("engagement", "client_id", CLIENT_ID) == CLIENT_ID
    assert set(errors_of("engagement", {"client_id": "client-1"})) == {"client_id"}


# --- required and unknown fields --------------------------------------------------------------


REQUIRED = {
    "employer": {"name"},
    "redundancy_event": {"employer_id"},
    "client": {"first_name", "last_name"},
    "engagement": {"client_id", "kind", "occurred_on"},
    "referral": {"client_id", "to_partner"},
    "outcome": {"client_id", "status", "recorded_on"},
    "employer_support": {"employer_id", "kind", "occurred_on"},
    "consent_change": {"client_id", "share_with", "recorded_at"},
}


def test_the_contract_minimum_field_sets_are_all_known() -> None:
    assert set(RECORD_TYPES) == set(REQUIRED)
    contract = {
        "employer": {"name", "sector", "local_authority"},
        "redundancy_event": {
            "employer_id",
            "site_name",
            "local_authority",
            "announced_on",
            "affected_count",
            "status",
        },
        "client": {
            "first_name",
            "last_name",
            "date_of_birth",
            "ni_number",
            "email",
            "phone",
            "postcode",
            "occupation",
            "event_id",
            "share_with",
            "consent_recorded_at",
        },
        "engagement": {"client_id", "kind", "occurred_on", "notes"},
        "referral": {"client_id", "to_partner", "reason", "status"},
        "outcome": {"client_id", "status", "recorded_on", "months_after"},
    }
    for record_type, names in contract.items():
        assert names <= set(FIELDS[record_type]), record_type
        required = {n for n, spec in FIELDS[record_type].items() if spec.required}
        assert required == REQUIRED[record_type], record_type


@pytest.mark.parametrize("record_type", sorted(REQUIRED))
def test_required_fields_are_needed_to_create(record_type: str) -> None:
    assert set(errors_of(record_type, {}, creating=True)) == REQUIRED[record_type]
    assert errors_of(record_type, {}, creating=False) == {}


def test_required_fields_cannot_be_cleared_but_optional_ones_can() -> None:
    assert errors_of("client", {"first_name": None}) == {"first_name": "is required"}
    assert errors_of("client", {"last_name": "   "}) == {"last_name": "is required"}
    result = validate_fields("client", {"phone": None, "email": ""}, creating=False)
    assert result.ok
    assert result.values == {"phone": None, "email": None}


def test_a_complete_client_validates() -> None:
    result = validate_fields(
        "client",
        {
            "first_name": "Morag",
            "last_name": "Campbell",
            "date_of_birth": "1980-05-17",
            "ni_number": "ab123456c",
            "email": "morag@example.org",
            "phone": "07700 900123",
            "postcode": "ky11 2uu",
            "occupation": "Welder",
            "event_id": CLIENT_ID,
            "share_with": ["DWP"],
            "consent_recorded_at": "2026-11-26T09:00:00Z",
        },
        creating=True,
        known_partners=PARTNERS,
    )
    assert result.ok, result.summary()
    assert result.values["ni_number"] == "AB123456C"
    assert result.values["postcode"] == "KY11 2UU"


def test_unknown_fields_are_rejected_by_name() -> None:
    errors = errors_of("client", {"first_name": "A", "favourite_colour": "blue", "_deleted": 1})
    assert errors == {"favourite_colour": "unknown field", "_deleted": "unknown field"}


def test_unknown_record_type() -> None:
    result = validate_fields("spaceship", {"name": "x"}, creating=True)
    assert not result.ok
    assert result.errors[0].field == "record_type"
    assert "record_type" in result.summary()


def test_summary_names_every_bad_field() -> None:
    result = validate_fields(
        "client", {"ni_number": "QQ123456C", "postcode": "nowhere"}, creating=False
    )
    assert "ni_number" in result.summary()
    assert "postcode" in result.summary()


# --- partner lists ----------------------------------------------------------------------------


def test_share_with_lists() -> None:
    assert value_of("client", "share_with", ["FIFE_COUNCIL", "DWP", "DWP"]) == [
        "DWP",
        "FIFE_COUNCIL",
    ]
    assert value_of("client", "share_with", ["ALL"]) == ["ALL"]
    assert value_of("client", "share_with", []) == []


@pytest.mark.parametrize(
    "bad",
    [["ALL", "DWP"], ["MARS"], ["dwp"], "DWP", [1], [["DWP"]], ["SDS", None]],
)
def test_bad_share_with_lists(bad: object) -> None:
    assert set(errors_of("client", {"share_with": bad})) == {"share_with"}


def test_partner_codes_are_checked_against_the_known_partners() -> None:
    assert value_of("referral", "to_partner", "FIFE_COUNCIL") == "FIFE_COUNCIL"
    assert set(errors_of("referral", {"to_partner": "NOPE"})) == {"to_partner"}
    assert set(errors_of("referral", {"to_partner": "lower"})) == {"to_partner"}
    # Without a list of known partners only the format is checked.
    assert validate_fields("referral", {"to_partner": "NEW_ONE"}, creating=False).ok


def test_personal_fields_cover_the_canary_fields() -> None:
    assert {"ni_number", "first_name", "last_name", "email", "phone", "postcode"} <= (
        personal_fields("client")
    )
    assert "notes" in personal_fields("engagement")
    assert "share_with" not in personal_fields("client")


# --- statistics fields and employer support (decisions.md #9) ---------------------------------

STATISTICS_ENUMS = {
    ("client", "sex"): {"female", "male", "other", "prefer_not_to_say"},
    ("client", "disability"): {"yes", "no", "prefer_not_to_say"},
    ("client", "qualification_level"): {
        "none",
        "scqf_1_4",
        "scqf_5_6",
        "scqf_7_10",
        "scqf_11_12",
        "prefer_not_to_say",
    },
    ("client", "occupation_group"): {*"123456789", "prefer_not_to_say"},
    ("employer_support", "kind"): {
        "initial_meeting",
        "employer_presentation",
        "information_session",
        "redundancy_planning",
        "recruitment_event",
        "training_needs_analysis",
        "other",
    },
}


@pytest.mark.parametrize(("record_type", "name"), sorted(STATISTICS_ENUMS))
def test_statistics_choices_are_exactly_the_agreed_values(record_type: str, name: str) -> None:
    spec = FIELDS[record_type][name]
    assert set(spec.choices) == STATISTICS_ENUMS[(record_type, name)]
    for choice in spec.choices:
        assert value_of(record_type, name, choice) == choice
    assert set(errors_of(record_type, {name: "unknown_value"})) == {name}
    # Every value has its own human label.
    labels = [spec.choice_label(c) for c in spec.choices]
    assert len(set(labels)) == len(labels)
    assert all(label and "_" not in label for label in labels)


def test_personal_statistics_questions_are_personal_and_optional_with_prefer_not_to_say() -> None:
    for name in ("sex", "disability", "qualification_level", "occupation_group"):
        spec = FIELDS["client"][name]
        assert spec.personal, name
        assert not spec.required, name
        assert "prefer_not_to_say" in spec.choices, name
        assert spec.choice_label("prefer_not_to_say") == "Prefer not to say"
    assert "leaving_date" in personal_fields("client")
    assert "decline_reason" in personal_fields("referral")
    assert "notes" in personal_fields("employer_support")


def test_new_dates_are_validated_as_dates() -> None:
    for record_type, name in (
        ("client", "leaving_date"),
        ("outcome", "started_on"),
        ("referral", "referred_on"),
        ("referral", "completed_on"),
        ("employer_support", "occurred_on"),
    ):
        assert value_of(record_type, name, "2026-03-31") == "2026-03-31"
        assert set(errors_of(record_type, {name: "31/03/2026"})) == {name}


def test_employer_support_is_public_and_counts_attendees_from_zero() -> None:
    from pace_shared.records import CHILD_TYPES, PUBLIC_TYPES

    assert "employer_support" in PUBLIC_TYPES
    assert "employer_support" not in CHILD_TYPES
    assert value_of("employer_support", "attendees", 0) == 0
    assert errors_of("employer_support", {"attendees": -1}) == {"attendees": "must be at least 0"}
    assert set(errors_of("employer_support", {"attendees": "12"})) == {"attendees"}
    created = validate_fields(
        "employer_support",
        {"employer_id": CLIENT_ID, "kind": "initial_meeting", "occurred_on": "2026-01-05"},
        creating=True,
    )
    assert created.ok, created.summary()
