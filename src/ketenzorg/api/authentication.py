from django.utils.translation import gettext
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


def refuse_until_password_changed(user) -> None:
    """A one-time password from beheer opens nothing but the password page, in the API too:
    the screens' middleware sends such a user there, and the API must not be the way around."""
    if getattr(user, "must_change_password", False):
        raise exceptions.PermissionDenied(
            gettext(
                "Kies eerst een nieuw wachtwoord (Werkplek → Wachtwoord wijzigen); daarna werkt de API."
            )
        )


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session counts for the API only after the second factor."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        django_request = request._request
        if not getattr(django_request.user, "is_verified", lambda: False)():
            return None
        refuse_until_password_changed(user)
        return user, auth


class VerifiedSessionScheme(SessionScheme):
    """Documents the session scheme in the OpenAPI schema like DRF's own."""

    target_class = "ketenzorg.api.authentication.VerifiedSessionAuthentication"
