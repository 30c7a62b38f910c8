"""For the tests that pin a page's queries (issue 17): what one access-log entry costs here.

The chain head is locked and read first (the entry's hash needs the last one); then on
PostgreSQL the entry, its subjects and the head's step are one statement, on SQLite three.
Inside the caller's transaction the entry takes no savepoint of its own.
"""

from __future__ import annotations

from django.db import connection

# A page behind the login reads its session with the user and the device it names (decision
# 0028).
LOGIN_WALL = 1
LOG_ENTRY = 2 if connection.vendor == "postgresql" else 4
# An entry that names no person (a figure of the signal function): SQLite has no subjects
# to insert.
LOG_ENTRY_WITHOUT_SUBJECTS = 2 if connection.vendor == "postgresql" else 3


def record_compiles(monkeypatch) -> list:
    """From now on, every query Django turns into SQL (selects, inserts, updates) appends its
    compiler to the returned list: a read compiled once per process (`core.prepared`) does not.
    """
    from django.db.models.sql.compiler import SQLCompiler, SQLInsertCompiler, SQLUpdateCompiler

    compiled: list = []
    for compiler in (SQLCompiler, SQLInsertCompiler, SQLUpdateCompiler):
        as_sql = compiler.as_sql

        def counting(self, *args, _as_sql=as_sql, **kwargs):
            result = _as_sql(self, *args, **kwargs)
            # An insert compiles to a list of (sql, params), one per batch.
            for sql, _params in result if isinstance(result, list) else [result]:
                compiled.append((self, sql))
            return result

        monkeypatch.setattr(compiler, "as_sql", counting)
    return compiled
