"""The care level: confirming or overriding the suggestion, the crisis protocol, the brandpuntfunctionaris' decision."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards, notify, rules
from ketenzorg.coordination.models import (
    Case,
    CaseEvent,
    CoordinatorRole,
    EventKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services._common import (
    MAX_TEXT,
    MIN_CRISIS_REASON,
    MIN_REASON,
    audit_write,
    client_professional,
    current_suggestion,
    fail,
    involved_professionals,
    record_event,
    require_open,
    text_field,
)
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.workdays import add_working_days
from ketenzorg.network.models import Professional


def _procescoordinator(case: Case) -> Professional | None:
    row = (
        access.active_coordinators()
        .filter(case=case, role=CoordinatorRole.PROCESCOORDINATOR)
        .select_related("professional")
        .first()
    )
    return row.professional if row else None


def convene_task_mail(convener: Professional, meeting: Meeting) -> notify.Mail:
    return notify.Mail(
        to=[convener.email],
        subject=gettext("ketenzorg: overleg beleggen vóór %(date)s")
        % {"date": date_format(meeting.deadline, "d-m-Y")},
        body=gettext(
            "U bent procescoördinator van een casus die op niveau 3 staat. Roep alle betrokken professionals "
            "bij elkaar, uiterlijk op %(date)s (5 werkdagen). Plan het overleg in ketenzorg: %(link)s"
        )
        % {"date": date_format(meeting.deadline, "d-m-Y"), "link": notify.case_link(meeting.case)},
    )


def _on_reaching_level3(case: Case, actor: Professional | None, mails: list) -> None:
    """The procescoördinator's task: convene within 5 working days (a meeting 'te plannen')."""
    if case.meetings.filter(
        kind=MeetingKind.PROCES, status__in=[MeetingStatus.TO_PLAN, MeetingStatus.PLANNED]
    ).exists():
        return
    convener = _procescoordinator(case)
    meeting = Meeting.objects.create(
        case=case,
        kind=MeetingKind.PROCES,
        deadline=rules.convene_deadline(timezone.localdate()),
        convener=convener,
    )
    record_event(
        case,
        EventKind.MEETING,
        actor,
        gettext("Procesoverleg te beleggen uiterlijk %(date)s (5 werkdagen)")
        % {"date": date_format(meeting.deadline, "d-m-Y")},
    )
    if convener is not None:
        mails.append(convene_task_mail(convener, meeting))


def _cancel_convene_task(case: Case, actor: Professional | None, level: int) -> None:
    """Below level 3 nobody has to convene any more: the open task is cancelled, not left dangling."""
    cancelled = case.meetings.filter(kind=MeetingKind.PROCES, status=MeetingStatus.TO_PLAN).update(
        status=MeetingStatus.CANCELLED, updated_at=timezone.now()
    )
    if cancelled:
        record_event(
            case,
            EventKind.MEETING,
            actor,
            gettext("Procesoverleg vervalt: afgeschaald naar niveau %(level)s") % {"level": level},
        )


def move_level(
    case: Case,
    *,
    level: int,
    actor: Professional,
    rule: str,
    reason: str,
    mails: list,
    kind: str = EventKind.LEVEL_CHANGED,
    summary: str = "",
    suggestion: rules.Suggestion | None = None,
    convene: bool = True,
) -> int:
    """The one way a case changes level, inside the caller's transaction; returns the old level.

    Writes the row and the history event (who, when, the rule, why), and what the move
    brings: reaching 3 or 4 from below gives the procescoördinator the task to convene
    (`convene`); going below 3 cancels that task when it is still to be planned; leaving 5
    ends the crisis.
    """
    old = case.level
    case.level = level
    case.suggestion_handled = True
    case.level_changed_at = timezone.now()
    if suggestion is not None:
        case.suggested_level = suggestion.level
        case.suggested_rule = suggestion.explanation
    if old == 5 and level < 5:
        case.crisis_started_at = None
    case.save()
    summary = summary or {
        "opschalen": gettext("Opgeschaald naar niveau %(level)s"),
        "afschalen": gettext("Afgeschaald naar niveau %(level)s"),
        "bevestigen": gettext("Niveau %(level)s gehandhaafd"),
    }[rules.direction(old, level)] % {"level": level}
    record_event(
        case, kind, actor, summary, level_from=old, level_to=level, rule=rule, reason=reason
    )
    if convene and level >= 3 > old:
        _on_reaching_level3(case, actor, mails)
    if level < 3 <= old:
        _cancel_convene_task(case, actor, level)
    return old


def level_set(*, actor, case: Case, level, reason: str = "") -> Case:
    """Confirm the suggested level or choose another; judgment levels need the right role and a reason."""
    decision = guards.case_change_allowed(actor=actor, case=case)
    professional = client_professional(actor)
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in rules.LEVELS:
        message = gettext("Kies een niveau van 1 tot en met 5.")
        raise ValidationFailed(message, field_errors={"level": [message]})
    guards.level_change_allowed(actor=actor, case=case, level=level)
    require_open(case)
    suggestion = current_suggestion(case)
    errors: dict = {}
    reason = (reason or "").strip()
    if rules.needs_reason(level, suggestion, case.level) and len(reason) < MIN_REASON:
        errors["reason"] = [
            gettext(
                "U wijkt af van het voorstel, kiest op oordeel of schaalt af: schrijf waarom (minstens 10 tekens)."
            )
        ]
    if len(reason) > MAX_TEXT:
        errors["reason"] = [gettext("De reden is te lang.")]
    if (
        level == case.level
        and (case.suggestion_handled or suggestion.level == level)
        and not errors
    ):
        errors["level"] = [gettext("De casus staat al op dit niveau.")]
    fail(errors, gettext("Het niveau is niet gewijzigd."))
    mails: list = []
    with transaction.atomic():
        old = move_level(
            case,
            level=level,
            actor=professional,
            rule=rules.explain_choice(level, suggestion),
            reason=reason,
            mails=mails,
            suggestion=suggestion,
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason=f"niveau {old} -> {level}",
        )
    notify.after_commit(mails)
    return case


crisis_start_allowed = guards.crisis_start_allowed


def crisis_start(*, actor, case: Case, reason: str) -> Case:
    """Level 5: one deliberate action with a reason; the crisis roles and everyone involved are told."""
    decision = crisis_start_allowed(actor=actor, case=case)
    professional = client_professional(actor)
    require_open(case)
    if case.level == 5:
        raise Conflict(gettext("Het crisisprotocol is al gestart."))
    errors: dict = {}
    reason = text_field(reason, "reason", errors, minimum=MIN_CRISIS_REASON,
                   message=gettext("Beschrijf waarom het crisisprotocol nodig is (minstens 15 tekens)."))  # fmt: skip
    fail(errors, gettext("Het crisisprotocol is niet gestart."))
    with transaction.atomic():
        case.crisis_started_at = timezone.now()
        case.crisis_started_by = professional
        case.crisis_reason = reason
        move_level(
            case,
            level=5,
            actor=professional,
            rule=rules.RULE_JUDGMENT,
            reason=reason,
            mails=[],
            kind=EventKind.CRISIS,
            summary=gettext("Crisisprotocol gestart (niveau 5)"),
            convene=False,
        )
        meeting = Meeting.objects.create(
            case=case,
            kind=MeetingKind.CRISIS,
            deadline=add_working_days(timezone.localdate(), 1),
            convener=professional,
        )
        crisis_roles = Professional.objects.filter(
            is_active=True, role_assignments__role__in=access.CRISIS_NOTIFY_ROLES
        ).distinct()
        recipients = {p.pk: p for p in [*involved_professionals(case), *crisis_roles]}
        recipients.pop(professional.pk, None)
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason="crisisprotocol gestart",
        )
    link = notify.case_link(case)
    notify.after_commit(
        [
            notify.Mail(
                to=[p.email],
                subject=gettext("ketenzorg: CRISISPROTOCOL gestart"),
                body=gettext(
                    "%(who)s heeft voor een casus het crisisprotocol gestart (niveau 5). Een crisisoverleg is "
                    "nodig uiterlijk %(date)s. Bekijk de casus direct: %(link)s"
                )
                % {
                    "who": professional.full_name,
                    "date": date_format(meeting.deadline, "d-m-Y"),
                    "link": link,
                },
            )
            for p in recipients.values()
            if p.email
        ]
    )
    return case


decision_record_allowed = guards.decision_record_allowed


def decision_record(*, actor, case: Case, text: str) -> CaseEvent:
    """The brandpuntfunctionaris breaks the deadlock "in het belang van het kind"; the case is at level 4 from then."""
    decision = decision_record_allowed(actor=actor, case=case)
    professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    text = text_field(
        text,
        "text",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf het besluit (minstens 10 tekens)."),
    )
    fail(errors, gettext("Het besluit is niet vastgelegd."))
    with transaction.atomic():
        if case.level < 4:
            move_level(
                case,
                level=4,
                actor=professional,
                rule=rules.explain_choice(4, current_suggestion(case)),
                reason=text,
                mails=[],
                summary=gettext("Opgeschaald naar niveau 4"),
                convene=False,
            )
        event = record_event(
            case,
            EventKind.DECISION,
            professional,
            gettext("Besluit in het belang van het kind"),
            reason=text,
        )
        StagnationSignal.objects.filter(
            case=case, status__in=[SignalStatus.OPEN, SignalStatus.ESCALATED]
        ).update(
            status=SignalStatus.ESCALATED,
            resolved_by=professional,
            resolution="besluit brandpuntfunctionaris",
            updated_at=timezone.now(),
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason="besluit brandpuntfunctionaris",
        )
    return event
