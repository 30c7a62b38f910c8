"""How many prepared statements a PostgreSQL connection keeps (decision 0021).

psycopg keeps the 100 most recently used and deallocates the rest. A worker serves every
page, each with ten to twenty statements of its own besides the ones every page shares
(session, user, device, menu, access log): more than a hundred, so a busy worker would
prepare, evict and prepare again. The server keeps a few kilobytes of plan per statement.
"""

from __future__ import annotations

PREPARED_MAX = 500


def keep_prepared_statements(sender, connection, **kwargs) -> None:
    """`connection_created`: a PostgreSQL connection that prepares statements keeps more."""
    if connection.vendor != "postgresql":
        return
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return
    connection.connection.prepared_max = PREPARED_MAX
