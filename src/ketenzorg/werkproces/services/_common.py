"""What the werkproces' writes share: the locked row, the facts for the rules, the log entry."""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination.models import Case
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import StepEvaluation, Werkproces

MAX_TEXT = 5000
# Refusals of the rules that are about missing input (a 400 on a field), not about the state.
INPUT_REFUSALS = {
    rules.NEEDS_REASON: "reason",
    rules.NEEDS_TEAM_DECISION: "team_decision",
    rules.NEEDS_AJH_DECISION: "ajh",
}


def professional_of(actor):
    """The acting professional; the guard has already refused anyone without a client role."""
    return policy.client_professional_of(actor)


def locked_werkproces(case: Case) -> Werkproces:
    """The case's werkproces, locked for the write (two decisions at once cannot both win)."""
    werkproces = Werkproces.objects.select_for_update().filter(case=case).first()
    if werkproces is None:
        raise Conflict(gettext("Deze casus heeft nog geen werkproces. Start het eerst."))
    return werkproces


def current_evaluation(werkproces: Werkproces) -> StepEvaluation | None:
    """The latest evaluation recorded in the current visit of the current step."""
    return (
        StepEvaluation.objects.filter(werkproces=werkproces, version=werkproces.version)
        .order_by("-recorded_at", "-id")
        .first()
    )


def facts(case: Case, werkproces: Werkproces | None, **inputs) -> rules.Facts:
    evaluation = current_evaluation(werkproces) if werkproces is not None else None
    return rules.Facts(
        state=werkproces.state if werkproces is not None else rules.State(),
        case_open=case.is_open,
        evaluated=evaluation is not None,
        yielded_enough=evaluation.yielded_enough if evaluation is not None else None,
        **inputs,
    )


def refuse(refusal: str) -> None:
    """A rule's refusal: missing input is a 400 on its field, a wrong state a 409."""
    message = gettext(refusal)
    if refusal in INPUT_REFUSALS:
        raise ValidationFailed(message, field_errors={INPUT_REFUSALS[refusal]: [message]})
    raise Conflict(message)


def text(value: str, name: str, errors: dict, *, minimum: int = 1, message: str = "") -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        errors.setdefault(name, []).append(message or gettext("Vul dit veld in."))
    elif len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(
            gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}
        )
    return value


def fail(errors: dict, message: str) -> None:
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def audit_write(actor, action, case: Case, decision, *, object_type: str, object_uuid, reason=""):
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=case_subjects(case),
        basis=decision.basis,
        reason=reason,
    )
