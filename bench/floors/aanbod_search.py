"""The public catalogue search: GET /publiek/aanbod/?q=…&leeftijd=…&gebied=… and GET /api/v1/aanbod/.

The bare full-text SQL for the same query: the product's own analyzer (pure Python, imported)
turns the words into terms; the database finds them the way the product's index does — FTS5
`MATCH` on SQLite, `to_tsvector('simple', search_terms) @@ to_tsquery('simple', …)` on the
GIN-indexed expression on PostgreSQL — with the same filters (published, the child's age, the
district with the districts above it or no district at all), the same ranking (words in the
name first, then the bytewise name, then the uuid) and page size, and the total in a count of
its own. Then one query for the districts of the page's programmes (the API:
and their topics). The page also lists the filter form's choices (topics, stadsdelen with their
gebieden), so its floor reads those too. Nobody is logged in and nothing is logged: the search
is about offers, never a person.

The queries (`QUERIES`) are what parents type: one word, a compound with a second word, a
word with the child's age and a gebied (the issue's journey), and a word nothing matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

# The product's analyzer: the same terms for the query as the product makes (pure Python).
from ketenzorg.aanbod.search.analyzer import QueryWord, query_words

from .dialect import POSTGRESQL, dicts, marks, query, to_json
from .target import Target, uuid_of

PAGE_SIZE = 10  # aanbod.rules.PAGE_SIZE
PUBLISHED = "gepubliceerd"  # aanbod.models.ProgrammeStatus.PUBLISHED


@dataclass(frozen=True)
class AanbodQuery:
    text: str
    age: int | None = None
    in_gebied: bool = False  # filtered on the target's gebied

    def page_path(self, gebied_uuid) -> str:
        params = {
            "q": self.text,
            "leeftijd": self.age,
            "gebied": gebied_uuid if self.in_gebied else None,
        }
        return "/publiek/aanbod/?" + urlencode({k: v for k, v in params.items() if v is not None})

    def api_path(self, gebied_uuid) -> str:
        params = {
            "text": self.text,
            "age": self.age,
            "district": gebied_uuid if self.in_gebied else None,
        }
        return "/api/v1/aanbod/?" + urlencode({k: v for k, v in params.items() if v is not None})


QUERIES = {
    "word": AanbodQuery("opvoeden"),
    "compound": AanbodQuery("slaapproblemen peuter"),
    "filter": AanbodQuery("slapen", age=4, in_gebied=True),
    "nohit": AanbodQuery("paardrijden"),
}
# Endpoint name → (query, page or API).
ENDPOINTS = {
    "aanbod_word": ("word", "page"),
    "aanbod_compound": ("compound", "page"),
    "aanbod_filter": ("filter", "page"),
    "aanbod_nohit": ("nohit", "page"),
    "aanbod_api_word": ("word", "api"),
    "aanbod_api_filter": ("filter", "api"),
}

COVERING = """
SELECT d.id, d.parent_id, p.parent_id AS grandparent_id FROM network_district d
  LEFT JOIN network_district p ON p.id = d.parent_id
 WHERE d.uuid = ?"""

_PAGE_COLUMNS = (
    "p.id, p.uuid, p.name, p.description, p.audience, p.min_age, p.max_age, p.access_route"
)
_API_COLUMNS = (
    _PAGE_COLUMNS + ", p.location, p.schedule, p.costs, p.languages, p.contact_phone,"
    " p.contact_email, p.website"
)

DISTRICTS = """
SELECT pd.programme_id, d.uuid, d.name FROM aanbod_programme_districts pd
  JOIN network_district d ON d.id = pd.district_id
 WHERE pd.programme_id IN ({ids}) ORDER BY d.name, d.id"""

TOPICS = """
SELECT pt.programme_id, t.uuid, t.name FROM aanbod_programme_topics pt
  JOIN frontdoor_topic t ON t.id = pt.topic_id
 WHERE pt.programme_id IN ({ids}) ORDER BY t.sort_order, t.name"""

FORM_TOPICS = "SELECT uuid, name FROM frontdoor_topic WHERE is_active ORDER BY sort_order, name"
FORM_DISTRICTS = """
SELECT s.uuid AS stadsdeel_uuid, s.name AS stadsdeel, g.uuid, g.name FROM network_district s
  LEFT JOIN network_district g ON g.parent_id = s.id AND g.kind = 'gebied'
 WHERE s.kind = 'stadsdeel' ORDER BY s.name, s.id, g.name"""


def _match(vendor: str, words: list[QueryWord]) -> tuple[str, str]:
    """The full-text condition on `p` and its one parameter, as the product's index is queried."""

    def group(terms: tuple[str, ...], quote: str, both: str) -> str:
        quoted = [f"{quote}{t}{quote}" for t in terms]
        return quoted[0] if len(quoted) == 1 else "(" + f" {both} ".join(quoted) + ")"

    if vendor == POSTGRESQL:
        text = " & ".join(
            "(" + " | ".join(group(a, "", "&") for a in w.alternatives()) + ")" for w in words
        )
        return (
            "to_tsvector('simple'::regconfig, p.search_terms)"
            " @@ to_tsquery('simple'::regconfig, ?)",
            text,
        )
    text = " AND ".join(
        "(" + " OR ".join(group(a, '"', "AND") for a in w.alternatives()) + ")" for w in words
    )
    return (
        "p.id IN (SELECT rowid FROM aanbod_programme_fts WHERE aanbod_programme_fts MATCH ?)",
        text,
    )


def _rank(words: list[QueryWord]) -> tuple[str, list[str]]:
    """Per word 2 when the name holds it (its whole stem or all its parts), else 1."""
    parts, params = [], []
    for word in words:
        alternatives = []
        for alternative in word.alternatives():
            alternatives.append(
                "(" + " AND ".join(["p.name_terms LIKE ?"] * len(alternative)) + ")"
            )
            params += [f"% {term} %" for term in alternative]
        parts.append(f"CASE WHEN {' OR '.join(alternatives)} THEN 2 ELSE 1 END")
    return " + ".join(parts), params


def _search(
    conn, vendor: str, aq: AanbodQuery, gebied_uuid, columns: str
) -> tuple[list[dict], int]:
    conditions, params = [f"p.status = '{PUBLISHED}'"], []
    words = query_words(aq.text)
    if words:
        match, text = _match(vendor, words)
        conditions.append(match)
        params.append(text)
    if aq.age is not None:
        conditions.append("p.min_age <= ? AND p.max_age >= ?")
        params += [aq.age, aq.age]
    if aq.in_gebied:
        row = query(conn, vendor, COVERING, [gebied_uuid]).fetchone()
        covering = [i for i in row if i is not None]
        conditions.append(
            "(EXISTS (SELECT 1 FROM aanbod_programme_districts pd WHERE pd.programme_id = p.id"
            f" AND pd.district_id IN ({marks(covering)}))"
            " OR NOT EXISTS (SELECT 1 FROM aanbod_programme_districts pd WHERE pd.programme_id = p.id))"
        )
        params += covering
    rank, rank_params = _rank(words) if words else ("0", [])
    binary = '"C"' if vendor == POSTGRESQL else "BINARY"
    where = " AND ".join(conditions)
    # The total on its own: a window count over the page query would make the database carry
    # every hit's wide row through the sort instead of keeping the best ten (at nation scale,
    # 8 000 hits for one word, that is slower than the product's two statements).
    count = f"SELECT COUNT(*) FROM aanbod_programme p WHERE {where}"  # noqa: S608 - fixed text
    total = query(conn, vendor, count, params).fetchone()[0]
    if not total:
        return [], 0
    sql = (
        f"SELECT {columns}, o.name AS provider"  # noqa: S608 - fixed text
        " FROM aanbod_programme p JOIN network_organisation o ON o.id = p.provider_id"
        f" WHERE {where}"
        f" ORDER BY {rank} DESC, p.sort_name COLLATE {binary}, p.uuid LIMIT ?"
    )
    return dicts(query(conn, vendor, sql, [*params, *rank_params, PAGE_SIZE])), total


def _attach(conn, vendor: str, sql: str, key: str, rows: list[dict]) -> None:
    ids = [r["id"] for r in rows]
    found: dict[int, list] = {i: [] for i in ids}
    if ids:
        for programme_id, uuid, name in query(conn, vendor, sql.format(ids=marks(ids)), ids):
            found[programme_id].append({"uuid": uuid, "name": name})
    for r in rows:
        r[key] = found[r["id"]]


def aanbod_page_floor(conn, vendor: str, target: Target, *, key: str) -> bytes:
    """The search page: the form's choices, the total, ten programmes with their districts."""
    aq = QUERIES[key]
    gebied = uuid_of(conn, vendor, "network_district", target.aanbod_gebied_id)
    topics = dicts(query(conn, vendor, FORM_TOPICS))
    districts = dicts(query(conn, vendor, FORM_DISTRICTS))
    rows, total = _search(conn, vendor, aq, gebied, _PAGE_COLUMNS)
    _attach(conn, vendor, DISTRICTS, "districts", rows)
    for r in rows:
        del r["id"]
    return to_json({"topics": topics, "districts": districts, "total": total, "results": rows})


def aanbod_api_floor(conn, vendor: str, target: Target, *, key: str) -> bytes:
    """The API's search: the page of ten with every public field, topics and districts."""
    aq = QUERIES[key]
    gebied = uuid_of(conn, vendor, "network_district", target.aanbod_gebied_id)
    rows, total = _search(conn, vendor, aq, gebied, _API_COLUMNS)
    _attach(conn, vendor, TOPICS, "topics", rows)
    _attach(conn, vendor, DISTRICTS, "districts", rows)
    for r in rows:
        del r["id"]
    pages = max(1, -(-total // PAGE_SIZE))
    return to_json(
        {"count": total, "page": 1, "pages": pages, "page_size": PAGE_SIZE, "results": rows}
    )


FLOORS = {
    name: partial(aanbod_page_floor if kind == "page" else aanbod_api_floor, key=key)
    for name, (key, kind) in ENDPOINTS.items()
}
