"""RFC 9457 problem details for every API error, in Dutch.

DRF's own exceptions, our domain errors and Django's 404/403 all become
`application/problem+json`; nothing reaches the client as a 500 with a trace.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

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
    415: _("Inhoudstype niet ondersteund"),
    429: _("Te veel verzoeken"),
}


def problem_response(status_code: int, detail: str, *, invalid_params=None, instance: str = "", headers=None) -> Response:
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
    response = Response(body, status=status_code, headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


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
        return problem_response(exc.status, exc.message, invalid_params=params or None, instance=instance)
    if isinstance(exc, Http404):
        return problem_response(404, str(exc) or gettext("Niet gevonden."), instance=instance)
    if isinstance(exc, DjangoPermissionDenied):
        return problem_response(403, str(exc) or gettext("Geen toegang."), instance=instance)
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
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return problem_response(response.status_code, str(detail), instance=instance, headers=headers)
