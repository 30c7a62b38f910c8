"""The floor of seeding: the cost of getting rows into a table at all.

executemany on SQLite, COPY on PostgreSQL, into an index-free clone of each table; what the
seeder spends beyond that is generating the world and keeping its indexes.
"""

from __future__ import annotations

import re
import time

from .dialect import POSTGRESQL, transaction


def _copy_rows(conn, table: str, scratch: str, rows: list[tuple]) -> None:
    types = [
        oid
        for (oid,) in conn.execute(
            "SELECT atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped ORDER BY attnum",
            (table,),
        ).fetchall()
    ]
    with conn.transaction(), conn.cursor().copy(f'COPY "{scratch}" FROM STDIN') as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)


def seed_floor(conn, vendor: str, tables: list[str]) -> dict[str, float]:
    """Seconds to insert each table's rows into an empty, index-free clone; and the total.

    The rows are read out first (not timed); the clone `bench_floor_seed_<table>` is created
    with `CREATE TABLE ... AS SELECT * ... WHERE 1=0` and dropped afterwards. Timed: the
    inserts and their commit (executemany on SQLite, COPY on PostgreSQL).
    """
    result: dict[str, float] = {}
    for table in tables:
        if not re.fullmatch(r"\w+", table):
            raise ValueError(f"not a table name: {table!r}")
        scratch = f"bench_floor_seed_{table}"
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
        conn.execute(f'DROP TABLE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE TABLE "{scratch}" AS SELECT * FROM "{table}" WHERE 1=0')  # noqa: S608
        started = time.perf_counter()
        if vendor == POSTGRESQL:
            _copy_rows(conn, table, scratch, rows)
        elif rows:
            marks = ", ".join("?" * len(rows[0]))
            with transaction(conn, vendor):
                conn.executemany(f'INSERT INTO "{scratch}" VALUES ({marks})', rows)  # noqa: S608
        result[table] = time.perf_counter() - started
        conn.execute(f'DROP TABLE "{scratch}"')
    result["total"] = sum(result.values())
    return result
