"""The benchmark suite: `make bench` (full) or `make bench BENCH_ARGS=--quick` (a few minutes).

For each database and scale it seeds a city, serves it with `ketenzorg serve`
(gunicorn, 2 workers), loads the main pages and API calls with wrk from a second
process on loopback, and measures in the same run the floors that say what the
numbers mean: a minimal JSON view on the same server (the framework floor), the
bare SQL each endpoint needs run with the database driver (the physical floor,
bench/floors/) and the previous results file (no regression). Batch work (the
nightly pass, seeding) is measured against its bare-SQL floor too. The table and
the verdict per target are printed and written to bench/results/; the last line
is `targets: N of M hold`. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors  # noqa: E402
import load  # noqa: E402
import outliers  # noqa: E402
import pg  # noqa: E402
import report  # noqa: E402
from server import serving  # noqa: E402

print = functools.partial(print, flush=True, file=sys.stderr)  # noqa: A001 - progress, not results

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CLI = str(Path(sys.executable).with_name("ketenzorg"))
ENDPOINTS = [
    "dashboard",
    "case_page",
    "case_list_api",
    "case_detail_api",  # a single case by API: issue 17 wants it (and the page) <= 1/3 of the list
    "family_search",
    "agreement_create",
    "question_create",
    "emergency_overview",
    "werkproces_page",
    "werkproces_api",
    "consultation_list",
    "consultation_list_api",
    # The public catalogue search (bench/floors/aanbod_search.py): four queries as a page, two by API.
    "aanbod_word",
    "aanbod_compound",
    "aanbod_filter",
    "aanbod_nohit",
    "aanbod_api_word",
    "aanbod_api_filter",
    # The gebiedsknooppunt's inbox and the provider's list (bench/floors/verwijzing.py); left
    # out of a run whose product does not have the page yet.
    "referral_inbox",
    "referral_provider_list",
    # The signal function's dashboard as a manager, default filters (bench/floors/signaal.py):
    # the bare GROUP BY of each figure against the page that suppresses and draws it.
    "signaal_zorgniveaus",
    "signaal_contacten",
    "signaal_wachttijd",
]
# A day at a CJG, per 100 requests: professionals mostly read their cases and families;
# every tenth request records something; parents' questions arrive in between; OKT
# professionals open the werkproces of a family, meedenkers their list.
MIX = {"dashboard": 20, "case_page": 26, "case_list_api": 14, "family_search": 18,
       "agreement_create": 10, "question_create": 5, "werkproces_page": 4, "consultation_list": 3}  # fmt: skip
MIX_USERS = [4, 8, 16, 32, 64]
FULL = {"runs": ["sqlite:city", "postgresql:city", "sqlite:metro", "postgresql:metro", "postgresql:nation"],
        "seconds": 10, "floor_seconds": 3}  # fmt: skip
QUICK = {"runs": ["sqlite:city", "postgresql:city"], "seconds": 3, "floor_seconds": 1}


def _run(args: list[str], env: dict, timeout: int = 7200) -> str:
    completed = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return completed.stdout


def _inside(step: str, env: dict) -> dict:
    output = _run([sys.executable, str(ROOT / "bench" / "inside.py"), step], env)
    return json.loads(output.strip().splitlines()[-1])


def _percentiles(samples_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))
    ]


def _floor_samples(function, conn, vendor, target, seconds: float) -> tuple[list[float], int]:
    """A floor's times in ms for `seconds` (at least 20 runs), after one run that warms the cache."""
    function(conn, vendor, target)
    samples, size, deadline = [], 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 20:
        started = time.perf_counter()
        size = len(function(conn, vendor, target))
        samples.append((time.perf_counter() - started) * 1000)
    return samples, size


def _time_floor(function, conn, vendor, target, seconds: float) -> dict:
    samples, size = _floor_samples(function, conn, vendor, target, seconds)
    p50, p99 = _percentiles(samples)
    return {"p50_ms": p50, "p99_ms": p99, "runs": len(samples), "bytes": size}


class _Turns:
    """An endpoint's bare-SQL floor measured in turns with its page: half just before the page's
    one-user run, half just after, its p50 of both halves together.

    This machine's speed drifts within a run (another tenant on the host): floors measured all at
    the start were compared with pages measured up to half an hour later, and a page could miss or
    hold with the machine rather than with the code. Measured around the page, the ratio compares
    two things timed in the same minute. The server is idle while the floor runs.
    """

    def __init__(self, name, conn, vendor, target, seconds: float) -> None:
        self.run = functools.partial(_floor_samples, floors.FLOORS[name], conn, vendor, target)
        self.seconds = seconds / 2
        self.samples, self.size = self.run(self.seconds)

    def again(self) -> dict:
        samples, size = self.run(self.seconds)
        p50, p99 = _percentiles(self.samples + samples)
        return {"p50_ms": p50, "p99_ms": p99, "runs": len(self.samples) + len(samples), "bytes": size,
                "p50_before_ms": statistics.median(self.samples), "p50_after_ms": statistics.median(samples)}  # fmt: skip


def _floor_worker(name, database_url, sqlite_path, target, deadline, results) -> None:
    conn, vendor = floors.connect(database_url, sqlite_path)
    function, samples = floors.FLOORS[name], []
    while time.time() < deadline:
        started = time.perf_counter()
        function(conn, vendor, target)
        samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    results.put(samples)


def _floor_under_load(name: str, env: dict, target, users: int, seconds: float) -> dict:
    """The bare-SQL floor with `users` concurrent connections (one process each), like wrk's users.

    Says whether a target under concurrency is reachable at all on this machine: if the
    floor's own median is above it, no framework could meet it.
    """
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    deadline = time.time() + seconds
    workers = [
        context.Process(target=_floor_worker,
                        args=(name, env.get("DATABASE_URL"), env.get("SQLITE_PATH"), target, deadline, results))
        for _ in range(users)
    ]  # fmt: skip
    for w in workers:
        w.start()
    samples = [s for _ in workers for s in results.get(timeout=seconds + 120)]
    for w in workers:
        w.join()
    p50, p99 = _percentiles(samples)
    return {"users": users, "p50_ms": p50, "p99_ms": p99, "throughput": len(samples) / seconds}


def _vacuum_analyze(database_url: str) -> float:
    """What an operator does after a bulk load, before measuring: VACUUM ANALYZE.

    Without it the first reads of freshly loaded rows write hint bits and the planner has
    no statistics yet; the first measured city after a seed showed p99s of 140–470 ms that
    the same database did not show a few minutes later (docs/performance.md).
    """
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def _settle(vendor: str, env: dict) -> None:
    """Write out what the preparation left dirty before the server is measured.

    Seeding, the seeding floor (a copy of every seeded table) and the nightly pass write
    hundreds of megabytes just before the load runs. PostgreSQL's checkpointer and the
    kernel then flush them while requests are measured, and a request's COMMIT (an fsync of
    the WAL) waits behind that writeback: the PostgreSQL log showed COMMITs of 118–430 ms
    at exactly the one-user p99 outliers. A server in steady state has no such backlog, so
    the suite checkpoints and syncs first.
    """
    if vendor == "postgresql":
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("CHECKPOINT")
    else:
        import sqlite3

        with contextlib.closing(sqlite3.connect(env["SQLITE_PATH"])) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()


def _seed(env: dict, scale: str) -> dict:
    started = time.perf_counter()
    output = _run([CLI, "seed", "--scale", scale, "--no-progress"], env)
    wall = time.perf_counter() - started
    match = re.search(r"totaal\s+([\d.]+) rijen in ([\d.]+) s", output)
    rows = int(match.group(1).replace(".", "")) if match else 0
    return {"rows": rows, "seconds": float(match.group(2)) if match else wall, "wall_seconds": wall}


SEEDED_PREFIXES = (
    "network_",
    "families_",
    "coordination_",
    "accounts_user",
    "access_emergencyaccess",
)


def _seeded_tables(conn, vendor: str) -> list[str]:
    """The tables the seed fills (the floor copies each of them with the driver)."""
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if vendor == "sqlite"
        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )
    cursor = conn.cursor()
    cursor.execute(query)
    names = sorted(row[0] for row in cursor.fetchall() if row[0].startswith(SEEDED_PREFIXES))
    filled = []
    for name in names:
        cursor.execute(f"SELECT 1 FROM {name} LIMIT 1")  # noqa: S608 - names come from the catalogue
        if cursor.fetchone():
            filled.append(name)
    return filled


def _machine_ms() -> float:
    """How fast this machine runs Python right now: a fixed workload, median of five.

    This machine's speed drifts by up to 2x between runs and within one (another tenant on
    the host): the framework floor went 0.4 -> 0.8 ms between two runs with no code change.
    The no-regression check compares medians after scaling the earlier one by this gauge.
    """
    rows = [
        {"uuid": str(uuid.UUID(int=i)), "n": i, "name": f"Gezin {i % 997}"} for i in range(3000)
    ]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        text = json.dumps(sorted(rows, key=lambda r: (r["name"], r["n"])))
        json.loads(text)
        "".join(f"<td>{r['name']}</td><td>{r['n']:>6}</td>" for r in rows)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _load(server, spec, users, seconds, database_log: Path | None = None) -> dict:
    server.wait_idle()
    access, database = outliers.Tail(server.log), outliers.Tail(database_log)
    access.mark()
    database.mark()
    with outliers.DiskProbe(server.log.parent) as disk:
        result = load.run(server.base_url, [(spec, 1)], connections=users, seconds=seconds)
    server.wait_idle()  # the last requests' log lines are written
    return {"p50_ms": result.p50_ms, "p99_ms": result.p99_ms, "throughput": result.throughput,
            "requests": result.requests, "unexpected": result.unexpected, "statuses": result.statuses,
            "served": outliers.summary(access.read(), database.read()), "disk": disk.summary()}  # fmt: skip


def measure(
    vendor: str,
    scale: str,
    env: dict,
    settings: dict,
    marker: Path | None,
    database_log: Path | None,
) -> dict:
    """Everything for one database and scale; returns the results entry."""
    seconds, floor_seconds = settings["seconds"], settings["floor_seconds"]
    entry = {"vendor": vendor, "scale": scale}
    _run([CLI, "migrate", "--noinput", "-v0"], env)
    kept = marker is not None and marker.exists()
    if kept:  # a kept database: its seeding was measured when it was made
        entry.update(json.loads(marker.read_text()))
    else:
        print(f"[{vendor} {scale}] seed …")
        entry["seed"] = _seed(env, scale)
        print(
            f"[{vendor} {scale}] seeded {entry['seed']['rows']:,} rows in {entry['seed']['seconds']:.1f} s"
        )
        if vendor == "postgresql":
            entry["seed"]["vacuum_seconds"] = _vacuum_analyze(env["DATABASE_URL"])
    pages = {"BENCH_PAGES": ",".join(settings["pages"])} if settings.get("pages") else {}
    world = _inside("prepare", {**env, **pages})
    entry["world"] = {
        k: world[k]
        for k in (
            "families",
            "open_cases",
            "busiest",
            "quiet",
            "case_level",
            "surname",
            "privacy",
            "werkproces",
            "aanbod",
            "verwijzing",
            "signaal",
        )
    }
    entry["queries"], entry["queries_quiet"] = world["queries"], world["queries_quiet"]
    conn, _ = floors.connect(env.get("DATABASE_URL"), env.get("SQLITE_PATH"))
    target = floors.Target(
        professional_id=world["busiest"]["professional_id"], user_id=world["busiest"]["user_id"],
        case_id=world["case_id"], surname=world["surname"], today=dt.date.today(),
        privacy_user_id=world["privacy"]["user_id"],
        werkproces_user_id=world["werkproces"]["user_id"], werkproces_case_id=world["werkproces"]["case_id"],
        meedenker_user_id=world["werkproces"]["meedenker_user_id"],
        aanbod_gebied_id=world["aanbod"]["gebied_id"],
        verbinder_user_id=world["verwijzing"]["verbinder_user_id"],
        provider_user_id=world["verwijzing"]["provider_user_id"],
        manager_user_id=world["signaal"]["manager_user_id"],
    )  # fmt: skip
    names = settings.get("pages") or ENDPOINTS
    whole = names == ENDPOINTS  # `--pages` measures those pages only: no nightly pass, no mix
    missing = [name for name in names if name not in world["endpoints"]]
    if missing:  # a page the product does not have yet (bench/inside.py REFERRAL_PAGES)
        print(f"[{vendor} {scale}] not in this product, left out: {', '.join(missing)}")
        names = [name for name in names if name not in missing]
    print(f"[{vendor} {scale}] bare-SQL floors …")
    # Information: each floor again at the start, before the nightly pass and the settling. The
    # ratios use the floors measured in turns with their pages (below).
    entry["floors_at_start"] = {
        name: _time_floor(floors.FLOORS[name], conn, vendor, target, floor_seconds)
        for name in names
    }
    if "case_list_api" in names:
        print(f"[{vendor} {scale}] bare-SQL floor of the case list with 16 users …")
        entry["floor_concurrent"] = {
            "case_list_api": _floor_under_load("case_list_api", env, target, 16, seconds)
        }
    if whole:
        print(f"[{vendor} {scale}] nightly pass: floor, then the real one …")
        floors.reset_nightly(conn, vendor)
        started = time.perf_counter()
        floor_counts = floors.nightly_floor(conn, vendor, dt.date.today(), reset=False)
        entry["nightly_floor"] = {"seconds": time.perf_counter() - started, "counts": floor_counts}
        entry["nightly"] = _inside(
            "nightly",
            {**env, "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
        )
    if not kept:
        print(f"[{vendor} {scale}] seeding floor …")
        entry["seed_floor"] = floors.seed_floor(conn, vendor, _seeded_tables(conn, vendor))
        if marker is not None:
            marker.write_text(
                json.dumps({"seed": entry["seed"], "seed_floor": entry["seed_floor"]})
            )

    endpoints = world["endpoints"]
    _settle(vendor, env)
    with serving(
        env, Path(tempfile.gettempdir()) / f"ketenzorg-bench-{vendor}-{scale}.log"
    ) as server:
        for name in ["framework_floor", *names]:  # warm-up: every worker imports and caches
            load.run(server.base_url, [(endpoints[name], 1)], connections=2, seconds=1)
            server.wait_idle(limit=300)  # a multi-second page's warm-up ends before the next
        entry["memory_warm"] = server.worker_memory_mb()
        entry["single"], entry["concurrent"], entry["floors"] = {}, {}, {}
        for name in ["framework_floor", *names]:
            print(f"[{vendor} {scale}] {name}: its floor, 1 user, its floor again, then 16 users …")
            machine_ms = _machine_ms()
            floor = _Turns(name, conn, vendor, target, floor_seconds) if name in names else None
            entry["single"][name] = _load(server, endpoints[name], 1, seconds, database_log)
            entry["single"][name]["machine_ms"] = (machine_ms + _machine_ms()) / 2
            if floor is not None:
                entry["floors"][name] = floor.again()
            entry["concurrent"][name] = _load(server, endpoints[name], 16, seconds, database_log)
        entry["mixed"] = []
        for users in MIX_USERS if whole else ():
            print(f"[{vendor} {scale}] mixed scenario, {users} users …")
            server.wait_idle()
            result = load.run(server.base_url, [(endpoints[n], w) for n, w in MIX.items()],
                              connections=users, seconds=seconds * 1.5)  # fmt: skip
            entry["mixed"].append({"users": users, "throughput": result.throughput, "p50_ms": result.p50_ms,
                                   "p99_ms": result.p99_ms, "unexpected": result.unexpected})  # fmt: skip
        entry["memory_end"] = server.worker_memory_mb()
    conn.close()
    if whole:
        entry["mixed_floor"] = _mixed_floor(vendor, scale, env, endpoints, target, seconds)
    return entry


def _mixed_floor(vendor, scale, env, endpoints, target, seconds) -> list[dict]:
    """The same mix, users and load generator against the bare WSGI floor (`mixed_floor.py`)."""
    config = Path(tempfile.gettempdir()) / f"ketenzorg-bench-floor-{vendor}-{scale}.json"
    config.write_text(json.dumps({
        "endpoints": {name: endpoints[name] for name in MIX},
        "target": {**dataclasses.asdict(target), "today": target.today.isoformat()},
    }))  # fmt: skip
    results = []
    log = Path(tempfile.gettempdir()) / f"ketenzorg-bench-floor-{vendor}-{scale}.log"
    with serving(env, log, floor_config=config) as server:
        load.run(server.base_url, [(endpoints[n], w) for n, w in MIX.items()], connections=2,
                 seconds=1)  # fmt: skip
        for users in MIX_USERS:
            print(f"[{vendor} {scale}] mixed scenario against its bare WSGI floor, {users} users …")
            server.wait_idle()
            result = load.run(server.base_url, [(endpoints[n], w) for n, w in MIX.items()],
                              connections=users, seconds=seconds * 1.5)  # fmt: skip
            results.append({"users": users, "throughput": result.throughput, "p50_ms": result.p50_ms,
                            "p99_ms": result.p99_ms, "unexpected": result.unexpected})  # fmt: skip
    return results


def _one_run(
    stack: ExitStack, args, settings: dict, vendor: str, scale: str, cluster_holder: dict
) -> dict:
    base = args.keep or Path(
        stack.enter_context(tempfile.TemporaryDirectory(prefix="ketenzorg-bench-"))
    )
    marker = base / f"seeded-{vendor}-{scale}"
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["KETENZORG_VAR_DIR"] = str(base / f"var-{vendor}-{scale}")
    Path(env["KETENZORG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if vendor == "postgresql":
        if "cluster" not in cluster_holder:
            keep = (args.keep / "pg") if args.keep else None
            cluster_holder["cluster"] = stack.enter_context(pg.private_cluster(keep))
        env["DATABASE_URL"] = cluster_holder["cluster"](f"bench_{scale}")
        database_log = cluster_holder["cluster"].log
    else:
        env["SQLITE_PATH"] = str(Path(env["KETENZORG_VAR_DIR"]) / "ketenzorg.sqlite3")
        database_log = None
    return measure(vendor, scale, env, settings, marker if args.keep else None, database_log)


def _previous() -> list[dict]:
    """Earlier results, oldest first: the newest run of the same database and scale is compared."""
    return [json.loads(f.read_text()) for f in sorted(RESULTS.glob("*.json"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="city scale, short runs (a few minutes)"
    )
    parser.add_argument("--only", nargs="+", metavar="DB:SCALE",
                        help="e.g. sqlite:metro postgresql:nation (default: all of the mode)")  # fmt: skip
    parser.add_argument("--seconds", type=float, help="seconds per load run")
    parser.add_argument("--keep", type=Path,
                        help="keep the seeded databases in this folder and reuse them next time "
                             "(seeding is then not measured again)")  # fmt: skip
    parser.add_argument("--pages", nargs="+", choices=ENDPOINTS, metavar="PAGE",
                        help="measure only these endpoints (no nightly pass, no mixed scenario; the "
                             "results file is not compared against by later runs): "
                             + ", ".join(ENDPOINTS))  # fmt: skip
    parser.add_argument("--no-save", action="store_true", help="print only; write no results file")
    args = parser.parse_args()
    settings = dict(QUICK if args.quick else FULL)
    if args.seconds:
        settings["seconds"] = args.seconds
    if args.pages:
        settings["pages"] = [name for name in ENDPOINTS if name in args.pages]
    runs = args.only or settings["runs"]
    started = time.perf_counter()
    previous = _previous()
    mode = ("quick" if args.quick else "full") + ("-pages" if args.pages else "")
    results = {"started": dt.datetime.now().isoformat(timespec="seconds"), "mode": mode,
               "machine": report.machine(), "runs": []}  # fmt: skip
    with ExitStack() as stack:
        cluster_holder: dict = {}
        for run in runs:
            vendor, scale = run.split(":")
            try:
                results["runs"].append(
                    _one_run(stack, args, settings, vendor, scale, cluster_holder)
                )
            except Exception as exc:  # one failed run must not lose the others' figures
                print(f"[{vendor} {scale}] FAILED: {exc!r}")
                results["runs"].append(
                    {"vendor": vendor, "scale": scale, "error": repr(exc)[:2000]}
                )
    results["seconds"] = time.perf_counter() - started
    text = report.render(results, previous)
    sys.stdout.write(text)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M")
        name = f"{stamp}-{results['mode']}"
        (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1))
        (RESULTS / f"{name}.txt").write_text(text)
        print(f"written: bench/results/{name}.txt and .json")


if __name__ == "__main__":
    main()
