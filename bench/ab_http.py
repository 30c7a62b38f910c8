"""Two versions of the code, each served as deployed, loaded in turns: `ab.py` over HTTP.

    KETENZORG_VAR_DIR=/var/tmp/kz-bench/var-sqlite-city .venv/bin/python bench/ab_http.py \\
        /tmp/before 8 case_page aanbod_word

`ab.py` serves the requests in-process with Django's test client, which keeps the database
connection open between requests; what happens between requests in a served worker (a
connection closed and opened again, a worker's caches) does not show there. Here both
checkouts run `ketenzorg serve` (gunicorn, 2 workers, as `run.py` serves them) on the same kept
database, and wrk loads one and then the other with one user for a few seconds, in turns,
alternating which goes first; the medians of their p50s and their ratio are printed per
endpoint. Each checkout is imported through `PYTHONPATH` (its own `src/`), as `run.py` says
for a worktree; the requests are prepared by this one.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load  # noqa: E402
from server import serving  # noqa: E402


def _endpoints(names: list[str]) -> dict:
    """The benchmark's requests (accounts, sessions, paths), prepared by this checkout."""
    env = {**os.environ, "BENCH_PAGES": ",".join(names)}
    output = subprocess.run(
        [sys.executable, str(HERE / "inside.py"), "prepare"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])["endpoints"]


def compare(before: Path, turns: int, seconds: float, names: list[str]) -> None:
    endpoints = _endpoints(names)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    envs = {
        "before": {**base, "PYTHONPATH": str(before / "src")},
        "after": {**base, "PYTHONPATH": str(HERE.parent / "src")},
    }
    with ExitStack() as stack:
        servers = {
            label: stack.enter_context(
                serving(env, Path(tempfile.gettempdir()) / f"ketenzorg-ab-http-{label}.log")
            )
            for label, env in envs.items()
        }
        for name in names:
            for server in servers.values():  # warm-up: imports, caches, connections
                load.run(server.base_url, [(endpoints[name], 1)], connections=1, seconds=1)
            p50s = {"before": [], "after": []}
            for turn in range(turns):
                for label in ("before", "after") if turn % 2 else ("after", "before"):
                    servers[label].wait_idle()
                    result = load.run(servers[label].base_url, [(endpoints[name], 1)],
                                      connections=1, seconds=seconds)  # fmt: skip
                    if result.unexpected:
                        raise SystemExit(f"{name} ({label}): unexpected statuses {result.statuses}")
                    p50s[label].append(result.p50_ms)
            a, b = statistics.median(p50s["before"]), statistics.median(p50s["after"])
            print(f"{name:22s} before {a:7.2f} ms  after {b:7.2f} ms  after/before {b / a:.2f}",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] in {"-h", "--help"}:
        raise SystemExit(__doc__)
    compare(Path(sys.argv[1]).resolve(), int(sys.argv[2]), 3.0, sys.argv[3:])
