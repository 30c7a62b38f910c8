from django.conf import settings
from django.utils import translation

from ketenzorg.core import requestcontext
from ketenzorg.core.client_ip import client_ip


class RequestContextMiddleware:
    """Record the source address of each request for the audit log and the public forms' limit.

    The address is `core.client_ip.client_ip`'s, the one the login lockout counts too:
    REMOTE_ADDR unless the deployment names its proxy's header and how many proxies it
    trusts; otherwise anyone could write an address of their choosing into the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = "api" if request.path.startswith("/api/") else "web"
        token = requestcontext.set_current(
            requestcontext.RequestContext(source_address=client_ip(request), channel=channel)
        )
        try:
            return self.get_response(request)
        finally:
            requestcontext.reset(token)


class ChosenLanguageMiddleware:
    """Dutch unless the user chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would
    show a Dutch professional with an English browser an English workplace; here
    only the explicit choice (the language cookie set by /i18n/setlang/) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
            return response
        finally:
            translation.deactivate()
