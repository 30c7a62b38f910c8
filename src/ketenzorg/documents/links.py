"""Expiring download links, bound to one user.

A link to a document is a signed token (django.core.signing with a salt of its own, so no
other signed value of the product is accepted as one) holding the document's uuid, the
user it was made for and its purpose. It expires after KETENZORG_DOCUMENT_LINK_SECONDS, and
a link forwarded by mail or pasted into a chat is useless to anyone else: the caller checks
it against the logged-in user, and then still asks its guard, because a valid link is not a
right to read (the right may have ended since the link was made).
"""

from __future__ import annotations

import uuid as uuid_module

from django.conf import settings
from django.core import signing

SALT = "ketenzorg.documents.download-link"


class LinkUnusable(Exception):
    """The link cannot be used; the caller answers every case the same way."""


class LinkExpired(LinkUnusable):
    pass


class LinkInvalid(LinkUnusable):
    """Not ours, altered, for another user or for another purpose."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def download_token(doc, *, user_id, purpose: str = "download") -> str:
    """A URL-safe token for `doc` (a SealedDocument) that only `user_id` can use."""
    return _signer().sign_object(
        {"d": str(doc.uuid), "u": str(user_id), "p": purpose}, compress=False
    )


def check_download_token(
    token: str, *, user_id, max_age_seconds: int | None = None, purpose: str = "download"
) -> uuid_module.UUID:
    """The document uuid the token names, if it is genuine, fresh and `user_id`'s.

    Raises LinkExpired or LinkInvalid (both LinkUnusable). `max_age_seconds` defaults to
    KETENZORG_DOCUMENT_LINK_SECONDS.
    """
    if max_age_seconds is None:
        max_age_seconds = settings.KETENZORG_DOCUMENT_LINK_SECONDS
    try:
        payload = _signer().unsign_object(str(token), max_age=max_age_seconds)
    except signing.SignatureExpired:
        raise LinkExpired("De downloadlink is verlopen.") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkInvalid("De downloadlink is ongeldig.") from None
    if not isinstance(payload, dict) or payload.get("p") != purpose:
        raise LinkInvalid("De downloadlink is ongeldig.")
    if payload.get("u") != str(user_id):
        raise LinkInvalid("De downloadlink is voor iemand anders gemaakt.")
    try:
        return uuid_module.UUID(payload.get("d"))
    except (TypeError, ValueError, AttributeError):
        raise LinkInvalid("De downloadlink is ongeldig.") from None
