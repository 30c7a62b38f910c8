"""Personal API keys: making, revoking and recognising them.

The writes (`api_key_create`, `api_key_revoke`, `api_keys_revoke_all`) each run in one
transaction with their access-log entry. `api_key_for` is what the API's authentication
asks: it finds a key by its prefix and compares hashes in constant time.

Whose key may be revoked is decided in `access.api_keys` (a layer above this one), which
the key page asks before it calls `api_key_revoke`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.accounts.models import ApiKey, RevokedReason
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.core.aggregates import CommaList
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.core.prepared import PreparedQuery

KEY_PREFIX = "kz_"
PREFIX_BYTES = 4  # 8 hex characters: enough to tell a user's keys apart, not a secret
SECRET_BYTES = 32
LIFETIMES = (30, 90, 180, 365)  # days; the user chooses, a year at most
DEFAULT_LIFETIME = 90
# `last_used_at` is for the holder ("is this key still in use?"), not an access log: one
# write per key per hour instead of one per request.
LAST_USED_PRECISION = timedelta(hours=1)
OBJECT_TYPE = "accounts.ApiKey"
LABEL_MAX = ApiKey._meta.get_field("label").max_length


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key(prefix: str) -> str:
    return f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


def _prefix_of(key: str) -> str | None:
    """The prefix of a well-formed key, None for anything else (no query for garbage)."""
    if not key.startswith(KEY_PREFIX):
        return None
    prefix, sep, secret = key[len(KEY_PREFIX) :].partition("_")
    if not sep or len(prefix) != 2 * PREFIX_BYTES or len(secret) < SECRET_BYTES:
        return None
    return prefix


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    secret: str  # the whole key, shown once and never stored


def api_key_create(*, actor, label: str, lifetime_days: int, read_only: bool) -> CreatedKey:
    """A new key for the actor; the holder is mailed after the commit, so a key made by
    someone who stole a session does not go unnoticed."""
    label = label.strip()
    errors = {}
    if not label or len(label) > LABEL_MAX:
        errors["label"] = [gettext("Geef de sleutel een naam van hoogstens 100 tekens.")]
    if lifetime_days not in LIFETIMES:
        errors["lifetime"] = [gettext("Kies 30, 90, 180 of 365 dagen.")]
    if errors:
        raise ValidationFailed(gettext("De sleutel is niet gemaakt."), field_errors=errors)
    now = timezone.now()
    for _attempt in range(5):
        prefix = secrets.token_hex(PREFIX_BYTES)
        secret = _new_key(prefix)
        try:
            with transaction.atomic():
                key = ApiKey.objects.create(
                    user=actor,
                    label=label,
                    prefix=prefix,
                    key_hash=hash_key(secret),
                    read_only=read_only,
                    expires_at=now + timedelta(days=lifetime_days),
                )
                audit_record(
                    actor=actor,
                    action=Action.CREATE,
                    object_type=OBJECT_TYPE,
                    object_uuid=key.uuid,
                    reason=f"API-sleutel aangemaakt ({key.prefix}, {lifetime_days} dagen"
                    + (", alleen lezen)" if read_only else ")"),
                )
                _mail_created(actor, key)
        except IntegrityError:  # the same prefix twice: draw again
            continue
        return CreatedKey(key=key, secret=secret)
    raise RuntimeError("no free API key prefix after 5 attempts")


def _mail_created(user, key: ApiKey) -> None:
    # The account's address; an account made before addresses were copied has only the
    # professional's (read as an attribute: this layer imports nothing of `network`).
    address = user.email or getattr(getattr(user, "professional", None), "email", "")
    if not address:
        return
    body = gettext(
        "Er is een API-sleutel voor uw ketenzorg-account gemaakt.\n\n"
        "Naam: %(label)s\nBegint met: %(prefix)s\nGeldig tot: %(expires)s\nAlleen lezen: %(read_only)s\n\n"
        "Heeft u deze sleutel niet zelf gemaakt? Trek hem dan in op de pagina API-sleutels, "
        "wijzig uw wachtwoord en neem direct contact op met de privacyfunctionaris."
    ) % {
        "label": key.label,
        "prefix": f"{KEY_PREFIX}{key.prefix}",
        "expires": timezone.localtime(key.expires_at).strftime("%d-%m-%Y %H:%M"),
        "read_only": gettext("ja") if key.read_only else gettext("nee"),
    }
    subject = gettext("ketenzorg: er is een API-sleutel gemaakt")
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


def _revoke(keys, *, actor, reason: RevokedReason, now) -> int:
    revoked = 0
    for key in keys:
        key.revoked_at, key.revoked_reason = now, reason
        key.save(update_fields=["revoked_at", "revoked_reason"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type=OBJECT_TYPE,
            object_uuid=key.uuid,
            reason=f"API-sleutel ingetrokken ({key.prefix}): {reason.label}",
        )
        revoked += 1
    return revoked


def api_key_revoke(*, actor, key: ApiKey) -> bool:
    """The holder revokes one of their own keys (the page found it through the guard in
    `access.api_keys`); False when it was already revoked."""
    with transaction.atomic():
        keys = ApiKey.objects.select_for_update().filter(
            pk=key.pk, user=actor, revoked_at__isnull=True
        )
        return _revoke(keys, actor=actor, reason=RevokedReason.BY_USER, now=timezone.now()) > 0


def api_keys_revoke_all(*, user, actor, reason: RevokedReason) -> int:
    """Every key of `user` that still works stops working: the rights or the password it was
    made under changed. `actor` is who caused it (the user, or the beheerder)."""
    with transaction.atomic():
        keys = ApiKey.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
        return _revoke(keys, actor=actor, reason=reason, now=timezone.now())


def api_keys_of(user) -> list[ApiKey]:
    return list(ApiKey.objects.filter(user=user).order_by("-created_at"))


class KeyRefused(Exception):
    """A key that does not (or no longer) open the API; the message is for its holder."""


@functools.cache
def _key_query(with_user: str, user_roles: str) -> PreparedQuery:
    """The key by its prefix, compiled once per process (`core.prepared`): every API call asks."""

    def build(prefix):
        related = f"user__{with_user}" if with_user else "user"
        keys = ApiKey.objects.select_related(related).filter(prefix=prefix)
        if user_roles:
            keys = keys.annotate(role_list=CommaList(f"user__{user_roles}"))
        return keys.order_by("pk")[:1]

    return PreparedQuery(build, name="API key by prefix")


def api_key_for(raw: str, *, with_user: str = "", user_roles: str = "") -> ApiKey:
    """The working key for the `Authorization: Token` header, its user loaded with
    `with_user` (a select_related path) and, with `user_roles` (the path of the user's role
    codes), those codes as the key's `role_list`; raises `KeyRefused` with a Dutch message."""
    prefix = _prefix_of(raw)
    key = None
    if prefix is not None:
        key = _key_query(with_user, user_roles).first(prefix)
    # Compared in constant time; an unknown prefix still costs one comparison.
    stored = key.key_hash if key is not None else hash_key("")
    if not hmac.compare_digest(stored, hash_key(raw)) or key is None:
        raise KeyRefused(gettext("Deze API-sleutel is ongeldig."))
    now = timezone.now()
    if key.revoked_at is not None:
        raise KeyRefused(
            gettext("Deze API-sleutel is ingetrokken; maak een nieuwe op de pagina API-sleutels.")
        )
    if key.is_expired(now):
        raise KeyRefused(
            gettext("Deze API-sleutel is verlopen; maak een nieuwe op de pagina API-sleutels.")
        )
    if not key.user.is_active:
        raise KeyRefused(gettext("Het account van deze API-sleutel is niet actief."))
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
