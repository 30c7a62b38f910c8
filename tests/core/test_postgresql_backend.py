"""A kept PostgreSQL connection is checked by its socket before a request's first query, and a
connection the server has ended is still replaced before it is used (decision 0027).

Each test serves its "requests" on a connection of its own, in autocommit as a worker's is
between requests (the test's own connection is inside the test's transaction)."""

import select

import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangosWrapper

from ketenzorg.core.postgresql_backend.base import DatabaseWrapper, quiet_and_idle

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connections"),
    pytest.mark.django_db,
]


@pytest.fixture
def worker():
    """A worker's kept connection: `begin()` is what Django does as a request starts."""
    kept = connections.create_connection("default")
    assert isinstance(kept, DatabaseWrapper)
    assert kept.settings_dict["CONN_HEALTH_CHECKS"] is True
    kept.begin = kept.close_if_unusable_or_obsolete
    yield kept
    kept.close()


@pytest.fixture
def django_checks(monkeypatch) -> list:
    """Each time Django's own check (`SELECT 1`) is asked."""
    asked = []
    original = DjangosWrapper.is_usable

    def counted(self):
        asked.append(self.alias)
        return original(self)

    monkeypatch.setattr(DjangosWrapper, "is_usable", counted)
    return asked


def _backend_pid(kept) -> int:
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _until_readable(raw, seconds=5.0) -> None:
    select.select([raw.pgconn.socket], [], [], seconds)


def test_a_kept_connection_that_is_well_is_used_without_a_round_trip(worker, django_checks):
    pid = _backend_pid(worker)
    for _ in range(3):
        worker.begin()
        assert _backend_pid(worker) == pid
    assert django_checks == []


def test_a_connection_the_server_ended_is_replaced_before_the_next_request_uses_it(
    worker, django_checks
):
    pid = _backend_pid(worker)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    _until_readable(worker.connection)
    worker.begin()
    assert _backend_pid(worker) != pid  # a reconnect, not an error
    assert django_checks == ["default"]


def test_anything_else_from_the_server_gets_djangos_own_check(worker, django_checks):
    pid = _backend_pid(worker)
    with worker.cursor() as cursor:
        cursor.execute("LISTEN ketenzorg_test")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("NOTIFY ketenzorg_test")
    finally:
        other.close()
    _until_readable(worker.connection)
    worker.begin()
    assert _backend_pid(worker) == pid  # the connection is well: kept
    assert django_checks == ["default"]


def test_only_a_quiet_idle_connection_passes(worker):
    worker.ensure_connection()
    raw = worker.connection
    assert quiet_and_idle(raw)
    with worker.cursor() as cursor:
        worker.set_autocommit(False)
        cursor.execute("SELECT 1")  # a transaction is open
        assert not quiet_and_idle(raw)
        worker.rollback()
        worker.set_autocommit(True)
    assert quiet_and_idle(raw)
    worker.close()
    assert not quiet_and_idle(raw)
