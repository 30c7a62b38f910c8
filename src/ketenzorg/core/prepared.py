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
arguments, never read inside it (and a value derived from one, such as "60 days ago", is passed
as its own argument). Only plain values are swapped: an int (an id), a UUID, a date, an aware
datetime or a string (compared as it is, or searched for inside a column with
`contains`/`icontains`), each of which the database receives as one parameter, and a tuple of
ids (an `IN` list: compiled once per size class of 1, 2, 4, … 128 or 199 ids, the list filled
up to its class with its last id, which `IN` does not mind). A value of another type, None
(which changes the SQL to `IS NULL`) or an empty tuple runs the queryset the ordinary way. The
builder is compiled twice, with two sets of stand-in values: a parameter that follows an
argument is that argument's slot, and if the SQL or any other parameter moves with them (a
value derived inside the builder, an argument that changes the SQL) the query is refused with a
`LookupError` naming it, as is an argument that never reaches the parameters.

`together` runs several such queries that do not depend on each other; on PostgreSQL their
statements share one round trip (psycopg's pipeline mode, decision 0023).

`QueryPerValues` is for a query whose SQL moves with its values (a month's boundaries written
into a CASE): it is compiled once per set of values instead, for values that repeat (decision
0024).

The converters a row's values pass through (text to a datetime or uuid on SQLite, a
boolean's 0/1) are looked up once per query and connection, not per call: Django asks the
backend and every column's field again on each execution, which was 8 % of the case page.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# Two sets of stand-in values, compiled one after the other: a parameter that is the first
# set's value in one compile and the second's in the other is that argument's; constants stay
# put. Ints stay within a small integer column's range (Django answers a lookup with an int out
# of the column's range with an empty result, without SQL); each tuple position has 200 ids.
_ROUNDS = (
    {"int": 20_000, "uuid": 0x5E9A << 112, "date": dt.date(2001, 1, 1)},
    {"int": 10_000, "uuid": 0x5E9B << 112, "date": dt.date(2002, 2, 2)},
)
_MAX_IDS = 199


def _id_class(count: int) -> int:
    """How many placeholders an `IN` list of `count` ids is compiled with: a page of 37
    families and one of 50 share one compiled query rather than each its own."""
    size = 1
    while size < count:
        size *= 2
    return min(size, _MAX_IDS)


def _kind(value) -> tuple | None:
    """What the SQL depends on in a value: its type, and for a tuple of ids its size class (an
    `IN (%s, %s, …)` has a placeholder per id); None for a value that is not swapped."""
    kind = type(value)
    if kind is tuple:
        if 0 < len(value) <= _MAX_IDS and all(type(v) is int for v in value):
            return (tuple, _id_class(len(value)))
        return None
    if kind is dt.datetime and value.tzinfo is None:
        return None
    return (kind,) if kind in (int, uuid.UUID, dt.date, dt.datetime, str) else None


def _placeholder(kind: tuple, position: int, stand_in: dict):
    base = kind[0]
    if base is int:
        return stand_in["int"] + 200 * position
    if base is tuple:
        return tuple(stand_in["int"] + 200 * position + k for k in range(kind[1]))
    if base is uuid.UUID:
        return uuid.UUID(int=stand_in["uuid"] + position)
    if base is dt.date:
        return stand_in["date"] + dt.timedelta(days=position)
    if base is dt.datetime:
        day = stand_in["date"] + dt.timedelta(days=position)
        return dt.datetime(day.year, day.month, day.day, 11, 11, 11, 111111, tzinfo=dt.UTC)
    return f"\x1fprepared-{stand_in['int']}-{position}\x1f"


def _forms(value, connection) -> list[tuple[Any, Callable[[Any], Any]]]:
    """The shapes a value can take among a backend's parameters, with how to make each: as it
    is, or as the backend adapts a uuid, date or datetime column's value (SQLite: text)."""
    forms: list[tuple[Any, Callable[[Any], Any]]] = [(value, lambda v: v)]
    ops = connection.ops
    if isinstance(value, uuid.UUID):
        forms.append((value.hex, lambda v: v.hex))
    if isinstance(value, dt.datetime):
        forms.append((ops.adapt_datetimefield_value(value), ops.adapt_datetimefield_value))
    elif isinstance(value, dt.date):
        forms.append((ops.adapt_datefield_value(value), ops.adapt_datefield_value))
    elif isinstance(value, str):
        # `contains`/`icontains`: the text between wildcards, its own %, _ and backslash escaped.
        forms.append((_contained(value, ops), lambda v: _contained(v, ops)))
    forms.append((str(value), str))
    return forms


def _contained(text: str, ops) -> str:
    return f"%{ops.prep_for_like_query(text)}%"


def _slots(placeholder, argument: int, params, connection) -> list:
    """Where an argument's placeholder landed among the parameters, and how to fill it."""
    if isinstance(placeholder, tuple):  # each id of an IN list
        slots = []
        for k, element in enumerate(placeholder):
            for index, _, adapt in _slots(element, argument, params, connection):
                # A shorter list of the same size class repeats its last id.
                slots.append(
                    (index, argument, lambda v, k=k, adapt=adapt: adapt(v[min(k, len(v) - 1)]))
                )
        return slots
    found = {
        index: (index, argument, _wrapped(adapt, type(param), type(form)))
        for form, adapt in reversed(_forms(placeholder, connection))
        for index, param in enumerate(params)
        if isinstance(param, type(form)) and param == form
    }
    return list(found.values())


def _wrapped(adapt: Callable[[Any], Any], param_type: type, form_type: type):
    """A backend may hand a value over in a subclass of its type (psycopg's `Int2` for a small
    integer column): the swapped-in value gets the same class."""
    if param_type is form_type:
        return adapt
    return lambda v: param_type(adapt(v))


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: Any
    sql: str
    params: tuple
    slots: tuple[tuple[int, int, Callable[[Any], Any]], ...]  # (param index, argument, adapt)
    # Per connection (a thread has its own; the converters are its backend's bound methods).
    converters: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)

    def converters_for(self, compiler) -> dict:
        """The compiler's converters for its selected columns, as `results_iter` asks them."""
        connection = compiler.connection
        converters = self.converters.get(connection)
        if converters is None:
            columns = [s[0] for s in compiler.select[: compiler.col_count]]
            converters = self.converters[connection] = compiler.get_converters(columns)
        return converters


class PreparedQuery:
    """`build(*values) -> QuerySet`, compiled once per kinds of values (a process has one
    database, so its SQL dialect does not change)."""

    def __init__(self, build: Callable[..., QuerySet], *, name: str = ""):
        self._build = build
        self._name = name or getattr(build, "__qualname__", "query")
        self._compiled: dict[tuple, _Compiled] = {}

    def __call__(self, *values) -> list:
        """The rows, as the queryset `build(*values)` would give them."""
        bound = self._bind(values)
        if bound is None:
            return list(self._build(*values))
        return bound.rows()

    def _bind(self, values: tuple) -> _Bound | None:
        """The compiled query with these values in its parameters; None when a value is not
        one that is swapped (the queryset then runs the ordinary way)."""
        kinds = tuple(_kind(v) for v in values)
        if None in kinds:
            return None
        compiled = self._compiled.get(kinds)
        if compiled is None:
            compiled = self._compiled[kinds] = self._compile(kinds)
        return _bound(compiled, values)

    def first(self, *values):
        """The first row or None, for a builder that slices its queryset to one row."""
        rows = self(*values)
        return rows[0] if rows else None

    def _compile(self, kinds: tuple) -> _Compiled:
        compiles = []
        for stand_in in _ROUNDS:
            placeholders = [_placeholder(kind, i, stand_in) for i, kind in enumerate(kinds)]
            queryset = self._build(*placeholders)
            compiler = queryset.query.get_compiler(using=queryset.db)
            compiles.append((placeholders, queryset, compiler, *compiler.as_sql()))
        (first, queryset, compiler, sql, params), (second, _, _, other_sql, other_params) = compiles
        slots: dict[int, tuple] = {}
        for argument, (one, two) in enumerate(zip(first, second, strict=True)):
            found = {slot[0]: slot for slot in _slots(one, argument, params, compiler.connection)}
            moved = [
                index
                for index, _, _ in _slots(two, argument, other_params, compiler.connection)
                if index in found
            ]
            expected = len(one) if isinstance(one, tuple) else 1
            if len(moved) < expected:
                raise LookupError(
                    f"{self._name}: argument {argument} does not reach the SQL as parameters"
                )
            slots.update((index, found[index]) for index in moved)
        unchanged = all(
            i in slots or p == q for i, (p, q) in enumerate(zip(params, other_params, strict=False))
        )
        if sql != other_sql or len(params) != len(other_params) or not unchanged:
            raise LookupError(f"{self._name}: the SQL depends on more than the arguments' values")
        return _Compiled(queryset, compiler, sql, tuple(params), tuple(slots.values()))


def _bound(compiled: _Compiled, values: tuple) -> _Bound:
    """The compiled query with these values in its parameters, on this thread's connection."""
    params = list(compiled.params)
    for index, argument, adapt in compiled.slots:
        params[index] = adapt(values[argument])
    compiler = copy.copy(compiled.compiler)
    compiler.connection = connections[compiled.queryset.db]  # this thread's connection
    bound = (compiled.sql, tuple(params))
    compiler.as_sql = lambda *args, **kwargs: bound
    converters = compiled.converters_for(compiler)
    compiler.get_converters = lambda expressions: converters  # only results_iter asks
    return _Bound(compiled.queryset, compiler, *bound)


class QueryPerValues(PreparedQuery):
    """`build(*values) -> QuerySet`, compiled once per set of values it is called with (the last
    `size` sets compiled are kept), for a query whose SQL depends on its values in more ways than a
    parameter each and which is asked again and again with the same ones.

    The signal function's figures compute their months' boundaries from the period asked for
    and write them into the SQL: `PreparedQuery` cannot swap those, but the dashboard asks the
    same period all month. The builder must depend on its arguments only (pass today's date,
    never read it inside), as for `PreparedQuery`; the values must be hashable.
    """

    def __init__(self, build: Callable[..., QuerySet], *, name: str = "", size: int = 16):
        super().__init__(build, name=name)
        self._size = size

    def _bind(self, values) -> _Bound | None:
        values = tuple(values)
        try:
            compiled = self._compiled.get(values)
        except TypeError:  # an unhashable value: the queryset runs the ordinary way
            return None
        if compiled is None:
            queryset = self._build(*values)
            compiler = queryset.query.get_compiler(using=queryset.db)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:  # nothing to ask the database (an empty IN list)
                return None
            compiled = _Compiled(queryset, compiler, sql, tuple(params), ())
            while len(self._compiled) >= self._size:
                self._compiled.pop(next(iter(self._compiled)))  # the oldest
            self._compiled[values] = compiled
        return _bound(compiled, values)


@dataclass
class _Bound:
    """One call's compiled query, ready to run (or to be handed rows fetched with others')."""

    queryset: QuerySet
    compiler: Any
    sql: str
    params: tuple

    def rows(self) -> list:
        queryset = self.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: self.compiler
        return list(queryset)

    def take(self, fetched: list) -> None:
        """Answer with rows already fetched instead of running the statement (as `execute_sql`
        would give them: one chunk, cut to the selected columns when extra ones were added)."""
        compiler = self.compiler
        if compiler.has_extra_select:
            fetched = [row[: compiler.col_count] for row in fetched]
        compiler.execute_sql = lambda *args, **kwargs: iter([fetched])


def together(*calls: tuple) -> list[list]:
    """The rows of several prepared queries that do not depend on each other, each call a
    `(query, *values)`: on PostgreSQL their statements go to the server in one pipeline and
    their results come back in one round trip instead of one each.

    A case's page reads ten blocks of the case (involvements, meetings, agreements, events…)
    whose SQL takes a tenth of a millisecond each; waiting for the server ten times took a
    third of the request. Each statement is still executed (and counted, and logged in DEBUG)
    through Django's own cursor, and the rows become model instances as in `__call__`. On
    SQLite, which answers in process, the queries simply run one after the other.
    """
    bound = [query._bind(values) for query, *values in calls]
    batch = [b for b in bound if b is not None]
    if len(batch) > 1:
        connection = batch[0].compiler.connection
        if connection.vendor == "postgresql" and _can_pipeline():
            for b, fetched in zip(batch, _pipelined(connection, batch), strict=True):
                b.take(fetched)
    return [
        b.rows() if b is not None else list(query._build(*values))
        for b, (query, *values) in zip(bound, calls, strict=True)
    ]


@functools.cache
def _can_pipeline() -> bool:
    """Pipeline mode needs libpq 14 or later (psycopg's binary package brings its own)."""
    import psycopg

    return psycopg.Pipeline.is_supported()


def _pipelined(connection, batch: list[_Bound]) -> list[list]:
    connection.ensure_connection()
    cursors = []
    try:
        # An error surfaces when the pipeline syncs, outside any one cursor's execute: as
        # Django's own error classes, like every other query's.
        with connection.wrap_database_errors, connection.connection.pipeline():
            for b in batch:
                cursor = connection.cursor()
                cursors.append(cursor)
                cursor.execute(b.sql, b.params)
        return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
