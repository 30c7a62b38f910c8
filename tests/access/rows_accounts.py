"""The account's own pages: revoking an API key.

Only the key's holder revokes it. The matrix's users are never the holder of the world's
key (it belongs to the world's owner), so every one of them meets the same 404 as for an
unknown id, logged as a probe by `door.not_found`.
"""

from __future__ import annotations

from tests import factories

RULES = {
    "key_holder": (
        "alleen de houder van de sleutel (de matrix probeert andermans sleutel: 404)",
        lambda role, relation: False,
    ),
}

WEB = {
    "core:api_key_revoke": {"POST": "key_holder"},
}


def world_ids(world) -> dict:
    from ketenzorg.accounts.models import ApiKey

    factories.make_api_key(world["owner"].user)
    return {"key_uuid": ApiKey.objects.get(user=world["owner"].user).uuid}
