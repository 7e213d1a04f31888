"""Security: what text may cross the boundary (issue 8; decisions.md #8). Every pattern is
ASCII-only and matches the whole value; text refuses Unicode control and format characters
(bidi overrides, zero-width characters) except newline and tab in long text and ZWJ/ZWNJ in
names; names are NFC-normalised; ids are canonical lower-case UUIDs. The desktop form and the
server both call ``validate_fields``, so these answers are the same on both sides."""

from __future__ import annotations

import unicodedata

import pytest

from pace_shared.hlc import InvalidHLCError, Timestamp, is_valid, matches_node
from pace_shared.records import is_valid_uuid, validate_fields

PARTNERS = frozenset({"SDS", "DWP", "FIFE_COUNCIL"})
NODE = "0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b"
GOOD_HLC = f"1764158400000-00a0-{NODE}"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def errors_of(record_type: str, fields: dict[str, object], partners: object = PARTNERS) -> set[str]:
    result = validate_fields(record_type, fields, creating=False, known_partners=partners)  # type: ignore[arg-type]
    return {e.field for e in result.errors}


def value_of(record_type: str, name: str, value: object) -> object:
    result = validate_fields(record_type, {name: value}, creating=False, known_partners=PARTNERS)
    assert result.ok, result.summary()
    return result.values[name]


# --- hybrid logical clocks --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        GOOD_HLC + "\n",  # `$` would let a trailing newline through
        "\n" + GOOD_HLC,
        GOOD_HLC.translate(FULLWIDTH),  # `\d` matches every script's digits
        "1764158400000".translate(ARABIC_INDIC) + GOOD_HLC[13:],
        GOOD_HLC.replace("00a0", "00A0"),
        GOOD_HLC.replace("00a0", "００a0"),
        GOOD_HLC + "\u200b",
        GOOD_HLC[:-1] + "ｂ",  # a fullwidth letter in the node
        GOOD_HLC[:-1] + "é",
    ],
)
def test_hlcs_are_ascii_and_match_whole(text: str) -> None:
    assert not is_valid(text)
    with pytest.raises(InvalidHLCError):
        Timestamp.parse(text)


def test_a_good_hlc_still_parses() -> None:
    assert is_valid(GOOD_HLC)
    assert Timestamp.parse(GOOD_HLC) == Timestamp(1764158400000, 0xA0, NODE)


def test_the_node_must_be_exactly_the_device() -> None:
    assert matches_node(GOOD_HLC, NODE)
    assert not matches_node(GOOD_HLC, NODE.upper())
    assert not matches_node(GOOD_HLC, "0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c")
    assert not matches_node(GOOD_HLC + "\n", NODE)
    assert not matches_node(f"1764158400000-00a0-{NODE}-x", NODE)
    assert not matches_node(f"1764158400000-00a0-x{NODE}", NODE)
    assert not matches_node(12, NODE)


# --- patterns of NI numbers, postcodes, phones, dates -----------------------------------------


@pytest.mark.parametrize(
    ("name", "good"),
    [
        ("ni_number", "AB123456C"),
        ("postcode", "EH1 1AB"),
        ("phone", "0131 496 0101"),
        ("date_of_birth", "1980-02-03"),
        ("consent_recorded_at", "2026-11-20T10:00:00Z"),
    ],
)
@pytest.mark.parametrize("digits", [FULLWIDTH, ARABIC_INDIC], ids=["fullwidth", "arabic-indic"])
def test_digits_of_other_scripts_are_refused(name: str, good: str, digits: dict[int, str]) -> None:
    assert value_of("client", name, good)
    assert errors_of("client", {name: good.translate(digits)}) == {name}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ni_number", "AB123456ｃ"),  # fullwidth letter, upper-cases to a fullwidth C
        ("postcode", "EH1 1Aß"),  # upper-cases to "SS"
        ("postcode", "ſW1A 1AA"),  # long s upper-cases to an ASCII S
        ("ni_number", "AB123456C\u200b"),
        ("phone", "0131 496 0101\u202e"),
    ],
)
def test_non_ascii_never_normalises_into_a_valid_pattern(name: str, value: str) -> None:
    assert errors_of("client", {name: value}) == {name}


def test_partner_codes_match_whole_even_without_a_partner_list() -> None:
    for bad in (["DWP\n"], ["ＤＷＰ"], ["DW\u200bP"]):
        assert errors_of("client", {"share_with": bad}, partners=None) == {"share_with"}
    assert errors_of("referral", {"to_partner": "DWP\u200b"}, partners=None) == {"to_partner"}


# --- ids --------------------------------------------------------------------------------------


def test_ids_must_be_canonical_lower_case_uuids() -> None:
    """Upper case is refused, not normalised: the server never rewrites a client's id
    (decisions.md #3), and every id the desktop makes is lower case."""
    assert is_valid_uuid(NODE)
    for bad in (
        NODE.upper(),
        NODE.replace("-", ""),
        "-" * 36,
        NODE + "\n",
        "{" + NODE + "}",
        NODE[:-1] + "ｂ",
    ):
        assert not is_valid_uuid(bad), bad
        assert errors_of("engagement", {"client_id": bad}) == {"client_id"}
        assert errors_of("client", {"event_id": bad}) == {"event_id"}
        assert errors_of("redundancy_event", {"employer_id": bad}) == {"employer_id"}


# --- control and format characters ------------------------------------------------------------

#: Unicode Cc and Cf characters an attacker would use: bidi overrides and isolates, zero-width
#: space, BOM, soft hyphen, C0 and C1 controls, a tag character.
HOSTILE = [
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u061c",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\x1b",
    "\x07",
    "\x7f",
    "\x85",
    "\U000e0041",
]
TEXT_FIELDS = [
    ("client", "first_name"),
    ("client", "last_name"),
    ("client", "occupation"),
    ("client", "email"),
    ("employer", "name"),
    ("employer", "local_authority"),
    ("redundancy_event", "site_name"),
    ("engagement", "notes"),
    ("employer_support", "notes"),
    ("referral", "decline_reason"),
    ("referral", "reason"),
]


def test_the_hostile_list_is_all_cc_or_cf() -> None:
    assert {unicodedata.category(c) for c in HOSTILE} == {"Cc", "Cf"}


@pytest.mark.parametrize("char", HOSTILE, ids=[f"U+{ord(c):04X}" for c in HOSTILE])
@pytest.mark.parametrize(("record_type", "name"), TEXT_FIELDS)
def test_control_and_format_characters_are_refused(record_type: str, name: str, char: str) -> None:
    text = f"ann{char}e@example.com" if name == "email" else f"Ann{char}e"
    assert errors_of(record_type, {name: text}) == {name}


@pytest.mark.parametrize(("record_type", "name"), TEXT_FIELDS[-4:])
def test_long_text_keeps_newlines_and_tabs_only(record_type: str, name: str) -> None:
    assert value_of(record_type, name, "line one\n\tline two") == "line one\n\tline two"
    # Windows line ends become plain newlines rather than a refusal.
    assert value_of(record_type, name, "one\r\ntwo\rthree") == "one\ntwo\nthree"
    for joiner in ("\u200d", "\u200c"):
        assert errors_of(record_type, {name: f"a{joiner}b"}) == {name}


@pytest.mark.parametrize("name", ["first_name", "last_name"])
def test_names_keep_the_joiners_some_scripts_need(name: str) -> None:
    malayalam = "ന്\u200dറ"  # ZWJ forms a chillu
    persian = "می\u200cخواهم"  # ZWNJ separates letters that would join
    assert value_of("client", name, malayalam) == malayalam
    assert value_of("client", name, persian) == persian


@pytest.mark.parametrize(("record_type", "name"), TEXT_FIELDS[:-4])
def test_single_line_text_refuses_tabs_and_unicode_line_breaks(record_type: str, name: str) -> None:
    for breaker in ("\t", "\u2028", "\u2029", "\x0b", "\x0c"):
        text = f"ann{breaker}e@example.com" if name == "email" else f"Ann{breaker}e"
        assert errors_of(record_type, {name: text}) == {name}, repr(breaker)


def test_names_are_nfc_normalised() -> None:
    decomposed = "Zoe\u0301 Mu\u0308ller"
    stored = value_of("client", "first_name", decomposed)
    assert stored == unicodedata.normalize("NFC", decomposed) == "Zoé Müller"
    assert value_of("client", "last_name", "Ma\u0301ire") == "Máire"
    assert value_of("employer", "name", "Cafe\u0301 Ltd") == "Café Ltd"


def test_lone_surrogates_are_refused() -> None:
    assert errors_of("client", {"first_name": "Ann\ud800"}) == {"first_name"}
    assert errors_of("engagement", {"notes": "x\udfff"}) == {"notes"}


def test_ordinary_unicode_text_is_kept() -> None:
    for text in ("Siobhán Ó Briain", "Łukasz Wróbel", "Dvořák", "محمد", "陈伟", "O'Neil-Smith"):
        assert value_of("client", "first_name", text) == text
    assert value_of("engagement", "notes", "CV done ✓ — next: interview 😀") == (
        "CV done ✓ — next: interview 😀"
    )
