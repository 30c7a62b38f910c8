"""What a backup holds, read from the copy itself, and the keys it needs.

The counts, migrations and chain head are read from the dumped copy (SQLite) or inside
the very snapshot pg_dump copies (PostgreSQL), so the manifest describes the dump and not
a database that moved on while it was written. Plain SQL over a DB-API cursor: the same
code reads Django's connection, a sqlite3 file, or a database that is not migrated yet.

Keys never enter a backup. The manifest names them by id and by fingerprint — a keyed
hash of a fixed text, which tells whether two keys are the same without revealing either —
so a restore can refuse, before it changes anything, in an environment that lacks them.
"""

from __future__ import annotations

import hashlib
import hmac

from django.apps import apps

from ketenzorg.audit import anchor, keys
from ketenzorg.core import crypto

# Counted in the manifest and compared after a restore.
COUNTED = (
    "accounts.User",
    "network.Organisation",
    "network.Professional",
    "families.Family",
    "families.Person",
    "families.Involvement",
    "coordination.Case",
    "frontdoor.Question",
    "audit.AuditEntry",
    "audit.AuditSubject",
)
# A database with a row in any of these is in use; migrations alone (terms, topics,
# governance bodies) do not make it so.
IN_USE = ("accounts.User", "network.Professional", "families.Family", "audit.AuditEntry")
FINGERPRINT_TEXT = b"ketenzorg-backup-key-fingerprint"


def table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _scalar(cursor, sql: str):
    cursor.execute(sql)
    row = cursor.fetchone()
    return row[0] if row else None


def row_counts(cursor, tables: set[str], labels=COUNTED) -> dict[str, int]:
    return {label: int(_scalar(cursor, f'SELECT COUNT(*) FROM "{table(label)}"'))  # noqa: S608 - our own tables
            if table(label) in tables else 0 for label in labels}  # fmt: skip


def read(cursor, tables: set[str]) -> dict:
    """Counts, latest migration per app, the chain's head and the key ids its entries carry."""
    migrations: dict[str, str] = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations")
        for app, name in cursor.fetchall():
            migrations[app] = max(name, migrations.get(app, ""))
    head_id, head_hash, key_ids, encrypted = 0, "", [], 0
    if "audit_chainhead" in tables:
        cursor.execute("SELECT last_entry_id, last_hash FROM audit_chainhead WHERE id = 1")
        head_id, head_hash = cursor.fetchone() or (0, "")
    if "audit_auditentry" in tables:
        cursor.execute("SELECT DISTINCT key_id FROM audit_auditentry")
        key_ids = sorted(row[0] for row in cursor.fetchall())
    person = table("families.Person")
    if person in tables:
        sql = f"SELECT COUNT(*) FROM \"{person}\" WHERE bsn_encrypted <> ''"  # noqa: S608
        encrypted = int(_scalar(cursor, sql))
    counts = row_counts(cursor, tables)
    return {
        "migrations": dict(sorted(migrations.items())),
        "counts": counts,
        "audit": {
            "entries": counts["audit.AuditEntry"],
            "head_id": int(head_id),
            "head_hash": head_hash,
            "entry_key_ids": key_ids,
        },
        "encrypted_bsns": encrypted,
    }


def fingerprint(key: bytes) -> str:
    return hmac.new(key, FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:16]


def encryption_key() -> dict:
    """The field-encryption key as the manifest names it: never the key itself."""
    from django.conf import settings

    return {
        # lookup_hash is an HMAC under a key derived from the master key, so equal
        # fingerprints mean equal master keys; the fixed text is used for nothing else.
        "fingerprint": crypto.lookup_hash(FINGERPRINT_TEXT.decode(), purpose="key-fingerprint")[
            :16
        ],
        "source": "KETENZORG_ENCRYPTION_KEY"
        if settings.FIELD_ENCRYPTION_KEY
        else "DJANGO_SECRET_KEY (ontwikkelsleutel)",
    }


def anchor_key_ids(path) -> list[str]:
    return sorted({str(record.get("key_id", "")) for _, record in anchor.read(path) if record})


def audit_keys(key_ids) -> dict[str, str | None]:
    """Each key id the log or the anchor uses, with its fingerprint; None if not held now."""
    ring = keys.keyring()
    return {key_id: fingerprint(ring.chain_keys[key_id]) if key_id in ring.chain_keys else None
            for key_id in sorted(set(key_ids) - {""})}  # fmt: skip


def missing_keys(manifest: dict) -> list[str]:
    """What this environment lacks to restore the backup and prove its log, in Dutch."""
    problems = []
    ring = keys.keyring()
    for key_id, expected in (manifest.get("audit", {}).get("keys") or {}).items():
        if expected is None:
            continue  # already missing when the backup was made: those entries stay unprovable
        if key_id not in ring.chain_keys:
            problems.append(f"auditsleutel {key_id} ontbreekt in KETENZORG_AUDIT_KEYS")
        elif fingerprint(ring.chain_keys[key_id]) != expected:
            problems.append(
                f"auditsleutel {key_id} in KETENZORG_AUDIT_KEYS is een andere sleutel dan bij "
                f"de back-up (vingerafdruk {fingerprint(ring.chain_keys[key_id])}, "
                f"verwacht {expected})"
            )
    expected = (manifest.get("encryption") or {}).get("fingerprint")
    here = encryption_key()
    if expected and here["fingerprint"] != expected:
        problems.append(
            f"de versleutelingssleutel ({here['source']}) is niet die van de back-up "
            f"(vingerafdruk {here['fingerprint']}, verwacht {expected}); zonder de juiste "
            "KETENZORG_ENCRYPTION_KEY zijn de BSN's niet te ontsleutelen"
        )
    return problems
