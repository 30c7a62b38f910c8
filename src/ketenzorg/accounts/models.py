"""Accounts: who can log in.

The account is kept apart from the professional's place in the network
(`network.Professional`) because a privacy officer or a functioneel beheerder
logs in without working on families, and because an external SSO may later
create accounts.
"""

import uuid

from django.contrib.auth.models import AbstractUser
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
