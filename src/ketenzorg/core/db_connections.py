"""How PostgreSQL connections use prepared statements (decision 0021).

psycopg keeps the 100 most recently used and deallocates the rest. A worker serves every
page, each with ten to twenty statements of its own besides the ones every page shares
(session, user, device, menu, access log): more than a hundred, so a busy worker would
prepare, evict and prepare again. The server keeps a few kilobytes of plan per statement.

A batch pass is the other way round: its statements repeat a few hundred times with very
different values (a chunk of 500 notification uuids), and a plan kept for the first values
can be wrong for the next. The nightly pass's look-up of notifications already sent took
22 s prepared against 5.7 s planned per run at nation scale.
"""

from __future__ import annotations

import datetime
import functools
from contextlib import contextmanager

from django import db

PREPARED_MAX = 500


def keep_prepared_statements(sender, connection, **kwargs) -> None:
    """`connection_created`: a PostgreSQL connection that prepares statements keeps more."""
    if connection.vendor != "postgresql":
        return
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return
    connection.connection.prepared_max = PREPARED_MAX


@contextmanager
def planned_per_run():
    """Within: no statement is prepared on this thread's connection; each is planned for
    its own values (those prepared before stay prepared)."""
    if db.connection.vendor != "postgresql":
        yield
        return
    db.connection.ensure_connection()
    raw = db.connection.connection
    before = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = before


def utc_timestamps_in_c(sender, connection, **kwargs) -> None:
    """`connection_created`: a PostgreSQL connection reads `timestamptz` with psycopg's C loader.

    Django registers its own loader for every `timestamptz` value: psycopg's pure-Python one
    (Django subclasses it, and the C one cannot be subclassed), with the result's `tzinfo`
    replaced by the connection's time zone. It takes 4.5 µs a value here; psycopg's C loader
    0.3 µs. A list of a hundred cases reads several hundred. When the connection's time zone
    is UTC, as Django sets it with `USE_TZ` and no database `TIME_ZONE`, the C loader already
    gives `datetime.timezone.utc`: the same value, so Django's replacement is not needed.
    """
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    raw = connection.connection
    if raw.info.parameter_status("TimeZone") != "UTC":
        return
    loader = _utc_timestamptz_loader()
    if loader is not None:
        raw.adapters.register_loader(loader.oid_of_type, loader)


@functools.cache
def _utc_timestamptz_loader():
    """The loader class, made once per process; None without psycopg's C extension."""
    from psycopg import adapters
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    oid = adapters.types["timestamptz"].oid
    fast = adapters.get_loader(oid, Format.TEXT)
    if fast.__module__.startswith("psycopg.types"):  # no C extension here: nothing to gain
        return None

    class UtcTimestamptzLoader(Loader):
        oid_of_type = oid
        # Django's `create_cursor` compares this with the connection's time zone and
        # registers its own loader again on a cursor where they differ.
        timezone = datetime.UTC

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            # The instance's `load` is the C method: psycopg's row loader calls it directly.
            self.load = fast(oid, context).load

        def load(self, data):  # the abstract method; the instance's own `load` comes first
            return fast(self.oid, self._tx).load(data)  # pragma: no cover

    return UtcTimestamptzLoader
