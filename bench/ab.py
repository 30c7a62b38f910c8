"""Two versions of the code, measured in turns: is a change faster, on a machine that drifts?

    git worktree add /tmp/before <commit>
    KETENZORG_VAR_DIR=/var/tmp/kz-bench/var-sqlite-metro .venv/bin/python bench/ab.py /tmp/before
    DATABASE_URL=postgres://…/bench_metro KETENZORG_VAR_DIR=… .venv/bin/python bench/ab.py /tmp/before 200 question_create
    … bench/ab.py /tmp/before 40 --round case_page dashboard family_search   # a turn: one of each

A change to the schema (an index dropped) is measured with the same code on two databases:
`AB_BEFORE_DATABASE_URL` points the before checkout at a copy of the kept database without the
change (PostgreSQL: `CREATE DATABASE … TEMPLATE …` before migrating the other).

Runs against a database the suite kept (`run.py --keep DIR`; start its PostgreSQL cluster
by hand for a PostgreSQL one). Two child processes, one per checkout, each prepare the
benchmark's requests with their own `bench/inside.py` (so their own `src/`) and serve them
in-process with Django's test client; the parent has them take turns, request by request,
so both see the same machine at the same moment. This machine's speed drifts by up to 2x
within minutes (docs/performance.md), which load runs minutes apart cannot tell from a
10 % change. Prints per endpoint both medians and their ratio. The writes (agreements,
questions) add rows to the kept database, as the suite's own runs do.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARMUP = 5


def child(bench_dir: str) -> None:
    sys.path.insert(0, bench_dir)
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    import inside  # the checkout's own, after its path is set
    from inprocess import client_for  # this checkout's (an older one may not have it)

    from ketenzorg.frontdoor.models import SubmissionWindow

    SubmissionWindow.objects.all().delete()  # the rate limit of the question form
    calls = {}
    for name, spec in inside.prepare()["endpoints"].items():
        client, extra = client_for(spec)
        calls[name] = (getattr(client, spec["method"].lower()), spec, extra)
    print("ready", flush=True)
    for count, line in enumerate(sys.stdin, start=1):
        call, spec, extra = calls[line.strip()]
        address = f"10.{(count // 250) % 250}.{count % 250}.{os.getpid() % 250}"
        started = time.perf_counter()
        response = call(spec["paths"][count % len(spec["paths"])], REMOTE_ADDR=address, **extra)
        ms = (time.perf_counter() - started) * 1000
        if response.status_code != spec["expect"]:
            raise SystemExit(f"{line.strip()}: {response.status_code}, expected {spec['expect']}")
        if count % 200 == 0:
            SubmissionWindow.objects.all().delete()
        print(ms, flush=True)


def compare(before: Path, pairs: int, names: list[str], rounds: bool = False) -> None:
    kids = {}
    for label, checkout in (("before", before), ("after", HERE.parent)):
        env = dict(os.environ)
        if label == "before" and os.environ.get("AB_BEFORE_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["AB_BEFORE_DATABASE_URL"]
        kids[label] = subprocess.Popen(
            [sys.executable, __file__, "--child", str(checkout / "bench")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        if kids[label].stdout.readline().strip() != "ready":
            raise SystemExit(f"the {label} checkout did not start")

    def one(label: str, name: str) -> float:
        kids[label].stdin.write(name + "\n")
        kids[label].stdin.flush()
        return float(kids[label].stdout.readline())

    # A turn is one request, or with --round one request to every endpoint named, as a worker
    # serves a mix (what every page shares, and what each keeps per process, is then shared).
    turns = [[name] for name in names] if not rounds else [names]
    for turn in turns:
        times = {"before": [], "after": []}
        for i in range(pairs + WARMUP):
            for label in ("before", "after") if i % 2 else ("after", "before"):
                ms = sum(one(label, name) for name in turn)
                if i >= WARMUP:
                    times[label].append(ms)
        a, b = statistics.median(times["before"]), statistics.median(times["after"])
        what = turn[0] if len(turn) == 1 else f"a round of {len(turn)}"
        print(
            f"{what:18s} before {a:7.2f} ms  after {b:7.2f} ms  after/before {b / a:.2f}",
            flush=True,
        )
    for kid in kids.values():
        kid.stdin.close()
        kid.wait()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    elif len(sys.argv) < 2 or sys.argv[1] in {"-h", "--help"}:
        raise SystemExit(__doc__)
    else:
        rounds = "--round" in sys.argv
        names = [a for a in sys.argv[3:] if a != "--round"] or [
            "framework_floor", "dashboard", "case_page", "case_list_api", "family_search",
            "agreement_create", "question_create",
        ]  # fmt: skip
        pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 60
        compare(Path(sys.argv[1]).resolve(), pairs, names, rounds)
