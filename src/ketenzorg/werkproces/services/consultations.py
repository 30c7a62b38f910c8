"""Asking a meedenker, the meedenker's findings, and the joint evaluation of a consultation.

An identified consultation shares parts of the dossier with the meedenker; when the
meedenker works outside the asking professional's organisation that is a share outside
those directly involved, so the family's consent must cover it at that moment (Jeugdwet
7.3.11, `consent.selectors.consents_covering`). Anonymous consultations share only the
question and a summary without identifying data, and need no consent.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.consent.models import DossierPart, Purpose
from ketenzorg.consent.selectors import consents_covering
from ketenzorg.coordination.models import Case, EventKind
from ketenzorg.coordination.services import record_event
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.network.models import ExpertiseTag, Professional, Role
from ketenzorg.werkproces import guards, rules
from ketenzorg.werkproces.models import (
    Consultation,
    ConsultationEvaluation,
    ConsultationKind,
    ConsultationScope,
    Finding,
    MeedenkerExpectation,
)
from ketenzorg.werkproces.selectors import is_internal
from ketenzorg.werkproces.services._common import (
    audit_write,
    facts,
    fail,
    locked_werkproces,
    professional_of,
    refuse,
    text,
)

NO_CONSENT = (
    "Een consultatie op naam bij een meedenker buiten uw organisatie kan alleen met toestemming "
    "van het gezin voor dit doel, deze ontvanger en deze delen van het dossier. Leg die "
    "toestemming eerst vast, of consulteer anoniem."
)


def consultation_ask(
    *,
    actor,
    case: Case,
    kind: str,
    scope: str,
    meedenker: Professional,
    question: str,
    summary: str,
    expects_of_meedenker: str,
    expects_of_professional: str,
    ends_at: datetime,
    expertise: ExpertiseTag | None = None,
    identified: bool = False,
    shared_parts=(),
) -> Consultation:
    decision = guards.werkproces_change_allowed(actor=actor, case=case, action=Action.CREATE)
    professional = professional_of(actor)
    now = timezone.now()
    shared_parts = sorted(set(shared_parts))
    errors: dict = {}
    if kind not in ConsultationKind.values:
        errors["kind"] = [gettext("Kies meedenken of meedoen.")]
    if scope not in ConsultationScope.values:
        errors["scope"] = [gettext("Kies van wie de expertise komt.")]
    question = text(question, "question", errors, message=gettext("Schrijf de vraag op."))
    summary = text(
        summary,
        "summary",
        errors,
        message=gettext("Schrijf een samenvatting zonder namen, adressen of geboortedata."),
    )
    expects_of_meedenker = text(
        expects_of_meedenker,
        "expects_of_meedenker",
        errors,
        message=gettext("Schrijf op wat u van de meedenker verwacht."),
    )
    expects_of_professional = text(
        expects_of_professional,
        "expects_of_professional",
        errors,
        message=gettext("Schrijf op wat de meedenker van u verwacht."),
    )
    if meedenker is None or not meedenker.is_active or meedenker.pk == professional.pk:
        errors["meedenker"] = [gettext("Kies een actieve collega als meedenker.")]
    elif scope == rules.SCOPE_INTERNAL and not is_internal(professional, meedenker):
        errors["meedenker"] = [
            gettext("Binnen team of stadsdeel: kies een collega uit uw organisatie of stadsdeel.")
        ]
    elif scope == rules.SCOPE_AJH and not meedenker.has_role(Role.AJH_VERBINDER):
        errors["meedenker"] = [gettext("Kies een AJH-verbinder.")]
    if ends_at is None or ends_at <= now:
        errors["ends_at"] = [gettext("De consultatie loopt tot een moment in de toekomst.")]
    elif ends_at > now + rules.MAX_PERIOD:
        errors["ends_at"] = [gettext("Een consultatie loopt hoogstens drie maanden.")]
    if identified and (not shared_parts or not set(shared_parts) <= set(DossierPart.values)):
        errors["shared_parts"] = [gettext("Kies welke delen van het dossier u deelt.")]
    if not identified and shared_parts:
        errors["shared_parts"] = [gettext("Een anonieme consultatie deelt geen dossier.")]
    fail(errors, gettext("De consultatie is niet gevraagd."))
    with transaction.atomic():
        werkproces = locked_werkproces(case)
        refusal = rules.consultation_allowed(scope, facts(case, werkproces))
        if refusal:
            refuse(refusal)
        consents = []
        if identified and meedenker.organisation_id != professional.organisation_id:
            consents = consents_covering(
                family=case.family,
                purpose=Purpose.CONSULTATION,
                recipient=meedenker,
                parts=shared_parts,
            )
            if consents is None:
                message = gettext(NO_CONSENT)
                raise ValidationFailed(message, field_errors={"identified": [message]})
        consultation = Consultation.objects.create(
            werkproces=werkproces,
            kind=kind,
            scope=scope,
            asked_by=professional,
            meedenker=meedenker,
            expertise=expertise,
            question=question,
            summary=summary,
            expects_of_meedenker=expects_of_meedenker,
            expects_of_professional=expects_of_professional,
            identified=bool(identified),
            shared_parts=shared_parts if identified else [],
            starts_at=now,
            ends_at=ends_at,
            access_until=ends_at + rules.GRACE,
        )
        consultation.consents.set(consents)
        record_event(
            case,
            EventKind.WERKPROCES,
            professional,
            gettext("Consultatie gevraagd (%(kind)s, %(how)s) aan %(meedenker)s%(expertise)s")
            % {
                "kind": ConsultationKind(kind).label,
                "how": gettext("op naam") if identified else gettext("anoniem"),
                "meedenker": meedenker.full_name,
                "expertise": f": {expertise.name}" if expertise else "",
            },
        )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="werkproces.Consultation",
            object_uuid=consultation.uuid,
            reason="consultatie op naam" if identified else "consultatie anoniem",
        )
    return consultation


def finding_write(*, actor, consultation_uuid, text_value: str) -> Finding:
    """The meedenker writes findings into the dossier; more can follow, none is rewritten."""
    consultation, decision = guards.consultation_get_for_findings(
        actor=actor, consultation_uuid=consultation_uuid
    )
    errors: dict = {}
    value = text(text_value, "text", errors, message=gettext("Schrijf uw bevindingen op."))
    fail(errors, gettext("De bevindingen zijn niet vastgelegd."))
    with transaction.atomic():
        finding = Finding.objects.create(
            consultation=consultation,
            text=value,
            written_by=professional_of(actor) or consultation.meedenker,
            written_at=timezone.now(),
        )
        audit_write(
            actor,
            Action.CREATE,
            consultation.werkproces.case,
            decision,
            object_type="werkproces.Finding",
            object_uuid=finding.uuid,
            reason="bevindingen meedenker",
        )
    return finding


def finding_write_on_behalf(*, actor, consultation_uuid, text_value: str) -> Finding:
    """Findings of a meedenker without an account, recorded "namens" them by someone who
    works the case (the guard refuses it when the meedenker can write their own)."""
    consultation, decision = guards.consultation_get_for_findings_on_behalf(
        actor=actor, consultation_uuid=consultation_uuid
    )
    errors: dict = {}
    value = text(
        text_value, "text", errors, message=gettext("Schrijf de bevindingen van de meedenker op.")
    )
    fail(errors, gettext("De bevindingen zijn niet vastgelegd."))
    with transaction.atomic():
        finding = Finding.objects.create(
            consultation=consultation,
            text=value,
            written_by=professional_of(actor),
            on_behalf_of=consultation.meedenker,
            written_at=timezone.now(),
        )
        audit_write(
            actor,
            Action.CREATE,
            consultation.werkproces.case,
            decision,
            object_type="werkproces.Finding",
            object_uuid=finding.uuid,
            reason="bevindingen namens meedenker zonder account",
        )
    return finding


def meedenker_expectation_add(
    *, actor, consultation_uuid, agrees: bool, text_value: str
) -> MeedenkerExpectation:
    """The meedenker confirms what is expected of them and says what they expect back.

    Added, never rewritten: a later entry stands beside the earlier ones.
    """
    consultation, decision = guards.consultation_get_for_expectations(
        actor=actor, consultation_uuid=consultation_uuid
    )
    errors: dict = {}
    value = text(
        text_value,
        "text",
        errors,
        message=gettext("Schrijf op wat u van de professional verwacht."),
    )
    fail(errors, gettext("Uw verwachtingen zijn niet vastgelegd."))
    with transaction.atomic():
        expectation = MeedenkerExpectation.objects.create(
            consultation=consultation,
            agrees=bool(agrees),
            text=value,
            written_by=consultation.meedenker,
            written_at=timezone.now(),
        )
        audit_write(
            actor,
            Action.CREATE,
            consultation.werkproces.case,
            decision,
            object_type="werkproces.MeedenkerExpectation",
            object_uuid=expectation.uuid,
            reason="verwachtingen meedenker",
        )
    return expectation


def consultation_evaluate(
    *,
    actor,
    consultation_uuid,
    what_it_yielded: str,
    can_continue_with_existing: bool,
    additional_care_clear: bool,
    additional_care_which: str = "",
    meedenker_took_part: bool = True,
) -> ConsultationEvaluation:
    """The joint evaluation, after the findings: the seed's three questions, once."""
    consultation, decision = guards.consultation_get_for_change(
        actor=actor, consultation_uuid=consultation_uuid
    )
    errors: dict = {}
    what_it_yielded = text(
        what_it_yielded,
        "what_it_yielded",
        errors,
        message=gettext("Schrijf op wat de consultatie opleverde."),
    )
    additional_care_which = text(
        additional_care_which,
        "additional_care_which",
        errors,
        minimum=1 if additional_care_clear else 0,
        message=gettext("Schrijf op welke aanvullende jeugdhulp nodig is."),
    )
    fail(errors, gettext("De evaluatie is niet vastgelegd."))
    if not consultation.werkproces.case.is_open:
        refuse(rules.CASE_CLOSED)
    if not consultation.findings.exists():
        raise Conflict(gettext("Evalueer samen nadat de meedenker de bevindingen schreef."))
    try:
        with transaction.atomic():
            evaluation = ConsultationEvaluation.objects.create(
                consultation=consultation,
                what_it_yielded=what_it_yielded,
                can_continue_with_existing=bool(can_continue_with_existing),
                additional_care_clear=bool(additional_care_clear),
                additional_care_which=additional_care_which,
                meedenker_took_part=bool(meedenker_took_part),
                recorded_by=professional_of(actor),
                recorded_at=timezone.now(),
            )
            record_event(
                consultation.werkproces.case,
                EventKind.WERKPROCES,
                evaluation.recorded_by,
                _evaluation_line(consultation, evaluation),
            )
            audit_write(
                actor,
                Action.CREATE,
                consultation.werkproces.case,
                decision,
                object_type="werkproces.ConsultationEvaluation",
                object_uuid=evaluation.uuid,
                reason="gezamenlijke evaluatie",
            )
    except IntegrityError:
        raise Conflict(gettext("Deze consultatie is al geëvalueerd.")) from None
    return evaluation


def _evaluation_line(consultation: Consultation, evaluation: ConsultationEvaluation) -> str:
    """The case history's line: the outcome in a few words, the details stay on the consultation."""
    if evaluation.additional_care_clear:
        outcome = gettext("aanvullende jeugdhulp nodig: %(which)s") % {
            "which": evaluation.additional_care_which
        }
    elif evaluation.can_continue_with_existing:
        outcome = gettext("het gezin kan verder met de bestaande ondersteuning")
    else:
        outcome = gettext("nog niet duidelijk welke hulp nodig is")
    return gettext("Consultatie met %(meedenker)s gezamenlijk geëvalueerd: %(outcome)s") % {
        "meedenker": consultation.meedenker.full_name,
        "outcome": outcome,
    }
