"""Profiles of the hot paths with pyinstrument, written to benchmarks/results/profiles/.

    python -m benchmarks.profile [--people 10000] [--postgres]

- server push and pull: the server's own service functions (sync_server.sync.push.push and
  .pull.pull) called in-process on a database made by ``pace-sync-server init`` + seed-demo,
  as the FastAPI route calls them (pyinstrument samples one thread, and uvicorn runs sync
  routes in a thread pool, so profiling the server process from outside shows only the loop);
- client push, cold pull and a no-op sync: the desktop core's Session.sync against a real
  server process (time waiting on the server shows as socket reads).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pyinstrument import Profiler

from benchmarks.client import enrol, queue_people
from benchmarks.common import people_changes
from benchmarks.scenarios import our_server
from pace_shared.hlc import HybridClock

OUT = Path(__file__).resolve().parent / "results" / "profiles"


def _save(profiler: Profiler, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.txt"
    path.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    print(f"wrote {path}")
    return path


def server_profiles(kind: str, people: int) -> None:
    from sync_server.auth.principal import Principal
    from sync_server.db import Database
    from sync_server.sync import pull as pull_service
    from sync_server.sync import push as push_service

    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), kind) as server:
        client = server.client("demo.adviser")  # registers the device and gives the user id
        reader = server.client("dwp.adviser")
        url = server.database_url
        server.kill()
        db = Database(url)
        user = client.user
        principal = Principal(
            user["id"],
            user["username"],
            user["display_name"],
            user["role"],
            user["partner"],
            client.device_id,
        )
        changes = people_changes(people, HybridClock(client.device_id))
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for start in range(0, people, 1000):
            push_service.push(db, principal, changes[start : start + 1000], 600)
        profiler.stop()
        _save(profiler, f"server-push-{kind}")
        ruser = reader.user
        rprincipal = Principal(
            ruser["id"],
            ruser["username"],
            ruser["display_name"],
            ruser["role"],
            ruser["partner"],
            reader.device_id,
        )
        profiler = Profiler(interval=0.0005)
        profiler.start()
        cursor = None
        while True:
            page = pull_service.pull(db, rprincipal, cursor, 1000)
            cursor = page.next_cursor
            if not page.has_more:
                break
        profiler.stop()
        _save(profiler, f"server-pull-{kind}")
        db.dispose()


def client_profiles(people: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), "sqlite") as server:
        folder = Path(tmp)
        a = enrol(server.url, "demo.adviser", folder / "a")
        b = enrol(server.url, "dwp.adviser", folder / "b")
        queue_people(a, people)
        for session, name in ((a, "client-push"), (b, "client-cold-pull"), (b, "client-noop")):
            profiler = Profiler(interval=0.0005)
            profiler.start()
            session.sync()
            profiler.stop()
            _save(profiler, name)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        queue_people(b, 1000, seed=5)
        profiler.stop()
        _save(profiler, "client-save")


def search_profile(people: int) -> None:
    """Per-keystroke timings (people_count + search_people) on a store of ``people`` people."""
    import time

    from benchmarks.scenarios import push_raw_people

    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), "sqlite") as server:
        loader = server.client("demo.adviser")
        push_raw_people(loader, people, HybridClock(loader.device_id))
        session = enrol(server.url, "dwp.adviser", Path(tmp) / "device")
        repo = session.repo
        sample = repo.search_people("", limit=1, offset=people // 2)[0]
        typed = [sample.last_name[: n + 1] for n in range(min(6, len(sample.last_name)))]
        typed += [(sample.ni_number or "")[: n + 1] for n in range(2, 6)]
        typed += ["ma", "mac", "macd", "macdo"]
        profiler = Profiler(interval=0.0005)
        lines = []
        for query in typed:
            profiler.start()
            began = time.perf_counter()
            count = repo.people_count(query)
            middle = time.perf_counter()
            repo.search_people(query, limit=100)
            ended = time.perf_counter()
            profiler.stop()
            lines.append(
                f"{query!r:12} matches {count:>7}  count {1000 * (middle - began):6.1f} ms  "
                f"search {1000 * (ended - middle):6.1f} ms"
            )
        session.lock()
        path = _save(profiler, "client-search")
        text = "\n".join(lines)
        path.write_text(text + "\n\n" + path.read_text())
        print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--search-only", type=int, metavar="PEOPLE", help="only the search profile")
    args = parser.parse_args()
    if args.search_only:
        search_profile(args.search_only)
        return
    server_profiles("sqlite", args.people)
    if args.postgres:
        server_profiles("postgresql", args.people)
    client_profiles(args.people)
    search_profile(100_000)


if __name__ == "__main__":
    main()
