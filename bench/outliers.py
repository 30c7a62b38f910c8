"""Where a slow request's time went: the server's own timing, and what the database did meanwhile.

wrk only sees a latency. A p99 several times the p50 could be queueing on the client
side, a worker busy with something else, or the database pausing (autovacuum, a
checkpoint, a lock). The served app logs every request with its duration in
microseconds (gunicorn's `%(D)s`, see `ACCESS_LOG_FORMAT`), and the private
PostgreSQL cluster logs autovacuum runs, statements over 100 ms and lock waits
(bench/pg.py). For each measurement we keep the two logs' new lines and summarise
them, so the results file can say where the slowest requests went.

A slow COMMIT can still be ours or the disk's. `DiskProbe` tells them apart: a
thread of the harness, a separate file on the same file system, writes 4 KB and
fsyncs it every 20 ms during each measurement; if the probe stalls in the same
second as a request's COMMIT, the disk stalled for everyone.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# [23/Nov/2026:18:03:22 +0000] <pid> <status> <microseconds> "<request line>"
ACCESS_LOG_FORMAT = '%(t)s %(p)s %(s)s %(D)s "%(r)s"'
_ACCESS = re.compile(
    r'^\[(?P<t>[^\]]+)\] <(?P<pid>\d+)> (?P<status>\d{3}) (?P<us>\d+) "(?P<request>[^"]*)"'
)
_DATABASE_EVENTS = (
    "automatic vacuum",
    "automatic analyze",
    "checkpoint",
    "duration:",
    "still waiting",
)


class Tail:
    """The lines a log file gains between `mark()` and `read()`."""

    def __init__(self, path: Path | None):
        self.path, self.offset = path, 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path and self.path.exists() else 0

    def read(self) -> list[str]:
        if not self.path or not self.path.exists():
            return []
        with self.path.open("rb") as f:
            f.seek(self.offset)
            return f.read().decode("utf-8", "replace").splitlines()


class DiskProbe:
    """Write 4 KB and fsync every `interval` seconds in a thread; keep (time, milliseconds)."""

    def __init__(self, folder: Path, interval: float = 0.02):
        self.path, self.interval = folder / "disk-probe.bin", interval
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        block = os.urandom(4096)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            while not self._stop.wait(self.interval):
                os.pwrite(fd, block, 0)
                started = time.perf_counter()
                os.fsync(fd)
                self.samples.append((time.time(), (time.perf_counter() - started) * 1000))
        finally:
            os.close(fd)
            self.path.unlink(missing_ok=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict:
        if not self.samples:
            return {}
        times = sorted(ms for _, ms in self.samples)
        worst = sorted(self.samples, key=lambda s: s[1], reverse=True)[:3]
        return {
            "fsyncs": len(times),
            "p50_ms": round(times[len(times) // 2], 2),
            "max_ms": round(times[-1], 1),
            "over_50_ms": sum(1 for t in times if t > 50),
            "worst": [
                {"at": datetime.fromtimestamp(at, UTC).strftime("%H:%M:%S"), "ms": round(ms, 1)}
                for at, ms in worst
            ],
        }


@dataclass
class Served:
    at: datetime
    pid: int
    status: int
    ms: float


def served(lines: list[str]) -> list[Served]:
    found = []
    for line in lines:
        m = _ACCESS.match(line)
        if m:
            at = datetime.strptime(m["t"], "%d/%b/%Y:%H:%M:%S %z")
            found.append(Served(at, int(m["pid"]), int(m["status"]), int(m["us"]) / 1000))
    return found


def summary(access_lines: list[str], database_lines: list[str], slowest: int = 3) -> dict:
    """Server-side percentiles, the slowest requests, and the database's events in the window."""
    requests = served(access_lines)
    if not requests:
        return {}
    times = sorted(r.ms for r in requests)
    worst = sorted(requests, key=lambda r: r.ms, reverse=True)[:slowest]
    events = [
        line.strip()[:240] for line in database_lines if any(e in line for e in _DATABASE_EVENTS)
    ]
    return {
        "requests": len(times),
        "p50_ms": times[len(times) // 2],
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "slowest": [
            {"at": r.at.astimezone(UTC).strftime("%H:%M:%S"), "pid": r.pid, "ms": round(r.ms, 1)}
            for r in worst
        ],
        "database_events": events[:8],
        "database_events_total": len(events),
    }
