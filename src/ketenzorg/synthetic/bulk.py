"""Set-based inserts for millions of rows: executemany on SQLite, COPY on PostgreSQL.

The ORM's `bulk_create` builds a model instance per row and, on SQLite, a
statement per few hundred rows; at ten million persons that alone takes longer
than the whole load should. Rows here are plain tuples whose values both
backends accept as they are (UUIDs as 32 hex digits, dates as ISO text,
booleans, None), so the generator does not need to know the database.

Primary keys are handed out by the seed itself (from the table's current
maximum), so that persons can point at their family without a round trip. That
is only safe while nobody else writes to these tables: the seed is an offline
operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.apps import apps
from django.db import connection


class BulkWriter:
    def __init__(self):
        self.vendor = connection.vendor
        self.counts: dict[str, int] = {}
        self._next_id: dict[str, int] = {}

    @property
    def is_postgres(self) -> bool:
        return self.vendor == "postgresql"

    def next_ids(self, table: str, count: int) -> range:
        """`count` fresh primary keys for `table`."""
        start = self._next_id.get(table)
        if start is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - table names are ours
                start = cursor.fetchone()[0] + 1
                if self.is_postgres:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                    sequence = cursor.fetchone()[0]
                    if sequence:
                        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
                        last_value, is_called = cursor.fetchone()
                        start = max(start, last_value + 1 if is_called else last_value)
        self._next_id[table] = start + count
        return range(start, start + count)

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        extra_columns, extra_values = defaults_for(table, columns)
        if extra_columns:
            columns = (*columns, *extra_columns)
            rows = [row + extra_values for row in rows]
        column_list = ", ".join(columns)
        with connection.cursor() as cursor:
            if self.is_postgres:
                with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
                cursor.executemany(sql, rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def finish(self) -> None:
        """Move PostgreSQL's id sequences past the keys the seed handed out itself, and give
        the planner the tables' new sizes.

        Without the ANALYZE the first queries after a seed are planned on the sizes from before
        it (often empty tables): nested loops over seq scans of tens of thousands of rows, which
        ran for minutes, and in a test (the seed inside the test's transaction, where autovacuum
        never sees the rows) for ever. ANALYZE in the loading transaction samples its own rows."""
        if not self.is_postgres:
            return  # SQLite's AUTOINCREMENT follows explicitly inserted keys by itself.
        with connection.cursor() as cursor:
            for table in self._next_id:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {table}))",  # noqa: S608
                    [table],
                )
            written = sorted(table for table, count in self.counts.items() if count)
            if written:
                cursor.execute(f"ANALYZE {', '.join(written)}")  # table names are ours

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def defaults_for(table: str, columns: Sequence[str]) -> tuple[tuple[str, ...], tuple]:
    """Columns a model has beyond those the seed writes, with the value every row gets.

    So a field added later with a default (or nullable) does not break the seed;
    a new required field without one stops it with a message saying what to do.
    """
    model = next(m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table)
    extra_columns, extra_values = [], []
    for f in model._meta.concrete_fields:
        if f.column in columns:
            continue
        if f.has_default() and not f.unique:
            value = f.get_db_prep_save(f.get_default(), connection)
        elif f.null:
            value = None
        else:
            raise ValueError(
                f"{table}.{f.column} heeft geen standaardwaarde: "
                "voeg de kolom toe aan ketenzorg.synthetic.seed.COLUMNS."
            )
        extra_columns.append(f.column)
        extra_values.append(value)
    return tuple(extra_columns), tuple(extra_values)


@contextmanager
def fast_sqlite_writes():
    """Trade the durability of the last seconds for speed, for the seed run only, then restore.

    In WAL mode `synchronous=NORMAL` cannot corrupt the database; a crash may lose
    the last batches, which `seed --replace` loads again. Inside an outer
    transaction (tests) SQLite ignores these pragmas, so they are left alone there.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_autocheckpoint")
        autocheckpoint = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache for the index inserts
        cursor.execute("PRAGMA wal_autocheckpoint=65536")  # checkpoint per ~256 MiB, not per 4 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size={int(cache_size)}")
            cursor.execute(f"PRAGMA wal_autocheckpoint={int(autocheckpoint)}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def execute_all(statements: Iterable[tuple[str, list]]) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
