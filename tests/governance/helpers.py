"""Laptops of three partners against one live server, and direct reads of their stores."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop_app.session import Profile, Session
from desktop_app.storage.codec import loads
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def enrol(server: LiveServer, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder),
        server.url,
        username,
        DEMO_PASSWORD,
        f"{username} laptop",
        kdf_params=FAST_KDF,
    )


def stored(session: Session) -> dict[str, tuple[str, dict[str, object]]]:
    """Every record in the laptop's encrypted store, read straight from its table:
    id -> (type, fields)."""
    with session.repo.reading() as conn:
        rows = conn.execute(text("SELECT id, type, fields FROM records")).all()
    return {str(r[0]): (str(r[1]), loads(r[2])) for r in rows}


def people_index_ids(session: Session) -> set[str]:
    return {p.id for p in session.repo.search_people("", limit=10_000)}
