"""Nothing behind the login is shown before the second factor.

Every page that is not explicitly public requires a logged-in user who has
passed TOTP in this session. A logged-in user without a confirmed device is sent
to enrolment; one with a device, to verification.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from ketenzorg.accounts import backends
from ketenzorg.accounts.sessions import TOTP_LABEL
from ketenzorg.core.prepared import PreparedQuery, together

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
    device read by a query compiled once per device kind: every page behind the login asks.

    The session names both the user and the device, so the two are read in one round trip
    (`core.prepared.together`) rather than one after the other.
    """

    def _verify_user_sync(self, request, user):
        device_call = self._device_call(request.session.get(DEVICE_ID_SESSION_KEY))
        user_id = _session_user_id(request)
        if device_call is None or user_id is None:
            return super()._verify_user_sync(request, user)
        read = _read_with_the_session(request.session, user_id, device_call)
        user_rows, device_rows = read or together(backends.session_user_call(user_id), device_call)
        with backends.read_along(user_id, user_rows):
            self._init_user_fields(user)  # loads the user: from the rows read along
        if user.is_authenticated:
            device = device_rows[0] if device_rows else None
            user.otp_device = self._finalize_device(request, user, device)
        return user

    def _device_call(self, persistent_id) -> tuple | None:
        """The prepared query and id of the device a persistent id names; None for none."""
        if not persistent_id:
            return None
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
            return (query, int(device_id))
        except ValueError:
            return None

    def _device_from_persistent_id(self, persistent_id: str):
        call = self._device_call(persistent_id)
        return call[0].first(call[1]) if call else None


def _read_with_the_session(session, user_id, device_call) -> tuple[list, list] | None:
    """The user's and device's rows the session's own query read (`accounts.sessions`), when
    they are the ones its data names; None otherwise."""
    read_along = getattr(session, "read_along", None)
    if read_along is None or _DEVICES.get(TOTP_LABEL) is not device_call[0]:
        return None
    return read_along(user_id, device_call[1])


def _session_user_id(request):
    """The user id the session names, as `django.contrib.auth.get_user` reads it; None when it
    names none or a backend other than ours (that one loads its user itself)."""
    session = request.session
    if session.get(BACKEND_SESSION_KEY) != _OUR_BACKEND or SESSION_KEY not in session:
        return None
    try:
        return get_user_model()._meta.pk.to_python(session[SESSION_KEY])
    except ValidationError:
        return None


_OUR_BACKEND = f"{backends.ProfessionalModelBackend.__module__}.{backends.ProfessionalModelBackend.__qualname__}"
