"""Many new rows of one table in one statement, without Django preparing each value on its own.

`bulk_create` makes a model instance per row and has every field prepare every value
(`get_db_prep_save`), and psycopg, binding on the client, then quotes each parameter into the
statement's text. The nightly pass at nation scale inserts 2.8 million values that way: a
third of its time. On PostgreSQL the rows here go over as **one JSON text** that the server
reads into the table's own row type (`json_populate_recordset`), so the types are the table's
and the only per-value work in Python is the C-written JSON encoder. Elsewhere (SQLite: one
writer, a local file) it is `bulk_create`.

Only for columns whose value Django does not convert (`PLAIN_FIELDS`, exactly these classes):
an encrypted or any other custom field is refused with a TypeError, so nothing skips a field's
own conversion. A column left out of a row gets what `bulk_create` would give it: now for
`auto_now`/`auto_now_add`, else the field's default (a callable default is called per row).
"""

from __future__ import annotations

import json

from django.db import connection, models
from django.utils import timezone

PLAIN_FIELDS = (
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DateTimeField,
    models.ForeignKey,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.TextField,
    models.UUIDField,
)


def _columns(model) -> list:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if type(field) not in PLAIN_FIELDS:
            raise TypeError(
                f"{model.__name__}.{field.name} ({type(field).__name__}) needs Django's own "
                "conversion: insert it with bulk_create"
            )
    return fields


def _complete(fields: list, rows: list[dict]) -> list[dict]:
    """Every row with every column (by column name), what bulk_create would have filled in."""
    now = timezone.now()
    complete = []
    for row in rows:
        values = {}
        for field in fields:
            if field.attname in row:
                values[field.column] = row[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                values[field.column] = now
            else:
                values[field.column] = field.get_default()
        complete.append(values)
    return complete


def insert_sql(
    model, rows: list[dict], *, ignore_conflicts: bool = False, primary_key: bool = False
) -> tuple[str, list]:
    """PostgreSQL's INSERT of `rows` ({attname: value}) and its one parameter; for a caller that
    adds a WHERE or a RETURNING clause or puts the statement in a WITH. With `primary_key` the
    rows bring their own ids (taken from the table's sequence beforehand)."""
    fields = _columns(model)
    if primary_key:
        fields = [model._meta.pk, *fields]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {columns} "  # noqa: S608 - our own table and columns
        f"FROM json_populate_recordset(NULL::{table}, %s)"
    )
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    text = json.dumps(_complete(fields, rows), default=str, separators=(",", ":"))
    return sql, [text]


def insert_rows(model, rows: list[dict], *, ignore_conflicts: bool = False) -> None:
    """Insert `rows` ({attname: value}); with `ignore_conflicts` a row that breaks a unique
    constraint is skipped (the caller reads back which ones went in, as after bulk_create)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        _columns(model)  # the same refusal on every database
        model.objects.bulk_create([model(**row) for row in rows], ignore_conflicts=ignore_conflicts)
        return
    sql, params = insert_sql(model, rows, ignore_conflicts=ignore_conflicts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
