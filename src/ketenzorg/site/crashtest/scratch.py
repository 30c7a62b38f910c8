"""The crash test's own database, and the environment every process of the test runs in.

The test kills servers and writes thousands of rows, so it never touches the database it is
pointed at: without DATABASE_URL a fresh SQLite file in a temporary folder (with the product's
own pragmas: WAL, synchronous=FULL); with a `postgres://` DATABASE_URL a fresh database on that
server, created here and dropped afterwards. Under pytest that is the server the suite runs on,
and the test database stays untouched.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import ketenzorg

SRC = str(Path(ketenzorg.__file__).resolve().parents[1])
# What a caller's environment may set that would send a child process elsewhere.
_NOT_INHERITED = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KETENZORG_VAR_DIR", "PORT", "HOST",
                  "KETENZORG_AUDIT_KEYS", "KETENZORG_AUDIT_ANCHOR", "WEB_CONCURRENCY",
                  "KETENZORG_DOCUMENT_DIR"}  # fmt: skip


class Scratch:
    def __init__(self, folder: Path, database_url: str, label: str):
        self.folder = folder
        self.database_url = database_url  # "" for SQLite in folder
        self.label = label
        # A real key, so the chain is keyed as in production (not the development key).
        audit_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
        path = os.pathsep.join(p for p in (SRC, env.get("PYTHONPATH", "")) if p)
        env.update(
            PYTHONPATH=path,
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="ketenzorg.settings",
            KETENZORG_VAR_DIR=str(folder / "var"),
            KETENZORG_AUDIT_KEYS=f"crash:{audit_key}",
            KETENZORG_AUDIT_ANCHOR=str(folder / "audit-anchor.log"),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        self.env = env

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """`ketenzorg <args>` against the scratch database; its output, or an error with it."""
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", *args], env=self.env, capture_output=True, text=True,
            timeout=timeout, stdin=subprocess.DEVNULL, cwd=self.folder,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} faalde ({done.returncode}):\n{done.stderr[-3000:]}"
            )
        return done


def _postgres_params(url: str) -> dict:
    import dj_database_url

    config = dj_database_url.parse(url)
    return {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": config.get("NAME") or "postgres",
    }


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@contextmanager
def scratch(database_url: str | None = None, keep: bool = False):
    """Yield a Scratch on a fresh database of the kind `database_url` names (default: the
    environment's DATABASE_URL), migrated; remove it afterwards unless `keep`."""
    url = os.environ.get("DATABASE_URL", "") if database_url is None else database_url
    folder = Path(tempfile.mkdtemp(prefix="ketenzorg-crashtest-"))
    is_postgres = url.startswith(("postgres://", "postgresql://", "pgsql://"))
    created = ""
    try:
        if is_postgres:
            import psycopg

            created = f"ketenzorg_crashtest_{secrets.token_hex(4)}"
            with psycopg.connect(**_postgres_params(url), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{created}"')
            box = Scratch(folder, _with_database(url, created), f"PostgreSQL (database {created})")
        else:
            box = Scratch(folder, "", f"SQLite ({folder / 'var' / 'ketenzorg.sqlite3'})")
        box.run("ketenzorg.cli", "migrate", "--noinput")
        yield box
    finally:
        if created and not keep:
            import psycopg

            with psycopg.connect(**_postgres_params(url), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
