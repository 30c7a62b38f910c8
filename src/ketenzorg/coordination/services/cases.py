"""Opening and closing the family's one case."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination import guards
from ketenzorg.coordination.models import (
    Case,
    CaseCoordinator,
    CaseStatus,
    EventKind,
)
from ketenzorg.coordination.services._common import (
    MAX_TEXT,
    MIN_REASON,
    CaseAlreadyOpen,
    audit_write,
    client_professional,
    fail,
    record_event,
    refresh_suggestion,
    require_open,
    text_field,
)
from ketenzorg.coordination.subjects import family_subjects
from ketenzorg.families.models import Family


def case_open(*, actor, family: Family, reason: str = "") -> Case:
    """Open the family's one case. A second open case is refused, pointing to the first.

    Called from the case screens and by the front door ("meer hulp regelen").
    """
    decision = guards.case_open_allowed(actor=actor, family=family)
    professional = client_professional(actor)
    existing = Case.objects.filter(family=family, status=CaseStatus.OPEN).first()
    if existing is not None:
        raise CaseAlreadyOpen(existing)
    errors: dict = {}
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        errors["reason"] = [gettext("De aanleiding is te lang.")]
    fail(errors, gettext("De casus is niet geopend."))
    try:
        with transaction.atomic():
            case = Case.objects.create(
                family=family, opened_by=professional, opened_on=timezone.localdate(), reason=reason
            )
            record_event(
                case, EventKind.OPENED, professional, gettext("Casus geopend"), reason=reason
            )
            refresh_suggestion(case, actor=professional)
            audit_record(
                actor=actor,
                action=Action.CREATE,
                object_type="coordination.Case",
                object_uuid=case.uuid,
                subjects=family_subjects(family.pk, family.uuid),
                basis=decision.basis,
            )
    except IntegrityError:
        existing = Case.objects.filter(family=family, status=CaseStatus.OPEN).first()
        if existing is not None:
            raise CaseAlreadyOpen(existing) from None
        raise
    return case


def case_close(*, actor, case: Case, reason: str) -> Case:
    decision = guards.case_change_allowed(actor=actor, case=case)
    professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    reason = text_field(
        reason,
        "reason",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf waarom de casus wordt gesloten (minstens 10 tekens)."),
    )
    fail(errors, gettext("De casus is niet gesloten."))
    with transaction.atomic():
        case.status = CaseStatus.CLOSED
        case.closed_on = timezone.localdate()
        case.save(update_fields=["status", "closed_on", "updated_at"])
        CaseCoordinator.objects.filter(case=case, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        record_event(case, EventKind.CLOSED, professional, gettext("Casus gesloten"), reason=reason)
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason="casus gesloten",
        )
    return case
