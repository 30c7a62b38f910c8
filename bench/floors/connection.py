"""A floor's connection: opened as the app opens it, with the scratch tables it writes to.

Floors never write into the real tables: that would change the world the benchmark
measures. Writes go to scratch tables `bench_floor_*`, each a clone of the real table with
its columns, indexes and constraints (PostgreSQL `LIKE ... INCLUDING ALL` plus the foreign
keys; SQLite the stored DDL), so a scratch insert costs what the real one would.
"""

from __future__ import annotations

import os
import re
import sqlite3

# The chain is pure Python (no Django), so the floor hashes exactly as the real log does.
from ketenzorg.audit.chain import GENESIS

from .dialect import POSTGRESQL, SQLITE, SQLITE_PRAGMAS, query, transaction

# Scratch table -> the real table whose columns, indexes and constraints it copies.
SCRATCH_CLONES = {
    "bench_floor_audit": "audit_auditentry",
    "bench_floor_audit_subject": "audit_auditsubject",
    "bench_floor_chainhead": "audit_chainhead",
    "bench_floor_agreement": "coordination_agreement",
    "bench_floor_caseevent": "coordination_caseevent",
    "bench_floor_question": "frontdoor_question",
    "bench_floor_submissionwindow": "frontdoor_submissionwindow",
    "bench_floor_signal": "coordination_stagnationsignal",
    "bench_floor_sentnotification": "coordination_sentnotification",
}
# A foreign key between two cloned tables points at the clone (the audit subject at its
# entry); every other one at the real table (a scratch signal belongs to a real agreement).
REDIRECTED = {"audit_auditentry": "bench_floor_audit"}
# The case columns the nightly suggestion pass would update (the real table is not touched).
SUGGESTION_TABLE = "bench_floor_case_suggestion"


def connect(database_url: str | None, sqlite_path: str | os.PathLike | None):
    """(connection, vendor): PostgreSQL if a URL is given, else SQLite as the app opens it.

    Both in autocommit mode, as Django runs them: a read is its own statement, writes open an
    explicit transaction (`BEGIN IMMEDIATE` on SQLite, like the app's `transaction_mode`).
    """
    if database_url:
        import psycopg

        conn = psycopg.connect(database_url, autocommit=True)
        vendor = POSTGRESQL
    elif sqlite_path:
        conn = sqlite3.connect(sqlite_path, timeout=20, isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            conn.execute(pragma)
        vendor = SQLITE
    else:
        raise ValueError("connect() needs a database_url or a sqlite_path")
    ensure_scratch(conn, vendor)
    return conn, vendor


# --- scratch tables ---------------------------------------------------------------------------

_READY: dict[int, object] = {}


def _exists(conn, vendor: str, table: str) -> bool:
    if vendor == POSTGRESQL:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (table,)).fetchone() is not None


def _clone_sqlite(conn, real: str, scratch: str) -> None:
    rows = conn.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
        " AND type IN ('table', 'index') ORDER BY type DESC",  # the table before its indexes
        (real,),
    ).fetchall()
    if not rows:
        raise LookupError(f"no table {real}: is the database migrated?")
    for kind, ddl in rows:
        for source, target in REDIRECTED.items():
            ddl = ddl.replace(f'REFERENCES "{source}"', f'REFERENCES "{target}"')
        if kind == "table":
            ddl = re.sub(
                r'^CREATE TABLE\s+(IF NOT EXISTS\s+)?"?\w+"?',
                f'CREATE TABLE IF NOT EXISTS "{scratch}"',
                ddl,
            )
        else:
            ddl = re.sub(
                r'^CREATE (UNIQUE )?INDEX\s+(IF NOT EXISTS\s+)?"?(\w+)"?\s+ON\s+"?\w+"?',
                lambda m: (
                    f'CREATE {m[1] or ""}INDEX IF NOT EXISTS "{scratch}__{m[3]}" ON "{scratch}"'
                ),
                ddl,
            )
        conn.execute(ddl)


def _clone_postgresql(conn, real: str, scratch: str) -> None:
    conn.execute(f'CREATE TABLE IF NOT EXISTS "{scratch}" (LIKE "{real}" INCLUDING ALL)')
    keys = conn.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        (real,),
    ).fetchall()
    for number, (definition,) in enumerate(keys):
        definition = re.sub(
            r"REFERENCES (\w+)\(",
            lambda m: f"REFERENCES {REDIRECTED.get(m[1], m[1])}(",
            definition,
        )
        conn.execute(f'ALTER TABLE "{scratch}" ADD CONSTRAINT "{scratch}_fk{number}" {definition}')


def _create_suggestion_table(conn, vendor: str) -> None:
    moment = "timestamp with time zone" if vendor == POSTGRESQL else "datetime"
    conn.execute(
        f'CREATE TABLE IF NOT EXISTS "{SUGGESTION_TABLE}" ('
        ' "case_id" bigint NOT NULL PRIMARY KEY REFERENCES "coordination_case" ("id"),'
        ' "suggested_level" smallint NOT NULL, "suggested_rule" varchar(200) NOT NULL,'
        f' "suggestion_handled" bool NOT NULL, "updated_at" {moment} NOT NULL)'
    )


def ensure_scratch(conn, vendor: str) -> None:
    """Create the scratch tables if missing and the chain head's row (checked once per connection;
    `connect` and every floor call it)."""
    if _READY.get(id(conn)) is conn:
        return
    with transaction(conn, vendor):
        # Cloned in dependency order: the audit entry before its subjects.
        for scratch, real in SCRATCH_CLONES.items():
            if not _exists(conn, vendor, scratch):
                (_clone_postgresql if vendor == POSTGRESQL else _clone_sqlite)(conn, real, scratch)
        _create_suggestion_table(conn, vendor)
        query(
            conn,
            vendor,
            "INSERT INTO bench_floor_chainhead (id, last_entry_id, last_hash) SELECT 1, 0, ?"
            " WHERE NOT EXISTS (SELECT 1 FROM bench_floor_chainhead WHERE id = 1)",
            [GENESIS],
        )
    _READY[id(conn)] = conn


def drop_scratch(conn, vendor: str) -> None:
    """Remove every `bench_floor_*` table (they hold foreign keys to the real tables)."""
    _READY.pop(id(conn), None)
    cascade = " CASCADE" if vendor == POSTGRESQL else ""
    for table in (SUGGESTION_TABLE, *reversed(SCRATCH_CLONES)):
        conn.execute(f'DROP TABLE IF EXISTS "{table}"{cascade}')
