"""Record types, their fields and the validation both sides apply.

The desktop app validates as the adviser types; the server validates again on push, because a
server never trusts a client. Both call :func:`validate_fields`, so they always agree.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pace_shared.messages import UserMessage, user_message


class RecordType(StrEnum):
    EMPLOYER = "employer"
    REDUNDANCY_EVENT = "redundancy_event"
    CLIENT = "client"
    ENGAGEMENT = "engagement"
    REFERRAL = "referral"
    OUTCOME = "outcome"
    #: Support given to an employer (a meeting, a presentation), not to a person.
    EMPLOYER_SUPPORT = "employer_support"


#: Visible to every partner.
PUBLIC_TYPES = frozenset(
    {RecordType.EMPLOYER, RecordType.REDUNDANCY_EVENT, RecordType.EMPLOYER_SUPPORT}
)
#: Visible exactly where their client is; the value is the field naming the client.
CHILD_TYPES: Mapping[str, str] = {
    RecordType.ENGAGEMENT: "client_id",
    RecordType.REFERRAL: "client_id",
    RecordType.OUTCOME: "client_id",
}
#: What each record type is, in one sentence (the data standard prints it).
RECORD_TYPE_DEFINITIONS: Mapping[str, str] = {
    RecordType.EMPLOYER: "An organisation making, or about to make, redundancies.",
    RecordType.REDUNDANCY_EVENT: "One announcement of redundancies at one employer's site, "
    "where PACE partners support the people affected.",
    RecordType.CLIENT: "A person facing or affected by redundancy whom a partner supports.",
    RecordType.ENGAGEMENT: "One contact in which a partner supported a person.",
    RecordType.REFERRAL: "A person's referral by one partner to another for specific support.",
    RecordType.OUTCOME: "What a person was doing at a follow-up after leaving their job.",
    RecordType.EMPLOYER_SUPPORT: "Support a partner gave to an employer rather than to a person, "
    "such as a meeting or an information session for staff.",
}
#: ``share_with`` value meaning every partner.
SHARE_ALL = "ALL"

ENGAGEMENT_KIND_CHOICES = (
    ("initial_session", "Initial session"),
    ("one_to_one", "One-to-one"),
    ("cv_support", "CV support"),
    ("job_search", "Job search"),
    ("benefits_advice", "Benefits advice"),
    ("training_funding", "Training funding"),
    ("money_advice", "Money advice"),
    ("wellbeing", "Wellbeing"),
    ("other", "Other"),
)
REFERRAL_STATUS_CHOICES = (
    ("open", "Open (made, not yet taken up)"),
    ("accepted", "Accepted by the receiving partner"),
    ("completed", "Completed"),
    ("declined", "Declined"),
)
OUTCOME_STATUS_CHOICES = (
    ("employed", "Employed"),
    ("self_employed", "Self-employed"),
    ("training", "In training"),
    ("education", "In education"),
    ("unemployed", "Unemployed"),
    ("unknown", "Not known"),
)
EVENT_STATUS_CHOICES = (("open", "Open"), ("closed", "Closed"))
ENGAGEMENT_KINDS = tuple(v for v, _ in ENGAGEMENT_KIND_CHOICES)
REFERRAL_STATUSES = tuple(v for v, _ in REFERRAL_STATUS_CHOICES)
OUTCOME_STATUSES = tuple(v for v, _ in OUTCOME_STATUS_CHOICES)
EVENT_STATUSES = tuple(v for v, _ in EVENT_STATUS_CHOICES)
SIC_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")
#: The answer every personal question offers (decisions.md #9).
PREFER_NOT_TO_SAY = "prefer_not_to_say"
_PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"

# Values with their human labels, in the order a form offers them (one declaration: the form,
# the data standard and the reports all read these).
SEX_CHOICES = (
    ("female", "Female"),
    ("male", "Male"),
    ("other", "Other"),
    (PREFER_NOT_TO_SAY, _PREFER_NOT_TO_SAY_LABEL),
)
DISABILITY_CHOICES = (
    ("yes", "Yes"),
    ("no", "No"),
    (PREFER_NOT_TO_SAY, _PREFER_NOT_TO_SAY_LABEL),
)
QUALIFICATION_CHOICES = (
    ("none", "No qualifications"),
    ("scqf_1_4", "SCQF levels 1–4 (e.g. National 1–4)"),
    ("scqf_5_6", "SCQF levels 5–6 (e.g. National 5, Higher)"),
    ("scqf_7_10", "SCQF levels 7–10 (e.g. Advanced Higher, HNC, HND, degree)"),
    ("scqf_11_12", "SCQF levels 11–12 (e.g. master's degree, doctorate)"),
    (PREFER_NOT_TO_SAY, _PREFER_NOT_TO_SAY_LABEL),
)
#: SOC 2020 major groups.
OCCUPATION_GROUP_CHOICES = (
    ("1", "1 Managers, directors and senior officials"),
    ("2", "2 Professional occupations"),
    ("3", "3 Associate professional occupations"),
    ("4", "4 Administrative and secretarial occupations"),
    ("5", "5 Skilled trades occupations"),
    ("6", "6 Caring, leisure and other service occupations"),
    ("7", "7 Sales and customer service occupations"),
    ("8", "8 Process, plant and machine operatives"),
    ("9", "9 Elementary occupations"),
    (PREFER_NOT_TO_SAY, _PREFER_NOT_TO_SAY_LABEL),
)
EMPLOYER_SUPPORT_KINDS = (
    ("initial_meeting", "Initial meeting"),
    ("employer_presentation", "Presentation to the employer"),
    ("information_session", "Information session for staff"),
    ("redundancy_planning", "Redundancy planning"),
    ("recruitment_event", "Recruitment event"),
    ("training_needs_analysis", "Training needs analysis"),
    ("other", "Other"),
)

# Every pattern is used with ``fullmatch`` (``$`` would let a trailing newline through) and
# spells its classes in ASCII (``\d`` would take any script's digits): what crosses the boundary
# is exactly what the pattern says.
# HMRC rules: no D, F, I, Q, U, V in either prefix letter, no O second, some prefixes never used.
_NINO_RE = re.compile(
    r"(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]", re.ASCII
)
# UK postcode, including the special GIR 0AA; the space is optional on entry.
_POSTCODE_RE = re.compile(
    r"GIR ?0AA|[A-PR-UWYZ]([0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2}",
    re.ASCII,
)
_EMAIL_RE = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}")
_PHONE_RE = re.compile(r"\+?[0-9 ()-]{6,20}", re.ASCII)
#: Canonical UUIDs only: lower-case hex, 8-4-4-4-12. Upper case is refused, not normalised,
#: because an id is the client's own and never rewritten (decisions.md #3).
UUID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUID_RE = re.compile(UUID_PATTERN, re.ASCII)
_PARTNER_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{1,31}", re.ASCII)
#: Zero-width joiner and non-joiner: format characters some scripts need inside names.
NAME_JOINERS = frozenset({"\u200d", "\u200c"})
#: Line structure long text keeps; every other control character is refused.
LONG_TEXT_CONTROLS = frozenset({"\n", "\t"})
#: Control (Cc), format (Cf: bidi overrides, zero-width characters) and lone surrogates (Cs,
#: which no UTF-8 store can hold).
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_LINE_BREAKS = frozenset({"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"})


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    ENUM = "enum"
    NINO = "nino"
    POSTCODE = "postcode"
    EMAIL = "email"
    PHONE = "phone"
    UUID = "uuid"
    PARTNER = "partner"
    PARTNER_LIST = "partner_list"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: Kind
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 200
    minimum: int | None = None
    #: Personal data: never logged, never in audit values, scanned for in the canary tests.
    personal: bool = False
    #: A name: NFC-normalised, and may hold the joiners some scripts need (NAME_JOINERS).
    is_name: bool = False
    #: Human labels of ``choices``, in the same order (empty: derived from the values).
    choice_labels: tuple[str, ...] = ()
    #: One sentence saying what the field records (the data standard prints it).
    definition: str = ""

    def choice_label(self, value: str) -> str:
        """The human label of one allowed value."""
        if value in self.choices and len(self.choice_labels) == len(self.choices):
            return self.choice_labels[self.choices.index(value)]
        return value.replace("_", " ").capitalize()


def _spec(kind: Kind, label: str, **kw: Any) -> FieldSpec:
    return FieldSpec(kind, label, **kw)


def _person_link(definition: str) -> FieldSpec:
    """The ``client_id`` of a child record: its person, whose sight it shares."""
    return FieldSpec(Kind.UUID, "Person", required=True, definition=definition)


def _labelled(kind: Kind, label: str, pairs: tuple[tuple[str, str], ...], **kw: Any) -> FieldSpec:
    """An enum field whose allowed values carry human labels."""
    return FieldSpec(
        kind,
        label,
        choices=tuple(v for v, _ in pairs),
        choice_labels=tuple(t for _, t in pairs),
        **kw,
    )


FIELDS: Mapping[str, Mapping[str, FieldSpec]] = {
    RecordType.EMPLOYER: {
        "name": _spec(
            Kind.TEXT,
            "Employer name",
            required=True,
            is_name=True,
            definition="The employer's trading name.",
        ),
        "sector": _spec(
            Kind.ENUM,
            "Sector (SIC 2007 section)",
            choices=SIC_SECTIONS,
            definition="The employer's main industry, as a section of the UK Standard "
            "Industrial Classification 2007.",
        ),
        "local_authority": _spec(
            Kind.TEXT,
            "Council area",
            definition="The Scottish council area of the employer's main site.",
        ),
    },
    RecordType.REDUNDANCY_EVENT: {
        "employer_id": _spec(
            Kind.UUID,
            "Employer",
            required=True,
            definition="The employer making the redundancies.",
        ),
        "site_name": _spec(
            Kind.TEXT, "Site", definition="The site or workplace the redundancies affect."
        ),
        "local_authority": _spec(
            Kind.TEXT,
            "Council area",
            definition="The Scottish council area of the affected site.",
        ),
        "announced_on": _spec(
            Kind.DATE,
            "Date announced",
            definition="The date the employer announced the redundancies or notified PACE.",
        ),
        "affected_count": _spec(
            Kind.INT,
            "Number affected",
            minimum=0,
            definition="How many employees the redundancies put at risk.",
        ),
        "status": _labelled(
            Kind.ENUM,
            "Status",
            EVENT_STATUS_CHOICES,
            definition="Whether PACE support at the event is still under way.",
        ),
    },
    RecordType.CLIENT: {
        "first_name": _spec(
            Kind.TEXT,
            "First name",
            required=True,
            max_length=100,
            personal=True,
            is_name=True,
            definition="The name the person is known by.",
        ),
        "last_name": _spec(
            Kind.TEXT,
            "Last name",
            required=True,
            max_length=100,
            personal=True,
            is_name=True,
            definition="The person's family name.",
        ),
        "date_of_birth": _spec(
            Kind.DATE, "Date of birth", personal=True, definition="The person's date of birth."
        ),
        "ni_number": _spec(
            Kind.NINO,
            "NI number",
            personal=True,
            definition="The person's National Insurance number, used to tell people apart.",
        ),
        "email": _spec(
            Kind.EMAIL,
            "E-mail",
            max_length=254,
            personal=True,
            definition="An e-mail address the person agreed to be contacted at.",
        ),
        "phone": _spec(
            Kind.PHONE,
            "Phone",
            personal=True,
            definition="A phone number the person agreed to be contacted on.",
        ),
        "postcode": _spec(
            Kind.POSTCODE,
            "Postcode",
            personal=True,
            definition="The postcode of the person's home address.",
        ),
        "occupation": _spec(
            Kind.TEXT,
            "Occupation",
            personal=True,
            definition="The person's job title in their own words.",
        ),
        "event_id": _spec(
            Kind.UUID,
            "Event",
            definition="The redundancy event at which the person was registered.",
        ),
        # Equality monitoring and statistics (decisions.md #9): optional, personal, and each
        # offers "Prefer not to say".
        "sex": _labelled(
            Kind.ENUM,
            "Sex",
            SEX_CHOICES,
            personal=True,
            definition="The person's sex as they describe it.",
        ),
        "disability": _labelled(
            Kind.ENUM,
            "Disability",
            DISABILITY_CHOICES,
            personal=True,
            definition="Whether the person considers themselves to have a disability or a "
            "long-term health condition.",
        ),
        "qualification_level": _labelled(
            Kind.ENUM,
            "Highest qualification",
            QUALIFICATION_CHOICES,
            personal=True,
            definition="The person's highest qualification, as its level on the Scottish Credit "
            "and Qualifications Framework (SCQF).",
        ),
        "occupation_group": _labelled(
            Kind.ENUM,
            "Occupation group",
            OCCUPATION_GROUP_CHOICES,
            personal=True,
            definition="The major group (SOC 2020) of the job the person is leaving or has left.",
        ),
        "leaving_date": _spec(
            Kind.DATE,
            "Last day in the job",
            personal=True,
            definition="The date the person's job ends or ended because of the redundancy.",
        ),
        "share_with": _spec(
            Kind.PARTNER_LIST,
            "Share with",
            definition="The partners the person agreed may see their record (ALL for every "
            "partner; empty for the recording partner only).",
        ),
        "consent_recorded_at": _spec(
            Kind.DATETIME,
            "Consent recorded at",
            definition="When the person's choice of who may see their record was last recorded.",
        ),
    },
    RecordType.ENGAGEMENT: {
        "client_id": _person_link("The person the engagement was with."),
        "kind": _labelled(
            Kind.ENUM,
            "Kind",
            ENGAGEMENT_KIND_CHOICES,
            required=True,
            definition="What kind of support the engagement gave the person.",
        ),
        "occurred_on": _spec(
            Kind.DATE, "Date", required=True, definition="The date the engagement took place."
        ),
        "notes": _spec(
            Kind.LONG_TEXT,
            "Notes",
            max_length=10_000,
            personal=True,
            definition="The adviser's notes of the engagement.",
        ),
    },
    RecordType.REFERRAL: {
        "client_id": _person_link("The person referred."),
        "to_partner": _spec(
            Kind.PARTNER,
            "Referred to",
            required=True,
            definition="The partner the person was referred to; within the person's consent.",
        ),
        "reason": _spec(
            Kind.LONG_TEXT,
            "Reason",
            max_length=2_000,
            personal=True,
            definition="What the person was referred for.",
        ),
        "status": _labelled(
            Kind.ENUM,
            "Status",
            REFERRAL_STATUS_CHOICES,
            definition="How far the referral has got.",
        ),
        "referred_on": _spec(
            Kind.DATE, "Referred on", definition="The date the referral was made."
        ),
        "completed_on": _spec(
            Kind.DATE,
            "Completed on",
            definition="The date the receiving partner completed the referral.",
        ),
        "decline_reason": _spec(
            Kind.LONG_TEXT,
            "Reason declined",
            max_length=2_000,
            personal=True,
            definition="Why the referral was declined, by the person or by the receiving partner.",
        ),
    },
    RecordType.OUTCOME: {
        "client_id": _person_link("The person whose outcome this is."),
        "status": _labelled(
            Kind.ENUM,
            "Outcome",
            OUTCOME_STATUS_CHOICES,
            required=True,
            definition="What the person was doing when the outcome was recorded.",
        ),
        "recorded_on": _spec(
            Kind.DATE,
            "Recorded on",
            required=True,
            definition="The date the outcome was found out and recorded.",
        ),
        "months_after": _spec(
            Kind.INT,
            "Months after",
            minimum=0,
            definition="How many months after leaving the job the outcome follows up (3, 6 "
            "or 12 in the PACE follow-ups).",
        ),
        "started_on": _spec(
            Kind.DATE,
            "Started on",
            definition="The date the person started the job, training or education recorded "
            "as the outcome.",
        ),
    },
    RecordType.EMPLOYER_SUPPORT: {
        "employer_id": _spec(
            Kind.UUID,
            "Employer",
            required=True,
            definition="The employer the support was given to.",
        ),
        "event_id": _spec(
            Kind.UUID,
            "Event",
            definition="The redundancy event the support belongs to, if any.",
        ),
        "kind": _labelled(
            Kind.ENUM,
            "Kind of support",
            EMPLOYER_SUPPORT_KINDS,
            required=True,
            definition="What kind of support was given.",
        ),
        "occurred_on": _spec(
            Kind.DATE, "Date", required=True, definition="The date the support was given."
        ),
        "attendees": _spec(
            Kind.INT,
            "Attendees",
            minimum=0,
            definition="How many of the employer's staff attended.",
        ),
        # Public like the employer, but free text may name the employer's staff: personal, so
        # it is never logged.
        "notes": _spec(
            Kind.LONG_TEXT,
            "Notes",
            max_length=10_000,
            personal=True,
            definition="Notes on the support given, which every partner reads, so never about "
            "an individual.",
        ),
    },
}

# --- Consent history (issue 11; governance) ---------------------------------------------------
# One ``consent_change`` per change of who may see a person: what the person agreed to
# (``share_with``), when, how, and which adviser recorded it. The app writes it with the
# person's own consent change, in the same store transaction; it is a child of the person, so it
# is visible exactly where the person is and is purged with them. Kept in one block (and bound
# into FIELDS and CHILD_TYPES here) so other edits to this module never touch it.
CONSENT_CHANGE = "consent_change"
CONSENT_METHODS = ("verbal", "written", "electronic")
FIELDS = {
    **FIELDS,
    CONSENT_CHANGE: {
        "client_id": _person_link("The person whose consent this entry records."),
        "share_with": _spec(
            Kind.PARTNER_LIST,
            "Shared with",
            required=True,
            definition="The partners the person agreed may see their record from then on.",
        ),
        "recorded_at": _spec(
            Kind.DATETIME,
            "Recorded at",
            required=True,
            definition="When the adviser recorded the person's consent (UTC).",
        ),
        "method": _labelled(
            Kind.ENUM,
            "How consent was given",
            (("verbal", "Verbal"), ("written", "Written"), ("electronic", "Electronic")),
            definition="How the person gave their consent.",
        ),
        "adviser": _spec(
            Kind.TEXT,
            "Recorded by",
            max_length=100,
            definition="The adviser who recorded the consent.",
        ),
    },
}
CHILD_TYPES = {**CHILD_TYPES, CONSENT_CHANGE: "client_id"}
RECORD_TYPE_DEFINITIONS = {
    **RECORD_TYPE_DEFINITIONS,
    CONSENT_CHANGE: "One change of who may see a person's record: when, how consent was given, "
    "and by which adviser.",
}
# --- end of consent history --------------------------------------------------------------------

RECORD_TYPES = frozenset(FIELDS)
#: A person and everything recorded about them: the types a data-sharing agreement covers.
PERSON_TYPES = frozenset({RecordType.CLIENT, *CHILD_TYPES})


def withholdable_fields(record_type: str) -> frozenset[str]:
    """Optional personal fields of a person's records: the only ones a data-sharing agreement
    may withhold from partners other than the one that recorded them (names, links, consent
    and required fields are what makes a shared record usable at all)."""
    specs = FIELDS.get(record_type, {})
    return frozenset(n for n, s in specs.items() if s.personal and not s.required)


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(slots=True)
class ValidationResult:
    """Normalised field values, or the errors that stop them."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return "; ".join(str(e) for e in self.errors)


def normalise_ni_number(text: str) -> str:
    return "".join(text.split()).upper()


def is_valid_ni_number(text: str) -> bool:
    return text.isascii() and bool(_NINO_RE.fullmatch(normalise_ni_number(text)))


def normalise_postcode(text: str) -> str:
    """Upper case with the single space before the inward code, as Royal Mail writes it."""
    compact = "".join(text.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def is_valid_postcode(text: str) -> bool:
    return text.isascii() and bool(_POSTCODE_RE.fullmatch(normalise_postcode(text)))


def is_valid_email(text: str) -> bool:
    return len(text) <= 254 and bool(_EMAIL_RE.fullmatch(text))


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_date(text: str) -> dt.date:
    if not _DATE_RE.fullmatch(text):
        raise ValueError(user_message("validation", "not a date in the form YYYY-MM-DD"))
    return dt.date.fromisoformat(text)


def parse_datetime(text: str) -> dt.datetime:
    if not text.isascii():  # fromisoformat is lenient about what it takes for a digit
        raise ValueError(user_message("validation", "not a date and time in ISO 8601 form"))
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(
            user_message("validation", "a time needs its time zone (UTC, ending in Z)")
        )
    return value


def is_valid_uuid(text: object) -> bool:
    return isinstance(text, str) and bool(_UUID_RE.fullmatch(text))


def is_valid_partner_code(text: object) -> bool:
    return isinstance(text, str) and bool(_PARTNER_CODE_RE.fullmatch(text))


Partners = Collection[str] | None


def _int(spec: FieldSpec, value: Any, _partners: Partners) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(user_message("validation", "must be a whole number"))
    if spec.minimum is not None and value < spec.minimum:
        raise ValueError(
            user_message("validation", "must be at least {minimum}").format(minimum=spec.minimum)
        )
    if abs(value) > 2**31:
        raise ValueError(user_message("validation", "is too large"))
    return int(value)


def _known_partner(code: str, partners: Partners) -> str:
    if not is_valid_partner_code(code) or (partners is not None and code not in partners):
        raise ValueError(user_message("validation", "unknown partner {code}").format(code=code))
    return code


def _partner_list(_spec: FieldSpec, value: Any, partners: Partners) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(user_message("validation", "must be a list of partner codes"))
    codes = sorted(set(value))
    if SHARE_ALL in codes and len(codes) > 1:
        raise ValueError(user_message("validation", '"ALL" cannot be combined with other partners'))
    for code in codes:
        if code != SHARE_ALL:
            _known_partner(code, partners)
    return codes


def _text(spec: FieldSpec, text: str, _partners: Partners) -> str:
    if spec.is_name:
        # One spelling per name, so duplicates are found and what is shown is what is stored.
        text = unicodedata.normalize("NFC", text)
    if len(text) > spec.max_length:
        raise ValueError(
            user_message("validation", "must be at most {count} characters").format(
                count=spec.max_length
            )
        )
    return text


def _allowed_controls(spec: FieldSpec) -> frozenset[str]:
    if spec.kind is Kind.LONG_TEXT:
        return LONG_TEXT_CONTROLS
    return NAME_JOINERS if spec.is_name else frozenset()


def _refuse_invisible(spec: FieldSpec, text: str) -> str:
    """Refuse control and format characters (bidi overrides, zero-width characters, escapes)
    that can hide or reorder what a reader sees, keeping only what the field needs."""
    if spec.kind is Kind.LONG_TEXT:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    elif spec.kind is Kind.TEXT and not _LINE_BREAKS.isdisjoint(text):
        raise ValueError(user_message("validation", "must be a single line"))
    allowed = _allowed_controls(spec)
    for char in text:
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES and char not in allowed:
            raise ValueError(
                user_message(
                    "validation", "contains an invisible or control character ({code_point})"
                ).format(code_point=f"U+{ord(char):04X}")
            )
    return text


def _enum(spec: FieldSpec, text: str, _partners: Partners) -> str:
    if text not in spec.choices:
        raise ValueError(
            user_message("validation", "must be one of {choices}").format(
                choices=", ".join(spec.choices)
            )
        )
    return text


def _date(_spec: FieldSpec, text: str, _partners: Partners) -> str:
    try:
        parsed = parse_date(text)
    except ValueError:
        raise ValueError(user_message("validation", "not a valid date (YYYY-MM-DD)")) from None
    if parsed.year < 1900 or parsed.year > 2200:
        raise ValueError(user_message("validation", "is outside the range of plausible dates"))
    return text


def _datetime(_spec: FieldSpec, text: str, _partners: Partners) -> str:
    try:
        parsed = parse_datetime(text)
    except ValueError:
        raise ValueError(
            user_message("validation", "not a valid date and time (ISO 8601, UTC)")
        ) from None
    return parsed.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _matching(
    pattern: re.Pattern[str], message: str, normalise: Callable[[str], str] | None = None
) -> Callable[[FieldSpec, str, Partners], str]:
    def check(_spec: FieldSpec, text: str, _partners: Partners) -> str:
        if not text.isascii():  # before normalising: "ſ".upper() is an ASCII "S"
            raise ValueError(message)
        value = normalise(text) if normalise else text
        if not pattern.fullmatch(value):
            raise ValueError(message)
        return value

    return check


def _email(_spec: FieldSpec, text: str, _partners: Partners) -> str:
    if not is_valid_email(text):
        raise ValueError(user_message("validation", "not a valid e-mail address"))
    return text


def _partner(_spec: FieldSpec, text: str, partners: Partners) -> str:
    return _known_partner(text, partners)


#: Checks of values that are not text.
_VALUE_CHECKS = {Kind.INT: _int, Kind.PARTNER_LIST: _partner_list}
#: Checks of text values, given the text with surrounding spaces stripped.
_TEXT_CHECKS = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.ENUM: _enum,
    Kind.DATE: _date,
    Kind.DATETIME: _datetime,
    Kind.NINO: _matching(
        _NINO_RE,
        user_message("validation", "not a valid National Insurance number"),
        normalise_ni_number,
    ),
    Kind.POSTCODE: _matching(
        _POSTCODE_RE, user_message("validation", "not a valid UK postcode"), normalise_postcode
    ),
    Kind.EMAIL: _email,
    Kind.PHONE: _matching(_PHONE_RE, user_message("validation", "not a valid phone number")),
    # Record ids are the client's own: checked, never rewritten.
    Kind.UUID: _matching(_UUID_RE, user_message("validation", "not a valid record id")),
    Kind.PARTNER: _partner,
}
assert set(_VALUE_CHECKS) | set(_TEXT_CHECKS) == set(Kind)


_REQUIRED = user_message("validation", "is required")


def _message_of(exc: ValueError) -> str:
    """The exception's message, kept translatable when it is a user message."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, UserMessage) else str(exc)


def _check(spec: FieldSpec, value: Any, known_partners: Partners) -> Any:
    """Return the normalised value or raise ValueError with a message fit for a user."""
    value_check = _VALUE_CHECKS.get(spec.kind)
    if value_check is not None:
        return value_check(spec, value, known_partners)
    if not isinstance(value, str):
        raise ValueError(user_message("validation", "must be text"))
    # On the value as sent, before stripping: a control character is refused wherever it is.
    text = _refuse_invisible(spec, value)
    return _TEXT_CHECKS[spec.kind](spec, text.strip(), known_partners)


def validate_fields(
    record_type: str,
    fields: Mapping[str, Any],
    *,
    creating: bool,
    known_partners: Collection[str] | None = None,
) -> ValidationResult:
    """Validate and normalise one change's fields.

    ``None`` clears an optional field. Required fields must be present when a record is
    created and can never be cleared. Unknown fields are errors.
    """
    result = ValidationResult()
    specs = FIELDS.get(record_type)
    if specs is None:
        result.errors.append(
            FieldError(
                "record_type",
                user_message("validation", "unknown record type {type}").format(type=record_type),
            )
        )
        return result
    for name, value in fields.items():
        spec = specs.get(name)
        if spec is None:
            result.errors.append(FieldError(name, user_message("validation", "unknown field")))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                result.errors.append(FieldError(name, _REQUIRED))
            else:
                result.values[name] = None
            continue
        try:
            result.values[name] = _check(spec, value, known_partners)
        except ValueError as exc:
            result.errors.append(FieldError(name, _message_of(exc)))
    if creating:
        result.errors.extend(missing_required(record_type, fields))
    return result


def missing_required(record_type: str, fields: Mapping[str, Any]) -> list[FieldError]:
    """Required fields absent from a record's first change."""
    return [
        FieldError(name, _REQUIRED)
        for name, spec in FIELDS.get(record_type, {}).items()
        if spec.required and name not in fields
    ]


def referral_status_change(status: str, on: dt.date) -> dict[str, Any]:
    """The fields a change of a referral's status writes: a completed referral also records
    the day it was completed (``completed_on``), which the statistics count from."""
    fields: dict[str, Any] = {"status": status}
    if status == "completed":
        fields["completed_on"] = on.isoformat()
    return fields


def personal_fields(record_type: str) -> frozenset[str]:
    return frozenset(n for n, s in FIELDS.get(record_type, {}).items() if s.personal)
