"""The test suite's own guard on PostgreSQL (tests/conftest.py): a runaway statement fails its
test instead of holding its locks until CI's limit."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings")
def test_a_test_connection_stops_a_runaway_statement_and_an_abandoned_query():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "3min"
        cursor.execute("SHOW client_connection_check_interval")
        assert cursor.fetchone()[0] == "5s"
        cursor.execute("SHOW random_page_cost")  # the product's own option is kept
        assert cursor.fetchone()[0] == "1.1"
