"""The ``people`` table and its FTS5 trigram twin: a derived index of client records.

Search-as-you-type over 100,000 people must answer in well under 50 ms inside an encrypted
store, so names, NI numbers, postcodes and event labels are denormalised here, lower-cased keys
are indexed for sorting and short prefixes, and substrings of three or more characters go
through the trigram index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, text

from desktop_app.storage.codec import loads
from desktop_app.storage.rows import each
from desktop_app.storage.views import PersonRow

CHUNK = 500  # ids per IN (...) list

SORT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "last_name": ("p.last_key", "p.first_key"),
    "first_name": ("p.first_key", "p.last_key"),
    "date_of_birth": ("p.date_of_birth",),
    "ni_number": ("p.ni_number",),
    "postcode": ("p.postcode",),
    "event_label": ("p.event_key",),
    "event": ("p.event_key",),
    "owner_partner": ("p.owner_partner",),
}

_PERSON_COLUMNS = (
    "p.id, p.first_name, p.last_name, p.date_of_birth, p.ni_number, p.postcode, "
    "p.event_label, p.owner_partner, p.event_id"
)
_PEOPLE_BY_ID = f"SELECT {_PERSON_COLUMNS} FROM people p WHERE p.id IN :ids"  # noqa: S608
_NINO_TYPED_WITH_SPACES = re.compile(r"[a-z]{2}[\d ]*\d[\d ]*[a-d]?")


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def in_query(sql: str) -> TextClause:
    """A statement whose ``:ids`` is an expanding IN list (values bound, never formatted in)."""
    return text(sql).bindparams(bindparam("ids", expanding=True))


def event_label_from(fields: Mapping[str, Any], employer_name: str | None) -> str:
    site = fields.get("site_name") or ""
    parts = [p for p in (employer_name or "", site) if p]
    return ", ".join(parts) if parts else "Unnamed event"


def event_labels(conn: Connection, event_ids: Iterable[str | None]) -> dict[str, str]:
    """Display label ("Employer, Site") for each known, live event id."""
    ids = sorted({e for e in event_ids if e})
    events: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        params = {"ids": list(part)}
        for rid, fields in each(
            conn.execute(
                in_query(
                    "SELECT id, fields FROM records WHERE deleted = 0 "
                    "AND type = 'redundancy_event' AND id IN :ids"
                ),
                params,
            )
        ):
            events[rid] = loads(fields)
    employer_ids = sorted({str(f["employer_id"]) for f in events.values() if f.get("employer_id")})
    names: dict[str, str] = {}
    for part in chunks(employer_ids):
        params = {"ids": list(part)}
        for mid, fields in each(
            conn.execute(
                in_query("SELECT id, fields FROM records WHERE deleted = 0 AND id IN :ids"),
                params,
            )
        ):
            names[mid] = loads(fields).get("name") or ""
    return {
        eid: event_label_from(fields, names.get(fields.get("employer_id") or ""))
        for eid, fields in events.items()
    }


def _person_values(
    record_id: str, owner: str | None, fields: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, Any]:
    first = fields.get("first_name") or ""
    last = fields.get("last_name") or ""
    ni = fields.get("ni_number") or None
    postcode = fields.get("postcode") or None
    event_id = fields.get("event_id") or None
    label = labels.get(event_id, "") if event_id else ""
    doc_parts = [first, last, ni or "", postcode or "", (postcode or "").replace(" ", ""), label]
    return {
        "id": record_id,
        "first_name": first,
        "last_name": last,
        "date_of_birth": fields.get("date_of_birth") or None,
        "ni_number": ni,
        "postcode": postcode,
        "event_id": event_id,
        "event_label": label,
        "owner_partner": owner,
        "first_key": first.casefold(),
        "last_key": last.casefold(),
        "event_key": label.casefold(),
        "search_doc": " ".join(p for p in doc_parts if p).casefold(),
    }


def remove_people(conn: Connection, record_ids: Sequence[str]) -> None:
    for part in chunks(list(record_ids)):
        params = {"ids": list(part)}
        conn.execute(
            in_query(
                "DELETE FROM people_fts WHERE rowid IN (SELECT rid FROM people WHERE id IN :ids)"
            ),
            params,
        )
        conn.execute(in_query("DELETE FROM people WHERE id IN :ids"), params)


def upsert_people(
    conn: Connection, clients: Sequence[tuple[str, str | None, Mapping[str, Any]]]
) -> None:
    """(Re)index live clients given as (record id, owner partner, fields)."""
    if not clients:
        return
    remove_people(conn, [c[0] for c in clients])
    labels = event_labels(conn, [c[2].get("event_id") for c in clients])
    rows = [_person_values(rid, owner, fields, labels) for rid, owner, fields in clients]
    conn.execute(
        text(
            "INSERT INTO people (id, first_name, last_name, date_of_birth, ni_number, postcode, "
            "event_id, event_label, owner_partner, first_key, last_key, event_key, search_doc) "
            "VALUES (:id, :first_name, :last_name, :date_of_birth, :ni_number, :postcode, "
            ":event_id, :event_label, :owner_partner, :first_key, :last_key, :event_key, "
            ":search_doc)"
        ),
        rows,
    )
    ids = [r["id"] for r in rows]
    for part in chunks(ids):
        params = {"ids": list(part)}
        conn.execute(
            in_query(
                "INSERT INTO people_fts (rowid, doc) SELECT rid, search_doc FROM people "
                "WHERE id IN :ids"
            ),
            params,
        )


def reindex_people_at_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """An event or its employer changed: relabel everyone registered at it."""
    ids = sorted(set(event_ids))
    for part in chunks(ids):
        params = {"ids": list(part)}
        clients = [
            (rid, owner, loads(fields))
            for rid, owner, fields in each(
                conn.execute(
                    in_query(
                        "SELECT r.id, r.owner_partner, r.fields FROM people p "
                        "JOIN records r ON r.id = p.id "
                        "WHERE p.event_id IN :ids"
                    ),
                    params,
                )
            )
        ]
        upsert_people(conn, clients)


def events_of_employers(conn: Connection, employer_ids: Iterable[str]) -> list[str]:
    wanted = set(employer_ids)
    if not wanted:
        return []
    rows = conn.execute(
        text("SELECT id, fields FROM records WHERE type = 'redundancy_event' AND deleted = 0")
    )
    return [rid for rid, fields in each(rows) if loads(fields).get("employer_id") in wanted]


# --- search -------------------------------------------------------------------------------


def _prefix_range(value: str) -> tuple[str, str]:
    return value, value[:-1] + chr(ord(value[-1]) + 1)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class _Terms:
    long: tuple[str, ...]  # >= 3 characters: trigram index (or LIKE when scanning)
    short: tuple[str, ...]  # 1-2 characters: name/NI/postcode prefix, then LIKE

    @property
    def fts_match(self) -> str:
        return " AND ".join('"' + t.replace('"', '""') + '"' for t in self.long)


def _terms(query: str) -> _Terms:
    q = query.casefold().strip()
    # "AB 12 34 56 C" typed as printed on the card is one NI number, not five words.
    nino_with_spaces = " " in q and _NINO_TYPED_WITH_SPACES.fullmatch(q)
    tokens = [q.replace(" ", "")] if nino_with_spaces else q.split()
    return _Terms(tuple(t for t in tokens if len(t) >= 3), tuple(t for t in tokens if len(t) < 3))


def _search_clause(
    terms: _Terms, event_id: str | None, *, use_fts: bool = True
) -> tuple[str, str, dict[str, Any]]:
    """FROM and WHERE for a people query, and its parameters.

    ``use_fts=False`` expresses the same filter without the trigram and prefix indexes, so that
    a query matching most people walks the sort index and stops after one page instead of
    sorting every match.
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    from_clause = "people p"
    likes = list(terms.short)
    if terms.long and use_fts:
        from_clause = "people_fts JOIN people p ON p.rid = people_fts.rowid"
        where.append("people_fts MATCH :match")
        params["match"] = terms.fts_match
    else:
        likes = list(terms.long) + likes
    if terms.short and not terms.long:
        first = likes.pop(0)
        low, high = _prefix_range(first)
        up_low, up_high = _prefix_range(first.upper())
        # A unary + keeps SQLite off these columns' indexes, so it walks the sort order instead.
        c = "" if use_fts else "+"
        where.append(
            f"(({c}p.last_key >= :pl AND {c}p.last_key < :ph)"
            f" OR ({c}p.first_key >= :pl AND {c}p.first_key < :ph)"
            f" OR ({c}p.ni_number >= :ul AND {c}p.ni_number < :uh)"
            f" OR ({c}p.postcode >= :ul AND {c}p.postcode < :uh))"
        )
        params.update(pl=low, ph=high, ul=up_low, uh=up_high)
    for i, token in enumerate(likes):
        where.append(f"p.search_doc LIKE :like{i} ESCAPE '\\'")
        params[f"like{i}"] = f"%{_escape_like(token)}%"
    if event_id:
        where.append("p.event_id = :event_id")
        params["event_id"] = event_id
    return from_clause, (" WHERE " + " AND ".join(where)) if where else "", params


def warm_page_cache(conn: Connection) -> None:
    """Read the people table and its name index once, so that the first keystrokes after
    unlock find their pages already decrypted in this connection's cache."""
    conn.execute(text("SELECT count(*), max(length(search_doc)) FROM people")).all()
    conn.execute(
        text("SELECT count(*) FROM people INDEXED BY ix_people_last_first WHERE last_key >= ''")
    ).all()


def count_people(conn: Connection, query: str = "", event_id: str | None = None) -> int:
    terms = _terms(query)
    if terms.long and not terms.short and not event_id:
        # The trigram index alone answers this; no join with people needed.
        return int(
            conn.execute(
                text("SELECT count(*) FROM people_fts WHERE people_fts MATCH :m"),
                {"m": terms.fts_match},
            ).scalar_one()
        )
    from_clause, where, params = _search_clause(terms, event_id)
    # Fragments are constants chosen by _search_clause; every value is a bound parameter.
    sql = f"SELECT count(*) FROM {from_clause}{where}"  # noqa: S608
    return int(conn.execute(text(sql), params).scalar_one())


def _scan_is_cheaper(conn: Connection, query: str, terms: _Terms, limit: int, offset: int) -> bool:
    """Only when most people match is walking the sort index (and stopping after one page)
    cheaper than sorting the indexes' matches. Matches are not spread evenly in sort order —
    "rei" matches a run of last names — so a walk is only safe when they are everywhere."""
    if not (terms.long or terms.short):
        return False
    matches = count_people(conn, query)
    total = int(conn.execute(text("SELECT count(*) FROM people")).scalar_one())
    return matches * 2 > total and total > (offset + limit) * 10


def search_people(
    conn: Connection,
    query: str = "",
    limit: int = 100,
    offset: int = 0,
    sort_column: str = "last_name",
    descending: bool = False,
    event_id: str | None = None,
) -> list[PersonRow]:
    terms = _terms(query)
    limit, offset = max(0, int(limit)), max(0, int(offset))
    use_fts = not _scan_is_cheaper(conn, query, terms, limit, offset)
    from_clause, where, params = _search_clause(terms, event_id, use_fts=use_fts)
    direction = "DESC" if descending else "ASC"
    keys = SORT_COLUMNS.get(sort_column, SORT_COLUMNS["last_name"])
    order = ", ".join(f"{k} {direction}" for k in (*keys, "p.rid"))
    params.update(limit=limit, offset=offset)
    rows = conn.execute(
        text(
            # Fragments are constants chosen above; every value is a bound parameter.
            f"SELECT {_PERSON_COLUMNS} FROM {from_clause}{where} "  # noqa: S608
            f"ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return [PersonRow(*row) for row in each(rows)]


def people_by_ids(conn: Connection, ids: Sequence[str]) -> dict[str, PersonRow]:
    found: dict[str, PersonRow] = {}
    for part in chunks(list(ids)):
        params = {"ids": list(part)}
        for row in each(
            conn.execute(
                in_query(_PEOPLE_BY_ID),
                params,
            )
        ):
            found[row[0]] = PersonRow(*row)
    return found
