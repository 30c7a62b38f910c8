"""The access log's table carries the indexes its readers use and no others: every logged look
inserts into each of them (migration audit 0008)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

TABLE = "audit_auditentry"


def _indexes() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, TABLE)


def test_the_holder_is_found_through_the_composite_index_only():
    indexed = [tuple(c["columns"]) for c in _indexes().values() if c["index"]]
    assert ("user_id_snapshot", "basis", "occurred_at") in indexed
    assert ("user_id_snapshot",) not in indexed


def test_the_entry_hash_stays_unique_without_a_prefix_index():
    unique = [tuple(c["columns"]) for c in _indexes().values() if c["unique"]]
    assert ("entry_hash",) in unique
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                [TABLE, "%pattern_ops%"],
            )
            assert cursor.fetchall() == []
