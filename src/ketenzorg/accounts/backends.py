"""Who is asking, with what every page of a professional needs of them, in one query.

Each authenticated request reads the user, then their professional (need-to-know starts
there) and that professional's organisation (every access-log entry names it): three
queries on every page and API call, now one. Users without a professional (a beheerder)
are loaded just the same.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ketenzorg.api.authentication import refuse_until_password_changed

WITH_PROFESSIONAL = "professional__organisation"


class ProfessionalModelBackend(ModelBackend):
    """Django's model backend (passwords, permissions); the session's user comes with its professional."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related(WITH_PROFESSIONAL)
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfessionalTokenAuthentication(TokenAuthentication):
    """DRF's token authentication; the token's user comes with its professional."""

    def authenticate_credentials(self, key):
        token = (
            self.get_model()
            .objects.select_related(f"user__{WITH_PROFESSIONAL}")
            .filter(key=key)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        refuse_until_password_changed(token.user)
        return token.user, token
