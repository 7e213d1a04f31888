"""Client fields as linkage compares them: one flat row per live person record.

Names lose case, accents and punctuation ("O'Neill" = "oneill"); postcodes are written as
Royal Mail writes them; phone numbers keep their digits, with +44 read as a leading 0. Values
stay in memory only: these rows are never logged or written anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypedDict

from pace_shared.records import normalise_ni_number, normalise_postcode
from sync_server.linkage.nicknames import canonical, name_keys


class LinkRow(TypedDict):
    unique_id: str
    first_name: str | None
    last_name: str | None
    first_name_keys: list[str]
    #: Both names, each as its formal form, in sorted order: the same for "Smith John".
    name_pair: str | None
    date_of_birth: str | None
    ni_number: str | None
    postcode: str | None
    email: str | None
    phone: str | None


#: The client fields linkage reads; nothing else of a record is needed.
LINKED_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "ni_number",
    "postcode",
    "email",
    "phone",
)

_NOT_DIGIT = re.compile("[^0-9]+")


def clean_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if value.isascii():  # most names: nothing to decompose, and casefold is lower
        return "".join(filter(str.isalpha, value.lower())) or None
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))
    return letters or None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def clean_phone(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    digits = _NOT_DIGIT.sub("", value)
    if digits.startswith("44") and len(digits) == 12:  # +44 7700 900123 = 07700 900123
        digits = "0" + digits[2:]
    return digits or None


def _upper(value: Any, normalise: Any) -> str | None:
    text = _text(value)
    return normalise(text) if text else None


def link_row(record_id: str, fields: Mapping[str, Any]) -> LinkRow:
    first = clean_name(fields.get("first_name"))
    last = clean_name(fields.get("last_name"))
    pair = sorted(canonical(n) for n in (first, last) if n)
    email = _text(fields.get("email"))
    return LinkRow(
        unique_id=record_id,
        first_name=first,
        last_name=last,
        first_name_keys=name_keys(first) if first else [],
        name_pair=" ".join(pair) if len(pair) == 2 else None,
        date_of_birth=_text(fields.get("date_of_birth")),
        ni_number=_upper(fields.get("ni_number"), normalise_ni_number),
        postcode=_upper(fields.get("postcode"), normalise_postcode),
        email=email.casefold() if email else None,
        phone=clean_phone(fields.get("phone")),
    )
