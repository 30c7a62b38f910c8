"""Domain refusals raised inside an HTML view become Django's 403 and 404 pages, in one place.

Selectors and services raise `AccessDenied` (already logged by the guard) and
`NotFound`; a view lets them pass instead of translating them itself. The API
never gets here: DRF's exception handler (`api.problems`) answers them as
problem+json before the exception leaves the view.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ketenzorg.core.errors import AccessDenied, NotFound


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Raised here, Django's own handler turns them into the 403/404 pages (handler403/404).
        if isinstance(exception, AccessDenied):
            raise PermissionDenied(exception.message) from exception
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception
        return None
