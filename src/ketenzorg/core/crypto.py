"""Encryption of sensitive fields at rest (AES-GCM) and keyed lookup hashes.

The BSN is stored encrypted; to find a person by BSN without decrypting every
row, a keyed HMAC of it is stored beside it. Both keys derive from the master
key in settings (KETENZORG_ENCRYPTION_KEY), so a stolen database alone reveals
no BSN.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


@lru_cache(maxsize=1)
def _master_key() -> bytes:
    configured = settings.FIELD_ENCRYPTION_KEY
    if configured:
        key = base64.urlsafe_b64decode(configured + "=" * (-len(configured) % 4))
        if len(key) != 32:
            raise ValueError("KETENZORG_ENCRYPTION_KEY moet 32 bytes (urlsafe base64) zijn.")
        return key
    return hashlib.sha256(("ketenzorg-demo-key:" + settings.SECRET_KEY).encode()).digest()


def _derived(purpose: str) -> bytes:
    return hmac.new(_master_key(), purpose.encode(), hashlib.sha256).digest()


def encrypt_text(plaintext: str, *, purpose: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_derived("enc:" + purpose)).encrypt(
        nonce, plaintext.encode("utf-8"), purpose.encode()
    )
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt_text(token: str, *, purpose: str) -> str:
    raw = base64.urlsafe_b64decode(token.encode("ascii"))
    return (
        AESGCM(_derived("enc:" + purpose))
        .decrypt(raw[:12], raw[12:], purpose.encode())
        .decode("utf-8")
    )


def lookup_hash(value: str, *, purpose: str) -> str:
    return hmac.new(_derived("mac:" + purpose), value.encode("utf-8"), hashlib.sha256).hexdigest()
