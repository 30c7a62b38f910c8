"""The one door: where a need-to-know decision is enforced and a refusal is logged.

Every app asks its own `guards` module for an object or a step, and every guard
ends here, so a refusal is logged the same way everywhere: with the action that
was attempted (a refused write is logged as that write, not as a read), the
decision's basis and reason, and the persons it was about. This module is the
only place that logs a refusal and raises `AccessDenied`; a test walks the
source to keep it so.

Two ways through:
- `require` for a write or a step: a refusal is logged, an allowed step logs
  nothing here, because the service logs the write itself in its transaction.
- `look` for a read: the look is logged either way, allowed or refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NoReturn

from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Outcome
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core.errors import AccessDenied, NotFound

Subjects = Iterable[Subject] | Callable[[], Iterable[Subject]]


def _subjects(subjects: Subjects) -> Iterable[Subject]:
    # Lazy subjects cost their queries only when an entry is written.
    return subjects() if callable(subjects) else subjects


def refuse(
    actor,
    decision: Decision,
    *,
    action,
    object_type: str,
    object_uuid="",
    subjects: Subjects = (),
    message: str,
) -> NoReturn:
    """Log the refused attempt as the action it was, then stop the request with a 403."""
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=_subjects(subjects),
        basis=decision.basis,
        reason=decision.reason,
    )
    raise AccessDenied(message)


def require(
    actor,
    decision: Decision,
    *,
    action,
    object_type: str,
    object_uuid="",
    subjects: Subjects = (),
    message: str,
) -> Decision:
    """The decision, if it allows; otherwise the refusal is logged and `AccessDenied` raised."""
    if not decision:
        refuse(
            actor,
            decision,
            action=action,
            object_type=object_type,
            object_uuid=object_uuid,
            subjects=subjects,
            message=message,
        )
    return decision


def look(
    actor,
    decision: Decision,
    *,
    object_type: str,
    object_uuid="",
    subjects: Subjects = (),
    message: str,
    action=Action.READ,
    reason: str = "",
) -> Decision:
    """A read: logged when allowed (with `reason` beside the basis) and when refused."""
    if not decision:
        refuse(
            actor,
            decision,
            action=action,
            object_type=object_type,
            object_uuid=object_uuid,
            subjects=subjects,
            message=message,
        )
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=_subjects(subjects),
        basis=decision.basis,
        reason=decision.reason or reason,
    )
    return decision


def not_found(actor, *, object_type: str, requested, message: str) -> NoReturn:
    """A look at an id that leads to nothing: who tried which id is logged (a probe for ids is
    an attempt too), then the 404 that every unknown id gets."""
    audit_record(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.DENIED,
        object_type=object_type,
        object_uuid=str(requested),
        reason="onbekend id",
    )
    raise NotFound(message)


def hide(
    actor,
    decision: Decision,
    *,
    action,
    object_type: str,
    object_uuid="",
    subjects: Subjects = (),
    message: str,
) -> NoReturn:
    """A refusal answered as an unknown id (404): for a party that must not even learn that the
    object exists (a provider and a referral not forwarded to it). Logged like every refusal,
    with the real reason."""
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=_subjects(subjects),
        basis=decision.basis,
        reason=decision.reason,
    )
    raise NotFound(message)


def log_blocked(actor, *, action, object_type: str, reason: str) -> None:
    """A refused attempt that is answered otherwise than with a 403 (an abuse limit on a public
    form: the caller answers with a form error or a 429). Logged like every other refusal."""
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        object_type=object_type,
        reason=reason,
    )
