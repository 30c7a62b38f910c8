"""A catalogue programme put into the family's plan: linked to an agreement and/or a plan goal."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from ketenzorg.aanbod import selectors as aanbod
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards
from ketenzorg.coordination.models import (
    Agreement,
    AgreementStatus,
    Case,
    EventKind,
    PlanVersion,
    ProgrammeLink,
)
from ketenzorg.coordination.services._common import (
    audit_write,
    client_professional,
    fail,
    record_event,
    require_open,
)
from ketenzorg.core.errors import NotFound


def programme_link(
    *,
    actor,
    case: Case,
    programme_uuid,
    agreement: Agreement | None = None,
    goal_index: int | None = None,
) -> ProgrammeLink:
    """Link a published programme to an open agreement of the case, to a goal of the newest plan
    version, or to both. Only a published programme: what a professional puts into a plan must be
    something a family can find and join now."""
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.CREATE,
        object_type="coordination.ProgrammeLink",
        object_uuid="",
    )
    professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    programme = None
    try:
        programme = aanbod.public_programme_get(programme_uuid=programme_uuid)
    except NotFound:
        errors["programme"] = [gettext("Kies een gepubliceerd aanbod uit de catalogus.")]
    if agreement is not None:
        if agreement.case_id != case.pk:
            errors["agreement"] = [gettext("Deze afspraak hoort niet bij deze casus.")]
        elif agreement.status != AgreementStatus.OPEN:
            errors["agreement"] = [gettext("Deze afspraak is niet meer open.")]
    version, goal = None, ""
    if goal_index is not None:
        version = PlanVersion.objects.filter(case=case).order_by("-number").first()
        goals = version.content.get("goals", []) if version else []
        if not 0 <= goal_index < len(goals):
            errors["goal"] = [gettext("Kies een doel uit de nieuwste versie van het plan.")]
        else:
            goal = goals[goal_index]["goal"][:500]
    if agreement is None and goal_index is None:
        errors["agreement"] = [gettext("Kies een afspraak, een doel van het plan, of allebei.")]
    if programme is not None and not errors:
        same = ProgrammeLink.objects.filter(case=case, programme=programme)
        if agreement is not None and same.filter(agreement=agreement).exists():
            errors["agreement"] = [gettext("Dit aanbod hoort al bij deze afspraak.")]
        if goal and same.filter(goal=goal).exists():
            errors["goal"] = [gettext("Dit aanbod hoort al bij dit doel.")]
    fail(errors, gettext("Het aanbod is niet gekoppeld."))
    with transaction.atomic():
        link = ProgrammeLink.objects.create(
            case=case,
            programme=programme,
            agreement=agreement,
            plan_version=version,
            goal_index=goal_index if version else None,
            goal=goal,
            linked_by=professional,
        )
        record_event(
            case,
            EventKind.PROGRAMME,
            professional,
            gettext("Aanbod gekoppeld: %(name)s (%(provider)s)")
            % {"name": programme.name, "provider": programme.provider.name},
        )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.ProgrammeLink",
            object_uuid=link.uuid,
        )
    return link
