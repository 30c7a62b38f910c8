"""'Meer hulp regelen': a question or contact moment becomes a family (the adviser involved) and its case, in one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination import services as coordination_services
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.families import services as family_services
from ketenzorg.families.services import MemberInput
from ketenzorg.frontdoor import guards, rules
from ketenzorg.frontdoor.models import (
    Channel,
    ContactMoment,
    ContactOutcome,
    Question,
    QuestionStatus,
)
from ketenzorg.frontdoor.services.questions import audit_question, locked_question, require_action
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects
from ketenzorg.network.models import District

logger = logging.getLogger(__name__)


# --- meer hulp regelen -----------------------------------------------------------------------


@dataclass
class MoreHelpInput:
    family_name: str
    members: list[MemberInput] = field(default_factory=list)
    postcode: str = ""
    house_number: str = ""
    reason: str = ""


def _validate_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 10 or len(reason) > 1000:
        message = gettext("Beschrijf in 10 tot 1000 tekens waarom meer hulp nodig is.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    return reason


def _register_family(actor, data: MoreHelpInput):
    return family_services.family_register(
        actor=actor,
        name=data.family_name,
        members=data.members,
        postcode=data.postcode,
        house_number=data.house_number,
        district=_district_for(data.postcode),
    )


def _district_for(postcode: str) -> District | None:
    digits = rules.postcode_digits(postcode or "")
    if not digits:
        return None
    for district in District.objects.exclude(postcode_prefixes="").order_by("-kind"):
        if digits in {p.strip() for p in district.postcode_prefixes.split(",")}:
            return district
    return None


def question_more_help(*, actor, question: Question, data: MoreHelpInput):
    """Turn a question into a family (the adviser becomes involved) and, if possible, a case."""
    guards.more_help_allowed(
        actor=actor,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
    )
    adviser = access.adviser_of(actor)
    require_action(question, "more_help")
    reason = _validate_reason(data.reason)
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "more_help")
        family = _register_family(actor, data)
        now = timezone.now()
        question.family = family
        question.status = QuestionStatus.CLOSED
        question.closed_at = now
        question.assigned_to = question.assigned_to or adviser
        question.save()
        moment = ContactMoment.objects.filter(question=question).first()
        if moment is None:
            moment = ContactMoment.objects.create(
                channel=Channel.ONLINE,
                adviser=adviser,
                occurred_at=now,
                age_group=rules.age_group_for(question.child_age),
                question=question,
            )
            moment.topics.set([question.topic])
        moment.outcome = ContactOutcome.MORE_HELP
        moment.family = family
        moment.save(update_fields=["outcome", "family", "updated_at"])
        audit_question(actor, question, reason="meer hulp geregeld; gezin geregistreerd")
        case = coordination_services.case_open(actor=actor, family=family, reason=reason)
    return family, case


def contact_more_help(*, actor, moment: ContactMoment, data: MoreHelpInput):
    guards.more_help_allowed(
        actor=actor,
        object_type="frontdoor.ContactMoment",
        object_uuid=moment.uuid,
        subjects=contact_subjects(moment),
    )
    if moment.family_id:
        raise Conflict(gettext("Voor dit contactmoment is al meer hulp geregeld."))
    reason = _validate_reason(data.reason)
    with transaction.atomic():
        moment = ContactMoment.objects.select_for_update().get(pk=moment.pk)
        if moment.family_id:
            raise Conflict(gettext("Voor dit contactmoment is al meer hulp geregeld."))
        family = _register_family(actor, data)
        moment.family = family
        moment.outcome = ContactOutcome.MORE_HELP
        moment.save(update_fields=["family", "outcome", "updated_at"])
        if moment.question_id:
            Question.objects.filter(pk=moment.question_id, family__isnull=True).update(
                family=family, status=QuestionStatus.CLOSED, closed_at=timezone.now()
            )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="frontdoor.ContactMoment",
            object_uuid=moment.uuid,
            subjects=contact_subjects(moment),
            basis=Basis.ROLE,
            reason="meer hulp geregeld; gezin geregistreerd",
        )
        case = coordination_services.case_open(actor=actor, family=family, reason=reason)
    return family, case
