"""Every write of the case: validated, in one transaction, audited, with an event in the case history.

Each service first asks `access.coordination` (and logs a refusal) before it
looks at the input, so a refused user never reads a validation message as a hint.
E-mails go out after the commit (`notify.after_commit`), never naming the family.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.access import policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Outcome
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.coordination import ics, notify, rules
from ketenzorg.coordination.models import (
    Agreement,
    AgreementCheckIn,
    AgreementStatus,
    Case,
    CaseCoordinator,
    CaseEvent,
    CaseStatus,
    CoordinatorRole,
    EventKind,
    InstitutionAttendance,
    InvolvementHistory,
    InvolvementMatch,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    MeetingStatus,
    PlanVersion,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.core.errors import AccessDenied, Conflict, NotFound, ValidationFailed
from ketenzorg.core.workdays import add_working_days
from ketenzorg.families.models import Family, Involvement, MemberRole, Person
from ketenzorg.network.models import Institution, Organisation, Professional, Role

MIN_REASON = 10
MIN_CRISIS_REASON = 15
MAX_TEXT = 5000


class CaseAlreadyOpen(Conflict):
    """Eén gezin, één plan: the family already has an open case (`.case`)."""

    def __init__(self, case: Case):
        path = reverse("coordination:detail", kwargs={"case_uuid": case.uuid})
        super().__init__(
            gettext(
                "Dit gezin heeft al een open casus (geopend op %(date)s). Eén gezin, één plan: werk verder in "
                "die casus: %(path)s"
            )
            % {"date": date_format(case.opened_on, "d-m-Y"), "path": path}
        )
        self.case = case


# --- helpers ----------------------------------------------------------------------------------


def family_subjects(family_id: int, family_uuid) -> list[Subject]:
    persons = Person.objects.filter(family_id=family_id).values_list("uuid", flat=True)
    return [Subject("family", family_uuid)] + [Subject("person", u) for u in persons]


def subjects_of_families(family_ids) -> dict[int, tuple[Subject, ...]]:
    """`family_subjects` for many families at once (two queries), for the background passes."""
    ids = list(family_ids)
    found: dict[int, list[Subject]] = {
        pk: [Subject("family", u)]
        for pk, u in Family.objects.filter(pk__in=ids).values_list("pk", "uuid")
    }
    for family_id, u in Person.objects.filter(family_id__in=ids).values_list("family_id", "uuid"):
        found[family_id].append(Subject("person", u))
    return {pk: tuple(subjects) for pk, subjects in found.items()}


def _subjects(case: Case) -> list[Subject]:
    return family_subjects(case.family_id, case.family.uuid)


def _audit(
    actor,
    action,
    case: Case,
    decision: Decision,
    *,
    object_type: str,
    object_uuid,
    reason: str = "",
):
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=_subjects(case),
        basis=decision.basis,
        reason=reason,
    )


def _refuse(
    actor, action, case: Case, decision: Decision, *, object_type: str, object_uuid, message: str
):
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=_subjects(case),
        basis=decision.basis,
        reason=decision.reason,
    )
    raise AccessDenied(message)


def require_case(
    actor, case: Case, *, action=Action.UPDATE, object_type="coordination.Case", object_uuid=None
) -> Decision:
    """The actor may work on this case; refusals are logged. Call before reading any input."""
    decision = access.case_change_decision(actor, case)
    if not decision:
        _refuse(
            actor,
            action,
            case,
            decision,
            object_type=object_type,
            object_uuid=object_uuid or case.uuid,
            message=gettext("U bent niet betrokken bij dit gezin en coördineert deze casus niet."),
        )
    return decision


def _professional(actor) -> Professional:
    professional = policy.client_professional_of(actor)
    if professional is None:
        raise AccessDenied(gettext("Alleen professionals die met gezinnen werken kunnen dit doen."))
    return professional


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise Conflict(gettext("Deze casus is gesloten."))


def _event(case: Case, kind: str, actor: Professional | None, summary: str, **extra) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        occurred_at=timezone.now(),
        summary=summary[:300],
        **extra,
    )


def _text(value: str, name: str, errors: dict, *, minimum: int = 1, message: str = "") -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        errors.setdefault(name, []).append(message or gettext("Vul dit veld in."))
    elif len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(
            gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}
        )
    return value


def _fail(errors: dict, message: str) -> None:
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def involved_professionals(case: Case) -> list[Professional]:
    """Everyone with an active involvement plus the active coordinators, each once."""
    involved = (
        policy.active_involvements().filter(family_id=case.family_id).values("professional_id")
    )
    coordinating = access.active_coordinators().filter(case=case).values("professional_id")
    return list(
        Professional.objects.filter(
            Q(pk__in=involved) | Q(pk__in=coordinating), is_active=True
        ).order_by("last_name", "pk")
    )


# --- the counting rule ------------------------------------------------------------------------


def involvement_facts(family_id: int) -> list[rules.InvolvementFact]:
    return [
        rules.InvolvementFact(professional_id=p, person_id=person, ended_on=ended)
        for p, person, ended in Involvement.objects.filter(family_id=family_id).values_list(
            "professional_id", "person_id", "ended_on"
        )
    ]


def current_suggestion(case: Case, today: date | None = None) -> rules.Suggestion:
    today = today or timezone.localdate()
    return rules.suggest_level(
        rules.active_professional_count(involvement_facts(case.family_id), today)
    )


def refresh_suggestion(
    case: Case, *, actor: Professional | None, today: date | None = None
) -> rules.Suggestion:
    """Store what the rule suggests now; a new suggestion is an event and asks for confirmation."""
    suggestion = current_suggestion(case, today)
    if suggestion.level != case.suggested_level or suggestion.explanation != case.suggested_rule:
        changed_level = suggestion.level != case.suggested_level
        case.suggested_level = suggestion.level
        case.suggested_rule = suggestion.explanation
        fields = ["suggested_level", "suggested_rule", "updated_at"]
        if changed_level and case.level < 4:
            case.suggestion_handled = suggestion.level == case.level
            fields.append("suggestion_handled")
            if suggestion.level != case.level:
                _event(
                    case,
                    EventKind.LEVEL_SUGGESTED,
                    actor,
                    gettext("Voorstel: niveau %(level)s") % {"level": suggestion.level},
                    level_from=case.level,
                    level_to=suggestion.level,
                    rule=suggestion.explanation,
                )
        case.save(update_fields=fields)
    return suggestion


# --- the case ---------------------------------------------------------------------------------


def case_open(*, actor, family: Family, reason: str = "") -> Case:
    """Open the family's one case. A second open case is refused, pointing to the first.

    Called from the case screens and by the front door ("meer hulp regelen").
    """
    decision = access.case_open_decision(actor, family)
    if not decision:
        audit_record(
            actor=actor,
            action=Action.CREATE,
            outcome=Outcome.DENIED,
            object_type="coordination.Case",
            subjects=[Subject("family", family.uuid)],
            basis=decision.basis,
            reason=decision.reason,
        )
        raise AccessDenied(gettext("U bent niet betrokken bij dit gezin."))
    professional = _professional(actor)
    existing = Case.objects.filter(family=family, status=CaseStatus.OPEN).first()
    if existing is not None:
        raise CaseAlreadyOpen(existing)
    errors: dict = {}
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        errors["reason"] = [gettext("De aanleiding is te lang.")]
    _fail(errors, gettext("De casus is niet geopend."))
    try:
        with transaction.atomic():
            case = Case.objects.create(
                family=family, opened_by=professional, opened_on=timezone.localdate(), reason=reason
            )
            _event(case, EventKind.OPENED, professional, gettext("Casus geopend"), reason=reason)
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
    decision = require_case(actor, case)
    professional = _professional(actor)
    _require_open(case)
    errors: dict = {}
    reason = _text(
        reason,
        "reason",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf waarom de casus wordt gesloten (minstens 10 tekens)."),
    )
    _fail(errors, gettext("De casus is niet gesloten."))
    with transaction.atomic():
        case.status = CaseStatus.CLOSED
        case.closed_on = timezone.localdate()
        case.save(update_fields=["status", "closed_on", "updated_at"])
        CaseCoordinator.objects.filter(case=case, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        _event(case, EventKind.CLOSED, professional, gettext("Casus gesloten"), reason=reason)
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason="casus gesloten",
        )
    return case


# --- involvements -----------------------------------------------------------------------------


def _match_mail(professional: Professional, case: Case) -> notify.Mail:
    return notify.Mail(
        to=[professional.email],
        subject=gettext("ketenzorg: match — een collega is ook betrokken"),
        body=gettext(
            "Een andere professional heeft een betrokkenheid geregistreerd bij een kind waarbij u ook betrokken "
            "bent. Neem contact met elkaar op en spreek af wie coördineert. Wie het is, ziet u na het inloggen "
            "op uw werkplek: %(link)s"
        )
        % {"link": notify.case_link(case)},
    )


def involvement_register(
    *,
    actor,
    case: Case,
    professional: Professional | None,
    person: Person | None = None,
    organisation: Organisation | None = None,
    capacity: str = "",
    started_on: date | None = None,
) -> Involvement:
    """Register that `professional` is involved with the family (or one member of it).

    A second professional involved with the same child makes a match: both are told
    who the other is, nothing of the other's work.
    """
    decision = require_case(
        actor, case, action=Action.CREATE, object_type="families.Involvement", object_uuid=""
    )
    actor_professional = _professional(actor)
    _require_open(case)
    today = timezone.localdate()
    started_on = started_on or today
    errors: dict = {}
    if professional is None or not professional.is_active:
        errors["professional"] = [gettext("Kies een actieve professional.")]
    elif not (professional.role_codes() - {Role.MANAGER, Role.BEHEERDER, Role.PRIVACY}):
        errors["professional"] = [
            gettext(
                "Deze professional werkt niet met gezinnen (alleen beheer, management of privacy)."
            )
        ]
    if person is not None and person.family_id != case.family_id:
        errors["person"] = [gettext("Deze persoon hoort niet bij dit gezin.")]
    if started_on > today:
        errors["started_on"] = [gettext("De startdatum ligt in de toekomst.")]
    capacity = (capacity or "").strip()
    if len(capacity) > 200:
        errors["capacity"] = [gettext("De hoedanigheid is te lang (hoogstens 200 tekens).")]
    if not errors:
        duplicate = policy.active_involvements().filter(
            family_id=case.family_id, professional=professional, person=person
        )
        if duplicate.exists():
            errors["professional"] = [gettext("Deze professional is hier al betrokken.")]
    _fail(errors, gettext("De betrokkenheid is niet geregistreerd."))
    organisation = organisation or professional.organisation
    with transaction.atomic():
        involvement = Involvement.objects.create(
            family_id=case.family_id,
            person=person,
            professional=professional,
            organisation=organisation,
            capacity=capacity,
            started_on=started_on,
        )
        now = timezone.now()
        InvolvementHistory.objects.create(
            involvement=involvement,
            case=case,
            action="registered",
            actor=actor_professional,
            occurred_at=now,
        )
        who = f"{professional.full_name} ({organisation.name})"
        _event(
            case,
            EventKind.INVOLVEMENT_ADDED,
            actor_professional,
            gettext("Betrokken: %(who)s") % {"who": who},
        )
        mails = []
        if person is not None:
            others = (
                policy.active_involvements()
                .filter(person=person)
                .exclude(professional=professional)
                .exclude(pk=involvement.pk)
                .select_related("professional")
            )
            for other in others:
                InvolvementMatch.objects.create(
                    person=person, new_involvement=involvement, existing_involvement=other
                )
                mails += [_match_mail(professional, case), _match_mail(other.professional, case)]
            if mails:
                _event(
                    case,
                    EventKind.MATCH,
                    actor_professional,
                    gettext(
                        "Match: meerdere professionals betrokken bij hetzelfde kind; zij zijn geïnformeerd"
                    ),
                )
        refresh_suggestion(case, actor=actor_professional)
        _audit(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="families.Involvement",
            object_uuid=involvement.uuid,
        )
    notify.after_commit([m for m in mails if m.to and m.to[0]])
    return involvement


def involvement_end(
    *, actor, case: Case, involvement: Involvement, ended_on: date | None = None, note: str = ""
) -> Involvement:
    """End an involvement: the row stays, with its last day; history records who ended it."""
    decision = require_case(
        actor, case, object_type="families.Involvement", object_uuid=involvement.uuid
    )
    actor_professional = _professional(actor)
    if involvement.family_id != case.family_id:
        raise NotFound(gettext("Deze betrokkenheid hoort niet bij deze casus."))
    today = timezone.localdate()
    ended_on = ended_on or today
    errors: dict = {}
    if involvement.ended_on is not None and involvement.ended_on < today:
        raise Conflict(gettext("Deze betrokkenheid is al beëindigd."))
    if ended_on < involvement.started_on:
        errors["ended_on"] = [gettext("De einddatum ligt voor de startdatum.")]
    if ended_on > today + timedelta(days=366):
        errors["ended_on"] = [gettext("Kies een einddatum binnen een jaar.")]
    note = (note or "").strip()[:300]
    _fail(errors, gettext("De betrokkenheid is niet beëindigd."))
    with transaction.atomic():
        involvement.ended_on = ended_on
        involvement.save(update_fields=["ended_on", "updated_at"])
        InvolvementHistory.objects.create(
            involvement=involvement,
            case=case,
            action="ended",
            actor=actor_professional,
            occurred_at=timezone.now(),
            note=note,
        )
        _event(
            case,
            EventKind.INVOLVEMENT_ENDED,
            actor_professional,
            gettext("Betrokkenheid van %(who)s beëindigd per %(date)s")
            % {"who": involvement.professional.full_name, "date": date_format(ended_on, "d-m-Y")},
            reason=note,
        )
        refresh_suggestion(case, actor=actor_professional)
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="families.Involvement",
            object_uuid=involvement.uuid,
        )
    return involvement


# --- level and escalation ---------------------------------------------------------------------


def _procescoordinator(case: Case) -> Professional | None:
    row = (
        access.active_coordinators()
        .filter(case=case, role=CoordinatorRole.PROCESCOORDINATOR)
        .select_related("professional")
        .first()
    )
    return row.professional if row else None


def _task_mail(convener: Professional, meeting: Meeting) -> notify.Mail:
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
    _event(
        case,
        EventKind.MEETING,
        actor,
        gettext("Procesoverleg te beleggen uiterlijk %(date)s (5 werkdagen)")
        % {"date": date_format(meeting.deadline, "d-m-Y")},
    )
    if convener is not None:
        mails.append(_task_mail(convener, meeting))


def level_set(*, actor, case: Case, level, reason: str = "") -> Case:
    """Confirm the suggested level or choose another; judgment levels need the right role and a reason."""
    decision = require_case(actor, case)
    professional = _professional(actor)
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in rules.LEVELS:
        message = gettext("Kies een niveau van 1 tot en met 5.")
        raise ValidationFailed(message, field_errors={"level": [message]})
    allowed = access.level_change_decision(actor, case, level)
    if not allowed:
        message = (
            gettext("Niveau 5 start u met het crisisprotocol.")
            if level == 5
            else gettext(
                "Alleen de brandpuntfunctionaris stelt niveau 4 vast of schaalt daarvan af."
            )
        )
        _refuse(
            actor,
            Action.UPDATE,
            case,
            allowed,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            message=message,
        )
    _require_open(case)
    suggestion = current_suggestion(case)
    errors: dict = {}
    reason = (reason or "").strip()
    if rules.needs_reason(level, suggestion, case.level) and len(reason) < MIN_REASON:
        errors["reason"] = [
            gettext(
                "U wijkt af van het voorstel of kiest op oordeel: schrijf waarom (minstens 10 tekens)."
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
    _fail(errors, gettext("Het niveau is niet gewijzigd."))
    mails: list = []
    with transaction.atomic():
        old = case.level
        case.level = level
        case.suggested_level = suggestion.level
        case.suggested_rule = suggestion.explanation
        case.suggestion_handled = True
        case.level_changed_at = timezone.now()
        if old == 5 and level < 5:
            case.crisis_started_at = None
        case.save()
        rule = rules.explain_choice(level, suggestion)
        summary = {
            "opschalen": gettext("Opgeschaald naar niveau %(level)s"),
            "afschalen": gettext("Afgeschaald naar niveau %(level)s"),
            "bevestigen": gettext("Niveau %(level)s gehandhaafd"),
        }[rules.direction(old, level)] % {"level": level}
        _event(
            case,
            EventKind.LEVEL_CHANGED,
            professional,
            summary,
            level_from=old,
            level_to=level,
            rule=rule,
            reason=reason,
        )
        if level >= 3 > old:
            _on_reaching_level3(case, professional, mails)
        _audit(
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


def crisis_start_allowed(*, actor, case: Case) -> Decision:
    """May see the case and holds a crisis role; refusals are logged. Checked before any input."""
    decision = require_case(actor, case)
    allowed = access.crisis_start_decision(actor)
    if not allowed:
        _refuse(actor, Action.UPDATE, case, allowed, object_type="coordination.Case", object_uuid=case.uuid,
                message=gettext("Uw rol mag het crisisprotocol niet starten."))  # fmt: skip
    return decision


def crisis_start(*, actor, case: Case, reason: str) -> Case:
    """Level 5: one deliberate action with a reason; the crisis roles and everyone involved are told."""
    decision = crisis_start_allowed(actor=actor, case=case)
    professional = _professional(actor)
    _require_open(case)
    if case.level == 5:
        raise Conflict(gettext("Het crisisprotocol is al gestart."))
    errors: dict = {}
    reason = _text(reason, "reason", errors, minimum=MIN_CRISIS_REASON,
                   message=gettext("Beschrijf waarom het crisisprotocol nodig is (minstens 15 tekens)."))  # fmt: skip
    _fail(errors, gettext("Het crisisprotocol is niet gestart."))
    with transaction.atomic():
        old = case.level
        case.level = 5
        case.suggestion_handled = True
        case.level_changed_at = case.crisis_started_at = timezone.now()
        case.crisis_started_by = professional
        case.crisis_reason = reason
        case.save()
        _event(case, EventKind.CRISIS, professional, gettext("Crisisprotocol gestart (niveau 5)"),
               level_from=old, level_to=5, rule=rules.RULE_JUDGMENT, reason=reason)  # fmt: skip
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
        _audit(
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


def coordinator_assign(
    *, actor, case: Case, role: str, professional: Professional | None, note: str = ""
) -> CaseCoordinator:
    """Assign, or hand over, who coordinates; the previous coordinator's row is ended, not removed."""
    decision = require_case(actor, case, object_type="coordination.CaseCoordinator", object_uuid="")
    actor_professional = _professional(actor)
    _require_open(case)
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
    _fail(errors, gettext("De coördinator is niet vastgelegd."))
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
        _event(case, EventKind.COORDINATOR, actor_professional, summary, reason=note)
        if role == CoordinatorRole.PROCESCOORDINATOR:
            open_meetings = case.meetings.filter(
                kind=MeetingKind.PROCES, status=MeetingStatus.TO_PLAN
            )
            for meeting in open_meetings:
                meeting.convener = professional
                meeting.save(update_fields=["convener", "updated_at"])
                if meeting.deadline:
                    mails.append(_task_mail(professional, meeting))
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
        _audit(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.CaseCoordinator",
            object_uuid=row.uuid,
        )
    notify.after_commit(mails)
    return row


# --- meetings ---------------------------------------------------------------------------------


def _invitation_mails(
    meeting: Meeting, organizer: Professional, attendees: list[Professional]
) -> list[notify.Mail]:
    kind = str(MeetingKind(meeting.kind).label)
    link = notify.case_link(meeting.case)
    calendar = ics.invitation(
        uid=f"{meeting.uuid}@ketenzorg",
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        duration=timedelta(minutes=meeting.duration_minutes),
        summary=f"{kind} (ketenzorg)",
        location=meeting.location,
        description=gettext("Overleg over een gezin in ketenzorg. Details na inloggen: %(link)s")
        % {"link": link},
        organizer=ics.Attendee(organizer.full_name, organizer.email),
        attendees=[ics.Attendee(p.full_name, p.email) for p in attendees if p.email],
        stamp=timezone.now(),
    )
    when = date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")
    return [
        notify.Mail(
            to=[p.email],
            subject=gettext("ketenzorg: uitnodiging %(kind)s op %(when)s")
            % {"kind": kind, "when": when},
            body=gettext(
                "%(organizer)s nodigt u uit voor een %(kind)s op %(when)s, %(location)s. De uitnodiging voor uw "
                "agenda zit in de bijlage. Casus: %(link)s"
            )
            % {
                "organizer": organizer.full_name,
                "kind": kind,
                "when": when,
                "location": meeting.location,
                "link": link,
            },
            attachments=[
                ("uitnodiging.ics", calendar, "text/calendar; method=REQUEST; charset=utf-8")
            ],
        )
        for p in attendees
        if p.email
    ]


def meeting_plan(
    *,
    actor,
    case: Case,
    kind: str,
    starts_at: datetime | None,
    location: str,
    duration_minutes: int = 60,
    meeting: Meeting | None = None,
) -> Meeting:
    """Plan (or re-plan) an overleg and invite every involved professional and coordinator (.ics by e-mail)."""
    decision = require_case(
        actor, case, object_type="coordination.Meeting", object_uuid=meeting.uuid if meeting else ""
    )
    professional = _professional(actor)
    _require_open(case)
    if meeting is not None and meeting.case_id != case.pk:
        raise NotFound(gettext("Dit overleg hoort niet bij deze casus."))
    errors: dict = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [gettext("Kies een soort overleg.")]
    if starts_at is None:
        errors["starts_at"] = [gettext("Kies een datum en tijd.")]
    elif starts_at < timezone.now() - timedelta(minutes=5):
        errors["starts_at"] = [
            gettext(
                "Het overleg ligt in het verleden. Leg een gehouden overleg vast met een verslag."
            )
        ]
    location = _text(
        location, "location", errors, message=gettext("Vul een plaats in (of 'online').")
    )[:200]
    if not isinstance(duration_minutes, int) or not 15 <= duration_minutes <= 480:
        errors["duration_minutes"] = [gettext("Kies een duur van 15 tot 480 minuten.")]
    if meeting is not None and meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise Conflict(gettext("Dit overleg is al gehouden of geannuleerd."))
    _fail(errors, gettext("Het overleg is niet gepland."))
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(case=case, kind=kind, convener=professional)
        else:
            meeting.sequence += 1 if meeting.status == MeetingStatus.PLANNED else 0
            meeting.kind = kind
            meeting.convener = meeting.convener or professional
        meeting.status = MeetingStatus.PLANNED
        meeting.starts_at = starts_at
        meeting.duration_minutes = duration_minutes
        meeting.location = location
        meeting.save()
        attendees = involved_professionals(case)
        now = timezone.now()
        for p in attendees:
            MeetingInvitation.objects.update_or_create(
                meeting=meeting, professional=p, defaults={"sent_at": now}
            )
        when = date_format(timezone.localtime(starts_at), "d-m-Y H:i")
        summary = gettext("%(kind)s gepland op %(when)s; %(n)s uitgenodigd") % {
            "kind": str(MeetingKind(kind).label).capitalize(),
            "when": when,
            "n": len(attendees),
        }
        _event(case, EventKind.MEETING, professional, summary)
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Meeting",
            object_uuid=meeting.uuid,
        )
    notify.after_commit(_invitation_mails(meeting, meeting.convener, attendees))
    return meeting


def meeting_record_minutes(
    *, actor, meeting: Meeting, minutes: str, held_on: date | None
) -> Meeting:
    case = meeting.case
    decision = require_case(
        actor, case, object_type="coordination.Meeting", object_uuid=meeting.uuid
    )
    professional = _professional(actor)
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise Conflict(gettext("Van dit overleg is het verslag al vastgelegd."))
    errors: dict = {}
    minutes = _text(minutes, "minutes", errors, message=gettext("Schrijf het verslag."))
    if held_on is None:
        errors["held_on"] = [gettext("Vul de datum in waarop het overleg is gehouden.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [gettext("Die datum ligt in de toekomst.")]
    _fail(errors, gettext("Het verslag is niet opgeslagen."))
    with transaction.atomic():
        meeting.status = MeetingStatus.HELD
        meeting.minutes = minutes
        meeting.held_on = held_on
        meeting.save()
        in_time = meeting.deadline is None or held_on <= meeting.deadline
        StagnationSignal.objects.filter(meeting=meeting, status=SignalStatus.OPEN).update(
            status=SignalStatus.DISMISSED, resolution="overleg gehouden", updated_at=timezone.now()
        )
        _event(
            case,
            EventKind.MEETING,
            professional,
            (
                gettext("%(kind)s gehouden op %(date)s")
                if in_time
                else gettext("%(kind)s gehouden op %(date)s (na de termijn)")
            )
            % {
                "kind": str(MeetingKind(meeting.kind).label).capitalize(),
                "date": date_format(held_on, "d-m-Y"),
            },
        )
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Meeting",
            object_uuid=meeting.uuid,
            reason="verslag",
        )
    return meeting


# --- agreements -------------------------------------------------------------------------------


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
    decision = require_case(
        actor, case, action=Action.CREATE, object_type="coordination.Agreement", object_uuid=""
    )
    professional = _professional(actor)
    _require_open(case)
    errors: dict = {}
    what = _text(what, "what", errors, message=gettext("Beschrijf de afspraak."))[:500]
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
    _fail(errors, gettext("De afspraak is niet vastgelegd."))
    organisation = responsible_organisation or responsible_professional.organisation
    with transaction.atomic():
        agreement = Agreement.objects.create(
            case=case,
            meeting=meeting,
            what=what,
            responsible_professional=responsible_professional,
            responsible_organisation=organisation,
            due_on=due_on,
            created_by=professional,
        )
        who = responsible_professional.full_name if responsible_professional else organisation.name
        _event(case, EventKind.AGREEMENT, professional,
               gettext("Afspraak voor %(who)s, uiterlijk %(date)s") % {"who": who, "date": date_format(due_on, "d-m-Y")})  # fmt: skip
        _audit(
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
    decision = require_case(
        actor, case, object_type="coordination.Agreement", object_uuid=agreement.uuid
    )
    professional = _professional(actor)
    errors: dict = {}
    note = _text(note, "note", errors, message=gettext("Schrijf hoe de afspraak ervoor staat."))
    if status not in AgreementStatus.values:
        errors["status"] = [gettext("Kies een status.")]
    _fail(errors, gettext("De stand van zaken is niet opgeslagen."))
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
        _event(case, EventKind.AGREEMENT, professional,
               gettext("Stand van zaken afspraak: %(status)s") % {"status": AgreementStatus(status).label})  # fmt: skip
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Agreement",
            object_uuid=agreement.uuid,
            reason="check-in",
        )
    return checkin


# --- stagnation, escalation, decisions --------------------------------------------------------


def signal_escalate(
    *, actor, signal: StagnationSignal, brandpunt: Professional | None, reason: str
) -> StagnationSignal:
    """Take the stagnation signal's proposal: the brandpuntfunctionaris is asked to decide (level 4)."""
    case = signal.case
    decision = require_case(
        actor, case, object_type="coordination.StagnationSignal", object_uuid=signal.uuid
    )
    professional = _professional(actor)
    _require_open(case)
    if signal.status != SignalStatus.OPEN:
        raise Conflict(gettext("Dit signaal is al afgehandeld."))
    errors: dict = {}
    reason = _text(
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
    _fail(errors, gettext("Er is niet opgeschaald."))
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
        _event(case, EventKind.ESCALATION, professional,
               gettext("Opgeschaald naar brandpuntfunctionaris %(who)s") % {"who": brandpunt.full_name}, reason=reason)  # fmt: skip
        _audit(
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
    decision = require_case(
        actor, case, object_type="coordination.StagnationSignal", object_uuid=signal.uuid
    )
    professional = _professional(actor)
    if signal.status != SignalStatus.OPEN:
        raise Conflict(gettext("Dit signaal is al afgehandeld."))
    errors: dict = {}
    reason = _text(
        reason,
        "reason",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf waarom niet wordt opgeschaald (minstens 10 tekens)."),
    )
    _fail(errors, gettext("Het signaal is niet afgehandeld."))
    with transaction.atomic():
        signal.status = SignalStatus.DISMISSED
        signal.resolved_by = professional
        signal.resolution = reason
        signal.save(update_fields=["status", "resolved_by", "resolution", "updated_at"])
        _event(
            case,
            EventKind.STAGNATION,
            professional,
            gettext("Stagnatiesignaal afgehandeld zonder opschaling"),
            reason=reason,
        )
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.StagnationSignal",
            object_uuid=signal.uuid,
            reason="afgehandeld",
        )
    return signal


def decision_record_allowed(*, actor, case: Case) -> Decision:
    decision = require_case(actor, case)
    allowed = access.decision_record_decision(actor)
    if not allowed:
        _refuse(actor, Action.UPDATE, case, allowed, object_type="coordination.Case", object_uuid=case.uuid,
                message=gettext("Alleen de brandpuntfunctionaris neemt dit besluit."))  # fmt: skip
    return decision


def decision_record(*, actor, case: Case, text: str) -> CaseEvent:
    """The brandpuntfunctionaris breaks the deadlock "in het belang van het kind"; the case is at level 4 from then."""
    decision = decision_record_allowed(actor=actor, case=case)
    professional = _professional(actor)
    _require_open(case)
    errors: dict = {}
    text = _text(
        text,
        "text",
        errors,
        minimum=MIN_REASON,
        message=gettext("Schrijf het besluit (minstens 10 tekens)."),
    )
    _fail(errors, gettext("Het besluit is niet vastgelegd."))
    with transaction.atomic():
        if case.level < 4:
            old = case.level
            case.level = 4
            case.suggestion_handled = True
            case.level_changed_at = timezone.now()
            case.save()
            _event(case, EventKind.LEVEL_CHANGED, professional, gettext("Opgeschaald naar niveau 4"),
                   level_from=old, level_to=4, rule=rules.explain_choice(4, current_suggestion(case)), reason=text)  # fmt: skip
        event = _event(
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
        _audit(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Case",
            object_uuid=case.uuid,
            reason="besluit brandpuntfunctionaris",
        )
    return event


# --- the plan ---------------------------------------------------------------------------------


@dataclass
class Goal:
    goal: str
    action: str = ""
    who: str = ""
    by_when: date | None = None


@dataclass
class PlanInput:
    """The sections of "Het ene plan" that people write; members and professionals are taken from the case."""

    contact: str = ""
    network: str = ""
    strengths: str = ""
    worries: str = ""
    earlier_help: str = ""
    family_words: str = ""
    discussed_with_family_on: date | None = None
    goals: list[Goal] = field(default_factory=list)


PLAN_TEXT_FIELDS = ("contact", "network", "strengths", "worries", "earlier_help", "family_words")


def plan_save(*, actor, case: Case, plan: PlanInput) -> PlanVersion:
    """Save a new version of the plan; earlier versions are kept as they were."""
    decision = require_case(
        actor, case, action=Action.CREATE, object_type="coordination.PlanVersion", object_uuid=""
    )
    professional = _professional(actor)
    _require_open(case)
    errors: dict = {}
    for name in PLAN_TEXT_FIELDS:
        if len(getattr(plan, name) or "") > MAX_TEXT:
            errors[name] = [gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}]
    goals = [g for g in plan.goals if (g.goal or "").strip()]
    if not goals:
        errors["goals"] = [gettext("Schrijf ten minste één doel met actie.")]
    for index, goal in enumerate(goals):
        if len(goal.goal) > 500 or len(goal.action) > 1000 or len(goal.who) > 200:
            errors[f"goals-{index}-goal"] = [gettext("Dit doel is te lang.")]
    if not any(getattr(plan, name).strip() for name in ("strengths", "worries")):
        errors["worries"] = [gettext("Beschrijf krachten en/of zorgen.")]
    if plan.discussed_with_family_on and plan.discussed_with_family_on > timezone.localdate():
        errors["discussed_with_family_on"] = [gettext("Die datum ligt in de toekomst.")]
    _fail(errors, gettext("Het plan is niet opgeslagen."))
    today = timezone.localdate()
    members = Person.objects.filter(family_id=case.family_id).order_by("birthdate")
    involvements = (
        policy.active_involvements()
        .filter(family_id=case.family_id)
        .select_related("professional", "organisation", "person")
        .order_by("started_on", "pk")
    )
    content = {name: getattr(plan, name).strip() for name in PLAN_TEXT_FIELDS}
    content["discussed_with_family_on"] = (
        plan.discussed_with_family_on.isoformat() if plan.discussed_with_family_on else ""
    )
    content["members"] = [
        {
            "name": m.full_name,
            "birthdate": m.birthdate.isoformat(),
            "role": str(MemberRole(m.role).label),
        }
        for m in members
    ]
    content["professionals"] = [
        {
            "name": i.professional.full_name,
            "organisation": i.organisation.name,
            "capacity": i.capacity,
            "with": i.person.given_name if i.person else "",
            "since": i.started_on.isoformat(),
            "phone": i.professional.phone,
            "email": i.professional.email,
        }
        for i in involvements
    ]
    content["goals"] = [
        {
            "goal": g.goal.strip(),
            "action": g.action.strip(),
            "who": g.who.strip(),
            "by_when": g.by_when.isoformat() if g.by_when else "",
        }
        for g in goals
    ]
    content["written_on"] = today.isoformat()
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()
            last = (
                PlanVersion.objects.filter(case=case)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
                or 0
            )
            version = PlanVersion.objects.create(
                case=case, number=last + 1, content=content, author=professional
            )
            _event(
                case,
                EventKind.PLAN,
                professional,
                gettext("Plan versie %(n)s opgeslagen") % {"n": version.number},
            )
            _audit(
                actor,
                Action.CREATE,
                case,
                decision,
                object_type="coordination.PlanVersion",
                object_uuid=version.uuid,
            )
    except IntegrityError:
        raise Conflict(
            gettext("Iemand anders sloeg tegelijk een versie op. Probeer het opnieuw.")
        ) from None
    return version


def attendance_record(
    *, actor, case: Case, person: Person | None, institution: Institution | None
) -> InstitutionAttendance:
    """Which school, daycare or playgroup a child attends: shows the JGZ's fixed contact person."""
    decision = require_case(
        actor,
        case,
        action=Action.CREATE,
        object_type="coordination.InstitutionAttendance",
        object_uuid="",
    )
    professional = _professional(actor)
    errors: dict = {}
    if person is None or person.family_id != case.family_id:
        errors["person"] = [gettext("Kies een kind uit dit gezin.")]
    elif person.role not in (MemberRole.CHILD, MemberRole.YOUTH):
        errors["person"] = [gettext("Kies een kind of jongere.")]
    if institution is None:
        errors["institution"] = [gettext("Kies een school, kinderdagverblijf of peuterspeelzaal.")]
    if (
        not errors
        and InstitutionAttendance.objects.filter(
            case=case, person=person, institution=institution
        ).exists()
    ):
        errors["institution"] = [gettext("Dit is al vastgelegd.")]
    _fail(errors, gettext("De school of opvang is niet vastgelegd."))
    with transaction.atomic():
        row = InstitutionAttendance.objects.create(
            case=case, person=person, institution=institution, recorded_by=professional
        )
        _audit(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.InstitutionAttendance",
            object_uuid=row.uuid,
        )
    return row
