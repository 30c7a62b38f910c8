"""Stagnation signals: escalating to the brandpuntfunctionaris, or dismissing with a reason."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards
from ketenzorg.coordination.models import (
    CoordinatorRole,
    EventKind,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services._common import (
    MIN_REASON,
    audit_write,
    client_professional,
    fail,
    record_event,
    require_open,
    text_field,
)
from ketenzorg.coordination.services.coordinators import _assign
from ketenzorg.core.errors import Conflict
from ketenzorg.network.models import Professional


def signal_escalate(
    *, actor, signal: StagnationSignal, brandpunt: Professional | None, reason: str
) -> StagnationSignal:
    """Take the stagnation signal's proposal: the brandpuntfunctionaris is asked to decide (level 4)."""
    case = signal.case
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="coordination.StagnationSignal", object_uuid=signal.uuid
    )
    professional = client_professional(actor)
    require_open(case)
    if signal.status != SignalStatus.OPEN:
        raise Conflict(gettext("Dit signaal is al afgehandeld."))
    errors: dict = {}
    reason = text_field(
        reason,
        "reason",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf waarom u opschaalt (minstens 10 tekens)."),
    )
    if brandpunt is None or not access.may_hold_coordinator_role(
        brandpunt, CoordinatorRole.BRANDPUNT
    ):
        errors["brandpunt"] = [gettext("Kies een brandpuntfunctionaris.")]
    fail(errors, gettext("Er is niet opgeschaald."))
    with transaction.atomic():
        current = (
            access.active_coordinators()
            .filter(case=case, role=CoordinatorRole.BRANDPUNT)
            .select_related("professional")
            .first()
        )
        if current is None or current.professional_id != brandpunt.pk:
            _assign(
                actor,
                case,
                CoordinatorRole.BRANDPUNT,
                brandpunt,
                reason,
                current,
                professional,
                decision,
            )
        signal.status = SignalStatus.ESCALATED
        signal.resolved_by = professional
        signal.resolution = reason
        signal.save(update_fields=["status", "resolved_by", "resolution", "updated_at"])
        record_event(case, EventKind.ESCALATION, professional,
               gettext("Opgeschaald naar brandpuntfunctionaris %(who)s") % {"who": brandpunt.full_name}, reason=reason)  # fmt: skip
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.StagnationSignal",
            object_uuid=signal.uuid,
            reason="opgeschaald",
        )
    return signal


def signal_dismiss(*, actor, signal: StagnationSignal, reason: str) -> StagnationSignal:
    case = signal.case
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="coordination.StagnationSignal", object_uuid=signal.uuid
    )
    professional = client_professional(actor)
    if signal.status != SignalStatus.OPEN:
        raise Conflict(gettext("Dit signaal is al afgehandeld."))
    errors: dict = {}
    reason = text_field(
        reason,
        "reason",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf waarom niet wordt opgeschaald (minstens 10 tekens)."),
    )
    fail(errors, gettext("Het signaal is niet afgehandeld."))
    with transaction.atomic():
        signal.status = SignalStatus.DISMISSED
        signal.resolved_by = professional
        signal.resolution = reason
        signal.save(update_fields=["status", "resolved_by", "resolution", "updated_at"])
        record_event(
            case,
            EventKind.STAGNATION,
            professional,
            gettext("Stagnatiesignaal afgehandeld zonder opschaling"),
            reason=reason,
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.StagnationSignal",
            object_uuid=signal.uuid,
            reason="afgehandeld",
        )
    return signal
