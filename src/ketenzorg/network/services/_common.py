"""What every write to the network shares: the beheerder check, input helpers, the log entry."""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network import guards

NOT_A_MANAGER = _("Alleen de functioneel beheerder beheert het netwerk.")
# Readable when read aloud or typed over: no 0/O, 1/l/I.
_READABLE_CHARACTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

Errors = dict[str, list[str]]
_PROFESSIONAL_NOT_SAVED = _("De professional is niet opgeslagen: controleer de gemarkeerde velden.")


def manager_write(service):
    """A write of the network: the beheerder check first, outside the transaction (so a refused
    attempt's log entry is not rolled back with it), then the service in one transaction."""

    @functools.wraps(service)
    def guarded(*, actor, **kwargs):
        require_manager(actor)
        with transaction.atomic():
            return service(actor=actor, **kwargs)

    return guarded


def require_manager(actor) -> None:
    guards.network_manage_allowed(actor=actor, message=NOT_A_MANAGER)


def fail(errors: Errors, message: str) -> None:
    """`message` is a lazy translation, read in the user's language only when raised."""
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def add_error(errors: Errors, name: str, message: str) -> None:
    if message:
        errors.setdefault(name, []).append(message)


def too_long(max_length: int) -> str:
    return gettext("Gebruik hoogstens %(max)s tekens.") % {"max": max_length}


def text_field(
    errors: Errors, name: str, value: str, missing: str, max_length: int, *, required: bool = True
) -> str:
    """`missing` is the (lazy) message for an empty required value."""
    value = " ".join((value or "").split())
    if required and not value:
        add_error(errors, name, str(missing))
    elif len(value) > max_length:
        add_error(errors, name, too_long(max_length))
    return value


def record(actor, action: Action, instance, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=f"network.{type(instance).__name__}",
        object_uuid=instance.uuid,
        basis=Basis.ROLE,
        reason=reason,
    )


def apply_values(instance, values: dict) -> list[str]:
    """Set the values and name what changed, for the log (which says that, not what, changed)."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            # The log is kept in Dutch, whatever language the beheerder reads.
            with translation.override(settings.LANGUAGE_CODE):
                changed.append(str(instance._meta.get_field(name).verbose_name))
    return changed


def changed_reason(changed: list[str]) -> str:
    return "gewijzigd: " + ", ".join(changed) if changed else "opgeslagen zonder wijzigingen"


def set_active(actor, instance, active: bool) -> None:
    instance.is_active = active
    instance.save(update_fields=["is_active", "updated_at"])
    record(actor, Action.UPDATE, instance, "geactiveerd" if active else "gedeactiveerd")
