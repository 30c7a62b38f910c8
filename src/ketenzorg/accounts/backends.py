"""Who is asking, with what every page of a professional needs of them, in one query.

Each authenticated request reads the user, then their professional (need-to-know starts
there) and that professional's organisation (every access-log entry names it): three
queries on every page and API call, now one. Users without a professional (a beheerder)
are loaded just the same.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ketenzorg.accounts.api_keys import KeyRefused, api_key_for
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
    """`Authorization: Token <key>` with our `ApiKey` (hashed, expiring, revocable) instead of
    DRF's plain-text token; the key's user comes with its professional. The header keeps
    DRF's keyword, so clients and the OpenAPI scheme stay as they were."""

    def authenticate_credentials(self, key):
        try:
            api_key = api_key_for(key, with_user=WITH_PROFESSIONAL)
        except KeyRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        refuse_until_password_changed(api_key.user)
        return api_key.user, api_key
