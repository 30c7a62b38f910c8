"""The document master keys: held by the environment, never by the database or the disk.

`KETENZORG_DOCUMENT_MASTER_KEYS` lists them as `id:base64,…`, the current one first. A new
data key is wrapped under the current one; an older one stays listed only to unwrap the keys
still under it, until `ketenzorg rotate_document_keys` has re-wrapped them. Each row names
the id of the key it is wrapped under, so a key that is no longer listed is named in the
error, not mistaken for a damaged document.

Without the variable a development key derived from SECRET_KEY is used (id "demo"), as
`core.crypto` and `audit.keys` do; production settings refuse to start without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEMO_KEY_ID = "demo"
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
KEY_BYTES = 32
VARIABLE = "KETENZORG_DOCUMENT_MASTER_KEYS"


class MasterKeyMissing(ImproperlyConfigured):
    """A document is wrapped under a master key the environment does not hold.

    An operator's error (a key removed before its documents were rotated, or a restore
    without the old key), not a damaged document: it must stop loudly, not look like one
    unreadable file.
    """

    def __init__(self, key_ids):
        self.key_ids = sorted(set(key_ids))
        names = ", ".join(self.key_ids)
        super().__init__(
            f"{VARIABLE} mist de hoofdsleutel(s) {names}: zet die terug (achteraan) tot "
            "`ketenzorg rotate_document_keys` de documenten eronder heeft omgezet."
        )


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    # The key-wrapping keys, derived per purpose from the configured master keys: a value an
    # operator also used for another variable still gives this store a key of its own.
    wrapping_keys: dict[str, bytes]

    @property
    def current_key(self) -> bytes:
        return self.wrapping_keys[self.current_id]

    def wrapping_key(self, key_id: str) -> bytes:
        try:
            return self.wrapping_keys[key_id]
        except KeyError:
            raise MasterKeyMissing([key_id]) from None


def keyring() -> KeyRing:
    # Cached on the raw values: a test (or a reload) that changes the setting gets its keys.
    return _parse(settings.KETENZORG_DOCUMENT_MASTER_KEYS, settings.SECRET_KEY)


def _wrapping_key(master: bytes) -> bytes:
    return hmac.new(master, b"ketenzorg-documents:wrap-data-key", hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _parse(raw: str, secret_key: str) -> KeyRing:
    masters: dict[str, bytes] = {}
    if not raw.strip():
        masters[DEMO_KEY_ID] = hashlib.sha256(
            ("ketenzorg-document-demo-key:" + secret_key).encode()
        ).digest()
    for item in filter(None, (part.strip() for part in raw.split(","))):
        key_id, sep, encoded = item.partition(":")
        if not sep or not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                f"{VARIABLE}: elke sleutel is 'id:base64', met een id van 1 tot 16 "
                "letters, cijfers, '-' of '_'."
            )
        if key_id in masters:
            raise ImproperlyConfigured(f"{VARIABLE}: sleutel-id {key_id} staat er twee keer in.")
        try:
            master = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError):
            master = b""
        if len(master) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{VARIABLE}: sleutel {key_id} moet precies {KEY_BYTES} bytes (urlsafe base64) zijn."
            )
        masters[key_id] = master
    return KeyRing(
        current_id=next(iter(masters)),
        wrapping_keys={key_id: _wrapping_key(master) for key_id, master in masters.items()},
    )
