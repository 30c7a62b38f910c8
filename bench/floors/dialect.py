"""Talking to either database the way Django does, so a floor differs from the app only in
what it leaves out.

One SQL text serves both drivers: written with `?`, turned into `%s` for psycopg; values are
stored as Django stores them (SQLite keeps dates as ISO text and datetimes as naive UTC).
Writes open an explicit transaction like the app's (`BEGIN IMMEDIATE` on SQLite).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SQLITE_PRAGMAS = (  # as in src/ketenzorg/settings.py
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=20000",
)


def param(vendor: str, value):
    """Values as Django stores them: SQLite keeps dates as ISO text, datetimes as naive UTC."""
    if vendor != SQLITE:
        return value
    if isinstance(value, datetime):
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def paramstyle(vendor: str, sql: str) -> str:
    """The one paramstyle difference: `?` for sqlite3, `%s` for psycopg."""
    return sql.replace("?", "%s") if vendor == POSTGRESQL else sql


def query(conn, vendor: str, sql: str, params: Iterable = ()):
    return conn.execute(paramstyle(vendor, sql), [param(vendor, p) for p in params])


def _closing(text: str) -> int:
    """Where the first parenthesised group of `text` closes (it may hold a subquery)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ")" and depth == 0:
            return index
    raise ValueError("unbalanced parentheses")


def insert_many(conn, vendor: str, sql: str, rows: Iterable[Iterable]) -> None:
    """`INSERT ... VALUES (...)` for many rows: multi-row statements of up to 500 rows each."""
    rows = [[param(vendor, v) for v in row] for row in rows]
    if not rows:
        return
    head, _, rest = sql.rpartition("VALUES")
    end = _closing(rest)
    group, tail = rest[: end + 1].strip(), rest[end + 1 :]
    per = max(1, min(500, 30_000 // len(rows[0])))
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        statement = f"{head}VALUES {', '.join([group] * len(chunk))}{tail}"
        conn.execute(paramstyle(vendor, statement), [v for row in chunk for v in row])


def dicts(cursor) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def one(cursor) -> dict | None:
    rows = dicts(cursor)
    return rows[0] if rows else None


def marks(values) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def ilike(vendor: str) -> str:
    # Django's icontains: LIKE on SQLite (case-insensitive for ASCII), ILIKE's equivalent on PG.
    return "ILIKE" if vendor == POSTGRESQL else "LIKE"


def like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def string_agg(vendor: str) -> str:
    return "string_agg" if vendor == POSTGRESQL else "group_concat"


def to_json(value) -> bytes:
    return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":")).encode()


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def nl_date(value) -> str:
    return as_date(value).strftime("%d-%m-%Y")


@contextmanager
def transaction(conn, vendor: str) -> Iterator[None]:
    if vendor == POSTGRESQL:
        with conn.transaction():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
