"""Domain errors, raised by services and selectors, turned into 4xx by views and the API.

Messages are Dutch msgids, translated for the user who caused them when the
error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    title = _("Ongeldige invoer")

    def __init__(self, message: str = "", *, field_errors: dict[str, list[str]] | None = None):
        text = str(message or self.title)
        super().__init__(text)
        self.message = text
        self.field_errors = field_errors or {}


class ValidationFailed(DomainError):
    status = 400
    title = _("De invoer klopt niet")


class NotFound(DomainError):
    status = 404
    title = _("Niet gevonden")


class AccessDenied(DomainError):
    """Need-to-know refused the request. The attempt has already been logged."""

    status = 403
    title = _("Geen toegang")


class Conflict(DomainError):
    status = 409
    title = _("Conflict")
