"""How the app connects to its database (docs/decisions/0007, 0021 and 0025)."""

import runpy
from pathlib import Path

import pytest
from django.db import connection

import ketenzorg

SETTINGS = Path(ketenzorg.__file__).with_name("settings.py")


def _databases(monkeypatch, url: str) -> dict:
    monkeypatch.setenv("DATABASE_URL", url)
    return runpy.run_path(str(SETTINGS))["DATABASES"]["default"]


def test_postgresql_connections_persist_and_plan_for_memory(monkeypatch):
    db = _databases(monkeypatch, "postgres://kz@db.example:5432/ketenzorg")
    assert db["ENGINE"] == "ketenzorg.core.postgresql_backend"
    assert db["CONN_MAX_AGE"] is None
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    assert db["OPTIONS"]["server_side_binding"] is True
    assert db["OPTIONS"]["prepare_threshold"] == 2


def test_prepared_statements_can_be_turned_off(monkeypatch):
    """Behind a pooler that hands a transaction to any server connection (pgbouncer's
    transaction mode), statements prepared on one are unknown on the next."""
    monkeypatch.setenv("KETENZORG_PREPARED_STATEMENTS", "0")
    db = _databases(monkeypatch, "postgres://kz@db.example/ketenzorg")
    assert db["OPTIONS"]["prepare_threshold"] is None
    assert db["OPTIONS"]["server_side_binding"] is True


def test_options_in_the_database_url_take_precedence(monkeypatch):
    db = _databases(
        monkeypatch, "postgres://kz@db.example/ketenzorg?options=-c%20random_page_cost%3D2"
    )
    assert db["OPTIONS"]["options"] == "-c random_page_cost=2"


@pytest.mark.django_db
def test_the_live_postgresql_connection_uses_the_planner_costs():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on both databases)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


@pytest.mark.django_db
def test_a_statement_run_a_third_time_is_prepared_on_the_server():
    from ketenzorg.core.db_connections import PREPARED_MAX

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on both databases)")
    connection.ensure_connection()
    assert connection.connection.prepared_max == PREPARED_MAX
    marker = "SELECT %s::int AS proef_voorbereid"
    prepared = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"
    with connection.cursor() as cursor:
        for n in range(3):
            cursor.execute(marker, [n])
            assert cursor.fetchone()[0] == n  # each time with its own value
        cursor.execute(prepared, ["%proef_voorbereid%"])
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_a_batch_pass_plans_each_statement_for_its_own_values():
    from ketenzorg.core.db_connections import planned_per_run

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on both databases)")
    prepared = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"
    with connection.cursor() as cursor:
        with planned_per_run():
            for n in range(4):
                cursor.execute("SELECT %s::int AS proef_per_keer", [n])
        cursor.execute(prepared, ["%proef_per_keer%"])
        assert cursor.fetchone()[0] == 0
    assert connection.connection.prepare_threshold == 2  # pages prepare again afterwards


def test_the_embedded_sqlite_database_keeps_its_connection_and_tests_in_memory(monkeypatch):
    """A served worker keeps its SQLite connection and the statements prepared on it
    (decisions 0007 and 0025); the test database stays in memory."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = runpy.run_path(str(SETTINGS))["DATABASES"]["default"]
    assert db["ENGINE"] == "ketenzorg.core.sqlite_backend"
    assert db["CONN_MAX_AGE"] is None
    assert db["TEST"] == {"NAME": ":memory:"}
