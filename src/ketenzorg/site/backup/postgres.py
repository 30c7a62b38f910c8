"""PostgreSQL: pg_dump of one snapshot, restored as one transaction with psql.

The manifest's counts are read inside a REPEATABLE READ transaction whose snapshot
pg_dump then copies (`--snapshot`), so they describe exactly what is in the dump.

A restore first turns the dump into SQL (`pg_restore -f`, which also reads it to the
end, so a damaged dump is refused before anything is changed), then runs, in one
transaction: drop every table of the target, then the script. A failure rolls it all
back. Dropping a table fires no trigger, so the access log's append-only triggers do not
stand in the way; the script recreates them after loading the data.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection, transaction

from ketenzorg.audit import triggers
from ketenzorg.site.backup import facts
from ketenzorg.site.backup.archive import BackupError, Refused

MEMBER = "database.pgdump"
LOCK_TIMEOUT = "15s"
_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}  # fmt: skip


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _version(binary: str) -> int | None:
    try:
        command = [binary, "--version"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout  # noqa: S603
    except OSError:
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def tool(name: str, major: int) -> str:
    """The `name` of the lowest PostgreSQL version not older than the server's.

    pg_dump refuses a server newer than itself, and Debian installs every version's tools
    side by side under /usr/lib/postgresql/<version>/bin.
    """
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    if on_path := shutil.which(name):
        candidates.append(on_path)
    versions = sorted((v, c) for c in candidates if (v := _version(c)) is not None and v >= major)
    if not versions:
        raise Refused(
            f"{name} voor PostgreSQL {major} (of nieuwer) is niet gevonden; installeer "
            f"postgresql-client-{major}."
        )
    return versions[0][1]


def _environment() -> dict:
    """libpq's variables for the configured database: no password on a command line."""
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(settings["NAME"]), "PGCONNECT_TIMEOUT": "30"}
    for key, var in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings.get(key):
            env[var] = str(settings[key])
    for option, var in _ENV.items():
        if settings.get("OPTIONS", {}).get(option):
            env[var] = str(settings["OPTIONS"][option])
    return env


def _run(command: list[str], what: str, *, refuse: bool = False, after: str = "") -> None:
    result = subprocess.run(command, env=_environment(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        error = Refused if refuse else BackupError
        shown = " / ".join(detail) or f"exitcode {result.returncode}"
        raise error(f"{what} is mislukt: {shown}.{after}")


def dump(dest: Path) -> dict:
    pg_dump = tool("pg_dump", server_major())
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            found = facts.read(cursor, set(connection.introspection.table_names(cursor)))
            _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", "--file", str(dest)],
                 "pg_dump")  # fmt: skip
    return found


def server_version() -> str:
    connection.ensure_connection()
    return f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"


def prepare(dump_path: Path, workdir: Path) -> Path:
    """The dump as one SQL script, without owners and grants of the source's roles."""
    script = workdir / "herstel.sql"
    pg_restore = tool("pg_restore", server_major())
    _run([pg_restore, "--no-owner", "--no-privileges", "--file", str(script), str(dump_path)],
         "de dump in de back-up lezen (pg_restore)", refuse=True)  # fmt: skip
    return script


def restore(script: Path, workdir: Path) -> None:
    psql = tool("psql", server_major())
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
    prelude = workdir / "leegmaken.sql"
    prelude.write_text(
        f"SET lock_timeout = '{LOCK_TIMEOUT}';\n"
        + (f"DROP TABLE IF EXISTS {quoted} CASCADE;\n" if tables else "")
        + "DROP FUNCTION IF EXISTS ketenzorg_audit_append_only() CASCADE;\n",
        encoding="utf-8",
    )
    connection.close()
    _run([psql, "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction",
          "--file", str(prelude), "--file", str(script)],
         "herstellen (psql)", after=" De database is niet gewijzigd: alles liep in één transactie. "
         "Draaien de server of de worker nog?")  # fmt: skip
    # The dump holds the triggers; making sure costs two statements.
    triggers.create(connection)
