"""RFC 9457 problem details for every API error, in Dutch.

DRF's own exceptions, our domain errors and Django's 404/403 all become
`application/problem+json`; nothing reaches the client as a 500 with a trace.
What never reaches a DRF view (an unknown route, a path whose uuid does not parse,
a body over the size limit, a crash) is answered in the same form by
`ketenzorg.api.middleware.ProblemMiddleware`.
"""

import json
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ketenzorg.api.parsers import too_large_detail
from ketenzorg.core.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet ingelogd"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    409: _("Conflict"),
    413: _("Verzoek te groot"),
    415: _("Inhoudstype niet ondersteund"),
    422: _("Verzoek niet te verwerken"),
    429: _("Te veel verzoeken"),
    500: _("Serverfout"),
}
# Headers of an error that the client needs to act on; kept when an answer is rewritten.
KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow")


class ProblemResponse(Response):
    """Always JSON: a client that asked for HTML (a browser on the browsable API) gets the
    problem as JSON too, never a rendered page with a problem+json content type."""

    @property
    def rendered_content(self):
        self.accepted_renderer = JSONRenderer()
        self.accepted_media_type = PROBLEM_CONTENT_TYPE
        self.renderer_context = {}
        return super().rendered_content


def _problem_body(
    status_code: int, detail: str, *, invalid_params=None, instance: str = ""
) -> dict:
    body = {
        "type": f"https://ketenzorg.example/problemen/{status_code}",
        "title": str(TITLES.get(status_code) or gettext("Fout")),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalid_params"] = invalid_params
    return body


def problem_response(
    status_code: int, detail: str, *, invalid_params=None, instance: str = "", headers=None
) -> Response:
    body = _problem_body(status_code, detail, invalid_params=invalid_params, instance=instance)
    response = ProblemResponse(body, status=status_code, headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_http_response(
    status_code: int, detail: str, *, instance: str = "", headers=None
) -> HttpResponse:
    """The same problem for code outside DRF (middleware), which has no renderer at hand."""
    body = _problem_body(status_code, detail, instance=instance)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )


# Shown instead of whatever Django would have put in an HTML error page.
FALLBACK_DETAILS = {
    400: _("Het verzoek kon niet worden verwerkt."),
    403: _("Geen toegang."),
    404: _("Dit adres bestaat niet in de API."),
    405: _("Deze methode is hier niet toegestaan."),
    413: _("Het verzoek is te groot."),
    500: _("Er ging aan onze kant iets mis; er is niets half opgeslagen. Probeer het opnieuw."),
}


def fallback_detail(status_code: int) -> str:
    detail = FALLBACK_DETAILS.get(status_code)
    if detail is None:
        detail = FALLBACK_DETAILS[500] if status_code >= 500 else FALLBACK_DETAILS[400]
    return str(detail)


def _flatten(errors, prefix=""):
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = key if not prefix else f"{prefix}.{key}"
            yield from _flatten(value, name)
    elif isinstance(errors, list):
        if all(not isinstance(e, (dict, list)) for e in errors):
            for e in errors:
                yield {"name": prefix or "non_field_errors", "reason": str(e)}
        else:
            for index, value in enumerate(errors):
                yield from _flatten(value, f"{prefix}[{index}]")
    else:
        yield {"name": prefix or "non_field_errors", "reason": str(errors)}


def problem_exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DomainError):
        params = [{"name": k, "reason": m} for k, msgs in exc.field_errors.items() for m in msgs]
        return problem_response(
            exc.status, exc.message, invalid_params=params or None, instance=instance
        )
    if isinstance(exc, Http404):
        return problem_response(404, str(exc) or gettext("Niet gevonden."), instance=instance)
    if isinstance(exc, DjangoPermissionDenied):
        return problem_response(403, str(exc) or gettext("Geen toegang."), instance=instance)
    if isinstance(exc, SuspiciousOperation):
        # Django would log these to django.security.* and answer with its HTML 400 page.
        logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(str(exc))
        if isinstance(exc, RequestDataTooBig):
            return problem_response(
                413, too_large_detail(settings.DATA_UPLOAD_MAX_MEMORY_SIZE), instance=instance
            )
        return problem_response(400, fallback_detail(400), instance=instance)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            status.HTTP_400_BAD_REQUEST,
            gettext("De invoer klopt niet. Zie invalid_params."),
            invalid_params=list(_flatten(exc.detail)),
            instance=instance,
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(detail, (list, dict)):
        detail = "; ".join(p["reason"] for p in _flatten(detail))
    headers = {k: v for k, v in response.items() if k in KEPT_HEADERS}
    return problem_response(response.status_code, str(detail), instance=instance, headers=headers)
