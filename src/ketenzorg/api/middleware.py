"""Every answer under /api/ that is an error is problem+json, wherever it came from.

DRF's exception handler covers what happens inside a view. Before a view there is
the URL resolver (an unknown route, a path whose `<uuid:…>` does not parse: Django's
HTML 404 page), Django's own 400 for a suspicious request, the CSRF failure page, and
after a crash the HTML 500 page. This middleware rewrites each of those into a
problem with the same status, keeping only the headers a client acts on, and refuses
a body whose declared length is over `DATA_UPLOAD_MAX_MEMORY_SIZE` before anything
reads it. Pages outside the API keep their HTML error pages.
"""

from __future__ import annotations

from django.conf import settings

from ketenzorg.api.parsers import too_large_detail
from ketenzorg.api.problems import (
    KEPT_HEADERS,
    PROBLEM_CONTENT_TYPE,
    fallback_detail,
    problem_http_response,
)

API_PREFIX = "/api/"


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            return problem_http_response(413, too_large_detail(limit), instance=request.path)
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            PROBLEM_CONTENT_TYPE
        ):
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return problem_http_response(
            response.status_code,
            fallback_detail(response.status_code),
            instance=request.path,
            headers=headers,
        )
