"""Domain errors, raised by services and selectors, turned into 4xx by views and the API.

Messages are Dutch and meant for the user who caused them.
"""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    title = "Ongeldige invoer"

    def __init__(self, message: str = "", *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message or self.title)
        self.message = message or self.title
        self.field_errors = field_errors or {}


class ValidationFailed(DomainError):
    status = 400
    title = "De invoer klopt niet"


class NotFound(DomainError):
    status = 404
    title = "Niet gevonden"


class AccessDenied(DomainError):
    """Need-to-know refused the request. The attempt has already been logged."""

    status = 403
    title = "Geen toegang"


class Conflict(DomainError):
    status = 409
    title = "Conflict"
