"""Accounts: who can log in.

The account is kept apart from the professional's place in the network
(`network.Professional`) because a privacy officer or a functioneel beheerder
logs in without working on families, and because an external SSO may later
create accounts.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set when a beheerder hands out a one-time password; cleared when the user picks their own.
    must_change_password = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RevokedReason(models.TextChoices):
    BY_USER = "by_user", _("ingetrokken door de houder")
    PASSWORD_CHANGED = "password_changed", _("wachtwoord gewijzigd")
    ONE_TIME_PASSWORD = "one_time_password", _("eenmalig wachtwoord ingesteld door beheer")
    ROLES_CHANGED = "roles_changed", _("rollen gewijzigd")
    DEACTIVATED = "deactivated", _("account gedeactiveerd")


class ApiKey(models.Model):
    """A personal API key. Only a hash of the key is kept: the key itself is shown once.

    The key is `kz_<prefix>_<secret>`; the prefix is not secret (it finds the row and lets
    the holder recognise the key in the list), the secret is 32 random bytes. A key that
    strong needs no slow password hash: SHA-256 of the whole key is enough, and a database
    dump no longer hands out working keys. Keys expire, are revoked when the rights behind
    them change, and may be limited to reading.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    label = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    read_only = models.BooleanField(_("alleen lezen"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, choices=RevokedReason.choices, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix})"

    def is_expired(self, now) -> bool:
        return self.expires_at <= now

    def status(self, now) -> str:
        if self.revoked_at is not None:
            return str(_("ingetrokken"))
        if self.is_expired(now):
            return str(_("verlopen"))
        return str(_("geldig"))


class KeptSession(AbstractBaseSession):
    """Django's database session, with the user and the second factor's device its data names
    kept beside the data, so that a page reads the session, the user (with professional,
    organisation and roles) and the device in one statement (`accounts.sessions`).

    The columns are hints written with the data, not constraints: the data stays what decides
    (a row whose columns do not match its data is read the ordinary way), and neither a user
    nor a device is kept from being deleted by a session that names it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    totp_device = models.ForeignKey(
        "otp_totp.TOTPDevice",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls):
        from ketenzorg.accounts.sessions import SessionStore

        return SessionStore

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
