"""Django's PostgreSQL backend; a kept connection is checked before a request's first query by
looking at its socket, and only asked `SELECT 1` when something has come from the server.

A worker keeps its connection (decision 0007) and Django checks it before each request's first
query (`CONN_HEALTH_CHECKS`), so that a database restart costs a reconnect and not an error.
Django checks by sending `SELECT 1`: a round trip, 0.12 ms here, on every request, about a
twentieth of a small page's own SQL. A server that ends a connection (a restart, an
administrator's `pg_terminate_backend`, an idle timeout) sends its error and closes the socket;
a connection that is well has nothing to read between requests. So the socket is polled
(under a microsecond): quiet, outside a transaction and in a good state, the connection is
used as it is; anything else (data waiting, a closed socket, a broken or busy connection) gets
Django's own check, which then fails and reconnects as before. A server that vanished without
closing (a host lost from the network) leaves the socket quiet, and Django's `SELECT 1` would
have waited for it just the same.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


def quiet_and_idle(raw) -> bool:
    """Nothing from the server waiting on the connection's socket, no transaction open, and
    psycopg holds it for good: what a connection that was well after its last answer is."""
    if raw.closed or raw.broken:
        return False
    if raw.pgconn.status != pq.ConnStatus.OK:
        return False
    if raw.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    try:
        readable, _, _ = select.select([raw.pgconn.socket], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and quiet_and_idle(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
