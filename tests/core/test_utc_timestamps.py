"""On PostgreSQL a `timestamptz` is read by psycopg's C loader when the connection is in UTC:
the same values as Django's own loader, with `datetime.timezone.utc`; in another time zone
Django's loader stays."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.utils import timezone

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's loaders"),
    pytest.mark.django_db,
]

VALUES = """
SELECT v::timestamptz FROM (VALUES
  ('2026-12-06 01:02:03.456789+00'), ('2026-03-29 01:59:59.999999+00'),
  ('2026-03-29 02:00:00+01'), ('2026-10-25 02:30:00+02'), ('2000-02-29 23:59:59.5-11'),
  ('1899-12-31 23:59:59+00:19:32'), ('0001-01-01 00:00:00+00'), ('9999-12-31 23:59:59.999999+00'),
  ('2026-07-01 12:00:00+05:45')
) AS t(v) ORDER BY 1
"""


def _loader_of(cursor):
    return cursor.cursor.adapters.get_loader(1184, 0)


def test_the_connection_reads_timestamps_as_djangos_loader_does():
    with connection.cursor() as cursor:
        assert _loader_of(cursor).__name__ == "UtcTimestamptzLoader"
        cursor.execute(VALUES)
        ours = [row[0] for row in cursor.fetchall()]
    with connection.cursor() as cursor:
        register_tzloader(datetime.UTC, cursor.cursor)  # Django's, on this cursor
        assert _loader_of(cursor).__name__ == "SpecificTzLoader"
        cursor.execute(VALUES)
        djangos = [row[0] for row in cursor.fetchall()]
    assert ours == djangos and len(ours) == 9
    assert all(value.tzinfo is datetime.UTC for value in ours + djangos)


def test_a_saved_moment_comes_back_the_same_and_in_utc():
    at = datetime.datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=datetime.UTC)
    Session.objects.create(session_key="proef" * 8, session_data="{}", expire_date=at)
    read = Session.objects.values_list("expire_date", flat=True).get(session_key="proef" * 8)
    assert read == at and read.tzinfo is datetime.UTC
    # a second before summer time begins in Amsterdam
    assert timezone.localtime(read).utcoffset() == datetime.timedelta(hours=1)


def test_a_connection_in_another_time_zone_keeps_djangos_loader():
    wrapper = type(connections["default"])
    other = wrapper(dict(connection.settings_dict, TIME_ZONE="Europe/Amsterdam"), "other")
    try:
        with other.cursor() as cursor:
            assert _loader_of(cursor).__name__ == "SpecificTzLoader"
            cursor.execute("SELECT '2026-07-01 12:00:00+00'::timestamptz")
            (value,) = cursor.fetchone()
        assert value.utcoffset() == datetime.timedelta(hours=2)
    finally:
        other.close()
