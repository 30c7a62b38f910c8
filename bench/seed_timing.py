"""Time `ketenzorg seed` on a fresh, throwaway database.

    .venv/bin/python bench/seed_timing.py city metro
    DATABASE_URL=postgres://... .venv/bin/python bench/seed_timing.py city

Each scale gets its own empty database (a temporary SQLite file, or the
PostgreSQL database named in DATABASE_URL, which must be a scratch database:
its seed data is left in place), so the numbers do not depend on what was
there before. The seed's own summary line (rows, seconds, rows/s) is printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = str(Path(sys.executable).with_name("ketenzorg"))


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([CLI, *args], env=env, capture_output=True, text=True, check=True)
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="+", choices=["city", "metro", "nation"])
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    for scale in arguments.scales:
        with tempfile.TemporaryDirectory(prefix=f"seed-{scale}-") as var_dir:
            env = {**os.environ, "KETENZORG_VAR_DIR": var_dir}
            run(["migrate", "--noinput", "-v0"], env)
            started = time.perf_counter()
            output = run(
                [
                    "seed",
                    "--scale",
                    scale,
                    "--seed",
                    str(arguments.seed),
                    "--no-progress",
                    "--replace",
                ],
                env,
            )
            wall = time.perf_counter() - started
            total = next(line for line in output.splitlines() if "totaal" in line).strip()
            backend = (
                "postgresql" if env.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
            )
            print(f"{scale:7s} {backend:10s} {total}  (wall {wall:.1f} s incl. start-up)")


if __name__ == "__main__":
    main()
