"""Every write at the front door: validated, in one transaction, audited.

Questions and contact moments may hold personal data, so their audit entries name the
question (or the family it was linked to) as subject; the content is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis, Outcome
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.families import services as family_services
from ketenzorg.families.services import MemberInput
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    AgeGroup,
    AskerKind,
    Channel,
    ContactMoment,
    ContactOutcome,
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Question,
    QuestionStatus,
    SubmissionWindow,
    Topic,
)
from ketenzorg.network.models import District, Professional

logger = logging.getLogger(__name__)


def question_subjects(question: Question) -> list[Subject]:
    """Whose data: the family once linked, otherwise the question itself (an unknown asker)."""
    subjects = [Subject("question", question.uuid)]
    if question.family_id:
        subjects.append(Subject("family", question.family.uuid))
    return subjects


def contact_subjects(moment: ContactMoment) -> list[Subject]:
    subjects = [Subject("contactmoment", moment.uuid)]
    if moment.family_id:
        subjects.append(Subject("family", moment.family.uuid))
    return subjects


def refuse(actor, *, action, object_type, object_uuid="", subjects=(), reason: str, message: str):
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=subjects,
        reason=reason,
    )
    raise AccessDenied(message)


def require_adviser(
    actor, *, action=Action.UPDATE, object_type="frontdoor.Question", object_uuid="", subjects=()
):
    """Refuse (and log) anyone but an opvoedadviseur, before any input is looked at."""
    decision = access.can_work_questions(actor)
    if not decision:
        refuse(
            actor,
            action=action,
            object_type=object_type,
            object_uuid=object_uuid,
            subjects=subjects,
            reason=decision.reason,
            message=gettext("Alleen opvoedadviseurs werken met vragen en contactmomenten."),
        )
    return access.adviser_of(actor)


def require_manager(actor, *, object_type: str, action=Action.UPDATE, object_uuid="") -> None:
    if not access.can_manage_frontdoor(actor):
        refuse(
            actor,
            action=action,
            object_type=object_type,
            object_uuid=object_uuid,
            reason="geen functioneel beheerder",
            message=gettext(
                "Alleen de functioneel beheerder beheert locaties, tijden en onderwerpen."
            ),
        )


# --- abuse limits on the public question form ---------------------------------------------


def address_key(address: str) -> str:
    """A keyed hash of the source address: enough to count, useless to identify."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"frontdoor-limit:{address}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LimitDecision:
    allowed: bool
    retry_after: int = 0


def submission_limit_check(*, address: str, now: datetime | None = None) -> LimitDecision:
    """May this address send another question in the current window?"""
    now = now or timezone.now()
    start = rules.window_start(now)
    count = (
        SubmissionWindow.objects.filter(key=address_key(address), window_start=start)
        .values_list("count", flat=True)
        .first()
        or 0
    )
    if count >= rules.QUESTIONS_PER_WINDOW:
        return LimitDecision(False, rules.retry_after_seconds(now))
    return LimitDecision(True)


def submission_count(*, address: str, now: datetime | None = None) -> None:
    """Count one submission (accepted or a honeypot hit) and forget windows older than a day."""
    now = now or timezone.now()
    start = rules.window_start(now)
    key = address_key(address)
    with transaction.atomic():
        updated = SubmissionWindow.objects.filter(key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    SubmissionWindow.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # a concurrent first submission created the row
                SubmissionWindow.objects.filter(key=key, window_start=start).update(
                    count=F("count") + 1
                )
        SubmissionWindow.objects.filter(window_start__lt=now - timedelta(days=1)).delete()


class RateLimited(ValidationFailed):
    status = 429
    title = "Te veel verzoeken"

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def rate_limited_message() -> str:
    return gettext(
        "Vanaf dit internetadres zijn het afgelopen uur al veel vragen gesteld. Uw vraag is daarom nog niet "
        "verstuurd. Probeer het over een uur opnieuw, of bel ons tijdens openingstijden."
    )


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


def question_submit(*, data: QuestionInput, address: str) -> Question:
    """A parent or youth asks a question. No login; protected by a honeypot and a limit per address.

    Validation errors are not counted against the limit, so a parent who mistypes is never
    shut out; accepted questions and honeypot hits are.
    """
    if data.honeypot.strip():
        submission_count(address=address)
        audit_record(
            actor=None,
            action=Action.CREATE,
            outcome=Outcome.DENIED,
            object_type="frontdoor.Question",
            reason="honeypot gevuld",
        )
        raise ValidationFailed(
            gettext(
                "Uw vraag is niet verstuurd: het verborgen veld 'Laat dit veld leeg' was ingevuld. Maak het leeg en "
                "verstuur opnieuw."
            )
        )
    limit = submission_limit_check(address=address)
    if not limit.allowed:
        audit_record(
            actor=None,
            action=Action.CREATE,
            outcome=Outcome.DENIED,
            object_type="frontdoor.Question",
            reason="limiet per adres",
        )
        raise RateLimited(rate_limited_message(), retry_after=limit.retry_after)
    errors = _validate_question(data)
    if errors:
        raise ValidationFailed(
            gettext("Uw vraag is nog niet verstuurd: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    with transaction.atomic():
        for _ in range(5):
            reference = rules.new_reference()
            if not Question.objects.filter(reference=reference).exists():
                break
        question = Question.objects.create(
            reference=reference,
            asker_kind=data.asker_kind,
            topic=data.topic,
            text=data.text.strip(),
            child_age=data.child_age,
            name=data.name.strip(),
            email=data.email.strip().lower(),
            consent_at=timezone.now(),
            privacy_notice_version=rules.PRIVACY_NOTICE_VERSION,
        )
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


def _require_action(question: Question, action: str) -> None:
    if not rules.question_action_allowed(question.status, action):
        raise Conflict(
            gettext("Dit kan niet bij een vraag met status '%(status)s'.")
            % {"status": question.get_status_display()}
        )


def _audit_question(actor, question: Question, *, action=Action.UPDATE, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
        basis=Basis.ROLE,
        reason=reason,
    )


def _locked(question: Question) -> Question:
    """Re-read the row under lock, so two advisers never both pick up or answer one question."""
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("topic", "assigned_to", "family")
        .get(pk=question.pk)
    )


def question_pick_up(*, actor, question: Question) -> Question:
    adviser = require_adviser(
        actor, object_uuid=question.uuid, subjects=question_subjects(question)
    )
    with transaction.atomic():
        question = _locked(question)
        _require_action(question, "pick_up")
        question.status = QuestionStatus.ASSIGNED
        question.assigned_to = adviser
        question.save(update_fields=["status", "assigned_to", "updated_at"])
        _audit_question(actor, question, reason="opgepakt")
    return question


def question_answer(*, actor, question: Question, answer: str) -> Question:
    """Store the answer, record the online contact moment and e-mail the answer after commit."""
    adviser = require_adviser(
        actor, object_uuid=question.uuid, subjects=question_subjects(question)
    )
    answer = (answer or "").strip()
    if not answer:
        message = gettext("Schrijf een antwoord.")
        raise ValidationFailed(message, field_errors={"answer": [message]})
    if len(answer) > rules.ANSWER_MAX_LENGTH:
        message = gettext("Een antwoord is hooguit %(n)d tekens.") % {"n": rules.ANSWER_MAX_LENGTH}
        raise ValidationFailed(message, field_errors={"answer": [message]})
    with transaction.atomic():
        question = _locked(question)
        _require_action(question, "answer")
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
        _audit_question(actor, question, reason="beantwoord")
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
    require_adviser(actor, object_uuid=question.uuid, subjects=question_subjects(question))
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
        question = _locked(question)
        _require_action(question, "hand_over")
        if question.assigned_to_id == colleague.pk:
            message = gettext("Deze collega behandelt de vraag al.")
            raise ValidationFailed(message, field_errors={"to": [message]})
        question.assigned_to = colleague
        question.handover_note = (note or "").strip()
        question.save(update_fields=["assigned_to", "handover_note", "updated_at"])
        _audit_question(actor, question, reason="overgedragen aan collega")
    return question


def question_close(*, actor, question: Question) -> Question:
    """Close a question; its contact details have served their purpose and are removed."""
    require_adviser(actor, object_uuid=question.uuid, subjects=question_subjects(question))
    with transaction.atomic():
        question = _locked(question)
        _require_action(question, "close")
        question.status = QuestionStatus.CLOSED
        question.closed_at = timezone.now()
        question.name = ""
        question.email = ""
        question.save()
        _audit_question(actor, question, reason="gesloten; contactgegevens verwijderd")
    return question


# --- meer hulp regelen -----------------------------------------------------------------------


@dataclass
class MoreHelpInput:
    family_name: str
    members: list[MemberInput] = field(default_factory=list)
    postcode: str = ""
    house_number: str = ""
    reason: str = ""


def _require_more_help(actor, *, object_type: str, object_uuid, subjects) -> Professional:
    decision = access.can_arrange_more_help(actor)
    if not decision:
        refuse(
            actor,
            action=Action.CREATE,
            object_type=object_type,
            object_uuid=object_uuid,
            subjects=subjects,
            reason=decision.reason,
            message=gettext("Alleen opvoedadviseurs regelen vanuit hier meer hulp."),
        )
    return access.adviser_of(actor)


def _validate_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 10 or len(reason) > 1000:
        message = gettext("Beschrijf in 10 tot 1000 tekens waarom meer hulp nodig is.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    return reason


def open_case_if_available(*, actor, family, reason: str):
    """Open the family's case when the coordination app offers `case_open`; else leave it.

    The case belongs to `ketenzorg.coordination`. Until it exists the family is registered
    (and the adviser involved), so the case can be opened from the family later.
    """
    try:
        from ketenzorg.coordination import services as coordination_services
    except ImportError:
        return None
    case_open = getattr(coordination_services, "case_open", None)
    if not callable(case_open):
        return None
    return case_open(actor=actor, family=family, reason=reason)


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
    _require_more_help(
        actor,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
    )
    adviser = access.adviser_of(actor)
    _require_action(question, "more_help")
    reason = _validate_reason(data.reason)
    with transaction.atomic():
        question = _locked(question)
        _require_action(question, "more_help")
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
        _audit_question(actor, question, reason="meer hulp geregeld; gezin geregistreerd")
        case = open_case_if_available(actor=actor, family=family, reason=reason)
    return family, case


def contact_more_help(*, actor, moment: ContactMoment, data: MoreHelpInput):
    _require_more_help(
        actor,
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
        case = open_case_if_available(actor=actor, family=family, reason=reason)
    return family, case


# --- contact moments -------------------------------------------------------------------------


@dataclass
class ContactInput:
    channel: str
    topics: list[Topic]
    age_group: str = AgeGroup.UNKNOWN
    outcome: str = ContactOutcome.ADVICE
    advice: str = ""
    location: Location | None = None
    adviser: Professional | None = None  # defaults to the actor
    occurred_at: datetime | None = None
    visitor_name: str = ""


def contact_register(*, actor, data: ContactInput) -> ContactMoment:
    """Register a walk-in visit, call or online contact; a name is optional (anonymous advice)."""
    me = require_adviser(actor, action=Action.CREATE, object_type="frontdoor.ContactMoment")
    errors: dict[str, list[str]] = {}
    if data.channel not in Channel.values:
        errors["channel"] = [gettext("Kies het kanaal.")]
    if data.channel == Channel.WALK_IN and (
        data.location is None or data.location.kind != LocationKind.WALK_IN
    ):
        errors["location"] = [gettext("Kies het inloopspreekuur waar het contact was.")]
    if data.location is not None and not data.location.is_active:
        errors["location"] = [gettext("Deze locatie is niet meer actief.")]
    if not data.topics:
        errors["topics"] = [gettext("Kies ten minste één onderwerp.")]
    if data.age_group not in AgeGroup.values:
        errors["age_group"] = [gettext("Kies een leeftijdsgroep.")]
    if data.outcome not in ContactOutcome.values:
        errors["outcome"] = [gettext("Kies een uitkomst.")]
    elif data.outcome == ContactOutcome.MORE_HELP:
        errors["outcome"] = [
            gettext(
                "Kies eerst 'alleen advies' of 'vervolgafspraak'; daarna regelt u meer hulp vanuit het contactmoment."
            )
        ]
    if len(data.advice or "") > 5000:
        errors["advice"] = [gettext("Het advies is hooguit 5000 tekens.")]
    if len(data.visitor_name or "") > 150:
        errors["visitor_name"] = [gettext("Een naam is hooguit 150 tekens.")]
    adviser = data.adviser or me
    if not access.can_be_assigned(adviser):
        errors["adviser"] = [gettext("Kies een opvoedadviseur.")]
    now = timezone.now()
    occurred_at = data.occurred_at or now
    if occurred_at > now + timedelta(minutes=5):
        errors["occurred_at"] = [gettext("Een contactmoment ligt niet in de toekomst.")]
    elif occurred_at < now - timedelta(days=60):
        errors["occurred_at"] = [gettext("Registreer contactmomenten binnen 60 dagen.")]
    if errors:
        raise ValidationFailed(
            gettext("Het contactmoment is niet opgeslagen: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    with transaction.atomic():
        moment = ContactMoment.objects.create(
            channel=data.channel,
            location=data.location,
            adviser=adviser,
            occurred_at=occurred_at,
            age_group=data.age_group,
            advice=(data.advice or "").strip(),
            outcome=data.outcome,
            visitor_name=(data.visitor_name or "").strip(),
        )
        moment.topics.set(data.topics)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="frontdoor.ContactMoment",
            object_uuid=moment.uuid,
            subjects=contact_subjects(moment),
            basis=Basis.ROLE,
        )
    return moment


# --- beheer: locations, hours, exceptions, topics -------------------------------------------------


@dataclass
class LocationInput:
    name: str
    kind: str = LocationKind.WALK_IN
    health_centre: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    district: District | None = None
    phone_number: str = ""
    directions: str = ""
    closed_on_holidays: bool = True
    is_active: bool = True


def _validate_location(data: LocationInput, *, exclude_pk=None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = [gettext("Vul een naam in.")]
    elif Location.objects.filter(name__iexact=data.name.strip()).exclude(pk=exclude_pk).exists():
        errors["name"] = [gettext("Er is al een locatie met deze naam.")]
    if data.kind not in LocationKind.values:
        errors["kind"] = [gettext("Kies de soort.")]
    if data.kind == LocationKind.WALK_IN:
        if not data.street.strip():
            errors["street"] = [gettext("Vul het adres van het inloopspreekuur in.")]
        if not rules.postcode_valid(data.postcode):
            errors["postcode"] = [
                gettext("Een postcode is vier cijfers en twee letters, bijv. 9911 AB.")
            ]
    if data.kind == LocationKind.PHONE and not data.phone_number.strip():
        errors["phone_number"] = [gettext("Vul het telefoonnummer in.")]
    return errors


def location_save(*, actor, data: LocationInput, location: Location | None = None) -> Location:
    require_manager(actor, object_type="frontdoor.Location", action=Action.UPDATE if location else Action.CREATE,
                    object_uuid=location.uuid if location else "")  # fmt: skip
    errors = _validate_location(data, exclude_pk=location.pk if location else None)
    if errors:
        raise ValidationFailed(
            gettext("De locatie is niet opgeslagen: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    postcode = rules.normalise_postcode(data.postcode)
    if rules.postcode_valid(postcode):
        postcode = f"{postcode[:4]} {postcode[4:]}"
    values = {
        "name": data.name.strip(),
        "kind": data.kind,
        "health_centre": data.health_centre.strip(),
        "street": data.street.strip(),
        "postcode": postcode,
        "city": data.city.strip(),
        "district": data.district,
        "phone_number": data.phone_number.strip(),
        "directions": data.directions.strip(),
        "closed_on_holidays": data.closed_on_holidays,
        "is_active": data.is_active,
    }
    with transaction.atomic():
        if location is None:
            location = Location.objects.create(**values)
            action = Action.CREATE
        else:
            for key, value in values.items():
                setattr(location, key, value)
            location.save()
            action = Action.UPDATE
        audit_record(
            actor=actor,
            action=action,
            object_type="frontdoor.Location",
            object_uuid=location.uuid,
            basis=Basis.ROLE,
        )
    return location


@dataclass(frozen=True)
class SlotInput:
    weekday: int
    opens: time
    closes: time
    adviser: Professional | None = None


def hours_replace(*, actor, location: Location, slots: list[SlotInput]) -> list[OpeningHours]:
    """Replace a location's week: simpler to reason about than editing slot by slot."""
    require_manager(actor, object_type="frontdoor.OpeningHours", object_uuid=location.uuid)
    errors: dict[str, list[str]] = {}
    for index, slot in enumerate(slots):
        if not 0 <= slot.weekday <= 6:
            errors.setdefault(f"slots-{index}-weekday", []).append(gettext("Kies een dag."))
        if not slot.opens < slot.closes:
            errors.setdefault(f"slots-{index}-closes", []).append(
                gettext("De eindtijd ligt na de begintijd.")
            )
        if slot.adviser is not None and not access.can_be_assigned(slot.adviser):
            errors.setdefault(f"slots-{index}-adviser", []).append(
                gettext("Kies een opvoedadviseur.")
            )
    by_day: dict[int, list[SlotInput]] = {}
    for slot in slots:
        by_day.setdefault(slot.weekday, []).append(slot)
    for day, day_slots in by_day.items():
        ordered = sorted(day_slots, key=lambda s: s.opens)
        if any(a.closes > b.opens for a, b in zip(ordered, ordered[1:], strict=False)):
            errors.setdefault("slots", []).append(
                gettext("Tijden op %(day)s overlappen.") % {"day": rules.WEEKDAY_NAMES[day]}
            )
    if errors:
        raise ValidationFailed(
            gettext("De openingstijden zijn niet opgeslagen: controleer de tijden."),
            field_errors=errors,
        )
    with transaction.atomic():
        location.hours.all().delete()
        created = OpeningHours.objects.bulk_create(
            OpeningHours(
                location=location,
                weekday=s.weekday,
                opens=s.opens,
                closes=s.closes,
                adviser=s.adviser,
            )
            for s in slots
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="frontdoor.OpeningHours",
            object_uuid=location.uuid,
            basis=Basis.ROLE,
        )
    return created


def exception_add(
    *, actor, location: Location, day: date | None, is_closed: bool, opens: time | None = None,
    closes: time | None = None, reason: str = "",
) -> OpeningException:  # fmt: skip
    require_manager(
        actor,
        object_type="frontdoor.OpeningException",
        action=Action.CREATE,
        object_uuid=location.uuid,
    )
    errors: dict[str, list[str]] = {}
    if day is None:
        errors["date"] = [gettext("Vul een datum in.")]
    elif day < timezone.localdate() - timedelta(days=1):
        errors["date"] = [gettext("Een uitzondering ligt vandaag of later.")]
    elif location.exceptions.filter(date=day).exists():
        errors["date"] = [gettext("Voor deze datum is al een uitzondering.")]
    if not is_closed and (opens is None or closes is None or not opens < closes):
        errors["closes"] = [
            gettext(
                "Vul bij afwijkende tijden een begin- en eindtijd in; de eindtijd ligt na de begintijd."
            )
        ]
    if len(reason or "") > 200:
        errors["reason"] = [gettext("Een reden is hooguit 200 tekens.")]
    if errors:
        raise ValidationFailed(gettext("De uitzondering is niet opgeslagen."), field_errors=errors)
    with transaction.atomic():
        exception = OpeningException.objects.create(
            location=location,
            date=day,
            is_closed=is_closed,
            opens=None if is_closed else opens,
            closes=None if is_closed else closes,
            reason=(reason or "").strip(),
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="frontdoor.OpeningException",
            object_uuid=exception.uuid,
            basis=Basis.ROLE,
        )
    return exception


def exception_delete(*, actor, exception: OpeningException) -> None:
    require_manager(
        actor,
        object_type="frontdoor.OpeningException",
        action=Action.DELETE,
        object_uuid=exception.uuid,
    )
    with transaction.atomic():
        uuid = exception.uuid
        exception.delete()
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type="frontdoor.OpeningException",
            object_uuid=uuid,
            basis=Basis.ROLE,
        )


def topic_save(*, actor, name: str, description: str = "", sort_order: int = 100, is_active: bool = True,
               topic: Topic | None = None) -> Topic:  # fmt: skip
    require_manager(actor, object_type="frontdoor.Topic", action=Action.UPDATE if topic else Action.CREATE,
                    object_uuid=topic.uuid if topic else "")  # fmt: skip
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        errors["name"] = [gettext("Vul een onderwerp in (hooguit 100 tekens).")]
    elif Topic.objects.filter(name__iexact=name).exclude(pk=topic.pk if topic else None).exists():
        errors["name"] = [gettext("Dit onderwerp bestaat al.")]
    if errors:
        raise ValidationFailed(gettext("Het onderwerp is niet opgeslagen."), field_errors=errors)
    with transaction.atomic():
        if topic is None:
            topic = Topic.objects.create(
                name=name,
                description=description.strip(),
                sort_order=sort_order,
                is_active=is_active,
            )
            action = Action.CREATE
        else:
            topic.name, topic.description, topic.sort_order, topic.is_active = (
                name,
                description.strip(),
                sort_order,
                is_active,
            )
            topic.save()
            action = Action.UPDATE
        audit_record(
            actor=actor,
            action=action,
            object_type="frontdoor.Topic",
            object_uuid=topic.uuid,
            basis=Basis.ROLE,
        )
    return topic
