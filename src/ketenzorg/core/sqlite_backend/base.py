"""Django's SQLite backend, with a statement's text rewritten once per process, not per run.

Django writes SQL with `%s` placeholders; Python's sqlite3 takes `?`. Django's cursor rewrites
every statement's text with a regular expression each time it runs: 25-50 µs for a page's
2-3 kB statements here, half a millisecond to a millisecond for a page of twenty queries, while
the SQL itself takes 1-1.3 ms (docs/performance.md). The texts are few (a page compiles its
queries once, `core.prepared`) and the rewrite depends on the text alone, so it is kept.

sqlite3 keeps the statements it has prepared (parsed and planned) by that text, 128 by default;
a worker serves every page, with more statements than that between them (the session, user,
device, menu and access log of every page besides each page's own), and would prepare some
again on every request. It keeps 500, as a PostgreSQL connection does (`core.db_connections`).
"""

from __future__ import annotations

import functools

from django.db.backends.sqlite3 import base

CACHED_STATEMENTS = 500


@functools.lru_cache(maxsize=2048)
def qmark(query: str) -> str:
    """Django's own rewrite ("format" style to "qmark" style), remembered. A statement whose
    text varies with its values (an `IN` list's length) takes a place per length: bounded."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.setdefault("cached_statements", CACHED_STATEMENTS)
        return params

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
