"""A new row written by one INSERT whose SQL is written once per model, not by `Model.save()`.

`save()` walks its signals, the parents, the field loop and Django's SQL compiler for every
new row; on a write by the API that compiling was a tenth of the request (the agreement and
its history event, the parent's question). The row here is the same: every field's own
`pre_save` (so `auto_now`, `auto_now_add` and the like fill in as they do) and
`get_db_prep_save` (so each value is converted as `save()` converts it), then one
`INSERT … RETURNING` of the new id; `pre_save` and `post_save` are sent as `save()` sends them
when a receiver listens (none does in the product; a test plays a concurrent request with one).
Not for a model with a parent model or a column the database fills (refused).
"""

from __future__ import annotations

import functools

from django.db import connection, models
from django.db.models import signals


@functools.cache
def _insert_sql(model: type[models.Model], unless_taken: str | None = None) -> tuple[tuple, str]:
    meta = model._meta
    if meta.parents:
        raise TypeError(f"{model.__name__} has a parent model: save it with save()")
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    for field in fields:
        if field.has_db_default() or field.generated:
            raise TypeError(f"{model.__name__}.{field.name} is filled by the database: save()")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    conflict = ""
    if unless_taken is not None:
        field = meta.get_field(unless_taken)
        if not field.unique:
            raise TypeError(f"{model.__name__}.{unless_taken} is not unique")
        conflict = f"ON CONFLICT ({quote(field.column)}) DO NOTHING "
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks}) {conflict}"  # noqa: S608 - our own table and columns
        f"RETURNING {quote(meta.pk.column)}"
    )
    return fields, sql


def insert_one(instance: models.Model, *, unless_taken: str | None = None) -> models.Model | None:
    """Write a new `instance` (inside the caller's transaction, if any) and give it its id.

    With `unless_taken` (a unique field's name) nothing is written when another row already
    holds the instance's value there, and None is returned: the unique index answers in the
    same statement, where asking first was a round trip more, and no error aborts the
    caller's transaction."""
    model = type(instance)
    instance._prepare_related_fields_for_save(operation_name="save")  # as save() refuses
    fields, sql = _insert_sql(model, unless_taken)
    signal = {"sender": model, "instance": instance, "raw": False, "using": connection.alias,
              "update_fields": None}  # fmt: skip
    if signals.pre_save.has_listeners(model):
        signals.pre_save.send(**signal)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        inserted = cursor.fetchone()
    if inserted is None:
        return None  # the value of `unless_taken` was taken
    instance.pk = inserted[0]
    instance._state.adding = False
    instance._state.db = connection.alias
    if signals.post_save.has_listeners(model):
        signals.post_save.send(created=True, **signal)
    return instance
