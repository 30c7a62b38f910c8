"""Who coordinates the case: assigning and handing over, the old row ended, not removed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards, notify
from ketenzorg.coordination.models import (
    Case,
    CaseCoordinator,
    CoordinatorRole,
    EventKind,
    MeetingKind,
    MeetingStatus,
)
from ketenzorg.coordination.services._common import (
    MAX_TEXT,
    audit_write,
    client_professional,
    fail,
    record_event,
    require_open,
)
from ketenzorg.coordination.services.levels import convene_task_mail
from ketenzorg.network.models import Professional


def coordinator_assign(
    *, actor, case: Case, role: str, professional: Professional | None, note: str = ""
) -> CaseCoordinator:
    """Assign, or hand over, who coordinates; the previous coordinator's row is ended, not removed."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="coordination.CaseCoordinator", object_uuid=""
    )
    actor_professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    if role not in CoordinatorRole.values:
        errors["role"] = [gettext("Kies een coördinatorrol.")]
    elif professional is None:
        errors["professional"] = [gettext("Kies een professional.")]
    elif not access.may_hold_coordinator_role(professional, role):
        errors["professional"] = [
            gettext("Deze professional heeft niet de rol die bij deze coördinatie hoort.")
        ]
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        errors["note"] = [gettext("De notitie is te lang.")]
    current = None
    if not errors:
        current = (
            access.active_coordinators()
            .filter(case=case, role=role)
            .select_related("professional")
            .first()
        )
        if current is not None and current.professional_id == professional.pk:
            errors["professional"] = [gettext("Deze professional coördineert al.")]
    fail(errors, gettext("De coördinator is niet vastgelegd."))
    return _assign(actor, case, role, professional, note, current, actor_professional, decision)


def _assign(
    actor, case, role, professional, note, current, actor_professional, decision
) -> CaseCoordinator:
    mails: list = []
    with transaction.atomic():
        now = timezone.now()
        if current is not None:
            current.ended_at = now
            current.save(update_fields=["ended_at", "updated_at"])
        row = CaseCoordinator.objects.create(
            case=case,
            professional=professional,
            role=role,
            started_at=now,
            assigned_by=actor_professional,
            note=note,
        )
        label = str(CoordinatorRole(role).label)
        label = label[:1].upper() + label[1:]
        summary = (
            gettext("%(role)s overgedragen van %(old)s aan %(new)s")
            % {"role": label, "old": current.professional.full_name, "new": professional.full_name}
            if current
            else gettext("%(role)s: %(new)s") % {"role": label, "new": professional.full_name}
        )
        record_event(case, EventKind.COORDINATOR, actor_professional, summary, reason=note)
        if role == CoordinatorRole.PROCESCOORDINATOR:
            open_meetings = case.meetings.filter(
                kind=MeetingKind.PROCES, status=MeetingStatus.TO_PLAN
            )
            for meeting in open_meetings:
                meeting.convener = professional
                meeting.save(update_fields=["convener", "updated_at"])
                if meeting.deadline:
                    mails.append(convene_task_mail(professional, meeting))
        if not mails and professional.email:
            mails.append(
                notify.Mail(
                    to=[professional.email],
                    subject=gettext("ketenzorg: u coördineert een casus"),
                    body=gettext(
                        "U bent %(role)s van een casus geworden. Bekijk de casus: %(link)s"
                    )
                    % {"role": label, "link": notify.case_link(case)},
                )
            )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.CaseCoordinator",
            object_uuid=row.uuid,
        )
    notify.after_commit(mails)
    return row
