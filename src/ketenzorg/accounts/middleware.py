"""Nothing behind the login is shown before the second factor.

Every page that is not explicitly public requires a logged-in user who has
passed TOTP in this session. A logged-in user without a confirmed device is sent
to enrolment; one with a device, to verification.
"""

from django.apps import apps
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from ketenzorg.core.prepared import PreparedQuery

PUBLIC_PREFIXES = (
    "/static/",
    "/inloggen/",
    "/uitloggen/",
    "/api/",  # the API authenticates itself (see ketenzorg.api.authentication)
    "/begrippen/",
    "/i18n/",
    "/gezondheid/",
    "/publiek/",
)
PUBLIC_EXACT = {"/", "/favicon.ico", "/robots.txt"}
MFA_PREFIX = "/inloggen/tweede-factor/"


def is_public_path(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)


def _resolves(request) -> bool:
    """An address that leads nowhere is a 404 for everyone, not a login wall.

    A parent who mistypes a public address must see "niet gevonden" with the way
    back, not the professionals' login. Which addresses exist is no secret (the
    URL patterns are the open-source code); what they show stays behind the wall.
    """
    try:
        resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True


class RequireVerifiedProfessionalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if is_public_path(path) and not path.startswith(MFA_PREFIX):
            return self.get_response(request)
        user = request.user
        if (
            user.is_authenticated
            and user.is_verified()
            and not user.must_change_password
            and not path.startswith(MFA_PREFIX)
        ):
            # Nearly every request: nothing to hold back, and an unknown address is the
            # handler's 404 as it is for anyone (resolving it here too cost a second `resolve`).
            return self.get_response(request)
        if not _resolves(request):
            return self.get_response(request)
        if not user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={path}")
        if path.startswith(MFA_PREFIX):
            return self.get_response(request)
        if user.is_verified():
            if user.must_change_password and path != reverse("core:password_change"):
                return redirect("core:password_change")
            return self.get_response(request)
        from ketenzorg.accounts.services import has_confirmed_device

        target = "accounts:mfa_verify" if has_confirmed_device(user) else "accounts:mfa_enrol"
        return redirect(f"{reverse(target)}?next={path}")


def _device_query(model) -> PreparedQuery:
    return PreparedQuery(
        lambda device_id: model.objects.filter(id=device_id)[:1], name=f"{model.__name__} by id"
    )


_DEVICES: dict[str, PreparedQuery] = {}


class VerifiedDeviceMiddleware(OTPMiddleware):
    """django-otp's middleware (`request.user.otp_device`, `is_verified()`), the session's
    device read by a query compiled once per device kind: every page behind the login asks."""

    def _device_from_persistent_id(self, persistent_id: str):
        label, _, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        query = _DEVICES.get(label)
        if query is None:
            try:
                model = apps.get_model(label)
            except (ValueError, LookupError):
                return None
            if not issubclass(model, Device):
                return None
            query = _DEVICES[label] = _device_query(model)
        try:
            return query.first(int(device_id))
        except ValueError:
            return None
