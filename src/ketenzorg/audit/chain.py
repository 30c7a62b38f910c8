"""The hash chain, kept pure so it can be checked independently of Django.

Entries written before the chain was keyed carry key id "" and a plain SHA-256;
every later entry an HMAC-SHA256 under the key its key id names (docs/audit.md).
"""

import hashlib
import hmac
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


def entry_digest(
    prev_hash: str,
    fields: dict,
    subjects: list[tuple[str, str]],
    *,
    key_id: str = "",
    key: bytes = b"",
) -> str:
    """HMAC-SHA256 under `key` over the previous hash, the fields, the subjects and the key id.

    With key id "" it is the unkeyed SHA-256 of the entries written before keying,
    byte for byte, so those still verify.
    """
    payload = {name: _plain(fields.get(name)) for name in HASHED_FIELDS}
    payload["subjects"] = sorted(f"{kind}:{value}" for kind, value in subjects)
    if not key_id:
        blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256((prev_hash + blob).encode("utf-8")).hexdigest()
    if not key:
        raise ValueError("A keyed entry needs its key.")
    payload["key_id"] = key_id
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, (prev_hash + blob).encode("utf-8"), hashlib.sha256).hexdigest()


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
