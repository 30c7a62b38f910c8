"""A private, throwaway PostgreSQL cluster for one benchmark run.

The benchmark must not depend on a server someone started by hand, nor disturb
one: it installs PostgreSQL with apt-get if the binaries are missing, makes a
cluster in a temporary folder on a free loopback port, and removes it at the
end. Unlike CI's cluster it keeps fsync and synchronous_commit on: the figures
are meant to be those of a real deployment.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from server import free_port


def _bin_dir() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
                       check=True, stdin=subprocess.DEVNULL)  # fmt: skip
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def private_cluster(keep: Path | None = None):
    """Yield a function that returns the DATABASE_URL of a database, making it if new.

    With `keep`, the cluster lives in that folder and survives the run, so a
    nation-scale city (ten minutes of seeding) can be measured again.
    """
    bin_dir = _bin_dir()
    root = keep or Path(tempfile.mkdtemp(prefix="ketenzorg-bench-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    port = free_port(25432)  # below the ephemeral range that wrk's connections fill
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                          "--encoding=UTF8", "--no-locale"]),
            check=True, capture_output=True,
        )  # fmt: skip
    options = (
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB "
        "-c work_mem=32MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c max_connections=200 "
        # as the app sets per connection (settings.py): the data is in memory, random reads are cheap;
        # the floors' own connections plan with the same costs
        "-c random_page_cost=1.1 "
        # what the report puts next to a slow request: autovacuum, slow statements, lock waits
        "-c log_autovacuum_min_duration=0 -c log_min_duration_statement=100 -c log_lock_waits=on"
    )
    subprocess.run(
        _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                      "-w", "-t", "60", "-o", options, "start"]),
        check=True, capture_output=True,
    )  # fmt: skip

    def database(name: str) -> str:
        subprocess.run(
            [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name],
            capture_output=True,  # "already exists" when a kept cluster is reused
        )
        return f"postgres://postgres@127.0.0.1:{port}/{name}"

    database.log = root / "server.log"
    try:
        yield database
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
        )  # fmt: skip
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
