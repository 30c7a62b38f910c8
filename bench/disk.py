"""Are slow COMMITs ours or the disk's? A commit loop next to an fsync probe.

    python bench/disk.py postgres://postgres@127.0.0.1:25432/bench_metro [seconds]

Writes 100 rows per transaction into a scratch table (random uuids in an index, as the
access log's subjects are) as fast as one connection can, while `outliers.DiskProbe`
fsyncs 4 KB of its own file every 20 ms. Prints both distributions and the slowest
commits next to the probe's stalls within 5 ms of them: when they coincide, every
fsync on the machine waited, and no change to our queries would have helped.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from outliers import DiskProbe  # noqa: E402


def _clock(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%H:%M:%S.%f")[:-3]


def main(url: str, seconds: float) -> None:
    commits: list[tuple[float, float]] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE bench_disk_probe (id bigserial PRIMARY KEY, u uuid, payload text)"
        )
        conn.execute("CREATE INDEX ON bench_disk_probe (u)")
        try:
            with DiskProbe(Path("/var/tmp")) as disk:
                end = time.time() + seconds
                while time.time() < end:
                    started = time.perf_counter()
                    with conn.transaction():
                        conn.execute(
                            "INSERT INTO bench_disk_probe (u, payload) "
                            "SELECT gen_random_uuid(), repeat('x', 200) FROM generate_series(1, 100)"
                        )
                    commits.append((time.time(), (time.perf_counter() - started) * 1000))
        finally:
            conn.execute("DROP TABLE bench_disk_probe")
    ms = sorted(m for _, m in commits)
    print(f"{len(ms)} transactions: p50 {ms[len(ms) // 2]:.2f} ms, p99 {ms[int(len(ms) * 0.99)]:.1f} ms, "
          f"max {ms[-1]:.1f} ms")  # fmt: skip
    probe = disk.summary()
    print(f"fsync probe: {probe['fsyncs']} fsyncs, p50 {probe['p50_ms']} ms, {probe['over_50_ms']} over 50 ms, "
          f"max {probe['max_ms']} ms")  # fmt: skip
    for at, took in sorted(commits, key=lambda c: c[1], reverse=True)[:5]:
        # a transaction that ended at `at` after `took` ms: the probe stalls that overlap it
        stalls = [f"{m:.0f} ms at {_clock(a)}" for a, m in disk.samples
                  if m > 20 and at - took / 1000 - 0.005 <= a <= at + 0.005]  # fmt: skip
        print(
            f"  transaction of {took:.0f} ms ending {_clock(at)}; probe meanwhile: {', '.join(stalls) or 'no stall'}"
        )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60)
