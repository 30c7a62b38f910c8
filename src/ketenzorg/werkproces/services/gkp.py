"""The GKP-overleg's writes: planning a series of meetings, putting a case's question on the
agenda, withdrawing it before the meeting, and the overleg's outcome (once, then corrected).

Putting a question on the agenda on name shares parts of the dossier with the
gebiedsknooppunt, outside those directly involved, so the family's consent for purpose
"gkp_overleg" must cover it at that moment (Jeugdwet 7.3.11); the consents relied on are
kept with the item. Anonymous items share the question and a summary only.

Every write: the guard first (a refusal is logged as the write), the input checked, the
rule asked, one transaction with the access-log entry. `now` is for the demo's history
and the tests; screens and the API never pass it.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.consent.models import DossierPart
from ketenzorg.coordination.models import Case
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.network.models import District, Professional
from ketenzorg.werkproces import guards, guards_gkp, rules, rules_gkp, selectors_gkp
from ketenzorg.werkproces.models import AjhKind, GkpItem, GkpItemStatus, GkpMeeting, GkpOutcome
from ketenzorg.werkproces.services._common import (
    audit_write,
    fail,
    locked_werkproces,
    professional_of,
    text,
)

NO_CONSENT = gettext_noop(
    "Een agendapunt op naam kan alleen met toestemming van het gezin voor het GKP-overleg, "
    "voor deze delen van het dossier. Leg die toestemming eerst vast, of agendeer anoniem."
)
MAX_LOCATION = 200


def _refuse(refusal: str, field: str | None = None):
    message = gettext(refusal)
    if field is not None:
        raise ValidationFailed(message, field_errors={field: [message]})
    raise Conflict(message)


def gkp_meetings_plan(
    *,
    actor,
    stadsdeel: District | None,
    first: date | None,
    at: time | None,
    every_weeks: int,
    count: int,
    location: str,
    now: datetime | None = None,
) -> list[GkpMeeting]:
    """A series of meetings of the stadsdeel's overleg ("om de week op dinsdag om 13.00")."""
    if stadsdeel is None:
        message = gettext("Kies het stadsdeel van het overleg.")
        raise ValidationFailed(message, field_errors={"stadsdeel": [message]})
    decision = guards_gkp.stadsdeel_plan_allowed(actor=actor, stadsdeel=stadsdeel)
    now = now or timezone.now()
    errors: dict = {}
    location = text(location, "location", errors, message=gettext("Vul de locatie in."))
    if len(location) > MAX_LOCATION:
        errors["location"] = [gettext("De locatie is te lang (hoogstens 200 tekens).")]
    if first is None:
        errors["first"] = [gettext("Vul de datum van het eerste overleg in.")]
    if at is None:
        errors["at"] = [gettext("Vul het tijdstip in.")]
    moments = []
    if first is not None and at is not None:
        planned = rules_gkp.series(first, at, every_weeks=every_weeks, count=count)
        if isinstance(planned, str):
            field = "count" if planned == rules_gkp.SERIES_COUNT else "every_weeks"
            errors[field] = [gettext(planned)]
        else:
            moments = [timezone.make_aware(m) for m in planned]
            if moments[0] <= now:
                errors["first"] = [gettext(rules_gkp.SERIES_PAST)]
    fail(errors, gettext("Er zijn geen overleggen gepland."))
    taken = set(
        GkpMeeting.objects.filter(stadsdeel=stadsdeel, starts_at__in=moments).values_list(
            "starts_at", flat=True
        )
    )
    if taken:
        first_taken = timezone.localtime(min(taken)).strftime("%d-%m-%Y %H:%M")
        message = gettext("Op %(when)s is er al een overleg van dit stadsdeel.") % {
            "when": first_taken
        }
        raise ValidationFailed(message, field_errors={"first": [message]})
    series = uuidlib.uuid4()
    planner = professional_of(actor)
    try:
        with transaction.atomic():
            meetings = GkpMeeting.objects.bulk_create(
                GkpMeeting(
                    stadsdeel=stadsdeel,
                    starts_at=moment,
                    location=location,
                    series=series,
                    planned_by=planner,
                )
                for moment in moments
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                object_type="werkproces.GkpMeeting",
                object_uuid=series,
                basis=decision.basis,
                reason=f"GKP-overleg gepland: {len(meetings)} keer",
            )
    except IntegrityError:  # planned at the same moment by a colleague a moment ago
        raise Conflict(gettext("Een van deze overleggen is zojuist al gepland.")) from None
    return meetings


def gkp_item_add(
    *,
    actor,
    case: Case,
    meeting: GkpMeeting | None,
    question: str,
    summary: str,
    identified: bool = False,
    shared_parts=(),
    now: datetime | None = None,
) -> GkpItem:
    """The case's question on the agenda of an upcoming meeting, during the AJH step."""
    decision = guards.werkproces_change_allowed(actor=actor, case=case, action=Action.CREATE)
    professional = professional_of(actor)
    now = now or timezone.now()
    shared_parts = sorted(set(shared_parts))
    errors: dict = {}
    question = text(question, "question", errors, message=gettext("Schrijf de vraag op."))
    summary = text(
        summary,
        "summary",
        errors,
        message=gettext("Schrijf een samenvatting zonder namen, adressen of geboortedata."),
    )
    if meeting is None:
        errors["meeting"] = [gettext("Kies een GKP-overleg.")]
    else:
        allowed = selectors_gkp.stadsdelen_for_case(case, professional, meeting.stadsdeel)
        if meeting.stadsdeel_id not in {s.pk for s in allowed}:
            errors["meeting"] = [
                gettext(
                    "Kies een overleg van het stadsdeel van het gezin of van uw eigen stadsdeel."
                )
            ]
    if identified and (not shared_parts or not set(shared_parts) <= set(DossierPart.values)):
        errors["shared_parts"] = [gettext("Kies welke delen van het dossier u deelt.")]
    if not identified and shared_parts:
        errors["shared_parts"] = [gettext("Een anoniem agendapunt deelt geen dossier.")]
    fail(errors, gettext("De vraag is niet geagendeerd."))
    with transaction.atomic():
        werkproces = locked_werkproces(case)
        refusal = rules_gkp.item_add_allowed(
            rules_gkp.ItemFacts(werkproces.step, case.is_open, meeting.starts_at), now
        )
        if refusal:
            _refuse(refusal, "meeting" if refusal == rules_gkp.MEETING_BEGUN else None)
        consents = []
        if identified:
            consents = selectors_gkp.gkp_consents(
                family=case.family, stadsdeel=meeting.stadsdeel, parts=shared_parts, at=now
            )
            if consents is None:
                message = gettext(NO_CONSENT)
                raise ValidationFailed(message, field_errors={"identified": [message]})
        item = GkpItem.objects.create(
            werkproces=werkproces,
            meeting=meeting,
            asked_by=professional,
            asked_at=now,
            question=question,
            summary=summary,
            identified=bool(identified),
            shared_parts=shared_parts if identified else [],
        )
        item.consents.set(consents)
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="werkproces.GkpItem",
            object_uuid=item.uuid,
            reason="GKP-agendapunt op naam" if identified else "GKP-agendapunt anoniem",
        )
    return item


def gkp_item_withdraw(*, actor, item_uuid, reason: str, now: datetime | None = None) -> GkpItem:
    """Taken off the agenda before the meeting, with the reason; the item itself stays."""
    item, decision = guards_gkp.item_get_for_withdraw(actor=actor, item_uuid=item_uuid)
    now = now or timezone.now()
    errors: dict = {}
    reason = text(
        reason,
        "reason",
        errors,
        minimum=rules.MIN_REASON,
        message=gettext(rules.NEEDS_REASON),
    )
    fail(errors, gettext("Het agendapunt is niet ingetrokken."))
    with transaction.atomic():
        item = GkpItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        refusal = rules_gkp.withdraw_allowed(item.status, item.meeting.starts_at, now)
        if refusal:
            _refuse(refusal)
        item.status = GkpItemStatus.WITHDRAWN
        item.withdrawn_at = now
        item.withdrawn_by = professional_of(actor)
        item.withdrawal_reason = reason
        item.save(
            update_fields=[
                "status",
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_reason",
                "updated_at",
            ]
        )
        audit_write(
            actor,
            Action.UPDATE,
            item.werkproces.case,
            decision,
            object_type="werkproces.GkpItem",
            object_uuid=item.uuid,
            reason="GKP-agendapunt ingetrokken",
        )
    return item


def _outcome(
    *,
    actor,
    item_uuid,
    advice: str,
    ajh_kind: str,
    follow_up_by: Professional | None,
    correction_reason: str | None,
    now: datetime | None,
) -> GkpOutcome:
    correcting = correction_reason is not None
    item, decision = guards_gkp.item_get_for_outcome(actor=actor, item_uuid=item_uuid)
    now = now or timezone.now()
    errors: dict = {}
    advice = text(
        advice, "advice", errors, message=gettext("Schrijf het advies van het overleg op.")
    )
    if ajh_kind not in AjhKind.values:
        errors["ajh_kind"] = [gettext("Kies welke aanvullende jeugdhulp het overleg adviseert.")]
    allowed = {p.pk for p in selectors_gkp.follow_up_choices(item)}
    if follow_up_by is None or follow_up_by.pk not in allowed:
        errors["follow_up_by"] = [
            gettext("Kies wie het oppakt: de vragende professional of een AJH-verbinder.")
        ]
    if correcting:
        correction_reason = text(
            correction_reason,
            "reason",
            errors,
            minimum=rules.MIN_REASON,
            message=gettext(rules.NEEDS_REASON),
        )
    fail(errors, gettext("De uitkomst is niet vastgelegd."))
    try:
        with transaction.atomic():
            item = GkpItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
            refusal = rules_gkp.outcome_allowed(
                item.status,
                timezone.localtime(item.meeting.starts_at).date(),
                timezone.localtime(now).date(),
                correcting=correcting,
            )
            if refusal:
                _refuse(refusal)
            corrects = None
            if correcting:
                corrects = (
                    GkpOutcome.objects.filter(item=item, corrected_by__isnull=True)
                    .order_by("-recorded_at", "-pk")
                    .first()
                )
            outcome = GkpOutcome.objects.create(
                item=item,
                advice=advice,
                ajh_kind=ajh_kind,
                follow_up_by=follow_up_by,
                recorded_by=professional_of(actor),
                recorded_at=now,
                corrects=corrects,
                correction_reason=correction_reason or "",
            )
            if item.status != GkpItemStatus.DISCUSSED:
                item.status = GkpItemStatus.DISCUSSED
                item.save(update_fields=["status", "updated_at"])
            audit_write(
                actor,
                Action.CREATE,
                item.werkproces.case,
                decision,
                object_type="werkproces.GkpOutcome",
                object_uuid=outcome.uuid,
                reason="uitkomst GKP-overleg gecorrigeerd"
                if correcting
                else "uitkomst GKP-overleg",
            )
    except IntegrityError:  # recorded (or corrected) by a colleague at the same moment
        _refuse(rules_gkp.ALREADY_DISCUSSED)
    return outcome


def gkp_outcome_record(
    *,
    actor,
    item_uuid,
    advice: str,
    ajh_kind: str,
    follow_up_by: Professional | None,
    now: datetime | None = None,
) -> GkpOutcome:
    """The overleg's advice, the kind of AJH and who follows up: once per item."""
    return _outcome(
        actor=actor,
        item_uuid=item_uuid,
        advice=advice,
        ajh_kind=ajh_kind,
        follow_up_by=follow_up_by,
        correction_reason=None,
        now=now,
    )


def gkp_outcome_correct(
    *,
    actor,
    item_uuid,
    advice: str,
    ajh_kind: str,
    follow_up_by: Professional | None,
    reason: str,
    now: datetime | None = None,
) -> GkpOutcome:
    """A new outcome that replaces the standing one, with the reason; the old one is kept."""
    return _outcome(
        actor=actor,
        item_uuid=item_uuid,
        advice=advice,
        ajh_kind=ajh_kind,
        follow_up_by=follow_up_by,
        correction_reason=reason or "",
        now=now,
    )
