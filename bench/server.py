"""The server under test: `ketenzorg serve` itself (gunicorn, 2 workers), as deployed.

Measuring the production command rather than a runserver keeps the middleware,
static-file handling and worker model honest. Worker memory is read from
/proc: VmRSS now and VmHWM (the peak) per worker.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from outliers import ACCESS_LOG_FORMAT

CLI = str(Path(sys.executable).with_name("ketenzorg"))


def free_port(start: int = 18100) -> int:
    """A loopback port nothing is bound to (a connect test misses ports in TIME_WAIT)."""
    for port in range(start, start + 500):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port from {start}")


def _machine_busy_ticks() -> int:
    """The machine's non-idle CPU time since boot, in clock ticks (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]  # all but idle and iowait


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def _cpu_ticks(self) -> int:
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total

    def wait_idle(self, quiet_seconds: float = 0.3, limit: float = 60) -> None:
        """Wait until the workers stop using CPU, and the machine with them.

        When wrk stops, the requests still queued in the listen backlog are served
        anyway; without this, the next measurement's first requests would wait behind
        them and show as its p99. A worker waiting for a long query uses no CPU itself
        (at nation scale the signal function's aggregate runs 2 s in PostgreSQL), so the
        machine's own busy time must be near zero too: under a fifth of one core.
        """
        deadline = time.monotonic() + limit
        last, busy = self._cpu_ticks(), _machine_busy_ticks()
        while time.monotonic() < deadline:
            time.sleep(quiet_seconds)
            now, busy_now = self._cpu_ticks(), _machine_busy_ticks()
            ticks_per_second = os.sysconf("SC_CLK_TCK")
            if now == last and busy_now - busy < 0.2 * ticks_per_second * quiet_seconds:
                return
            last, busy = now, busy_now

    def worker_memory_mb(self) -> list[dict]:
        """Per worker: current and peak resident memory in MB."""
        result = []
        for pid in self.worker_pids():
            fields = {}
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in {"VmRSS", "VmHWM"}:
                    fields[key] = int(value.split()[0]) / 1024
            result.append(
                {"pid": pid, "rss_mb": fields.get("VmRSS", 0), "peak_mb": fields.get("VmHWM", 0)}
            )
        return result


@contextmanager
def serving(env: dict[str, str], log: Path, floor_config: Path | None = None):
    """`ketenzorg serve`; or, given `floor_config`, the mixed day's bare WSGI floor
    (`mixed_floor.py`) under gunicorn with the same workers and access log."""
    port = free_port()
    env = {**env, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "2",
           # parents behind a proxy: the question form's per-address limit counts each of them
           "KETENZORG_CLIENT_IP_HEADER": "X-Forwarded-For", "KETENZORG_TRUSTED_PROXY_COUNT": "1",
           # the access log (as deployed) with each request's own duration: bench/outliers.py
           "GUNICORN_CMD_ARGS": shlex.join(["--access-logformat", ACCESS_LOG_FORMAT])}  # fmt: skip
    command = [CLI, "serve"]
    if floor_config is not None:
        env["BENCH_FLOOR_CONFIG"] = str(floor_config)
        command = [sys.executable, "-m", "gunicorn", "mixed_floor:application",
                   "--chdir", str(Path(__file__).resolve().parent), "--bind", f"127.0.0.1:{port}",
                   "--workers", "2", "--access-logfile", "-"]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    ready = "/gezondheid/" if floor_config is None else "/not-in-the-mix/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}{ready}", timeout=2) as r:
                    if r.status == 200:
                        break
            except urllib.error.HTTPError as error:
                if floor_config is not None and error.code == 404:
                    break  # the floor answers: it knows only the mix's paths
                raise
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start; see {log}") from None
                time.sleep(0.3)
        server = Server(base_url, process, log)
        while len(server.worker_pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
