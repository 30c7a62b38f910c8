"""Writing to the access log: the only way entries come into being."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from ketenzorg.audit import chain, keys
from ketenzorg.audit.models import Action, AuditEntry, AuditSubject, Basis, ChainHead, Outcome
from ketenzorg.core import bulk, requestcontext
from ketenzorg.core.inserts import insert_one
from ketenzorg.core.prepared import PreparedQuery


@dataclass(frozen=True)
class Subject:
    kind: str  # "person" | "family"
    uuid: uuidlib.UUID


def describe_actor(user) -> tuple[str, str]:
    """The role(s) and organisation of the user at the moment of access."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "", ""
    professional = getattr(user, "professional", None)
    if professional is None:
        return ("beheerder" if user.is_superuser else ""), ""
    roles = ",".join(sorted(professional.role_codes()))
    organisation = professional.organisation.name if professional.organisation_id else ""
    return roles, organisation


def _fields(*, actor, action, outcome, object_type, object_uuid, basis, reason) -> dict:
    context = requestcontext.current()
    role, organisation = describe_actor(actor)
    user_ok = actor is not None and getattr(actor, "is_authenticated", False)
    return {
        "uuid": uuidlib.uuid4(),
        "occurred_at": timezone.now(),
        "action": str(action),
        "outcome": str(outcome),
        "user_id_snapshot": actor.pk if user_ok else None,
        "username": actor.get_username() if user_ok else "",
        "user_role": role,
        "user_organisation": organisation,
        "on_behalf_of": context.on_behalf_of,
        "object_type": object_type,
        "object_uuid": str(object_uuid or ""),
        "source_address": context.source_address,
        "channel": context.channel,
        "basis": str(basis),
        "reason": reason[:500],
    }


SUBJECT_ROWS_PER_STATEMENT = 3000  # 9 000 parameters: within SQLite's and PostgreSQL's limits


def _subject_value(field, value):
    """A subject's uuid as the column takes it; a uuid already (as the selectors give them) is
    not parsed again from its text."""
    if type(value) is not uuidlib.UUID:
        value = uuidlib.UUID(str(value))
    return field.get_db_prep_value(value, connection)


def _insert_subjects(rows) -> None:
    """All subjects of the entries in as few multi-row INSERTs as possible.

    A list page logs every family it shows (100 on a page of the case list); model
    instances for bulk_create cost more than the query, and one statement per row
    costs a round trip each on PostgreSQL.
    """
    table = connection.ops.quote_name(AuditSubject._meta.db_table)
    if connection.vendor == "postgresql":
        # Three arrays instead of three parameters a row: the driver does not have to split
        # a statement of 30 000 placeholders (a nightly pass logs that many subjects).
        entry_ids, uuids, kinds = [], [], []
        for entry_id, value, kind in rows:
            entry_ids.append(entry_id)
            uuids.append(str(value))
            kinds.append(kind)
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (entry_id, subject_uuid, kind) "  # noqa: S608 - our own table
                    "SELECT * FROM unnest(%s::bigint[], %s::uuid[], %s::varchar[])",
                    [entry_ids, uuids, kinds],
                )
        return
    field = AuditSubject._meta.get_field("subject_uuid")
    values = [(entry_id, _subject_value(field, value), kind) for entry_id, value, kind in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(values), SUBJECT_ROWS_PER_STATEMENT):
            chunk = values[start : start + SUBJECT_ROWS_PER_STATEMENT]
            placeholders = ", ".join(["(%s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (entry_id, subject_uuid, kind) VALUES {placeholders}",  # noqa: S608 - our own table and placeholders
                [v for row in chunk for v in row],
            )


# Entries per statement on PostgreSQL (a JSON text of about 0.5 MB); more go by bulk_create.
ENTRIES_PER_STATEMENT = 1000


def _append_postgresql(rows: list[AuditEntry], entries, last_hash: str) -> None:
    """The entries, their subjects and the chain head's step in one statement.

    Every page that shows a child's data writes an entry; as three statements (entries, their
    subjects, the head) that is three round trips to the server on every such page. The
    entries go over as one JSON text read into the table's own types (`core.bulk`: every
    column is a plain one); the subjects find their entry by its uuid, not by the order the
    new ids come back in. The subjects go over as three comma-separated texts: psycopg writes
    a list as an array literal with a regular expression per element, which at nation scale
    cost the nightly pass seconds (a uuid and a kind never hold a comma).
    """
    columns = [f.attname for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    entry_sql, entry_params = bulk.insert_sql(
        AuditEntry, [{name: getattr(row, name) for name in columns} for row in rows]
    )
    entry_uuids, subject_uuids, kinds = [], [], []
    for row, (_, subjects) in zip(rows, entries, strict=True):
        for kind, value in subjects:
            entry_uuids.append(str(row.uuid))
            subject_uuids.append(str(value))
            kinds.append(kind)
    subject_table = connection.ops.quote_name(AuditSubject._meta.db_table)
    head_table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH entry AS ({entry_sql} RETURNING id, uuid), "  # noqa: S608 - our own tables; values are parameters
            f"subjects AS (INSERT INTO {subject_table} (entry_id, subject_uuid, kind) "
            "SELECT entry.id, s.subject_uuid, s.kind FROM entry JOIN "
            "unnest(string_to_array(%s, ',')::uuid[], string_to_array(%s, ',')::uuid[], "
            "string_to_array(%s, ',')) AS s(entry_uuid, subject_uuid, kind) "
            "ON s.entry_uuid = entry.uuid), "
            f"head AS (UPDATE {head_table} SET last_hash = %s, last_entry_id = "
            "(SELECT id FROM entry WHERE uuid = %s) WHERE id = 1) "
            "SELECT id, uuid FROM entry",
            [
                *entry_params,
                ",".join(entry_uuids),
                ",".join(subject_uuids),
                ",".join(kinds),
                last_hash,
                str(rows[-1].uuid),
            ],  # fmt: skip
        )
        ids = {str(uuid): pk for pk, uuid in cursor.fetchall()}
    for row in rows:
        row.pk = ids[str(row.uuid)]
        row._state.adding = False
        row._state.db = connection.alias


# The chain head, read under its lock on every look at a child's data: compiled once.
_HEAD = PreparedQuery(
    lambda: ChainHead.objects.select_for_update().filter(pk=1)[:1], name="the chain head"
)


def _move_head(last_entry_id: int, last_hash: str) -> None:
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_entry_id = %s, last_hash = %s WHERE id = 1",  # noqa: S608 - our own table
            [last_entry_id, last_hash],
        )


# A look outside any transaction on PostgreSQL: the head's hash and a new entry id in one read,
# then one statement that moves the head only if it still holds that hash, with the entry and
# its subjects. Compare-and-set instead of a lock: no BEGIN, no COMMIT, and the head is locked
# only while that one statement runs, not across four round trips.
_HEAD_AND_NEW_ID = (
    "SELECT last_hash, nextval(pg_get_serial_sequence(%s, 'id')) FROM {head} WHERE id = 1"
)
# A head that moved between the read and the statement is read again; after this many, the
# entry waits for the lock as every write's entry does, so a look always gets through.
SWAP_ATTEMPTS = 8


def _swap_postgresql(fields: dict, subjects: list[tuple[str, str]]) -> AuditEntry | None:
    """One entry appended by compare-and-set (see `_HEAD_AND_NEW_ID`); None if the head kept
    moving or does not exist yet. An id taken by an attempt that lost is a gap in the ids, as
    a rolled-back insert leaves one; the chain runs in id order all the same, because an
    entry's id is taken in the same statement that reads its predecessor's hash, after that
    predecessor was committed."""
    quote = connection.ops.quote_name
    entry_table, head_table = AuditEntry._meta.db_table, quote(ChainHead._meta.db_table)
    subject_table = quote(AuditSubject._meta.db_table)
    ring = keys.keyring()
    key_id, key = ring.current_id, ring.current_chain_key
    subject_uuids = ",".join(str(value) for _, value in subjects)
    kinds = ",".join(kind for kind, _ in subjects)
    head_and_new_id = _HEAD_AND_NEW_ID.format(head=head_table)
    with connection.cursor() as cursor:
        for _ in range(SWAP_ATTEMPTS):
            cursor.execute(head_and_new_id, [entry_table])
            found = cursor.fetchone()
            if found is None:
                return None
            last_hash, entry_id = found
            digest = chain.entry_digest(last_hash, fields, subjects, key_id=key_id, key=key)
            row = AuditEntry(
                id=entry_id, prev_hash=last_hash, key_id=key_id, entry_hash=digest, **fields
            )
            entry_sql, entry_params = bulk.insert_sql(
                AuditEntry,
                [{f.attname: getattr(row, f.attname) for f in AuditEntry._meta.concrete_fields}],
                primary_key=True,
            )
            cursor.execute(
                f"WITH head AS (UPDATE {head_table} SET last_hash = %s, last_entry_id = %s "  # noqa: S608 - our own tables; values are parameters
                "WHERE id = 1 AND last_hash = %s RETURNING id), "
                f"entry AS ({entry_sql} WHERE EXISTS (SELECT FROM head) RETURNING id), "
                f"subjects AS (INSERT INTO {subject_table} (entry_id, subject_uuid, kind) "
                "SELECT entry.id, s.subject_uuid, s.kind FROM entry, "
                "unnest(string_to_array(%s, ',')::uuid[], string_to_array(%s, ',')) "
                "AS s(subject_uuid, kind)) "
                "SELECT count(*) FROM entry",
                [digest, entry_id, last_hash, *entry_params, subject_uuids, kinds],
            )
            if cursor.fetchone()[0] == 1:
                row._state.adding = False
                row._state.db = connection.alias
                return row
    return None


def _append(entries: list[tuple[dict, list[tuple[str, str]]]]) -> list[AuditEntry]:
    """Chain the entries after the head, under its lock, in the caller's transaction if any.

    No savepoint of its own inside the caller's transaction: an entry that fails fails the
    write it logs, so there is nothing to roll back to, and a savepoint and its release were
    two more round trips on every logged write. A single entry outside any transaction on
    PostgreSQL (a look) goes by compare-and-set instead (`_swap_postgresql`).
    """
    # Not in autocommit: inside an atomic block (a write's transaction) or one opened by hand.
    if len(entries) == 1 and connection.vendor == "postgresql" and connection.get_autocommit():
        row = _swap_postgresql(*entries[0])
        if row is not None:
            return [row]
    with transaction.atomic(savepoint=False):
        head = _HEAD.first()
        if head is None:
            head = ChainHead.objects.create(pk=1)
        last_hash, rows = head.last_hash, []
        ring = keys.keyring()
        key_id, key = ring.current_id, ring.current_chain_key
        for fields, subjects in entries:
            digest = chain.entry_digest(last_hash, fields, subjects, key_id=key_id, key=key)
            rows.append(AuditEntry(prev_hash=last_hash, key_id=key_id, entry_hash=digest, **fields))
            last_hash = digest
        if connection.vendor == "postgresql" and len(rows) <= ENTRIES_PER_STATEMENT:
            _append_postgresql(rows, entries, last_hash)
            return rows
        if len(rows) == 1:
            insert_one(rows[0])
        else:
            # Both SQLite (3.35+) and PostgreSQL return the new ids, which the subjects need.
            AuditEntry.objects.bulk_create(rows)
        _insert_subjects(
            (row.pk, value, kind)
            for row, (_, subjects) in zip(rows, entries, strict=True)
            for kind, value in subjects
        )
        _move_head(rows[-1].pk, last_hash)
    return rows


def append_history(entries: list[tuple[dict, list[tuple[str, str]]]]) -> list[AuditEntry]:
    """Chain entries whose fields the caller composed whole, `occurred_at` included.

    Only for the synthetic seed, which writes a city's past (e.g. uses of a break of the
    glass months ago) so that pages reading the log have history to show; the product's
    own code logs through `audit_record` at the moment a thing happens.
    """
    return _append(entries)


def audit_record(
    *,
    actor,
    action: Action | str,
    outcome: Outcome | str = Outcome.SUCCESS,
    object_type: str = "",
    object_uuid="",
    subjects: Iterable[Subject] = (),
    basis: Basis | str = Basis.NONE,
    reason: str = "",
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction if any."""
    fields = _fields(actor=actor, action=action, outcome=outcome, object_type=object_type,
                     object_uuid=object_uuid, basis=basis, reason=reason)  # fmt: skip
    return _append([(fields, list({(s.kind, str(s.uuid)) for s in subjects}))])[0]


@dataclass(frozen=True)
class Record:
    """One entry for `audit_record_many`."""

    action: Action | str
    object_type: str
    object_uuid: object
    subjects: tuple[Subject, ...]
    basis: Basis | str = Basis.NONE
    reason: str = ""
    outcome: Outcome | str = Outcome.SUCCESS


def audit_record_many(*, actor, records: Iterable[Record]) -> int:
    """Append many entries under one lock of the chain head.

    The nightly pass raises thousands of signals at nation scale; one lock, one
    INSERT per table and one commit instead of four statements and a commit each.
    Entries and their order in the chain are the same as one `audit_record` per record.
    """
    entries = [
        (
            _fields(actor=actor, action=r.action, outcome=r.outcome, object_type=r.object_type,
                    object_uuid=r.object_uuid, basis=r.basis, reason=r.reason),
            list({(s.kind, str(s.uuid)) for s in r.subjects}),
        )
        for r in records
    ]  # fmt: skip
    if entries:
        _append(entries)
    return len(entries)
