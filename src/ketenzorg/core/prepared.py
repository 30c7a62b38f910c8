"""Queries the ORM compiles once per process instead of once per request.

A page like the case page runs twenty small queries whose SQL is the same on every request
but for a case id or two. Measured (cProfile, the case page on SQLite), turning those
querysets into SQL — resolving the filters, joins of `select_related`, ordering and
columns — took 38 % of the request, executing them 3 %. A `PreparedQuery` builds its
queryset once with placeholder values, keeps the compiled SQL and the compiler's column map
per database, and on each call only swaps the real values into the parameters; the rows
become model instances through Django's own iterables, so `select_related`, annotations,
converters and `prefetch_related` work as they do for the queryset itself.

Whatever the builder computes itself is compiled in for the life of the process: a value that
changes between requests — today's date, the current time, a setting — must be one of its
arguments, never read inside it. Only plain values are swapped: an int (an id), a UUID, a date or a string compared as it is,
each of which the database receives as one parameter. A value of another type, or None (which changes the SQL to
`IS NULL`), runs the queryset the ordinary way. Compiling with the placeholder must put each
placeholder among the parameters, or `prepare` refuses with an error naming the query.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Values no real row or constant uses, one per position of the builder's arguments.
_INT_PLACEHOLDER = -1_987_654_000
_UUID_PLACEHOLDER = 0x5E9_0000_0000_0000_0000_0000_0000_0000
_DATE_PLACEHOLDER = dt.date(1111, 1, 1)


def _placeholder(kind: type, position: int):
    if kind is int:
        return _INT_PLACEHOLDER - position
    if kind is uuid.UUID:
        return uuid.UUID(int=_UUID_PLACEHOLDER + position)
    if kind is dt.date:
        return _DATE_PLACEHOLDER + dt.timedelta(days=position)
    if kind is str:
        return f"\x1fprepared-placeholder-{position}\x1f"
    return None


def _forms(value) -> list[tuple[Any, Callable[[Any], Any]]]:
    """The shapes a value can take among a backend's parameters, with how to make each."""
    forms: list[tuple[Any, Callable[[Any], Any]]] = [(value, lambda v: v)]
    if isinstance(value, uuid.UUID):
        forms.append((value.hex, lambda v: v.hex))
    if isinstance(value, dt.date):
        forms.append((value.isoformat(), lambda v: v.isoformat()))
    forms.append((str(value), str))
    return forms


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: Any
    sql: str
    params: tuple
    slots: tuple[tuple[int, int, Callable[[Any], Any]], ...]  # (param index, argument, adapt)


class PreparedQuery:
    """`build(*values) -> QuerySet`, compiled once per kinds of values (a process has one
    database, so its SQL dialect does not change)."""

    def __init__(self, build: Callable[..., QuerySet], *, name: str = ""):
        self._build = build
        self._name = name or getattr(build, "__qualname__", "query")
        self._compiled: dict[tuple, _Compiled] = {}

    def __call__(self, *values) -> list:
        """The rows, as the queryset `build(*values)` would give them."""
        kinds = tuple(type(v) for v in values)
        if any(_placeholder(kind, 0) is None for kind in kinds):
            return list(self._build(*values))
        compiled = self._compiled.get(kinds)
        if compiled is None:
            compiled = self._compiled[kinds] = self._compile(kinds)
        params = list(compiled.params)
        for index, argument, adapt in compiled.slots:
            params[index] = adapt(values[argument])
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[compiled.queryset.db]  # this thread's connection
        bound = (compiled.sql, tuple(params))
        compiler.as_sql = lambda *args, **kwargs: bound
        queryset = compiled.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def _compile(self, kinds: tuple) -> _Compiled:
        placeholders = [_placeholder(kind, i) for i, kind in enumerate(kinds)]
        queryset = self._build(*placeholders)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = []
        for argument, placeholder in enumerate(placeholders):
            found = {
                index: (index, argument, adapt)
                for form, adapt in reversed(_forms(placeholder))
                for index, param in enumerate(params)
                if type(param) is type(form) and param == form
            }
            if not found:
                raise LookupError(
                    f"{self._name}: argument {argument} does not reach the SQL as one parameter"
                )
            slots.extend(found.values())
        return _Compiled(queryset, compiler, sql, tuple(params), tuple(slots))
