"""Duplicate check at registration: offline, across every person in the local store.

Exact matches on NI number, date of birth and postcode come from indexes; similar names come
from rapidfuzz over an in-memory list of every name (rebuilt only when people change), so a
typo ("Jon Smyth") still finds "John Smith". Names live only in process memory, never on disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, text

from desktop_app.storage.people_index import people_by_ids
from desktop_app.storage.views import DuplicateCandidate, PersonRow
from pace_shared.records import normalise_ni_number, normalise_postcode

NAME_CUTOFF = 70.0  # below this a name is not "similar" at all
STRONG_NAME = 88.0  # a name this close is worth showing on its own
EXACT_LIMIT = 200
_BY_NI = "SELECT id FROM people WHERE ni_number = :v LIMIT :n"
_BY_DOB = "SELECT id FROM people WHERE date_of_birth = :v LIMIT :n"
_BY_POSTCODE = "SELECT id FROM people WHERE postcode = :v LIMIT :n"


def name_key(first: str, last: str) -> str:
    """Order-free, case-free form so "Smith John" and "john smith" compare equal."""
    return " ".join(sorted(f"{first} {last}".casefold().split()))


@dataclass(slots=True)
class _NameIndex:
    generation: int
    ids: list[str]
    keys: list[str]
    positions: dict[str, int]


class NameCache:
    """Every person's name key, rebuilt lazily when the people generation moves on."""

    def __init__(self, generation: Callable[[], int]) -> None:
        self._generation = generation
        self._lock = threading.Lock()
        self._index: _NameIndex | None = None

    def get(self, conn: Connection) -> _NameIndex:
        with self._lock:
            current = self._generation()
            if self._index is None or self._index.generation != current:
                rows = conn.execute(text("SELECT id, first_key, last_key FROM people")).all()
                ids = [r[0] for r in rows]
                self._index = _NameIndex(
                    current,
                    ids,
                    [name_key(r[1], r[2]) for r in rows],
                    {pid: i for i, pid in enumerate(ids)},
                )
            return self._index

    def note(self, person_id: str, first: str | None, last: str | None) -> None:
        """One local save: patch the built index instead of rebuilding 100,000 names.

        ``first``/``last`` None means the person is gone. A stale entry is harmless (candidates
        are re-read from the store), so this may run before the transaction commits.
        """
        with self._lock:
            index = self._index
            if index is None:
                return
            key = name_key(first or "", last or "") if first is not None else ""
            position = index.positions.get(person_id)
            if position is None:
                index.positions[person_id] = len(index.ids)
                index.ids.append(person_id)
                index.keys.append(key)
            else:
                index.keys[position] = key

    def clear(self) -> None:
        with self._lock:
            self._index = None


def find_duplicates(
    conn: Connection,
    names: NameCache,
    first_name: str,
    last_name: str,
    date_of_birth: str | None,
    ni_number: str | None,
    postcode: str | None,
    exclude_id: str | None = None,
    limit: int = 10,
    event_id: str | None = None,
) -> list[DuplicateCandidate]:
    ni = normalise_ni_number(ni_number) if ni_number else None
    pc = normalise_postcode(postcode) if postcode else None
    dob = date_of_birth or None
    candidate_ids: set[str] = set()
    for sql, value in ((_BY_NI, ni), (_BY_DOB, dob), (_BY_POSTCODE, pc)):
        if value:
            candidate_ids.update(
                r[0] for r in conn.execute(text(sql), {"v": value, "n": EXACT_LIMIT})
            )
    similarity: dict[str, float] = {}
    query_key = name_key(first_name or "", last_name or "")
    if query_key:
        index = names.get(conn)
        for _key, score, position in process.extract(
            query_key,
            index.keys,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NAME_CUTOFF,
            limit=EXACT_LIMIT,
        ):
            similarity[index.ids[position]] = float(score)
        candidate_ids.update(similarity)
    candidate_ids.discard(exclude_id or "")
    people = people_by_ids(conn, sorted(candidate_ids))
    found: list[DuplicateCandidate] = []
    for pid, person in people.items():
        candidate = _score(person, similarity.get(pid), ni, dob, pc, event_id)
        if candidate is not None:
            found.append(candidate)
    found.sort(key=lambda c: (-c.score, c.person.last_name, c.person.first_name, c.person.id))
    return found[:limit]


def _score(
    person: PersonRow,
    name_similarity: float | None,
    ni: str | None,
    dob: str | None,
    postcode: str | None,
    event_id: str | None,
) -> DuplicateCandidate | None:
    same_ni = bool(ni and person.ni_number == ni)
    same_dob = bool(dob and person.date_of_birth == dob)
    same_postcode = bool(postcode and person.postcode == postcode)
    name = name_similarity or 0.0
    if not (
        same_ni
        or name >= STRONG_NAME
        or (name >= NAME_CUTOFF and (same_dob or same_postcode))
        or (same_dob and same_postcode)
    ):
        return None
    reasons: list[str] = []
    if same_ni:
        reasons.append("same NI number")
    if name >= NAME_CUTOFF:
        reasons.append("same name" if name >= 99.5 else f"similar name ({name:.0f}%)")
    if same_dob:
        reasons.append("same date of birth")
    if same_postcode:
        reasons.append("same postcode")
    if event_id and person.event_id == event_id:
        reasons.append("same event")
    score = 0.45 * same_ni + 0.3 * (name / 100.0) + 0.15 * same_dob + 0.1 * same_postcode
    return DuplicateCandidate(person, round(min(score, 1.0), 3), reasons)
