"""Agreements (who does what by when) and their check-ins."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards, notify
from ketenzorg.coordination.models import (
    Agreement,
    AgreementCheckIn,
    AgreementStatus,
    Case,
    EventKind,
    Meeting,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services._common import (
    audit_write,
    client_professional,
    fail,
    record_event,
    require_open,
    text_field,
)
from ketenzorg.core.inserts import insert_one
from ketenzorg.network.models import Organisation, Professional


def agreement_add(
    *,
    actor,
    case: Case,
    what: str,
    due_on: date | None,
    responsible_professional: Professional | None = None,
    responsible_organisation: Organisation | None = None,
    meeting: Meeting | None = None,
) -> Agreement:
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.CREATE,
        object_type="coordination.Agreement",
        object_uuid="",
    )
    professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    what = text_field(what, "what", errors, message=gettext("Beschrijf de afspraak."))[:500]
    if due_on is None:
        errors["due_on"] = [gettext("Vul in wanneer de afspraak uiterlijk is nagekomen.")]
    elif due_on < timezone.localdate():
        errors["due_on"] = [gettext("Die datum ligt in het verleden.")]
    if responsible_professional is None and responsible_organisation is None:
        errors["responsible_professional"] = [
            gettext("Kies wie verantwoordelijk is: een professional of een organisatie.")
        ]
    if meeting is not None and meeting.case_id != case.pk:
        errors["meeting"] = [gettext("Dit overleg hoort niet bij deze casus.")]
    fail(errors, gettext("De afspraak is niet vastgelegd."))
    organisation = responsible_organisation or responsible_professional.organisation
    with transaction.atomic():
        agreement = insert_one(
            Agreement(
                case=case,
                meeting=meeting,
                what=what,
                responsible_professional=responsible_professional,
                responsible_organisation=organisation,
                due_on=due_on,
                created_by=professional,
            )
        )
        who = responsible_professional.full_name if responsible_professional else organisation.name
        record_event(case, EventKind.AGREEMENT, professional,
               gettext("Afspraak voor %(who)s, uiterlijk %(date)s") % {"who": who, "date": date_format(due_on, "d-m-Y")})  # fmt: skip
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.Agreement",
            object_uuid=agreement.uuid,
        )
    if responsible_professional is not None and responsible_professional.pk != professional.pk:
        notify.after_commit(
            [
                notify.Mail(
                    to=[responsible_professional.email],
                    subject=gettext("ketenzorg: nieuwe afspraak voor u, uiterlijk %(date)s")
                    % {"date": date_format(due_on, "d-m-Y")},
                    body=gettext(
                        "Er is een afspraak op uw naam gezet in een casus. Bekijk de casus: %(link)s"
                    )
                    % {"link": notify.case_link(case)},
                )
            ]
        )
    return agreement


def agreement_check_in(*, actor, agreement: Agreement, note: str, status: str) -> AgreementCheckIn:
    """A check-in: how the agreement stands, optionally done or cancelled."""
    case = agreement.case
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="coordination.Agreement", object_uuid=agreement.uuid
    )
    professional = client_professional(actor)
    errors: dict = {}
    note = text_field(
        note, "note", errors, message=gettext("Schrijf hoe de afspraak ervoor staat.")
    )
    if status not in AgreementStatus.values:
        errors["status"] = [gettext("Kies een status.")]
    fail(errors, gettext("De stand van zaken is niet opgeslagen."))
    with transaction.atomic():
        checkin = AgreementCheckIn.objects.create(
            agreement=agreement, author=professional, note=note, status_after=status
        )
        if status != agreement.status:
            agreement.status = status
            agreement.done_on = timezone.localdate() if status == AgreementStatus.DONE else None
            agreement.save(update_fields=["status", "done_on", "updated_at"])
            if status != AgreementStatus.OPEN:
                StagnationSignal.objects.filter(
                    agreement=agreement, status=SignalStatus.OPEN
                ).update(
                    status=SignalStatus.DISMISSED,
                    resolution=f"afspraak {status}",
                    updated_at=timezone.now(),
                )
        record_event(case, EventKind.AGREEMENT, professional,
               gettext("Stand van zaken afspraak: %(status)s") % {"status": AgreementStatus(status).label})  # fmt: skip
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Agreement",
            object_uuid=agreement.uuid,
            reason="check-in",
        )
    return checkin
