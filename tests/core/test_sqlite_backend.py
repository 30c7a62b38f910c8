"""The SQLite backend rewrites a statement's text as Django's does, once per text, and keeps
more statements prepared; on PostgreSQL it is not used."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor

from ketenzorg.core.sqlite_backend import base as backend
from ketenzorg.network.models import District, DistrictKind

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend only")

TEXTS = [
    "SELECT 1",
    'SELECT "a"."b" FROM "a" WHERE "a"."c" = %s AND "a"."d" IN (%s, %s)',
    "SELECT %s LIKE '%%ijs%%', '100%%'",
    "SELECT '%%s' || %s",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_rewrite_is_djangos(text):
    assert backend.qmark(text) == DjangoCursor.convert_query(None, text)


@pytest.mark.django_db
def test_a_text_is_rewritten_once_and_then_remembered():
    text = "SELECT %s + %s -- test_a_text_is_rewritten_once"
    backend.qmark.cache_clear()
    with connection.cursor() as cursor:
        for _run in range(3):
            cursor.execute(text, [1, 2])
            assert cursor.fetchone() == (3,)
    assert backend.qmark.cache_info().misses == 1 and backend.qmark.cache_info().hits == 2


@pytest.mark.django_db
def test_the_orm_runs_through_it_with_literal_percents_and_named_parameters():
    assert type(connection.cursor().cursor) is backend.SQLiteCursorWrapper
    District.objects.create(name="100% Noord", kind=DistrictKind.STADSDEEL)
    District.objects.create(name="Zuid", kind=DistrictKind.STADSDEEL)
    assert list(District.objects.filter(name__contains="%").values_list("name", flat=True)) == [
        "100% Noord"
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT %(a)s || %(b)s", {"a": "ijs", "b": "kast"})
        assert cursor.fetchone() == ("ijskast",)
        cursor.execute("SELECT '100%%' || %s", ["!"])
        assert cursor.fetchone() == ("100%!",)


def test_the_connection_keeps_more_prepared_statements():
    assert connection.get_connection_params()["cached_statements"] == backend.CACHED_STATEMENTS
