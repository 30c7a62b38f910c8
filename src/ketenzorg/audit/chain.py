"""The hash chain, kept pure so it can be checked independently of Django."""

import hashlib
import json

GENESIS = "0" * 64

HASHED_FIELDS = (
    "uuid",
    "occurred_at",
    "action",
    "outcome",
    "user_id_snapshot",
    "username",
    "user_role",
    "user_organisation",
    "on_behalf_of",
    "object_type",
    "object_uuid",
    "source_address",
    "channel",
    "basis",
    "reason",
)


def entry_digest(prev_hash: str, fields: dict, subjects: list[tuple[str, str]]) -> str:
    """SHA-256 over the previous hash, the entry's fields and its subjects."""
    payload = {name: _plain(fields.get(name)) for name in HASHED_FIELDS}
    payload["subjects"] = sorted(f"{kind}:{value}" for kind, value in subjects)
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + blob).encode("utf-8")).hexdigest()


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
