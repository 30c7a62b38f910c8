"""The database side of the search: the index on each database and the text condition.

The terms are analysed in Python (`analyzer`); the databases only find exact terms, which both
do the same way:

- **PostgreSQL**: a GIN index over `to_tsvector('simple', search_terms)` and the condition
  `@@ to_tsquery('simple', …)`. 'simple' lowercases and does nothing else, so PostgreSQL's own
  (older) Dutch stemmer never gets to disagree with ours.
- **SQLite**: an FTS5 table with external content (`content='aanbod_programme'`), kept in step
  by three triggers in the writing transaction; the condition is `MATCH` with quoted terms.

Ranking and paging are plain SQL on the programme table, identical on both (see `selectors`).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ketenzorg.aanbod.search.analyzer import QueryWord

TABLE = "aanbod_programme"
FTS_TABLE = "aanbod_programme_fts"
PG_INDEX = "aanbod_programme_search_gin"

PG_INSTALL = [
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} "
    "USING gin (to_tsvector('simple'::regconfig, search_terms))"
]
PG_UNINSTALL = [f"DROP INDEX IF EXISTS {PG_INDEX}"]

# Written out in full (no string building): the names are fixed and the SQL is read as it runs.
_TRIGGERS = {
    "aanbod_programme_fts_ai": """
        CREATE TRIGGER IF NOT EXISTS aanbod_programme_fts_ai AFTER INSERT ON aanbod_programme
        BEGIN
            INSERT INTO aanbod_programme_fts(rowid, search_terms)
            VALUES (new.id, new.search_terms);
        END""",
    "aanbod_programme_fts_ad": """
        CREATE TRIGGER IF NOT EXISTS aanbod_programme_fts_ad AFTER DELETE ON aanbod_programme
        BEGIN
            INSERT INTO aanbod_programme_fts(aanbod_programme_fts, rowid, search_terms)
            VALUES ('delete', old.id, old.search_terms);
        END""",
    "aanbod_programme_fts_au": """
        CREATE TRIGGER IF NOT EXISTS aanbod_programme_fts_au AFTER UPDATE ON aanbod_programme
        BEGIN
            INSERT INTO aanbod_programme_fts(aanbod_programme_fts, rowid, search_terms)
            VALUES ('delete', old.id, old.search_terms);
            INSERT INTO aanbod_programme_fts(rowid, search_terms)
            VALUES (new.id, new.search_terms);
        END""",
}
SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"search_terms, content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_UNINSTALL = [f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS] + [
    f"DROP TABLE IF EXISTS {FTS_TABLE}"
]


def install(conn) -> bool:
    """Create what is missing of the index on this connection; True when something was.

    On SQLite a missing trigger means the index may have missed writes, so it is rebuilt
    from the programme table (FTS5's 'rebuild').
    """
    if TABLE not in conn.introspection.table_names():
        return False  # migrated back before the catalogue, or not yet there
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for sql in PG_INSTALL:
                cursor.execute(sql)
            return False
        if conn.vendor != "sqlite":
            return False
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in (FTS_TABLE, *_TRIGGERS) if name not in present]
        if not missing:
            return False
        cursor.execute(SQLITE_TABLE)
        for sql in _TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute("INSERT INTO aanbod_programme_fts(aanbod_programme_fts) VALUES ('rebuild')")
        return True


def uninstall(conn) -> None:
    statements = {"postgresql": PG_UNINSTALL, "sqlite": SQLITE_UNINSTALL}.get(conn.vendor, [])
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def post_migrate_check(sender, using="default", **kwargs):
    from django.db import connections

    install(connections[using])


def _tsquery(words: list[QueryWord]) -> str:
    def alternative(terms: tuple[str, ...]) -> str:
        return terms[0] if len(terms) == 1 else "(" + " & ".join(terms) + ")"

    return " & ".join(
        "(" + " | ".join(alternative(a) for a in w.alternatives()) + ")" for w in words
    )


def _fts5_query(words: list[QueryWord]) -> str:
    def alternative(terms: tuple[str, ...]) -> str:
        quoted = [f'"{t}"' for t in terms]
        return quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"

    return " AND ".join(
        "(" + " OR ".join(alternative(a) for a in w.alternatives()) + ")" for w in words
    )


def match_text(words: list[QueryWord]) -> str:
    """What the index is asked for the words (the condition's one parameter): a tsquery on
    PostgreSQL, an FTS5 query on SQLite. The terms are [a-z0-9]+ by construction."""
    return _tsquery(words) if connection.vendor == "postgresql" else _fts5_query(words)


def matching_ids(text: str) -> RawSQL:
    """The ids of the programmes that hold every word (its whole stem or all its parts), as
    a subquery for `pk__in`; `text` is `match_text`'s."""
    # The query text is a bound parameter; the SQL around it is fixed.
    if connection.vendor == "postgresql":
        return RawSQL(  # noqa: S611
            "SELECT id FROM aanbod_programme"
            " WHERE to_tsvector('simple'::regconfig, search_terms)"
            " @@ to_tsquery('simple'::regconfig, %s)",
            (text,),
        )
    return RawSQL(  # noqa: S611
        "SELECT rowid FROM aanbod_programme_fts WHERE aanbod_programme_fts MATCH %s", (text,)
    )


def text_condition(words: list[QueryWord]):
    """The text condition for `filter()`: the programme holds every word."""
    return text_condition_for(match_text(words))


def text_condition_for(text: str):
    """The text condition for `filter()` on `match_text`'s text: a prepared search takes the
    text as its argument (`aanbod.search.page`).

    On PostgreSQL it is on the programme row itself, not `id IN (SELECT id … @@ …)`: the
    subquery made the planner hash-join the index's hits against a scan of every published
    programme, which at nation scale (25 000 programmes) cost the count and the page 6x the
    condition on the row (bench/floors/aanbod_search.py, docs/performance.md). On SQLite the
    FTS5 table is a table of its own: rowid lookups from its hits.
    """
    if connection.vendor == "postgresql":
        return RawSQL(  # noqa: S611 - the query text is a bound parameter; the SQL is fixed
            "to_tsvector('simple'::regconfig, aanbod_programme.search_terms)"
            " @@ to_tsquery('simple'::regconfig, %s)",
            (text,),
            output_field=BooleanField(),
        )
    return Q(pk__in=matching_ids(text))
