"""The physical floor of each benchmarked endpoint: bare SQL through the driver, rows to JSON.

`bench/run.py` compares every endpoint served by gunicorn with what the same work costs
when a skilled engineer writes it by hand against the database driver (stdlib `sqlite3` or
`psycopg` 3) and `json`, with no framework at all. The gap between the two is what Django,
DRF, the templates and our own layers cost; the floor itself is what the data costs.

What a floor does, and why:

* The same rows as the endpoint. The need-to-know filter is the real one (active
  involvements, unexpired emergency grants, active coordinatorships), the page size, the
  ordering and the per-case figures (level, coordinators, next deadline, overdue agreements,
  open signals) are the same. A floor is not allowed to be cheaper by showing less: the
  self-check (`python bench/floors.py`) compares its ids with the real selectors'.
* Written by hand, not copied from the ORM: one query per block of the screen, with
  correlated subqueries for the per-case figures and a `UNION` of plain id sets for the
  need-to-know filter, so each database can use its indexes. Only the columns shown are read.
* The writes the endpoint must do. Every look appends one entry to the NEN 7513 access log,
  chained by SHA-256 on a one-row chain head that is locked (`SELECT ... FOR UPDATE` on
  PostgreSQL, `BEGIN IMMEDIATE` on SQLite) while the entry and its subjects are inserted, and
  committed (one fsync with SQLite's `synchronous=FULL`). The creates insert their rows, the
  case event and the audit entry in one transaction.
* Never into the real tables: that would change the world the benchmark measures. Writes go
  to scratch tables `bench_floor_*`, each a clone of the real table with its columns,
  indexes and constraints (PostgreSQL `LIKE ... INCLUDING ALL` plus the foreign keys; SQLite
  the stored DDL), so a scratch insert costs what the real one would.
* Not included: the session and user lookup of an authenticated request (the framework floor
  covers it), rendering HTML, and delivering e-mail (the nightly floor records the
  notifications as the real pass does, but sends nothing).

`nightly_floor` is the set-based equivalent of `coordination.tasks.tick` (one query per kind
of candidate, batched inserts in one transaction instead of one transaction per signal);
`seed_floor` is the cost of getting rows into a table at all (executemany, or COPY on
PostgreSQL, into an index-free clone).

Runs without Django. `python bench/floors.py` picks a target, times every floor and checks it
against the real selectors (that part imports Django); see `--help`.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import statistics
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# The chain is pure Python (no Django), so the floor hashes exactly as the real log does.
from ketenzorg.audit.chain import GENESIS, HASHED_FIELDS, entry_digest

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SQLITE_PRAGMAS = (  # as in src/ketenzorg/settings.py
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=20000",
)
NON_CLIENT_ROLES = frozenset({"manager", "beheerder", "privacy"})
OPEN_MEETING = ("te_plannen", "gepland")
DASHBOARD_PAGE = 50  # coordination.views.PAGE_SIZE
API_PAGE = 100  # coordination.api.PAGE_SIZE
FAMILY_PAGE = 50  # families.views.PAGE_SIZE
QUESTIONS_PER_WINDOW = 10  # frontdoor.rules
WINDOW_SECONDS = 3600
SUGGESTION_LOOKBACK_DAYS = 7  # coordination.tasks

# Scratch table -> the real table whose columns, indexes and constraints it copies.
SCRATCH_CLONES = {
    "bench_floor_audit": "audit_auditentry",
    "bench_floor_audit_subject": "audit_auditsubject",
    "bench_floor_chainhead": "audit_chainhead",
    "bench_floor_agreement": "coordination_agreement",
    "bench_floor_caseevent": "coordination_caseevent",
    "bench_floor_question": "frontdoor_question",
    "bench_floor_submissionwindow": "frontdoor_submissionwindow",
    "bench_floor_signal": "coordination_stagnationsignal",
    "bench_floor_sentnotification": "coordination_sentnotification",
}
# A foreign key between two cloned tables points at the clone (the audit subject at its
# entry); every other one at the real table (a scratch signal belongs to a real agreement).
REDIRECTED = {"audit_auditentry": "bench_floor_audit"}
# The case columns the nightly suggestion pass would update (the real table is not touched).
SUGGESTION_TABLE = "bench_floor_case_suggestion"
NIGHTLY_TABLES = ("bench_floor_signal", "bench_floor_sentnotification", SUGGESTION_TABLE)


@dataclass(frozen=True)
class Target:
    """Who looks at what; filled in by the harness from the seeded database (or `pick_target`)."""

    professional_id: int  # network_professional.id of the busiest involved professional
    user_id: int  # their accounts user id
    case_id: int  # an open case (level >= 3 preferably) this professional may see
    surname: str  # a family-search term that matches families this professional may see
    today: date


# --- connection and dialect -------------------------------------------------------------------


def connect(database_url: str | None, sqlite_path: str | os.PathLike | None):
    """(connection, vendor): PostgreSQL if a URL is given, else SQLite as the app opens it.

    Both in autocommit mode, as Django runs them: a read is its own statement, writes open an
    explicit transaction (`BEGIN IMMEDIATE` on SQLite, like the app's `transaction_mode`).
    """
    if database_url:
        import psycopg

        conn = psycopg.connect(database_url, autocommit=True)
        vendor = POSTGRESQL
    elif sqlite_path:
        conn = sqlite3.connect(sqlite_path, timeout=20, isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            conn.execute(pragma)
        vendor = SQLITE
    else:
        raise ValueError("connect() needs a database_url or a sqlite_path")
    ensure_scratch(conn, vendor)
    return conn, vendor


def _param(vendor: str, value):
    """Values as Django stores them: SQLite keeps dates as ISO text, datetimes as naive UTC."""
    if vendor != SQLITE:
        return value
    if isinstance(value, datetime):
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def _sql(vendor: str, sql: str) -> str:
    """The one paramstyle difference: `?` for sqlite3, `%s` for psycopg."""
    return sql.replace("?", "%s") if vendor == POSTGRESQL else sql


def _q(conn, vendor: str, sql: str, params: Iterable = ()):
    return conn.execute(_sql(vendor, sql), [_param(vendor, p) for p in params])


def _closing(text: str) -> int:
    """Where the first parenthesised group of `text` closes (it may hold a subquery)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ")" and depth == 0:
            return index
    raise ValueError("unbalanced parentheses")


def _many(conn, vendor: str, sql: str, rows: Iterable[Iterable]) -> None:
    """`INSERT ... VALUES (...)` for many rows: multi-row statements of up to 500 rows each."""
    rows = [[_param(vendor, v) for v in row] for row in rows]
    if not rows:
        return
    head, _, rest = sql.rpartition("VALUES")
    end = _closing(rest)
    one, tail = rest[: end + 1].strip(), rest[end + 1 :]
    per = max(1, min(500, 30_000 // len(rows[0])))
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        statement = f"{head}VALUES {', '.join([one] * len(chunk))}{tail}"
        conn.execute(_sql(vendor, statement), [v for row in chunk for v in row])


def _dicts(cursor) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _one(cursor) -> dict | None:
    rows = _dicts(cursor)
    return rows[0] if rows else None


def _marks(values) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _ilike(vendor: str) -> str:
    # Django's icontains: LIKE on SQLite (case-insensitive for ASCII), ILIKE's equivalent on PG.
    return "ILIKE" if vendor == POSTGRESQL else "LIKE"


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _agg(vendor: str) -> str:
    return "string_agg" if vendor == POSTGRESQL else "group_concat"


def _json(value) -> bytes:
    return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":")).encode()


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _nl_date(value) -> str:
    return _day(value).strftime("%d-%m-%Y")


@contextmanager
def _transaction(conn, vendor: str) -> Iterator[None]:
    if vendor == POSTGRESQL:
        with conn.transaction():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- scratch tables ---------------------------------------------------------------------------

_READY: dict[int, object] = {}


def _exists(conn, vendor: str, table: str) -> bool:
    if vendor == POSTGRESQL:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (table,)).fetchone() is not None


def _clone_sqlite(conn, real: str, scratch: str) -> None:
    rows = conn.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
        " AND type IN ('table', 'index') ORDER BY type DESC",  # the table before its indexes
        (real,),
    ).fetchall()
    if not rows:
        raise LookupError(f"no table {real}: is the database migrated?")
    for kind, ddl in rows:
        for source, target in REDIRECTED.items():
            ddl = ddl.replace(f'REFERENCES "{source}"', f'REFERENCES "{target}"')
        if kind == "table":
            ddl = re.sub(
                r'^CREATE TABLE\s+(IF NOT EXISTS\s+)?"?\w+"?',
                f'CREATE TABLE IF NOT EXISTS "{scratch}"',
                ddl,
            )
        else:
            ddl = re.sub(
                r'^CREATE (UNIQUE )?INDEX\s+(IF NOT EXISTS\s+)?"?(\w+)"?\s+ON\s+"?\w+"?',
                lambda m: (
                    f'CREATE {m[1] or ""}INDEX IF NOT EXISTS "{scratch}__{m[3]}" ON "{scratch}"'
                ),
                ddl,
            )
        conn.execute(ddl)


def _clone_postgresql(conn, real: str, scratch: str) -> None:
    conn.execute(f'CREATE TABLE IF NOT EXISTS "{scratch}" (LIKE "{real}" INCLUDING ALL)')
    keys = conn.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        (real,),
    ).fetchall()
    for number, (definition,) in enumerate(keys):
        definition = re.sub(
            r"REFERENCES (\w+)\(",
            lambda m: f"REFERENCES {REDIRECTED.get(m[1], m[1])}(",
            definition,
        )
        conn.execute(f'ALTER TABLE "{scratch}" ADD CONSTRAINT "{scratch}_fk{number}" {definition}')


def _create_suggestion_table(conn, vendor: str) -> None:
    moment = "timestamp with time zone" if vendor == POSTGRESQL else "datetime"
    conn.execute(
        f'CREATE TABLE IF NOT EXISTS "{SUGGESTION_TABLE}" ('
        ' "case_id" bigint NOT NULL PRIMARY KEY REFERENCES "coordination_case" ("id"),'
        ' "suggested_level" smallint NOT NULL, "suggested_rule" varchar(200) NOT NULL,'
        f' "suggestion_handled" bool NOT NULL, "updated_at" {moment} NOT NULL)'
    )


def ensure_scratch(conn, vendor: str) -> None:
    """Create the scratch tables if missing and the chain head's row (checked once per connection;
    `connect` and every floor call it)."""
    if _READY.get(id(conn)) is conn:
        return
    with _transaction(conn, vendor):
        # Cloned in dependency order: the audit entry before its subjects.
        for scratch, real in SCRATCH_CLONES.items():
            if not _exists(conn, vendor, scratch):
                (_clone_postgresql if vendor == POSTGRESQL else _clone_sqlite)(conn, real, scratch)
        _create_suggestion_table(conn, vendor)
        _q(
            conn,
            vendor,
            "INSERT INTO bench_floor_chainhead (id, last_entry_id, last_hash) SELECT 1, 0, ?"
            " WHERE NOT EXISTS (SELECT 1 FROM bench_floor_chainhead WHERE id = 1)",
            [GENESIS],
        )
    _READY[id(conn)] = conn


def drop_scratch(conn, vendor: str) -> None:
    """Remove every `bench_floor_*` table (they hold foreign keys to the real tables)."""
    _READY.pop(id(conn), None)
    cascade = " CASCADE" if vendor == POSTGRESQL else ""
    for table in (SUGGESTION_TABLE, *reversed(SCRATCH_CLONES)):
        conn.execute(f'DROP TABLE IF EXISTS "{table}"{cascade}')


# --- the actor and the access log -------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    professional_id: int
    user_id: int
    uuid: str
    name: str
    username: str
    roles: str  # sorted, comma-separated: what the audit entry records
    organisation_id: int
    organisation: str

    @property
    def works_with_clients(self) -> bool:
        return bool(set(self.roles.split(",")) - NON_CLIENT_ROLES - {""})


def _actor(conn, vendor: str, user_id: int) -> Actor:
    """The user's professional, roles and organisation: the access check and the audit need them."""
    row = _q(
        conn,
        vendor,
        f"""
        SELECT p.id, p.uuid, p.first_name || ' ' || p.last_name AS name, u.username,
               p.organisation_id, o.name AS organisation,
               (SELECT {_agg(vendor)}(r.role, ',') FROM network_roleassignment r
                 WHERE r.professional_id = p.id) AS roles
          FROM network_professional p
          JOIN accounts_user u ON u.id = p.user_id
          JOIN network_organisation o ON o.id = p.organisation_id
         WHERE p.user_id = ? AND p.is_active""",
        [user_id],
    ).fetchone()  # noqa: S608
    if row is None:
        raise LookupError(f"user {user_id} is not an active professional")
    pid, puuid, name, username, org_id, org, roles = row
    roles = ",".join(sorted((roles or "").split(",")))
    return Actor(pid, user_id, str(puuid), name, username, roles, org_id, org)


def _entry(
    actor: Actor | None,
    *,
    action: str,
    object_type: str,
    object_uuid="",
    basis: str = "none",
    reason: str = "",
    outcome: str = "success",
    channel: str = "web",
    source_address: str = "127.0.0.1",
) -> dict:
    return {
        "uuid": uuid.uuid4(),
        "occurred_at": datetime.now(UTC),
        "action": action,
        "outcome": outcome,
        "user_id_snapshot": actor.user_id if actor else None,
        "username": actor.username if actor else "",
        "user_role": actor.roles if actor else "",
        "user_organisation": actor.organisation if actor else "",
        "on_behalf_of": "",
        "object_type": object_type,
        "object_uuid": str(object_uuid or ""),
        "source_address": source_address,
        "channel": channel,
        "basis": basis,
        "reason": reason[:500],
    }


_ENTRY_COLUMNS = (*HASHED_FIELDS, "prev_hash", "entry_hash")
_INSERT_ENTRY = (
    f"INSERT INTO bench_floor_audit ({', '.join(_ENTRY_COLUMNS)})"  # noqa: S608 - constant names
    f" VALUES ({_marks(_ENTRY_COLUMNS)})"
)


def _lock_head(conn, vendor: str) -> str:
    lock = " FOR UPDATE" if vendor == POSTGRESQL else ""  # SQLite: BEGIN IMMEDIATE holds it
    return conn.execute(
        f"SELECT last_hash FROM bench_floor_chainhead WHERE id = 1{lock}"
    ).fetchone()[0]


def _audit(conn, vendor: str, fields: dict, subjects: Iterable[tuple[str, object]]) -> None:
    """Append one entry and its subjects to the scratch log; call inside a transaction."""
    subject_list = sorted({(kind, str(value)) for kind, value in subjects})
    prev = _lock_head(conn, vendor)
    digest = entry_digest(prev, fields, subject_list)
    values = [fields[name] for name in HASHED_FIELDS] + [prev, digest]
    entry_id = _q(conn, vendor, _INSERT_ENTRY + " RETURNING id", values).fetchone()[0]
    _many(
        conn,
        vendor,
        "INSERT INTO bench_floor_audit_subject (entry_id, subject_uuid, kind) VALUES (?, ?, ?)",
        [(entry_id, value, kind) for kind, value in subject_list],
    )
    _q(
        conn,
        vendor,
        "UPDATE bench_floor_chainhead SET last_entry_id = ?, last_hash = ? WHERE id = 1",
        [entry_id, digest],
    )


def _audit_many(conn, vendor: str, entries: list[tuple[dict, list[tuple[str, object]]]]) -> None:
    """Append many entries in one go (the nightly pass): chained in order, inserted in batches."""
    if not entries:
        return
    prev = _lock_head(conn, vendor)
    rows, subject_rows = [], []
    for fields, subjects in entries:
        subject_list = sorted({(kind, str(value)) for kind, value in subjects})
        digest = entry_digest(prev, fields, subject_list)
        rows.append([fields[name] for name in HASHED_FIELDS] + [prev, digest])
        subject_rows += [(fields["uuid"], value, kind) for kind, value in subject_list]
        prev = digest
    _many(conn, vendor, _INSERT_ENTRY, rows)
    _many(
        conn,
        vendor,
        "INSERT INTO bench_floor_audit_subject (entry_id, subject_uuid, kind)"
        " VALUES ((SELECT id FROM bench_floor_audit WHERE uuid = ?), ?, ?)",
        subject_rows,
    )
    _q(
        conn,
        vendor,
        "UPDATE bench_floor_chainhead SET last_hash = ?,"
        " last_entry_id = (SELECT id FROM bench_floor_audit WHERE entry_hash = ?) WHERE id = 1",
        [prev, prev],
    )


def _audit_look(conn, vendor: str, fields: dict, subjects) -> None:
    with _transaction(conn, vendor):
        _audit(conn, vendor, fields, subjects)


# --- need-to-know -----------------------------------------------------------------------------

# The open cases the actor may see: involved with the family, an unexpired emergency grant for
# it, or coordinating the case. Plain id sets in a UNION, each found through its own index.
VISIBLE_CASES = """visible (id) AS (
    SELECT c.id FROM families_involvement i
      JOIN coordination_case c ON c.family_id = i.family_id AND c.status = 'open'
     WHERE i.professional_id = ? AND (i.ended_on IS NULL OR i.ended_on >= ?)
    UNION
    SELECT c.id FROM access_emergencyaccess e
      JOIN coordination_case c ON c.family_id = e.family_id AND c.status = 'open'
     WHERE e.user_id = ? AND e.expires_at > ?
    UNION
    SELECT k.case_id FROM coordination_casecoordinator k
      JOIN coordination_case c ON c.id = k.case_id AND c.status = 'open'
     WHERE k.professional_id = ? AND k.ended_at IS NULL)"""

VISIBLE_FAMILIES = """visible (id) AS (
    SELECT i.family_id FROM families_involvement i
     WHERE i.professional_id = ? AND (i.ended_on IS NULL OR i.ended_on >= ?)
    UNION
    SELECT e.family_id FROM access_emergencyaccess e WHERE e.user_id = ? AND e.expires_at > ?)"""


def _visible_params(target: Target, now: datetime) -> list:
    return [target.professional_id, target.today, target.user_id, now, target.professional_id]


# --- case lists (dashboard, API) --------------------------------------------------------------

CASE_PAGE = f"""
WITH {VISIBLE_CASES},
page AS (
    SELECT c.id, c.uuid, c.family_id, c.status, c.level, c.suggested_level,
           c.suggestion_handled, c.opened_on, COUNT(*) OVER () AS total
      FROM coordination_case c JOIN visible v ON v.id = c.id
     ORDER BY c.level DESC, c.opened_on, c.id
     LIMIT ? OFFSET ?)
SELECT p.id, p.uuid, f.uuid AS family, f.name AS family_name, p.status, p.level,
       p.suggested_level, p.suggestion_handled, p.opened_on, p.total,
       (SELECT COUNT(*) FROM coordination_agreement a
         WHERE a.case_id = p.id AND a.status = 'open' AND a.due_on < ?) AS overdue_agreements,
       (SELECT MIN(a.due_on) FROM coordination_agreement a
         WHERE a.case_id = p.id AND a.status = 'open') AS next_agreement_due,
       (SELECT MIN(CASE WHEN m.status IN ('te_plannen', 'gepland') THEN m.deadline END)
          FROM coordination_meeting m WHERE m.case_id = p.id) AS next_meeting_deadline,
       (SELECT COUNT(*) FROM coordination_stagnationsignal s
         WHERE s.case_id = p.id AND s.status = 'open') AS open_signals
  FROM page p JOIN families_family f ON f.id = p.family_id
 ORDER BY p.level DESC, p.opened_on, p.id"""  # noqa: S608 - constant text

ACTIVE_COORDINATORS = """
SELECT k.case_id, k.uuid, k.role, k.started_at, k.ended_at,
       p.uuid AS professional_uuid, p.first_name || ' ' || p.last_name AS professional_name
  FROM coordination_casecoordinator k JOIN network_professional p ON p.id = k.professional_id
 WHERE k.ended_at IS NULL AND k.case_id IN ({ids})
 ORDER BY k.role"""


def _case_page(conn, vendor: str, target: Target, now: datetime, limit: int, offset: int = 0):
    """The actor's open cases, highest level first, with the figures per case; and the total."""
    rows = _dicts(
        _q(conn, vendor, CASE_PAGE, [*_visible_params(target, now), limit, offset, target.today])
    )
    total = rows[0]["total"] if rows else 0
    ids = [r["id"] for r in rows]
    coordinators = defaultdict(list)
    if ids:
        cursor = _q(conn, vendor, ACTIVE_COORDINATORS.format(ids=_marks(ids)), ids)
        for row in _dicts(cursor):
            coordinators[row.pop("case_id")].append(
                {
                    "uuid": row["uuid"],
                    "role": row["role"],
                    "professional": {
                        "uuid": row["professional_uuid"],
                        "name": row["professional_name"],
                    },
                    "started_at": row["started_at"],
                    "ended_at": row["ended_at"],
                }
            )
    cases = []
    for r in rows:
        deadlines = [d for d in (r["next_agreement_due"], r["next_meeting_deadline"]) if d]
        cases.append(
            {
                "uuid": r["uuid"],
                "family": r["family"],
                "family_name": r["family_name"],
                "status": r["status"],
                "level": r["level"],
                "suggested_level": r["suggested_level"],
                "level_pending": r["level"] < 4
                and not r["suggestion_handled"]
                and r["suggested_level"] != r["level"],
                "coordinators": coordinators[r["id"]],
                "next_deadline": min(deadlines) if deadlines else None,
                "overdue_agreements": r["overdue_agreements"],
                "open_signals": r["open_signals"],
                "opened_on": r["opened_on"],
            }
        )
    return cases, total


def _refuse_non_client(conn, vendor: str, actor: Actor, object_type: str) -> bytes:
    fields = _entry(
        actor,
        action="search",
        outcome="denied",
        object_type=object_type,
        reason="rol werkt niet met gezinsgegevens",
    )
    _audit_look(conn, vendor, fields, ())
    return _json({"detail": "Uw rol werkt niet met gezinsgegevens."})


def case_list_api_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /api/v1/casussen/: the first page of 100 cases with their figures, one audit entry."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = _actor(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return _refuse_non_client(conn, vendor, actor, "coordination.Case")
    cases, total = _case_page(conn, vendor, target, now, API_PAGE)
    body = _json({"count": total, "page": 1, "results": cases})
    fields = _entry(
        actor,
        action="search",
        object_type="coordination.Case",
        basis="involvement",
        channel="api",
        reason=f"mijn casussen; {len(cases)} van {total} getoond",
    )
    _audit_look(conn, vendor, fields, [("family", c["family"]) for c in cases])
    return body


# The dashboard's side blocks in one statement, so the need-to-know set is found once: each
# block picks its rows' ids first (sorted and cut on the indexed columns), then the shown
# columns are joined to those few rows only. The meetings to convene are gathered before they
# are sorted: walking PostgreSQL's (status, deadline) index instead re-scans the visible set
# for every meeting.
DASHBOARD_BLOCKS = f"""
WITH {VISIBLE_CASES},
events AS (
    SELECT e.id, ROW_NUMBER() OVER (ORDER BY e.occurred_at DESC, e.id DESC) AS pos
      FROM coordination_caseevent e
     WHERE e.case_id IN (SELECT id FROM visible)
     ORDER BY e.occurred_at DESC, e.id DESC LIMIT 15),
to_convene AS MATERIALIZED (
    SELECT m.id, m.deadline FROM coordination_meeting m
     WHERE m.case_id IN (SELECT id FROM visible) AND m.status = 'te_plannen'
       AND (m.convener_id = ?
            OR (m.convener_id IS NULL AND EXISTS (
                SELECT 1 FROM coordination_casecoordinator k
                 WHERE k.case_id = m.case_id AND k.professional_id = ? AND k.ended_at IS NULL)))),
tasks AS (
    SELECT id, ROW_NUMBER() OVER (ORDER BY deadline, id) AS pos FROM to_convene
     ORDER BY deadline, id LIMIT 20),
agreements AS (
    SELECT a.id, ROW_NUMBER() OVER (ORDER BY a.due_on, a.id) AS pos
      FROM coordination_agreement a
     WHERE a.case_id IN (SELECT id FROM visible)
       AND a.responsible_professional_id = ? AND a.status = 'open'
     ORDER BY a.due_on, a.id LIMIT 20),
signals AS (
    SELECT s.id, ROW_NUMBER() OVER (ORDER BY s.raised_on DESC, s.id DESC) AS pos
      FROM coordination_stagnationsignal s
     WHERE s.case_id IN (SELECT id FROM visible) AND s.status = 'open'
     ORDER BY s.raised_on DESC, s.id DESC LIMIT 20)
SELECT 'events' AS block, x.pos, e.uuid, CAST(e.occurred_at AS TEXT) AS at, e.summary AS label,
       p.first_name || ' ' || p.last_name AS extra, c.uuid AS case_uuid, f.uuid AS family,
       f.name AS family_name
  FROM events x JOIN coordination_caseevent e ON e.id = x.id
  JOIN coordination_case c ON c.id = e.case_id JOIN families_family f ON f.id = c.family_id
  LEFT JOIN network_professional p ON p.id = e.actor_id
UNION ALL
SELECT 'tasks', x.pos, m.uuid, CAST(m.deadline AS TEXT), m.kind, NULL, c.uuid, f.uuid, f.name
  FROM tasks x JOIN coordination_meeting m ON m.id = x.id
  JOIN coordination_case c ON c.id = m.case_id JOIN families_family f ON f.id = c.family_id
UNION ALL
SELECT 'my_agreements', x.pos, a.uuid, CAST(a.due_on AS TEXT), a.what, a.status, c.uuid,
       f.uuid, f.name
  FROM agreements x JOIN coordination_agreement a ON a.id = x.id
  JOIN coordination_case c ON c.id = a.case_id JOIN families_family f ON f.id = c.family_id
UNION ALL
SELECT 'signals', x.pos, s.uuid, CAST(s.raised_on AS TEXT), s.kind, NULL, c.uuid, f.uuid, f.name
  FROM signals x JOIN coordination_stagnationsignal s ON s.id = x.id
  JOIN coordination_case c ON c.id = s.case_id JOIN families_family f ON f.id = c.family_id
ORDER BY 1, 2"""  # noqa: S608

# Matches of the last 60 days where one of the two involvements is mine; shows the other one.
DASHBOARD_MATCHES = """
SELECT x.uuid, x.created_at, pe.uuid AS person, pe.given_name,
       o.first_name || ' ' || o.last_name AS other_name, og.name AS other_organisation,
       o.email AS other_email, o.phone AS other_phone
  FROM coordination_involvementmatch x
  JOIN families_involvement ni ON ni.id = x.new_involvement_id
  JOIN families_involvement ei ON ei.id = x.existing_involvement_id
  JOIN families_person pe ON pe.id = x.person_id
  JOIN network_professional o
    ON o.id = CASE WHEN ni.professional_id = ? THEN ei.professional_id ELSE ni.professional_id END
  JOIN network_organisation og ON og.id = o.organisation_id
 WHERE (x.new_involvement_id IN (SELECT id FROM families_involvement WHERE professional_id = ?)
        OR x.existing_involvement_id IN (SELECT id FROM families_involvement
                                          WHERE professional_id = ?))
   AND x.created_at >= ?
 ORDER BY x.created_at DESC, x.id DESC
 LIMIT 20"""


def dashboard_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /casussen/: 50 cases with figures; events, tasks, my agreements, matches, signals."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = _actor(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return _refuse_non_client(conn, vendor, actor, "coordination.Case")
    cases, total = _case_page(conn, vendor, target, now, DASHBOARD_PAGE)
    me = target.professional_id
    blocks = {"events": [], "tasks": [], "my_agreements": [], "signals": []}
    for row in _dicts(
        _q(conn, vendor, DASHBOARD_BLOCKS, [*_visible_params(target, now), me, me, me])
    ):
        blocks[row.pop("block")].append(row)
    for a in blocks["my_agreements"]:  # the shown status: open, or te laat after the date
        a["extra"] = "te_laat" if _day(a["at"][:10]) < target.today else a["extra"]
    matches = _dicts(_q(conn, vendor, DASHBOARD_MATCHES, [me, me, me, now - timedelta(days=60)]))
    body = _json({"cases": cases, "total": total, **blocks, "matches": matches})
    families = {row["family"] for block in (cases, *blocks.values()) for row in block}
    subjects = [("family", f) for f in families] + [("person", m["person"]) for m in matches]
    fields = _entry(
        actor,
        action="search",
        object_type="coordination.Case",
        basis="involvement",
        reason=f"mijn casussen; {len(cases)} van {total} getoond, met gebeurtenissen, taken, "
        "afspraken, matches en signalen",
    )
    _audit_look(conn, vendor, fields, subjects)
    return body


# --- the case page ----------------------------------------------------------------------------

_UUIDS: dict[tuple[int, str, int], object] = {}


def _uuid_of(conn, vendor: str, table: str, pk: int):
    """The uuid the request carries in its address (resolved once, outside the measured work)."""
    key = (id(conn), table, pk)
    if key not in _UUIDS:
        sql = f"SELECT uuid FROM {table} WHERE id = ?"  # noqa: S608 - a constant name
        _UUIDS[key] = _q(conn, vendor, sql, [pk]).fetchone()[0]
    return _UUIDS[key]


CASE_WITH_ACCESS = """
SELECT c.id, c.uuid, c.family_id, f.uuid AS family, f.name AS family_name, c.status, c.level,
       c.suggested_level, c.suggested_rule, c.suggestion_handled, c.level_changed_at, c.reason,
       c.opened_on, c.closed_on, c.crisis_started_at, c.crisis_reason,
       ob.first_name || ' ' || ob.last_name AS opened_by,
       EXISTS (SELECT 1 FROM families_involvement i
                WHERE i.family_id = c.family_id AND i.professional_id = ?
                  AND (i.ended_on IS NULL OR i.ended_on >= ?)) AS involved,
       EXISTS (SELECT 1 FROM access_emergencyaccess e
                WHERE e.family_id = c.family_id AND e.user_id = ?
                  AND e.expires_at > ?) AS emergency,
       EXISTS (SELECT 1 FROM coordination_casecoordinator k
                WHERE k.case_id = c.id AND k.professional_id = ?
                  AND k.ended_at IS NULL) AS coordinating
  FROM coordination_case c
  JOIN families_family f ON f.id = c.family_id
  JOIN network_professional ob ON ob.id = c.opened_by_id
 WHERE c.uuid = ?"""

CASE_BLOCKS = {
    "members": """
SELECT uuid, given_name, family_name, birthdate, role FROM families_person
 WHERE family_id = ? ORDER BY birthdate""",
    "involvements": """
SELECT i.uuid, i.capacity, i.started_on, i.ended_on, i.professional_id,
       p.uuid AS professional_uuid, p.first_name || ' ' || p.last_name AS professional_name,
       o.uuid AS organisation_uuid, o.name AS organisation_name,
       pe.uuid AS person, pe.given_name AS person_given_name
  FROM families_involvement i
  JOIN network_professional p ON p.id = i.professional_id
  JOIN network_organisation o ON o.id = i.organisation_id
  LEFT JOIN families_person pe ON pe.id = i.person_id
 WHERE i.family_id = ? ORDER BY i.started_on, i.id""",
    "history": """
SELECT h.action, h.occurred_at, h.note, a.first_name || ' ' || a.last_name AS actor,
       p.first_name || ' ' || p.last_name AS professional
  FROM coordination_involvementhistory h
  JOIN network_professional a ON a.id = h.actor_id
  JOIN families_involvement i ON i.id = h.involvement_id
  JOIN network_professional p ON p.id = i.professional_id
 WHERE h.case_id = ? ORDER BY h.occurred_at DESC LIMIT 50""",
    "coordinators": """
SELECT k.uuid, k.role, k.started_at, k.ended_at, k.note, p.uuid AS professional_uuid,
       p.first_name || ' ' || p.last_name AS professional_name, o.name AS organisation,
       b.first_name || ' ' || b.last_name AS assigned_by
  FROM coordination_casecoordinator k
  JOIN network_professional p ON p.id = k.professional_id
  JOIN network_organisation o ON o.id = p.organisation_id
  LEFT JOIN network_professional b ON b.id = k.assigned_by_id
 WHERE k.case_id = ? ORDER BY k.started_at DESC""",
    "meetings": """
SELECT m.uuid, m.kind, m.status, m.deadline, m.starts_at, m.duration_minutes, m.location,
       m.held_on, m.minutes, v.uuid AS convener_uuid,
       v.first_name || ' ' || v.last_name AS convener_name,
       (SELECT COUNT(*) FROM coordination_meetinginvitation n WHERE n.meeting_id = m.id) AS invited
  FROM coordination_meeting m LEFT JOIN network_professional v ON v.id = m.convener_id
 WHERE m.case_id = ? ORDER BY m.id DESC""",
    "agreements": """
SELECT a.id, a.uuid, a.what, a.due_on, a.status, a.done_on,
       rp.id AS rp_id, rp.uuid AS rp_uuid, rp.first_name || ' ' || rp.last_name AS rp_name,
       ro.id AS ro_id, ro.uuid AS ro_uuid, ro.name AS ro_name, mt.uuid AS meeting
  FROM coordination_agreement a
  JOIN network_organisation ro ON ro.id = a.responsible_organisation_id
  LEFT JOIN network_professional rp ON rp.id = a.responsible_professional_id
  LEFT JOIN coordination_meeting mt ON mt.id = a.meeting_id
 WHERE a.case_id = ? ORDER BY a.status, a.due_on, a.id""",
    "checkins": """
SELECT k.agreement_id, k.created_at, k.note, k.status_after,
       au.first_name || ' ' || au.last_name AS author
  FROM coordination_agreementcheckin k
  JOIN coordination_agreement a ON a.id = k.agreement_id
  JOIN network_professional au ON au.id = k.author_id
 WHERE a.case_id = ? ORDER BY k.created_at, k.id""",
    "signals": """
SELECT s.uuid, s.kind, s.status, s.raised_on, s.resolution, ag.uuid AS agreement,
       ag.what AS agreement_what, mt.uuid AS meeting,
       rb.first_name || ' ' || rb.last_name AS resolved_by
  FROM coordination_stagnationsignal s
  LEFT JOIN coordination_agreement ag ON ag.id = s.agreement_id
  LEFT JOIN coordination_meeting mt ON mt.id = s.meeting_id
  LEFT JOIN network_professional rb ON rb.id = s.resolved_by_id
 WHERE s.case_id = ? ORDER BY s.status, s.raised_on DESC""",
    "events": """
SELECT e.uuid, e.kind, e.occurred_at, e.summary, e.level_from, e.level_to, e.rule, e.reason,
       p.first_name || ' ' || p.last_name AS actor
  FROM coordination_caseevent e LEFT JOIN network_professional p ON p.id = e.actor_id
 WHERE e.case_id = ? ORDER BY e.occurred_at DESC, e.id DESC LIMIT 100""",
    "attendances": """
SELECT pe.given_name, ins.name AS institution, ins.kind,
       jc.first_name || ' ' || jc.last_name AS jgz_contact, jc.email, jc.phone,
       jo.name AS jgz_organisation
  FROM coordination_institutionattendance t
  JOIN families_person pe ON pe.id = t.person_id
  JOIN network_institution ins ON ins.id = t.institution_id
  LEFT JOIN network_professional jc ON jc.id = ins.jgz_contact_id
  LEFT JOIN network_organisation jo ON jo.id = jc.organisation_id
 WHERE t.case_id = ?""",
    "plan_versions": """
SELECT v.number, v.created_at, a.first_name || ' ' || a.last_name AS author
  FROM coordination_planversion v JOIN network_professional a ON a.id = v.author_id
 WHERE v.case_id = ? ORDER BY v.number DESC LIMIT 20""",
}
_BY_FAMILY = ("members", "involvements")


def _case_access(conn, vendor: str, actor: Actor, target: Target, now: datetime, case_uuid):
    """The case with its family, and on which basis the actor may see it (None: refused)."""
    case = _one(
        _q(
            conn,
            vendor,
            CASE_WITH_ACCESS,
            [
                actor.professional_id,
                target.today,
                actor.user_id,
                now,
                actor.professional_id,
                case_uuid,
            ],
        )
    )
    if case is None:
        raise LookupError("Deze casus bestaat niet.")
    if not actor.works_with_clients:
        return case, None
    if case["involved"]:
        return case, "involvement"
    if case["emergency"]:
        return case, "break_the_glass"
    return case, "role" if case["coordinating"] else None


def _suggestion(count: int) -> tuple[int, str]:
    """coordination.rules.suggest_level without felt necessity: (level, explanation)."""
    if count >= 4:
        return 3, f"{count} professionals betrokken (vier of meer): procescoördinatie"
    if count == 3:
        return 2, "3 professionals betrokken: zorgcoördinatie door de JGZ"
    return 1, f"{count} professional(s) betrokken (hoogstens twee): motorkapoverleg"


def _kept_by_party(agreements: list[dict], today: date) -> list[dict]:
    parties: dict = {}
    for a in agreements:
        key = ("p", a["rp_id"]) if a["rp_id"] else ("o", a["ro_id"])
        record = parties.setdefault(
            key,
            {
                "name": a["rp_name"] or "",
                "organisation": a["ro_name"],
                "done_on_time": 0,
                "done_late": 0,
                "open": 0,
                "overdue": 0,
            },
        )
        due, done = _day(a["due_on"]), _day(a["done_on"])
        if a["status"] == "gedaan":
            record["done_on_time" if done is not None and done <= due else "done_late"] += 1
        elif a["status"] == "open":
            record["overdue" if due < today else "open"] += 1
    return sorted(parties.values(), key=lambda r: (-r["overdue"], r["name"] or r["organisation"]))


def _age_warnings(level: int, members: list[dict], today: date) -> list[str]:
    if level != 2:
        return []
    warnings = []
    for m in members:
        born = _day(m["birthdate"])
        months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
        if m["role"] in ("kind", "jongere") and not 9 <= months < 23 * 12:
            warnings.append(f"{m['given_name']} {m['family_name']}")
    return warnings


def _case_blocks(conn, vendor: str, case: dict, today: date) -> dict:
    blocks = {}
    for name, sql in CASE_BLOCKS.items():
        key = case["family_id"] if name in _BY_FAMILY else case["id"]
        blocks[name] = _dicts(_q(conn, vendor, sql, [key]))
    checkins = defaultdict(list)
    for row in blocks.pop("checkins"):
        checkins[row.pop("agreement_id")].append(row)
    for a in blocks["agreements"]:
        a["checkins"] = checkins[a["id"]]
        a["shown"] = (
            "te_laat" if a["status"] == "open" and _day(a["due_on"]) < today else a["status"]
        )
    current, ended = [], []
    for i in blocks["involvements"]:
        (current if i["ended_on"] is None or _day(i["ended_on"]) >= today else ended).append(i)
    blocks["involvements"], blocks["ended_involvements"] = current, ended
    level, explanation = _suggestion(len({i["professional_id"] for i in current}))
    blocks["suggestion"] = {"level": level, "explanation": explanation}
    blocks["kept"] = _kept_by_party(blocks["agreements"], today)
    blocks["age_warnings"] = _age_warnings(case["level"], blocks["members"], today)
    return blocks


def case_page_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /casussen/<uuid>/: everything about one case, after the need-to-know check; one entry."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = _actor(conn, vendor, target.user_id)
    case_uuid = _uuid_of(conn, vendor, "coordination_case", target.case_id)
    case, basis = _case_access(conn, vendor, actor, target, now, case_uuid)
    if basis is None:
        persons = _dicts(_q(conn, vendor, CASE_BLOCKS["members"], [case["family_id"]]))
        fields = _entry(
            actor,
            action="read",
            outcome="denied",
            object_type="coordination.Case",
            object_uuid=case["uuid"],
            reason="niet betrokken en geen coördinator",
        )
        _audit_look(
            conn,
            vendor,
            fields,
            [("family", case["family"])] + [("person", p["uuid"]) for p in persons],
        )
        return _json(
            {"detail": "U bent niet betrokken bij dit gezin en coördineert deze casus niet."}
        )
    blocks = _case_blocks(conn, vendor, case, target.today)
    body = _json({"case": case, **blocks})
    fields = _entry(
        actor,
        action="read",
        object_type="coordination.Case",
        object_uuid=case["uuid"],
        basis=basis,
        reason="" if basis != "role" else "coördinator van de casus",
    )
    subjects = [("family", case["family"])] + [("person", m["uuid"]) for m in blocks["members"]]
    _audit_look(conn, vendor, fields, subjects)
    return body


# --- family search ----------------------------------------------------------------------------

FAMILY_SEARCH = f"""
WITH {VISIBLE_FAMILIES},
hits AS (
    SELECT f.id, f.uuid, f.name, f.district_id FROM families_family f
      JOIN visible v ON v.id = f.id
     WHERE f.name {{like}} ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM families_person p WHERE p.family_id = f.id
                    AND (p.family_name {{like}} ? ESCAPE '\\'
                         OR p.given_name {{like}} ? ESCAPE '\\')))
SELECT h.id, h.uuid, h.name, d.name AS district, COUNT(*) OVER () AS total
  FROM hits h LEFT JOIN network_district d ON d.id = h.district_id
 ORDER BY h.name, h.id
 LIMIT ? OFFSET ?"""  # noqa: S608

FAMILY_MEMBERS = """
SELECT family_id, uuid, given_name, birthdate, bsn_last4 FROM families_person
 WHERE family_id IN ({ids}) ORDER BY birthdate, id"""


def family_search_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /gezinnen/?q=<surname>: the first 50 visible families matching the name, with members."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = _actor(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return _refuse_non_client(conn, vendor, actor, "families.Family")
    pattern = _like_pattern(target.surname)
    sql = FAMILY_SEARCH.format(like=_ilike(vendor))
    families = _dicts(
        _q(
            conn,
            vendor,
            sql,
            [
                target.professional_id,
                target.today,
                target.user_id,
                now,
                pattern,
                pattern,
                pattern,
                FAMILY_PAGE,
                0,
            ],
        )
    )
    total = families[0]["total"] if families else 0
    ids = [f["id"] for f in families]
    members = defaultdict(list)
    if ids:
        for row in _dicts(_q(conn, vendor, FAMILY_MEMBERS.format(ids=_marks(ids)), ids)):
            members[row.pop("family_id")].append(row)
    page = [
        {
            "uuid": f["uuid"],
            "name": f["name"],
            "district": f["district"],
            "members": members[f["id"]],
        }
        for f in families
    ]
    body = _json({"total": total, "families": page})
    subjects = [("family", f["uuid"]) for f in page]
    subjects += [("person", m["uuid"]) for f in page for m in f["members"]]
    fields = _entry(
        actor,
        action="search",
        object_type="families.Family",
        basis="involvement",
        reason=f"zoeken op naam; {len(page)} van {total} getoond",
    )
    _audit_look(conn, vendor, fields, subjects)
    return body


# --- creates ----------------------------------------------------------------------------------

RESPONSIBLE = """
SELECT p.id, p.uuid, p.first_name || ' ' || p.last_name AS name, p.organisation_id,
       o.uuid AS organisation_uuid, o.name AS organisation_name
  FROM network_professional p JOIN network_organisation o ON o.id = p.organisation_id
 WHERE p.uuid = ? AND p.is_active"""

INSERT_AGREEMENT = """
INSERT INTO bench_floor_agreement (uuid, created_at, updated_at, what, due_on, status, done_on,
    created_by_id, responsible_organisation_id, responsible_professional_id, case_id, meeting_id)
VALUES (?, ?, ?, ?, ?, 'open', NULL, ?, ?, ?, ?, NULL)"""

INSERT_EVENT = """
INSERT INTO bench_floor_caseevent (uuid, kind, occurred_at, summary, level_from, level_to, rule,
    reason, actor_id, case_id)
VALUES (?, ?, ?, ?, NULL, NULL, ?, '', ?, ?)"""


def agreement_create_floor(conn, vendor: str, target: Target) -> bytes:
    """POST /api/v1/casussen/<uuid>/afspraken/: check, validate, insert agreement + event + entry.

    The body names the actor as responsible (so no e-mail is due), due in two weeks.
    """
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = _actor(conn, vendor, target.user_id)
    case_uuid = _uuid_of(conn, vendor, "coordination_case", target.case_id)
    case, basis = _case_access(conn, vendor, actor, target, now, case_uuid)
    if basis is None or case["status"] != "open":
        return _json({"detail": "U bent niet betrokken bij dit gezin of de casus is gesloten."})
    what = "Moeder meldt het gezin aan bij de schuldhulpverlening en neemt de brieven mee."
    due_on = target.today + timedelta(days=14)
    who = _one(_q(conn, vendor, RESPONSIBLE, [actor.uuid]))
    persons = _q(
        conn, vendor, "SELECT uuid FROM families_person WHERE family_id = ?", [case["family_id"]]
    ).fetchall()
    agreement_uuid = uuid.uuid4()
    summary = f"Afspraak voor {who['name']}, uiterlijk {due_on:%d-%m-%Y}"
    with _transaction(conn, vendor):
        _q(
            conn,
            vendor,
            INSERT_AGREEMENT,
            [
                agreement_uuid,
                now,
                now,
                what,
                due_on,
                actor.professional_id,
                who["organisation_id"],
                who["id"],
                case["id"],
            ],
        )
        _q(
            conn,
            vendor,
            INSERT_EVENT,
            [uuid.uuid4(), "afspraak", now, summary, "", actor.professional_id, case["id"]],
        )
        fields = _entry(
            actor,
            action="create",
            object_type="coordination.Agreement",
            object_uuid=agreement_uuid,
            basis=basis,
            channel="api",
        )
        _audit(
            conn, vendor, fields, [("family", case["family"])] + [("person", p) for (p,) in persons]
        )
    return _json(
        {
            "uuid": agreement_uuid,
            "what": what,
            "responsible_professional": {"uuid": who["uuid"], "name": who["name"]},
            "responsible_organisation": {
                "uuid": who["organisation_uuid"],
                "name": who["organisation_name"],
            },
            "due_on": due_on,
            "status": "open",
            "done_on": None,
            "meeting": None,
            "checkins": [],
        }
    )


_TOPICS: dict[int, object] = {}
QUESTION_TEXT = (
    "Onze dochter van vier slaapt sinds de verhuizing heel slecht. Ze wordt elke nacht twee of "
    "drie keer huilend wakker en wil dan alleen nog bij ons in bed. Overdag is ze moe en snel "
    "boos, ook op het kinderdagverblijf merken ze het. We hebben al een vast ritueel met "
    "voorlezen geprobeerd. Wat kunnen we nog meer doen, en wanneer is het verstandig om hulp te "
    "vragen?"
)
INSERT_QUESTION = """
INSERT INTO bench_floor_question (uuid, created_at, updated_at, reference, asker_kind, text,
    child_age, name, email, consent_at, privacy_notice_version, status, handover_note, answer,
    answered_at, answer_emailed_at, answer_email_failed, closed_at, answered_by_id,
    assigned_to_id, family_id, topic_id)
VALUES (?, ?, ?, ?, 'ouder', ?, ?, ?, ?, ?, '2026-1', 'nieuw', '', '', NULL, NULL, ?, NULL,
        NULL, NULL, NULL, ?)"""
COUNT_SUBMISSION = """
INSERT INTO bench_floor_submissionwindow (key, window_start, "count") VALUES (?, ?, 1)
ON CONFLICT (key, window_start) DO UPDATE SET "count" = bench_floor_submissionwindow."count" + 1"""


def _topic_id(conn, vendor: str) -> int:
    """The topic the form posts (its id is in the request; found once, outside the measure)."""
    if _TOPICS.get(id(conn)) is None:
        row = conn.execute(
            "SELECT id FROM frontdoor_topic WHERE is_active ORDER BY sort_order, id LIMIT 1"
        ).fetchone()
        if row is None:
            raise LookupError("no active frontdoor topic: seed the database")
        _TOPICS[id(conn)] = row[0]
    return _TOPICS[id(conn)]


def _reference() -> str:
    body = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    return f"VR-{body[:4]}-{body[4:]}"


def question_create_floor(conn, vendor: str, target: Target) -> bytes:
    """POST /publiek/vraag/: a parent's question, the per-address window upsert, one entry.

    Every call comes from a new address, so it takes the accepted path (not the 429) and the
    window row is inserted; the reference's uniqueness is left to its unique index.
    """
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    address = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    key = hmac.new(
        b"ketenzorg-floor", f"frontdoor-limit:{address}".encode(), hashlib.sha256
    ).hexdigest()
    epoch = int(now.timestamp())
    window = datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=UTC)
    topic = _q(
        conn,
        vendor,
        "SELECT id, is_active FROM frontdoor_topic WHERE id = ?",
        [_topic_id(conn, vendor)],
    ).fetchone()
    sent = _q(
        conn,
        vendor,
        'SELECT "count" FROM bench_floor_submissionwindow WHERE key = ? AND window_start = ?',
        [key, window],
    ).fetchone()
    if not topic[1] or (sent is not None and sent[0] >= QUESTIONS_PER_WINDOW):
        return _json({"detail": "Probeer het over een uur opnieuw."})
    question_uuid, reference = uuid.uuid4(), _reference()
    with _transaction(conn, vendor):
        _q(
            conn,
            vendor,
            INSERT_QUESTION,
            [
                question_uuid,
                now,
                now,
                reference,
                QUESTION_TEXT,
                4,
                "Sanne",
                "sanne.devries@example.nl",
                now,
                False,
                topic[0],
            ],
        )
        _q(conn, vendor, COUNT_SUBMISSION, [key, window])
        _q(
            conn,
            vendor,
            "DELETE FROM bench_floor_submissionwindow WHERE window_start < ?",
            [now - timedelta(days=1)],
        )
        fields = _entry(
            None,
            action="create",
            object_type="frontdoor.Question",
            object_uuid=question_uuid,
            basis="consent",
            source_address=address,
        )
        _audit(conn, vendor, fields, [("question", question_uuid)])
    return _json({"reference": reference, "by_email": True})


FLOORS: dict[str, Callable[..., bytes]] = {
    "dashboard": dashboard_floor,
    "case_page": case_page_floor,
    "case_list_api": case_list_api_floor,
    "family_search": family_search_floor,
    "agreement_create": agreement_create_floor,
    "question_create": question_create_floor,
}


# --- the nightly pass -------------------------------------------------------------------------


def _easter(year: int) -> date:
    """Anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    k_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * k_) // 451
    month, day = divmod(h + k_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _dutch_holidays(year: int) -> set[date]:
    """The Algemene termijnenwet's days (core.workdays): Goede vrijdag no, 5 mei every year."""
    easter = _easter(year)
    kings = date(year, 4, 27) if date(year, 4, 27).weekday() != 6 else date(year, 4, 26)
    return {
        date(year, 1, 1),
        easter,
        easter + timedelta(days=1),
        kings,
        date(year, 5, 5),
        easter + timedelta(days=39),
        easter + timedelta(days=49),
        easter + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }


def add_working_days(start: date, count: int) -> date:
    day = start
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _dutch_holidays(day.year):
            count -= 1
    return day


def reset_nightly(conn, vendor: str) -> None:
    """Empty what the nightly floor wrote, so the next run finds the same candidates again."""
    ensure_scratch(conn, vendor)
    with _transaction(conn, vendor):
        for table in NIGHTLY_TABLES:
            conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 - constant names
        conn.execute("DELETE FROM bench_floor_caseevent WHERE actor_id IS NULL")


STORE_SUGGESTION = f"""
INSERT INTO {SUGGESTION_TABLE} (case_id, suggested_level, suggested_rule, suggestion_handled,
    updated_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (case_id) DO UPDATE SET
    suggested_level = excluded.suggested_level, suggested_rule = excluded.suggested_rule,
    suggestion_handled = excluded.suggestion_handled,
    updated_at = excluded.updated_at"""  # noqa: S608

SUGGESTION_CANDIDATES = """
SELECT c.id, c.level, c.suggested_level, c.suggested_rule, c.suggestion_handled,
       (SELECT COUNT(DISTINCT i.professional_id) FROM families_involvement i
         WHERE i.family_id = c.family_id AND (i.ended_on IS NULL OR i.ended_on >= ?)) AS n
  FROM coordination_case c
 WHERE c.status = 'open'
   AND c.family_id IN (SELECT family_id FROM families_involvement
                        WHERE ended_on >= ? AND ended_on < ?)"""


def _nightly_suggestions(conn, vendor: str, today: date, now: datetime) -> int:
    """Cases whose involvement ended in the last week: the rule's suggestion, re-counted."""
    since = today - timedelta(days=SUGGESTION_LOOKBACK_DAYS)
    rows, events, changed = [], [], 0
    for c in _dicts(_q(conn, vendor, SUGGESTION_CANDIDATES, [today, since, today])):
        level, rule = _suggestion(c["n"])
        if level == c["suggested_level"] and rule == c["suggested_rule"]:
            continue
        handled = bool(c["suggestion_handled"])
        if level != c["suggested_level"]:
            changed += 1
            if c["level"] < 4:
                handled = level == c["level"]
                if level != c["level"]:
                    events.append(
                        [
                            uuid.uuid4(),
                            "niveau_voorgesteld",
                            now,
                            f"Voorstel: niveau {level}",
                            c["level"],
                            level,
                            rule,
                            c["id"],
                        ]
                    )
        rows.append([c["id"], level, rule, handled, now])
    with _transaction(conn, vendor):
        _many(
            conn,
            vendor,
            STORE_SUGGESTION,
            rows,
        )
        _many(
            conn,
            vendor,
            "INSERT INTO bench_floor_caseevent (uuid, kind, occurred_at, summary, level_from,"
            " level_to, rule, reason, actor_id, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, ?)",
            events,
        )
    return changed


# Open agreements past their date, and meetings not held by their deadline, in open cases
# that have no signal of that kind yet (in the real table, or already raised by this floor).
STALLED = {
    "afspraak_te_laat": """
SELECT a.id, a.uuid, a.due_on AS day, NULL AS meeting_kind, a.case_id, c.family_id, f.uuid AS family
  FROM coordination_agreement a
  JOIN coordination_case c ON c.id = a.case_id AND c.status = 'open'
  JOIN families_family f ON f.id = c.family_id
 WHERE a.status = 'open' AND a.due_on < ?
   AND NOT EXISTS (SELECT 1 FROM coordination_stagnationsignal s
                    WHERE s.agreement_id = a.id AND s.kind = 'afspraak_te_laat')
   AND NOT EXISTS (SELECT 1 FROM bench_floor_signal s
                    WHERE s.agreement_id = a.id AND s.kind = 'afspraak_te_laat')
 ORDER BY a.id""",
    "overleg_te_laat": """
SELECT m.id, m.uuid, m.deadline AS day, m.kind AS meeting_kind, m.case_id, c.family_id,
       f.uuid AS family
  FROM coordination_meeting m
  JOIN coordination_case c ON c.id = m.case_id AND c.status = 'open'
  JOIN families_family f ON f.id = c.family_id
 WHERE m.status IN ('te_plannen', 'gepland') AND m.deadline < ?
   AND NOT EXISTS (SELECT 1 FROM coordination_stagnationsignal s
                    WHERE s.meeting_id = m.id AND s.kind = 'overleg_te_laat')
   AND NOT EXISTS (SELECT 1 FROM bench_floor_signal s
                    WHERE s.meeting_id = m.id AND s.kind = 'overleg_te_laat')
 ORDER BY m.id""",
}
PERSONS_OF = "SELECT family_id, uuid FROM families_person WHERE family_id IN ({ids})"
STAGNATION_RULE = (
    "stagnatie in de hulpverlening: voorstel opschalen naar niveau 4 (brandpuntfunctionaris)"
)
INSERT_SIGNAL = """
INSERT INTO bench_floor_signal (uuid, created_at, updated_at, kind, key, raised_on, status,
    resolution, agreement_id, case_id, meeting_id, resolved_by_id)
VALUES (?, ?, ?, ?, ?, ?, 'open', '', ?, ?, ?, NULL)"""

# The recipients of a new signal: the case's active coordinators and the agreement's
# responsible professional, each once, if they have an address and were not told today.
SIGNAL_MAILS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'stagnation', r.uuid, ?, ?, r.professional_id FROM (
    SELECT s.uuid, k.professional_id FROM bench_floor_signal s
      JOIN coordination_casecoordinator k ON k.case_id = s.case_id AND k.ended_at IS NULL
     WHERE s.raised_on = ? AND s.status = 'open'
    UNION
    SELECT s.uuid, a.responsible_professional_id FROM bench_floor_signal s
      JOIN coordination_agreement a ON a.id = s.agreement_id
     WHERE s.raised_on = ? AND s.status = 'open' AND a.responsible_professional_id IS NOT NULL
  ) r JOIN network_professional p ON p.id = r.professional_id
 WHERE p.email <> '' AND NOT EXISTS (
    SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'stagnation'
       AND n.object_uuid = r.uuid AND n.day = ? AND n.recipient_id = r.professional_id)
ON CONFLICT DO NOTHING"""


def _nightly_stagnation(conn, vendor: str, today: date, now: datetime) -> tuple[int, int]:
    stalled = {kind: _dicts(_q(conn, vendor, sql, [today])) for kind, sql in STALLED.items()}
    families = sorted({row["family_id"] for rows in stalled.values() for row in rows})
    persons = defaultdict(list)
    for start in range(0, len(families), 900):
        chunk = families[start : start + 900]
        sql = PERSONS_OF.format(ids=_marks(chunk))
        for family_id, person in _q(conn, vendor, sql, chunk).fetchall():
            persons[family_id].append(person)
    signals, events, entries = [], [], []
    for kind, rows in stalled.items():
        for row in rows:
            signal_uuid = uuid.uuid4()
            if kind == "afspraak_te_laat":
                key, target = f"agreement:{uuid.UUID(str(row['uuid']))}", (row["id"], None)
                summary = f"Stagnatiesignaal: afspraak over de datum ({_nl_date(row['day'])})"
            else:
                key, target = f"meeting:{uuid.UUID(str(row['uuid']))}", (None, row["id"])
                summary = (
                    f"Stagnatiesignaal: {row['meeting_kind']} niet gehouden"
                    f" voor {_nl_date(row['day'])}"
                )
            signals.append(
                [signal_uuid, now, now, kind, key, today, target[0], row["case_id"], target[1]]
            )
            events.append(
                [uuid.uuid4(), "stagnatie", now, summary, STAGNATION_RULE, None, row["case_id"]]
            )
            fields = _entry(
                None,
                action="create",
                object_type="coordination.StagnationSignal",
                object_uuid=signal_uuid,
                reason="dagelijkse stagnatiecontrole",
                channel="system",
                source_address="",
            )
            subjects = [("family", row["family"])] + [
                ("person", p) for p in persons[row["family_id"]]
            ]
            entries.append((fields, subjects))
    with _transaction(conn, vendor):
        _many(conn, vendor, INSERT_SIGNAL, signals)
        _many(conn, vendor, INSERT_EVENT, events)
        _audit_many(conn, vendor, entries)
        mails = _q(conn, vendor, SIGNAL_MAILS, [today, now, today, today, today]).rowcount
    return len(signals), mails


AGREEMENT_REMINDERS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'agreement_due', a.uuid, ?, ?, a.responsible_professional_id
  FROM coordination_agreement a
  JOIN coordination_case c ON c.id = a.case_id AND c.status = 'open'
  JOIN network_professional p ON p.id = a.responsible_professional_id
 WHERE a.status = 'open' AND a.due_on >= ? AND a.due_on <= ? AND p.email <> ''
   AND NOT EXISTS (SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'agreement_due'
                      AND n.object_uuid = a.uuid AND n.day = ? AND n.recipient_id = p.id)
ON CONFLICT DO NOTHING"""

# A meeting to convene: its convener, or without one the case's active coordinators.
MEETING_REMINDERS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'meeting_deadline', r.uuid, ?, ?, r.professional_id FROM (
    SELECT m.uuid, COALESCE(m.convener_id, k.professional_id) AS professional_id
      FROM coordination_meeting m
      JOIN coordination_case c ON c.id = m.case_id AND c.status = 'open'
      LEFT JOIN coordination_casecoordinator k
        ON m.convener_id IS NULL AND k.case_id = m.case_id AND k.ended_at IS NULL
     WHERE m.status = 'te_plannen' AND m.deadline >= ? AND m.deadline <= ?
  ) r JOIN network_professional p ON p.id = r.professional_id
 WHERE p.email <> '' AND NOT EXISTS (
    SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'meeting_deadline'
       AND n.object_uuid = r.uuid AND n.day = ? AND n.recipient_id = r.professional_id)
ON CONFLICT DO NOTHING"""


def _nightly_reminders(conn, vendor: str, today: date, now: datetime) -> int:
    with _transaction(conn, vendor):
        sent = _q(
            conn,
            vendor,
            AGREEMENT_REMINDERS,
            [today, now, today, add_working_days(today, 1), today],
        ).rowcount
        sent += _q(
            conn, vendor, MEETING_REMINDERS, [today, now, today, add_working_days(today, 2), today]
        ).rowcount
    return sent


def nightly_floor(conn, vendor: str, today: date, *, reset: bool = True) -> dict[str, int]:
    """coordination.tasks.tick, set-based: suggestions, stagnation signals (+ mails), reminders.

    Finds the candidates of each kind with one query and writes the signals, case events,
    audit entries and notification records into the scratch tables in one transaction per
    pass (the real pass takes one per signal and sends each e-mail). With `reset` (the
    default) the previous run's scratch rows are deleted first, in their own transaction;
    call `reset_nightly` yourself and pass `reset=False` to keep that out of a measurement.
    """
    ensure_scratch(conn, vendor)
    if reset:
        reset_nightly(conn, vendor)
    now = datetime.now(UTC)
    suggestions = _nightly_suggestions(conn, vendor, today, now)
    signals, signal_mails = _nightly_stagnation(conn, vendor, today, now)
    reminders = _nightly_reminders(conn, vendor, today, now)
    return {
        "suggestions": suggestions,
        "signals": signals,
        "signal_mails": signal_mails,
        "reminders": reminders,
    }


# --- seeding ----------------------------------------------------------------------------------


def _copy_rows(conn, table: str, scratch: str, rows: list[tuple]) -> None:
    types = [
        oid
        for (oid,) in conn.execute(
            "SELECT atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped ORDER BY attnum",
            (table,),
        ).fetchall()
    ]
    with conn.transaction(), conn.cursor().copy(f'COPY "{scratch}" FROM STDIN') as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)


def seed_floor(conn, vendor: str, tables: list[str]) -> dict[str, float]:
    """Seconds to insert each table's rows into an empty, index-free clone; and the total.

    The rows are read out first (not timed); the clone `bench_floor_seed_<table>` is created
    with `CREATE TABLE ... AS SELECT * ... WHERE 1=0` and dropped afterwards. Timed: the
    inserts and their commit (executemany on SQLite, COPY on PostgreSQL).
    """
    result: dict[str, float] = {}
    for table in tables:
        if not re.fullmatch(r"\w+", table):
            raise ValueError(f"not a table name: {table!r}")
        scratch = f"bench_floor_seed_{table}"
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
        conn.execute(f'DROP TABLE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE TABLE "{scratch}" AS SELECT * FROM "{table}" WHERE 1=0')  # noqa: S608
        started = time.perf_counter()
        if vendor == POSTGRESQL:
            _copy_rows(conn, table, scratch, rows)
        elif rows:
            marks = ", ".join("?" * len(rows[0]))
            with _transaction(conn, vendor):
                conn.executemany(f'INSERT INTO "{scratch}" VALUES ({marks})', rows)  # noqa: S608
        result[table] = time.perf_counter() - started
        conn.execute(f'DROP TABLE "{scratch}"')
    result["total"] = sum(result.values())
    return result


# --- picking a target -------------------------------------------------------------------------


BUSIEST_INVOLVED = """
SELECT p.id, p.user_id FROM families_involvement i
  JOIN network_professional p ON p.id = i.professional_id
 WHERE (i.ended_on IS NULL OR i.ended_on >= ?) AND p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(DISTINCT i.family_id) DESC, p.id LIMIT 1"""

BUSIEST_COORDINATOR = """
SELECT p.id, p.user_id FROM coordination_casecoordinator k
  JOIN network_professional p ON p.id = k.professional_id
 WHERE k.ended_at IS NULL AND p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(*) DESC, p.id LIMIT 1"""

# Their open case with the most to show: level 3 or higher first, then the most agreements.
TARGET_CASE = """
SELECT c.id FROM coordination_case c
 WHERE c.status = 'open'
   AND (c.family_id IN (SELECT family_id FROM families_involvement
                         WHERE professional_id = ? AND (ended_on IS NULL OR ended_on >= ?))
        OR c.id IN (SELECT case_id FROM coordination_casecoordinator
                     WHERE professional_id = ? AND ended_at IS NULL))
 ORDER BY CASE WHEN c.level >= 3 THEN 0 ELSE 1 END,
          (SELECT COUNT(*) FROM coordination_agreement a WHERE a.case_id = c.id) DESC, c.id
 LIMIT 1"""

# The surname most common among the members of the families they are involved with.
TARGET_SURNAME = """
SELECT pe.family_name FROM families_person pe
 WHERE pe.family_id IN (SELECT family_id FROM families_involvement
                         WHERE professional_id = ? AND (ended_on IS NULL OR ended_on >= ?))
 GROUP BY pe.family_name ORDER BY COUNT(DISTINCT pe.family_id) DESC, pe.family_name LIMIT 1"""


def pick_target(conn, vendor: str, today: date, *, coordinator: bool = False) -> Target:
    """The busiest involved professional (or, with `coordinator`, the one coordinating the most
    cases), their open case with the most to show, and their families' most common surname."""
    row = _q(
        conn,
        vendor,
        BUSIEST_COORDINATOR if coordinator else BUSIEST_INVOLVED,
        [] if coordinator else [today],
    ).fetchone()
    if row is None:
        raise LookupError("no professional to look with: seed the database first")
    professional_id, user_id = row
    case = _q(conn, vendor, TARGET_CASE, [professional_id, today, professional_id]).fetchone()
    if case is None:
        raise LookupError("no open case: seed a city first (`ketenzorg seed --scale city`)")
    surname = _q(conn, vendor, TARGET_SURNAME, [professional_id, today]).fetchone()
    return Target(professional_id, user_id, case[0], surname[0] if surname else "Jansen", today)


# --- self-check -------------------------------------------------------------------------------


def _timed(fn, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(fn())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), size


def _u(value) -> str:
    return str(uuid.UUID(str(value)))


def _check(name: str, floor_ids: list, real_ids: list, problems: list[str]) -> None:
    floor_ids, real_ids = [_u(v) for v in floor_ids], [_u(v) for v in real_ids]
    same = floor_ids == real_ids
    print(f"  {'ok ' if same else 'DIFF'} {name}: {len(floor_ids)} floor, {len(real_ids)} real")
    if not same:
        problems.append(name)


def _django(database_url: str | None):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()


def _verify(conn, vendor: str, target: Target, nightly: dict | None) -> list[str]:
    """The floors' rows against the real selectors (in a transaction that is rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ketenzorg.coordination import selectors, tasks
    from ketenzorg.families.selectors import FamilySearch, family_search

    user = get_user_model().objects.get(pk=target.user_id)
    problems: list[str] = []
    floor = json.loads(case_list_api_floor(conn, vendor, target))
    board = json.loads(dashboard_floor(conn, vendor, target))
    found = json.loads(family_search_floor(conn, vendor, target))
    page = json.loads(case_page_floor(conn, vendor, target))
    with transaction.atomic():
        cases, total = selectors.case_list(actor=user, limit=API_PAGE)
        _check(
            "case_list_api cases",
            [c["uuid"] for c in floor["results"]],
            [c.uuid for c in cases],
            problems,
        )
        figures = [
            (
                c["level"],
                c["overdue_agreements"],
                c["open_signals"],
                str(c["next_deadline"]),
                sorted(k["professional"]["name"] for k in c["coordinators"]),
            )
            for c in floor["results"]
        ]
        real = [
            (
                c.level,
                c.overdue_agreements,
                c.open_signals,
                str(c.next_deadline),
                sorted(k.professional.full_name for k in c.active_coordinators),
            )
            for c in cases
        ]
        _check_equal(
            "case_list_api figures and total", (figures, floor["count"]), (real, total), problems
        )
        real_board = selectors.dashboard(actor=user, limit=DASHBOARD_PAGE)
        for key, rows in (
            ("cases", real_board.cases),
            ("events", real_board.events),
            ("matches", real_board.matches),
            ("signals", real_board.signals),
        ):
            _check(
                f"dashboard {key}",
                [r["uuid"] for r in board[key]],
                [r.uuid for r in rows],
                problems,
            )
        # Ordered by a date alone in the selector: rows of the same date may come in any order.
        for key, rows, day in (
            ("tasks", real_board.tasks, "deadline"),
            ("my_agreements", real_board.my_agreements, "due_on"),
        ):
            _check_ties(
                f"dashboard {key}",
                [(str(r["at"])[:10], _u(r["uuid"])) for r in board[key]],
                [(str(getattr(r, day)), _u(r.uuid)) for r in rows],
                problems,
            )
        families, total = family_search(
            actor=user, search=FamilySearch(name=target.surname), limit=FAMILY_PAGE
        )
        _check(
            "family_search families",
            [f["uuid"] for f in found["families"]],
            [f.uuid for f in families],
            problems,
        )
        _check_equal("family_search total", found["total"], total, problems)
        case_uuid = _uuid_of(conn, vendor, "coordination_case", target.case_id)
        view = selectors.case_view(actor=user, case_uuid=uuid.UUID(str(case_uuid)))
        for key in (
            "involvements",
            "ended_involvements",
            "meetings",
            "agreements",
            "signals",
            "events",
        ):
            _check(
                f"case_page {key}",
                [r["uuid"] for r in page[key]],
                [r.uuid for r in getattr(view, key)],
                problems,
            )
        _check_equal(
            "case_page suggestion", page["suggestion"]["level"], view.suggestion.level, problems
        )
        if nightly is not None:
            started = time.perf_counter()
            result = tasks.tick(target.today)
            print(f"  real tick {1000 * (time.perf_counter() - started):.0f} ms (rolled back)")
            real = {
                "suggestions": result.suggestions,
                "signals": result.signals,
                "signal_mails": result.signal_mails,
                "reminders": result.reminders,
            }
            _check_equal("nightly counts", nightly, real, problems)
        transaction.set_rollback(True)
    return problems


def _check_ties(name: str, floor: list[tuple], real: list[tuple], problems: list[str]) -> None:
    """The same dates in the same order, and the same rows per date (the last date may be cut)."""
    last = real[-1][0] if real else None

    def groups(rows):
        found = defaultdict(set)
        for day, value in rows:
            found[day[:10]].add(value if day[:10] != str(last) else "")
        return [d[:10] for d, _ in rows], found

    _check_equal(
        name + f" ({len(floor)} floor, {len(real)} real)", groups(floor), groups(real), problems
    )


def _check_equal(name: str, floor, real, problems: list[str]) -> None:
    same = floor == real
    print(
        f"  {'ok ' if same else 'DIFF'} {name}"
        + ("" if same else f": floor {floor!r}, real {real!r}")
    )
    if not same:
        problems.append(name)


def _check_workdays(problems: list[str]) -> None:
    from ketenzorg.core import workdays

    start = date(2024, 1, 1)
    days = [start + timedelta(days=n) for n in range(365 * 4)]
    same = all(
        add_working_days(d, n) == workdays.add_working_days(d, n) for d in days for n in (1, 2, 5)
    )
    _check_equal("working days 2024-2027", same, True, problems)


def _measure(conn, vendor: str, target: Target, repeat: int) -> None:
    print(f"{vendor}: {target}")
    for name, floor in FLOORS.items():
        floor(conn, vendor, target)  # warm the caches and prepared statements
        median, size = _timed(lambda f=floor: f(conn, vendor, target), repeat)
        print(f"  {name:<18} median {median:8.2f} ms   body {size:>8} bytes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="runs per floor (median shown)")
    parser.add_argument("--no-verify", action="store_true", help="skip the comparison with Django")
    parser.add_argument(
        "--seed-tables", default="families_family,families_person,families_involvement"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or None
    var_dir = Path(os.environ.get("KETENZORG_VAR_DIR", Path.cwd() / "var"))
    conn, vendor = connect(database_url, None if database_url else var_dir / "ketenzorg.sqlite3")
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    targets = [pick_target(conn, vendor, today), pick_target(conn, vendor, today, coordinator=True)]
    for target in targets:
        _measure(conn, vendor, target, args.repeat)
    started = time.perf_counter()
    nightly = nightly_floor(conn, vendor, today)
    print(f"nightly floor {1000 * (time.perf_counter() - started):8.1f} ms   {nightly}")
    seeded = seed_floor(conn, vendor, [t for t in args.seed_tables.split(",") if t])
    print("seed floor    " + ", ".join(f"{t} {s:.3f} s" for t, s in seeded.items()))
    if args.no_verify:
        return 0
    _django(database_url)
    problems: list[str] = []
    _check_workdays(problems)
    for number, target in enumerate(targets):
        print(f"verify against the selectors: professional {target.professional_id}")
        nightly = nightly_floor(conn, vendor, today) if number == 0 else None
        problems += _verify(conn, vendor, target, nightly)
    print(
        "verification: " + ("all the same" if not problems else "DIFFERENT: " + ", ".join(problems))
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
