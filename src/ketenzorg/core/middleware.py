from django.conf import settings
from django.utils import translation
from ipware import get_client_ip

from ketenzorg.core import requestcontext


class RequestContextMiddleware:
    """Record the source address of each request for the audit log.

    Only REMOTE_ADDR is trusted unless a deployment behind a proxy names the
    header it sets (KETENZORG_CLIENT_IP_HEADERS); otherwise anyone could write
    an address of their choosing into the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip, _ = get_client_ip(request, request_header_order=settings.KETENZORG_CLIENT_IP_HEADERS)
        channel = "api" if request.path.startswith("/api/") else "web"
        token = requestcontext.set_current(
            requestcontext.RequestContext(source_address=str(ip) if ip else "", channel=channel)
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
