"""Aggregates that Django has for one database only, written for both of ours."""

from __future__ import annotations

from django.db.models import Aggregate, CharField


class CommaList(Aggregate):
    """A column's values joined by commas: SQLite's GROUP_CONCAT, PostgreSQL's STRING_AGG.

    For short codes without commas (a professional's roles), read along with the row they
    belong to instead of in a query of their own.
    """

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(distinct)s%(expressions)s, ',')",
            **extra_context,
        )


def comma_set(value: str | None) -> set[str]:
    return set(value.split(",")) if value else set()
