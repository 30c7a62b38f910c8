from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication


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
        return user, auth


class VerifiedSessionScheme(SessionScheme):
    """Documents the session scheme in the OpenAPI schema like DRF's own."""

    target_class = "ketenzorg.api.authentication.VerifiedSessionAuthentication"
