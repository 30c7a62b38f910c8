"""The public question and the advisers' queue: submit, pick up, answer (mailed after commit), hand over, close."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.inserts import insert_one
from ketenzorg.frontdoor import guards, rules
from ketenzorg.frontdoor.models import (
    AskerKind,
    Channel,
    ContactMoment,
    ContactOutcome,
    Location,
    LocationKind,
    Question,
    QuestionStatus,
    Topic,
)
from ketenzorg.frontdoor.services.limits import (
    RateLimited,
    rate_limited_message,
    submission_count,
    submission_limit_check,
)
from ketenzorg.frontdoor.subjects import question_subjects
from ketenzorg.network.models import Professional

logger = logging.getLogger(__name__)

# --- the public question -------------------------------------------------------------------


@dataclass
class QuestionInput:
    topic: Topic | None
    text: str
    child_age: int | None
    consent: bool
    email: str = ""
    name: str = ""
    asker_kind: str = AskerKind.PARENT
    honeypot: str = ""


def _validate_question(data: QuestionInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    text = data.text.strip()
    if data.topic is None or not data.topic.is_active:
        errors["topic"] = [gettext("Kies een onderwerp.")]
    if len(text) < rules.QUESTION_MIN_LENGTH:
        errors["text"] = [
            gettext("Beschrijf uw vraag in minstens %(n)d tekens.")
            % {"n": rules.QUESTION_MIN_LENGTH}
        ]
    elif len(text) > rules.QUESTION_MAX_LENGTH:
        errors["text"] = [
            gettext(
                "Uw vraag is te lang: hooguit %(n)d tekens. Maak hem wat korter; wat u typte staat er nog."
            )
            % {"n": rules.QUESTION_MAX_LENGTH}
        ]
    if data.child_age is None or not 0 <= data.child_age <= rules.CHILD_MAX_AGE:
        errors["child_age"] = [
            gettext("Vul de leeftijd van het kind in jaren in (0 tot en met %(max)d).")
            % {"max": rules.CHILD_MAX_AGE}
        ]
    if len(data.name.strip()) > rules.NAME_MAX_LENGTH:
        errors["name"] = [
            gettext("Een naam is hooguit %(n)d tekens.") % {"n": rules.NAME_MAX_LENGTH}
        ]
    if data.asker_kind not in AskerKind.values:
        errors["asker_kind"] = [gettext("Kies of u ouder of jongere bent.")]
    if not data.consent:
        errors["consent"] = [
            gettext(
                "Zonder uw toestemming kunnen we uw vraag niet in behandeling nemen. Lees de privacyverklaring."
            )
        ]
    return errors


REFERENCE_ATTEMPTS = 20


def question_submit(*, data: QuestionInput, address: str) -> Question:
    """A parent or youth asks a question. No login; protected by a honeypot and a limit per address.

    Validation errors are not counted against the limit, so a parent who mistypes is never
    shut out; accepted questions and honeypot hits are.
    """
    if data.honeypot.strip():
        submission_count(address=address)
        door.log_blocked(
            None, action=Action.CREATE, object_type="frontdoor.Question", reason="honeypot gevuld"
        )
        raise ValidationFailed(
            gettext(
                "Uw vraag is niet verstuurd: het verborgen veld 'Laat dit veld leeg' was ingevuld. Maak het leeg en "
                "verstuur opnieuw."
            )
        )
    limit = submission_limit_check(address=address)
    if not limit.allowed:
        door.log_blocked(
            None, action=Action.CREATE, object_type="frontdoor.Question", reason="limiet per adres"
        )
        raise RateLimited(rate_limited_message(), retry_after=limit.retry_after)
    errors = _validate_question(data)
    if errors:
        raise ValidationFailed(
            gettext("Uw vraag is nog niet verstuurd: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    with transaction.atomic():
        # A reference another question already has is left to the unique index: the insert
        # writes nothing and a new reference is drawn (one in 32^8: practically never).
        for _ in range(REFERENCE_ATTEMPTS):
            question = insert_one(
                Question(
                    reference=rules.new_reference(),
                    asker_kind=data.asker_kind,
                    topic=data.topic,
                    text=data.text.strip(),
                    child_age=data.child_age,
                    name=data.name.strip(),
                    email=data.email.strip().lower(),
                    consent_at=timezone.now(),
                    privacy_notice_version=rules.PRIVACY_NOTICE_VERSION,
                ),
                unless_taken="reference",
            )
            if question is not None:
                break
        else:
            raise RuntimeError(f"geen vrij kenmerk na {REFERENCE_ATTEMPTS} pogingen")
        submission_count(address=address)
        audit_record(
            actor=None,
            action=Action.CREATE,
            object_type="frontdoor.Question",
            object_uuid=question.uuid,
            subjects=question_subjects(question),
            basis=Basis.CONSENT,
        )
    return question


# --- the advisers' queue -------------------------------------------------------------------


def require_action(question: Question, action: str) -> None:
    if not rules.question_action_allowed(question.status, action):
        raise Conflict(
            gettext("Dit kan niet bij een vraag met status '%(status)s'.")
            % {"status": question.get_status_display()}
        )


def audit_question(actor, question: Question, *, action=Action.UPDATE, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
        basis=Basis.ROLE,
        reason=reason,
    )


def locked_question(question: Question) -> Question:
    """Re-read the row under lock, so two advisers never both pick up or answer one question."""
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("topic", "assigned_to", "family")
        .get(pk=question.pk)
    )


def question_pick_up(*, actor, question: Question) -> Question:
    adviser = guards.adviser_required(
        actor, object_uuid=question.uuid, subjects=question_subjects(question)
    )
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "pick_up")
        question.status = QuestionStatus.ASSIGNED
        question.assigned_to = adviser
        question.save(update_fields=["status", "assigned_to", "updated_at"])
        audit_question(actor, question, reason="opgepakt")
    return question


def question_answer(*, actor, question: Question, answer: str) -> Question:
    """Store the answer, record the online contact moment and e-mail the answer after commit."""
    adviser = guards.adviser_required(
        actor, object_uuid=question.uuid, subjects=question_subjects(question)
    )
    guards.question_holder_allowed(actor=actor, question=question, adviser=adviser)
    answer = (answer or "").strip()
    if not answer:
        message = gettext("Schrijf een antwoord.")
        raise ValidationFailed(message, field_errors={"answer": [message]})
    if len(answer) > rules.ANSWER_MAX_LENGTH:
        message = gettext("Een antwoord is hooguit %(n)d tekens.") % {"n": rules.ANSWER_MAX_LENGTH}
        raise ValidationFailed(message, field_errors={"answer": [message]})
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "answer")
        if question.assigned_to_id not in (None, adviser.pk):
            raise Conflict(gettext("Een collega heeft deze vraag intussen opgepakt."))
        now = timezone.now()
        question.status = QuestionStatus.ANSWERED
        question.assigned_to = question.assigned_to or adviser
        question.answer = answer
        question.answered_by = adviser
        question.answered_at = now
        question.save()
        moment = ContactMoment.objects.create(
            channel=Channel.ONLINE,
            adviser=adviser,
            occurred_at=now,
            age_group=rules.age_group_for(question.child_age),
            advice=answer,
            outcome=ContactOutcome.ADVICE,
            question=question,
        )
        moment.topics.set([question.topic])
        audit_question(actor, question, reason="beantwoord")
        if question.email:
            transaction.on_commit(lambda: send_answer_email(question_id=question.pk))
    return question


def answer_email_text(question: Question) -> tuple[str, str]:
    """Subject and body of the answer e-mail.

    Only what the asker needs: the reference and the answer. Not their name, not their
    question, not the child's age, not the adviser's name: an e-mail may be read by others.
    """
    phone = (
        Location.objects.filter(kind=LocationKind.PHONE, is_active=True)
        .values_list("phone_number", flat=True)
        .first()
    )
    subject = gettext("Antwoord op uw vraag %(reference)s") % {"reference": question.reference}
    lines = [
        gettext("Hallo,"),
        "",
        gettext(
            "U stelde online een vraag aan het Centrum voor Jeugd en Gezin. Dit is het antwoord van onze opvoedadviseur:"
        ),
        "",
        question.answer,
        "",
        gettext("Kenmerk van uw vraag: %(reference)s") % {"reference": question.reference},
    ]
    if phone:
        lines.append(
            gettext(
                "Wilt u verder praten? Bel %(phone)s op werkdagen van 9.00 tot 16.30 uur, of kom langs op een inloopspreekuur."
            )
            % {"phone": phone}
        )
    lines += ["", gettext("Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.")]
    return subject, "\n".join(lines)


def send_answer_email(*, question_id: int) -> bool:
    """Send the answer; a failure is recorded on the question (the adviser sees it), never raised."""
    question = Question.objects.get(pk=question_id)
    if not question.email or question.answer_emailed_at:
        return False
    subject, body = answer_email_text(question)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [question.email])
    except Exception:  # SMTP can fail in many ways; the answer is stored either way
        logger.exception("antwoordmail voor vraag %s niet verstuurd", question.reference)
        Question.objects.filter(pk=question.pk).update(answer_email_failed=True)
        return False
    Question.objects.filter(pk=question.pk).update(
        answer_emailed_at=timezone.now(), answer_email_failed=False
    )
    return True


def advisers_for_handover(*, exclude: Professional | None = None):
    qs = Professional.objects.filter(
        is_active=True, role_assignments__role__in=access.ADVICE_ROLES
    ).distinct()
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("last_name", "first_name")


def question_hand_over(
    *, actor, question: Question, to_professional_uuid, note: str = ""
) -> Question:
    guards.adviser_required(actor, object_uuid=question.uuid, subjects=question_subjects(question))
    colleague = (
        Professional.objects.filter(uuid=to_professional_uuid).first()
        if to_professional_uuid
        else None
    )
    if not access.can_be_assigned(colleague):
        message = gettext("Kies een collega-opvoedadviseur.")
        raise ValidationFailed(message, field_errors={"to": [message]})
    if len(note or "") > 500:
        message = gettext("Een overdrachtsnotitie is hooguit 500 tekens.")
        raise ValidationFailed(message, field_errors={"note": [message]})
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "hand_over")
        if question.assigned_to_id == colleague.pk:
            message = gettext("Deze collega behandelt de vraag al.")
            raise ValidationFailed(message, field_errors={"to": [message]})
        question.assigned_to = colleague
        question.handover_note = (note or "").strip()
        question.save(update_fields=["assigned_to", "handover_note", "updated_at"])
        audit_question(actor, question, reason="overgedragen aan collega")
    return question


def question_release(*, actor, question: Question) -> Question:
    """Give a picked-up question back to the queue, so that any colleague can take it."""
    adviser = guards.adviser_required(
        actor, object_uuid=question.uuid, subjects=question_subjects(question)
    )
    guards.question_holder_allowed(actor=actor, question=question, adviser=adviser)
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "release")
        if question.assigned_to_id != adviser.pk:
            raise Conflict(gettext("Een collega heeft deze vraag intussen overgenomen."))
        question.status = QuestionStatus.NEW
        question.assigned_to = None
        question.handover_note = ""
        question.save(update_fields=["status", "assigned_to", "handover_note", "updated_at"])
        audit_question(actor, question, reason="teruggezet in de wachtrij")
    return question


def question_close(*, actor, question: Question) -> Question:
    """Close a question; its contact details have served their purpose and are removed."""
    guards.adviser_required(actor, object_uuid=question.uuid, subjects=question_subjects(question))
    with transaction.atomic():
        question = locked_question(question)
        require_action(question, "close")
        question.status = QuestionStatus.CLOSED
        question.closed_at = timezone.now()
        question.name = ""
        question.email = ""
        question.save()
        audit_question(actor, question, reason="gesloten; contactgegevens verwijderd")
    return question
