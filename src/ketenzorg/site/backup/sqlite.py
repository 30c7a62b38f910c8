"""SQLite: copy with SQLite's online backup API, in both directions.

Copying the file while the server writes would catch a half-written page or miss the WAL;
the backup API copies a consistent snapshot through SQLite itself. Restoring the same way
replaces the whole target database in one write transaction: a restore that fails leaves
it as it was, and the WAL of a running target is handled by SQLite, not by us.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection

from ketenzorg.site.backup import facts
from ketenzorg.site.backup.archive import BackupError, Refused

MEMBER = "database.sqlite3"


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def dump(dest: Path) -> dict:
    """Copy the configured database to `dest`; the facts are read from the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(dest)
    try:
        connection.connection.backup(copy)
        # One self-contained file: no -wal beside it in the archive.
        copy.execute("PRAGMA journal_mode=DELETE")
        return facts.read(copy.cursor(), _tables(copy))
    finally:
        copy.close()


def check(path: Path) -> None:
    """Refuse a copy that SQLite finds damaged or that holds no ketenzorg tables."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = _tables(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise Refused(f"de database in de back-up is onleesbaar: {error}.") from error
    if result != "ok":
        raise Refused(f"de database in de back-up is beschadigd: {result}.")
    if "django_migrations" not in tables or "audit_auditentry" not in tables:
        raise Refused("de database in de back-up heeft geen ketenzorg-tabellen.")


def target() -> str:
    return str(connection.settings_dict["NAME"])


def restore(path: Path) -> None:
    connection.close()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target(), timeout=20)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=WAL")
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupError(
            f"herstellen in {target()} is mislukt ({error}); de database is niet gewijzigd."
        ) from error
    finally:
        source.close()
