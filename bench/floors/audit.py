"""Who is looking, and the NEN 7513 access-log entry every look and write appends.

Every look appends one entry, chained by HMAC-SHA256 on a one-row chain head. A write's entry
is appended in the write's transaction with the head locked (`SELECT ... FOR UPDATE` on
PostgreSQL, `BEGIN IMMEDIATE` on SQLite) while the entry and its subjects are inserted, and
committed (one fsync with SQLite's `synchronous=FULL`); a look on PostgreSQL, outside any
transaction, by compare-and-set in two statements (`log_look`), as the product does. The digest
is the product's own (`ketenzorg.audit.chain`, pure Python), so the floor hashes exactly as
the real log does.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ketenzorg.audit.chain import HASHED_FIELDS, entry_digest

from .dialect import POSTGRESQL, insert_many, marks, query, string_agg, transaction

# access.rules.NON_CLIENT_ROLES, which imports Django models; the self-check compares the two.
NON_CLIENT_ROLES = frozenset({"manager", "beheerder", "privacy", "autorisatiebeheerder"})
# The log is keyed (HMAC, decision 0013): the floor signs with a key of its own, at the same cost.
FLOOR_KEY_ID = "floor"
FLOOR_KEY = b"bench-floor-key-of-32-bytes-long"


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


def actor_of(conn, vendor: str, user_id: int) -> Actor:
    """The user's professional, roles and organisation: the access check and the audit need them."""
    row = query(
        conn,
        vendor,
        f"""
        SELECT p.id, p.uuid, p.first_name || ' ' || p.last_name AS name, u.username,
               p.organisation_id, o.name AS organisation,
               (SELECT {string_agg(vendor)}(r.role, ',') FROM network_roleassignment r
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


def audit_fields(
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


_ENTRY_COLUMNS = (*HASHED_FIELDS, "key_id", "prev_hash", "entry_hash")
_INSERT_ENTRY = (
    f"INSERT INTO bench_floor_audit ({', '.join(_ENTRY_COLUMNS)})"  # noqa: S608 - constant names
    f" VALUES ({marks(_ENTRY_COLUMNS)})"
)


def _lock_head(conn, vendor: str) -> str:
    lock = " FOR UPDATE" if vendor == POSTGRESQL else ""  # SQLite: BEGIN IMMEDIATE holds it
    return conn.execute(
        f"SELECT last_hash FROM bench_floor_chainhead WHERE id = 1{lock}"
    ).fetchone()[0]


def append_entry(conn, vendor: str, fields: dict, subjects: Iterable[tuple[str, object]]) -> None:
    """Append one entry and its subjects to the scratch log; call inside a transaction."""
    subject_list = sorted({(kind, str(value)) for kind, value in subjects})
    prev = _lock_head(conn, vendor)
    digest = entry_digest(prev, fields, subject_list, key_id=FLOOR_KEY_ID, key=FLOOR_KEY)
    values = [fields[name] for name in HASHED_FIELDS] + [FLOOR_KEY_ID, prev, digest]
    entry_id = query(conn, vendor, _INSERT_ENTRY + " RETURNING id", values).fetchone()[0]
    insert_many(
        conn,
        vendor,
        "INSERT INTO bench_floor_audit_subject (entry_id, subject_uuid, kind) VALUES (?, ?, ?)",
        [(entry_id, value, kind) for kind, value in subject_list],
    )
    query(
        conn,
        vendor,
        "UPDATE bench_floor_chainhead SET last_entry_id = ?, last_hash = ? WHERE id = 1",
        [entry_id, digest],
    )


def append_entries(conn, vendor: str, entries: list[tuple[dict, list[tuple[str, object]]]]) -> None:
    """Append many entries in one go (the nightly pass): chained in order, inserted in batches."""
    if not entries:
        return
    prev = _lock_head(conn, vendor)
    rows, subject_rows = [], []
    for fields, subjects in entries:
        subject_list = sorted({(kind, str(value)) for kind, value in subjects})
        digest = entry_digest(prev, fields, subject_list, key_id=FLOOR_KEY_ID, key=FLOOR_KEY)
        rows.append([fields[name] for name in HASHED_FIELDS] + [FLOOR_KEY_ID, prev, digest])
        subject_rows += [(fields["uuid"], value, kind) for kind, value in subject_list]
        prev = digest
    insert_many(conn, vendor, _INSERT_ENTRY, rows)
    insert_many(
        conn,
        vendor,
        "INSERT INTO bench_floor_audit_subject (entry_id, subject_uuid, kind)"
        " VALUES ((SELECT id FROM bench_floor_audit WHERE uuid = ?), ?, ?)",
        subject_rows,
    )
    query(
        conn,
        vendor,
        "UPDATE bench_floor_chainhead SET last_hash = ?,"
        " last_entry_id = (SELECT id FROM bench_floor_audit WHERE entry_hash = ?) WHERE id = 1",
        [prev, prev],
    )


_HEAD_AND_NEW_ID = (
    "SELECT last_hash, nextval(pg_get_serial_sequence('bench_floor_audit', 'id'))"
    " FROM bench_floor_chainhead WHERE id = 1"
)
_SWAP = (
    "WITH head AS (UPDATE bench_floor_chainhead SET last_hash = ?, last_entry_id = ?"
    " WHERE id = 1 AND last_hash = ? RETURNING id),"
    f" entry AS (INSERT INTO bench_floor_audit (id, {', '.join(_ENTRY_COLUMNS)})"  # noqa: S608 - constant names
    f" SELECT ?, {marks(_ENTRY_COLUMNS)} WHERE EXISTS (SELECT FROM head) RETURNING id),"
    " subjects AS (INSERT INTO bench_floor_audit_subject (entry_id, subject_uuid, kind)"
    " SELECT entry.id, s.subject_uuid, s.kind FROM entry,"
    " unnest(?::uuid[], ?::varchar[]) AS s(subject_uuid, kind))"
    " SELECT count(*) FROM entry"
)


def _swap_entry(conn, fields: dict, subjects) -> None:
    """A look on PostgreSQL as the product appends it outside a transaction: the head's hash
    and a new id in one read, then the entry, its subjects and the head's step in one statement
    that moves the head only if it still holds that hash (read again if it moved)."""
    subject_list = sorted({(kind, str(value)) for kind, value in subjects})
    while True:
        prev, entry_id = conn.execute(_HEAD_AND_NEW_ID).fetchone()
        digest = entry_digest(prev, fields, subject_list, key_id=FLOOR_KEY_ID, key=FLOOR_KEY)
        values = [fields[name] for name in HASHED_FIELDS] + [FLOOR_KEY_ID, prev, digest]
        swapped = query(
            conn,
            POSTGRESQL,
            _SWAP,
            [digest, entry_id, prev, entry_id, *values,
             [value for _, value in subject_list], [kind for kind, _ in subject_list]],
        ).fetchone()[0]  # fmt: skip
        if swapped:
            return


def log_look(conn, vendor: str, fields: dict, subjects) -> None:
    """One look's entry: on PostgreSQL by compare-and-set (two statements, no transaction),
    on SQLite under `BEGIN IMMEDIATE`, as the product appends them."""
    if vendor == POSTGRESQL:
        _swap_entry(conn, fields, subjects)
        return
    with transaction(conn, vendor):
        append_entry(conn, vendor, fields, subjects)
