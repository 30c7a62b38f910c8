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
