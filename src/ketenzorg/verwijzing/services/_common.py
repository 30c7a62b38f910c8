"""What the referral's writes share: the acting professional, text input, the log entry."""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.errors import Conflict, ValidationFailed

MAX_TEXT = 5000


def professional_of(actor):
    """The acting professional; the guard has already refused anyone without one."""
    return policy.professional_of(actor)


def text(value, name: str, errors: dict, *, required=True, message: str = "") -> str:
    value = str(value or "").strip()
    if required and not value:
        errors.setdefault(name, []).append(message or gettext("Vul dit veld in."))
    elif len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(
            gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}
        )
    return value


def fail(errors: dict, message: str) -> None:
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def refuse(refusal: str, field: str | None = None):
    """A rule's refusal (a msgid): missing input is a 400 on its field, a wrong state a 409."""
    message = gettext(refusal)
    if field is not None:
        raise ValidationFailed(message, field_errors={field: [message]})
    raise Conflict(message)


def check_version(current: int, posted, stale: str) -> None:
    """A form or an API call made on an older version loses (409), never overwrites."""
    if posted is not None and str(posted) != str(current):
        raise Conflict(gettext(stale))


def audit_write(actor, action, case, decision, *, object_type: str, object_uuid, reason: str):
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=case_subjects(case),
        basis=decision.basis,
        reason=reason,
    )
