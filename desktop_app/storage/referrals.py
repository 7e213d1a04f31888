"""Referrals follow consent (decisions.md #7): a referral may only go to a partner the person
agreed to share with (``share_with``, ``["ALL"]`` = every partner; the owner always).

When it is not covered, the partner that owns the record may record the person's consent first
(the adviser confirms the person agreed) and refer in the same step: the consent change is
queued first, so the push carries it before the referral and the server accepts both. Any other
partner cannot change consent and is told to ask the owner; nothing is queued.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from desktop_app.errors import SessionError
from desktop_app.storage.repository import Repository, consent_fields
from desktop_app.storage.views import RecordNotFoundError, RecordValidationError
from pace_shared import reference
from pace_shared.messages import user_message
from pace_shared.records import CONSENT_METHODS, SHARE_ALL, RecordType, validate_fields


class ReferralConsent(StrEnum):
    #: The person's consent already covers the partner: refer.
    COVERED = "covered"
    #: Not covered, and this partner owns the record: it may record consent first.
    NEEDS_CONSENT = "needs_consent"
    #: Not covered, and another partner owns the record: only the owner can record consent.
    ASK_OWNER = "ask_owner"


class ConsentRequiredError(SessionError):
    """The referral is outside the person's consent; ``str()`` says what to do."""


def partner_label(code: str | None) -> str:
    return reference.partner_names().get(code or "", code or "another partner")


def consent_covers(fields: Mapping[str, Any], owner: str | None, partner: str) -> bool:
    share_with = fields.get("share_with") or []
    return partner == owner or SHARE_ALL in share_with or partner in share_with


def referral_consent(repo: Repository, client_id: str, to_partner: str) -> ReferralConsent:
    person = repo.get(client_id)
    if person is None or person.deleted:
        raise RecordNotFoundError(client_id)
    if consent_covers(person.fields, person.owner_partner, to_partner):
        return ReferralConsent.COVERED
    if person.owner_partner == repo.partner:
        return ReferralConsent.NEEDS_CONSENT
    return ReferralConsent.ASK_OWNER


def ask_owner_message(repo: Repository, client_id: str, to_partner: str) -> str:
    person = repo.get(client_id)
    owner = partner_label(person.owner_partner if person else None)
    return user_message(
        "errors",
        "This person has not agreed to share their record with {partner}. Only {owner}, who "
        "recorded them, can record that consent: ask {owner} to record it, then make the "
        "referral. Nothing was saved.",
    ).format(partner=partner_label(to_partner), owner=owner)


def widened_consent(share_with: list[str] | None, partner: str) -> list[str]:
    current = list(share_with or [])
    return current if SHARE_ALL in current or partner in current else [*current, partner]


def refer(
    repo: Repository,
    client_id: str,
    referral: Mapping[str, Any],
    *,
    record_consent: bool = False,
    consent_method: str | None = None,
) -> str:
    """Save a referral of ``client_id``; the new referral's id.

    ``record_consent``: the adviser confirmed the person agreed to share with the referral's
    partner, so the consent is widened first when needed (owner only), recorded in the consent
    history with ``consent_method`` (how the person gave it: required when consent widens).
    Raises ConsentRequiredError when the referral is outside consent and cannot (or may not)
    widen it, or when consent would widen without saying how it was given.
    """
    fields = {**referral, "client_id": client_id}
    to_partner = str(fields.get("to_partner") or "")
    need = referral_consent(repo, client_id, to_partner)
    if need is ReferralConsent.ASK_OWNER:
        raise ConsentRequiredError(ask_owner_message(repo, client_id, to_partner))
    if need is ReferralConsent.NEEDS_CONSENT:
        if not record_consent:
            raise ConsentRequiredError(
                user_message(
                    "errors",
                    "This person has not agreed to share their record with {partner}: record "
                    "their consent first.",
                ).format(partner=partner_label(to_partner))
            )
        if consent_method not in CONSENT_METHODS:
            raise ConsentRequiredError(
                user_message(
                    "errors",
                    "Say how the person gave their consent to share with {partner}. Nothing "
                    "was saved.",
                ).format(partner=partner_label(to_partner))
            )
        # Check the referral before touching consent, so a bad referral changes nothing.
        checked = validate_fields(
            RecordType.REFERRAL, fields, creating=True, known_partners=repo.known_partners
        )
        if not checked.ok:
            raise RecordValidationError(checked.errors)
        person = repo.get(client_id)
        share_with = widened_consent(
            person.fields.get("share_with") if person else None, to_partner
        )
        # First in the outbox, so the server sees the consent before the referral; the same
        # save as the person view's, so the consent history entry is written the same way.
        repo.save(
            RecordType.CLIENT,
            consent_fields(share_with),
            record_id=client_id,
            consent_method=consent_method,
        )
    return repo.save(RecordType.REFERRAL, fields)
