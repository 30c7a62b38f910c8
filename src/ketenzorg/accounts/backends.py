"""Who is asking, with what every page of a professional needs of them, in one query.

Each authenticated request reads the user, then their professional (need-to-know starts
there), that professional's organisation (every access-log entry names it) and their roles
(every access decision and the menu ask them): four queries on every page and API call,
now one. Users without a professional (a beheerder) are loaded just the same.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ketenzorg.accounts.api_keys import KeyRefused, api_key_for
from ketenzorg.api.authentication import refuse_until_password_changed
from ketenzorg.core.aggregates import CommaList, comma_set
from ketenzorg.core.prepared import PreparedQuery

WITH_PROFESSIONAL = "professional__organisation"
ROLES = "professional__role_assignments__role"


def with_roles(user, roles: str | None):
    """The user, their professional's roles set from the list read along with them."""
    professional = getattr(user, "professional", None) if user is not None else None
    if professional is not None:
        professional._role_codes = comma_set(roles)
    return user


# Compiled once per process (`core.prepared`): every page pays for this query.
_USER = PreparedQuery(
    lambda user_id: (
        get_user_model()
        ._default_manager.select_related(WITH_PROFESSIONAL)
        .annotate(role_list=CommaList(ROLES))
        .filter(pk=user_id)[:1]
    ),
    name="session user",
)


# The session's user read beforehand, in the same round trip as its second factor's device
# (`accounts.middleware.VerifiedDeviceMiddleware`): (user id, the query's rows) while the
# request's user is being loaded.
_READ_ALONG: ContextVar[tuple | None] = ContextVar("session_user_read_along", default=None)


def session_user_call(user_id) -> tuple:
    """The call `core.prepared.together` takes for the session's user."""
    return (_USER, user_id)


@contextmanager
def read_along(user_id, rows: list):
    """While the request's user is loaded, `get_user(user_id)` takes these rows."""
    token = _READ_ALONG.set((user_id, rows))
    try:
        yield
    finally:
        _READ_ALONG.reset(token)


class ProfessionalModelBackend(ModelBackend):
    """Django's model backend (passwords, permissions); the session's user comes with its professional."""

    def get_user(self, user_id):
        read = _READ_ALONG.get()
        if read is not None and read[0] == user_id:
            rows = read[1]
            user = rows[0] if rows else None
        else:
            user = _USER.first(user_id)
        user = with_roles(user, getattr(user, "role_list", None))
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfessionalTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` with our `ApiKey` (hashed, expiring, revocable) instead of
    DRF's plain-text token; the key's user comes with its professional. The header keeps
    DRF's keyword, so clients and the OpenAPI scheme stay as they were."""

    def authenticate_credentials(self, key):
        try:
            api_key = api_key_for(key, with_user=WITH_PROFESSIONAL, user_roles=ROLES)
        except KeyRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        user = with_roles(api_key.user, api_key.role_list)
        refuse_until_password_changed(user)
        return user, api_key
