"""Every consent change the store writes says how the person gave their consent: a save that
would record one without a method is refused and writes nothing. Entries already held without
one (older apps, pulled from the server) still load."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from desktop_app.storage.repository import CONSENT_NOT_ASKED, Repository
from desktop_app.storage.views import RecordValidationError
from pace_shared.records import CONSENT_CHANGE
from pace_shared.wire import PullItem
from tests.desktop_core.conftest import LocalStore

CONSENT_AT = "2026-11-20T10:00:00.000Z"
#: Written on the server by another SDS device running an older app.
OLD_DEVICE = "0190aaaa-0000-7000-8000-000000000099"
OLD_STAMP = f"1764158400000-0000-{OLD_DEVICE}"
NO_METHODS = (None, "", "telepathy")


def whole_store(repo: Repository) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (records, outbox, the people index, settings with the clock)."""
    with repo.reading() as conn:
        tables = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        # Table names come from sqlite_master, not from input.
        return {
            name: sorted(
                (tuple(row) for row in conn.execute(text(f'SELECT * FROM "{name}"'))),
                key=repr,
            )
            for name in list(tables)
        }


def refused_for_method(caught: pytest.ExceptionInfo[RecordValidationError]) -> bool:
    [error] = caught.value.errors
    return error.field == "consent_method" and str(error.message).startswith(
        "say how the person gave their consent"
    )


def person(**consent: Any) -> dict[str, Any]:
    return {"first_name": "Morag", "last_name": "Nomethod", "postcode": "KY1 1AA", **consent}


@pytest.mark.parametrize("method", NO_METHODS)
@pytest.mark.parametrize("share_with", [["DWP"], []], ids=["with_dwp", "with_nobody"])
def test_a_new_person_whose_consent_does_not_say_how_is_refused_and_nothing_is_written(
    store: LocalStore, method: str | None, share_with: list[str]
) -> None:
    repo = store.repo
    before, clock = whole_store(repo), repo.clock.last
    fields = person(share_with=share_with, consent_recorded_at=CONSENT_AT)
    with pytest.raises(RecordValidationError) as caught:
        repo.save("client", fields, consent_method=method)
    assert refused_for_method(caught)
    # No person, no consent history entry, no outbox row: the store is as it was.
    assert whole_store(repo) == before
    assert repo.clock.last == clock
    # Nor does the person linger in the in-memory name index that duplicate checks read.
    assert repo.find_duplicates("Morag", "Nomethod", None, None, "KY1 1AA") == []
    assert repo.search_people("Nomethod") == []


@pytest.mark.parametrize("method", NO_METHODS)
def test_widening_an_existing_persons_consent_without_saying_how_is_refused(
    store: LocalStore, method: str | None
) -> None:
    repo = store.repo
    pid = repo.save(
        "client", person(share_with=[], consent_recorded_at=CONSENT_AT), consent_method="written"
    )
    before, clock = whole_store(repo), repo.clock.last
    with pytest.raises(RecordValidationError) as caught:
        # The phone change in the same save is refused with it: one save, one outcome.
        repo.save(
            "client",
            {"share_with": ["DWP"], "consent_recorded_at": CONSENT_AT, "phone": "07700 900123"},
            pid,
            consent_method=method,
        )
    assert refused_for_method(caught)
    assert whole_store(repo) == before
    assert repo.clock.last == clock
    view = repo.get(pid)
    assert view is not None
    assert (view.fields["share_with"], view.fields.get("phone")) == ([], None)
    assert [e.fields["method"] for e in repo.consent_history(pid)] == ["written"]
    # Said how: saved, with its entry.
    repo.save("client", {"share_with": ["DWP"]}, pid, consent_method="verbal")
    assert [e.fields["method"] for e in repo.consent_history(pid)] == ["verbal", "written"]


def test_an_edit_that_leaves_consent_alone_needs_no_method(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", person(share_with=["DWP"]), consent_method="electronic")
    repo.save("client", {"phone": "07700 900123"}, pid)
    repo.save("client", {"share_with": ["DWP"], "occupation": "Welder"}, pid)  # the same sharing
    repo.save("client", person())  # a person saved without any consent choice records none
    assert [e.fields["method"] for e in repo.consent_history(pid)] == ["electronic"]
    assert repo.get(pid).fields["occupation"] == "Welder"  # type: ignore[union-attr]


def test_an_import_records_no_consent_and_cannot_widen_sharing(store: LocalStore) -> None:
    repo = store.repo
    imported = repo.save("client", person(share_with=[]), consent_method=CONSENT_NOT_ASKED)
    assert repo.get(imported).fields["share_with"] == []  # type: ignore[union-attr]
    assert repo.consent_history(imported) == []  # nobody asked: no consent recorded
    before = whole_store(repo)
    with pytest.raises(RecordValidationError) as caught:
        repo.save("client", person(share_with=["ALL"]), consent_method=CONSENT_NOT_ASKED)
    assert refused_for_method(caught)
    with pytest.raises(RecordValidationError) as caught:
        repo.save("client", {"share_with": ["DWP"]}, imported, consent_method=CONSENT_NOT_ASKED)
    assert refused_for_method(caught)
    assert whole_store(repo) == before
    # An adviser then records the person's consent, saying how.
    repo.save("client", {"share_with": ["DWP"]}, imported, consent_method="written")
    assert [e.fields["method"] for e in repo.consent_history(imported)] == ["written"]


def test_an_older_entry_without_a_method_still_loads(store: LocalStore) -> None:
    repo = store.repo
    pid = "0190aaaa-0000-7000-8000-0000000000c1"
    entry = "0190aaaa-0000-7000-8000-0000000000c2"
    held = person(share_with=["DWP"], consent_recorded_at=CONSENT_AT)
    old = {"client_id": pid, "share_with": ["DWP"], "recorded_at": CONSENT_AT}
    pulled = [
        PullItem(
            record_id=pid,
            record_type="client",
            owner_partner="SDS",
            fields=held,
            versions=dict.fromkeys(held, OLD_STAMP),
        ),
        PullItem(
            record_id=entry,
            record_type=CONSENT_CHANGE,
            owner_partner="SDS",
            fields=old,
            versions=dict.fromkeys(old, OLD_STAMP),
        ),
    ]
    store.sync.apply_page(pulled, "cursor-1")
    [history] = repo.consent_history(pid)
    assert (history.id, history.fields) == (entry, old)  # no method: shown as "Not stated"
    # Later changes of that person still need one.
    with pytest.raises(RecordValidationError) as caught:
        repo.save("client", {"share_with": []}, pid)
    assert refused_for_method(caught)
    assert len(repo.consent_history(pid)) == 1
