"""Nothing behind the login is shown before the second factor.

Every page that is not explicitly public requires a logged-in user who has
passed TOTP in this session. A logged-in user without a confirmed device is sent
to enrolment; one with a device, to verification.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

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
        if not _resolves(request):
            return self.get_response(request)
        user = request.user
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
