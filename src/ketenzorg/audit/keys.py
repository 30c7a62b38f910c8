"""The audit keys: held by the environment, never by the database.

A plain hash chain can be recomputed by anyone who can write the tables; a keyed one
(HMAC) only by whoever holds the key. `KETENZORG_AUDIT_KEYS` lists the keys as
`id:base64,…`, the current one first: rotating is putting a new key in front, and an
entry stays verifiable as long as the key whose id it carries is still listed.

Without the variable a development key derived from SECRET_KEY is used (id "dev"),
as `core.crypto` does for the BSN key; production settings refuse to start without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ID = "dev"
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
MIN_KEY_BYTES = 32


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    # One key per purpose, derived from each configured key, so a checkpoint signature can
    # never be replayed as an entry hash or the other way round.
    chain_keys: dict[str, bytes]
    anchor_keys: dict[str, bytes]

    @property
    def current_chain_key(self) -> bytes:
        return self.chain_keys[self.current_id]

    @property
    def current_anchor_key(self) -> bytes:
        return self.anchor_keys[self.current_id]


def keyring() -> KeyRing:
    # Cached on the raw values: a test (or a reload) that changes the setting gets its keys.
    return _parse(settings.AUDIT_KEYS, settings.SECRET_KEY)


def _derive(master: bytes, purpose: str) -> bytes:
    return hmac.new(master, f"ketenzorg-audit:{purpose}".encode(), hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _parse(raw: str, secret_key: str) -> KeyRing:
    masters: dict[str, bytes] = {}
    if not raw.strip():
        masters[DEV_KEY_ID] = hashlib.sha256(
            ("ketenzorg-audit-demo-key:" + secret_key).encode()
        ).digest()
    for item in filter(None, (part.strip() for part in raw.split(","))):
        key_id, sep, encoded = item.partition(":")
        if not sep or not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "KETENZORG_AUDIT_KEYS: elke sleutel is 'id:base64', met een id van 1 tot 16 "
                "letters, cijfers, '-' of '_'."
            )
        if key_id in masters:
            raise ImproperlyConfigured(
                f"KETENZORG_AUDIT_KEYS: sleutel-id {key_id} staat er twee keer in."
            )
        try:
            master = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError):
            master = b""
        if len(master) < MIN_KEY_BYTES:
            raise ImproperlyConfigured(
                f"KETENZORG_AUDIT_KEYS: sleutel {key_id} moet minstens {MIN_KEY_BYTES} bytes "
                "(urlsafe base64) zijn."
            )
        masters[key_id] = master
    return KeyRing(
        current_id=next(iter(masters)),
        chain_keys={k: _derive(m, "chain") for k, m in masters.items()},
        anchor_keys={k: _derive(m, "anchor") for k, m in masters.items()},
    )


def new_key() -> tuple[str, str]:
    """A fresh key and the id that follows the configured ones (k1, k2, …)."""
    numbers = [int(k[1:]) for k in keyring().chain_keys if re.fullmatch(r"k\d+", k)]
    key_id = f"k{max(numbers, default=0) + 1}"
    return key_id, base64.urlsafe_b64encode(secrets.token_bytes(MIN_KEY_BYTES)).decode("ascii")
