"""The only ways to get a question or a contact moment, and to take a step at the front door.

The questions and contact moments belong to the advisers' team as a whole, so the
basis is the role (`access.frontdoor`), not an involvement; every look is still
logged. Selectors and services both come through here and every function ends
in `access.door`, so a refusal is logged once, as the action that was attempted.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access import frontdoor as access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Basis
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.frontdoor.models import ContactMoment, Question
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects

QUESTIONS_ONLY = "Alleen opvoedadviseurs zien de vragen van ouders en jongeren."
CONTACTS_ONLY = "Alleen opvoedadviseurs registreren en zien contactmomenten."


def question_get_for_view(*, actor, question_uuid, action=Action.READ) -> Question:
    message = gettext("Deze vraag bestaat niet.")
    question = (
        Question.objects.select_related("topic", "assigned_to", "answered_by", "family")
        .filter(uuid=parse_uuid(question_uuid, message))
        .first()
    )
    if question is None:
        door.not_found(
            actor, object_type="frontdoor.Question", requested=question_uuid, message=message
        )
    door.look(
        actor,
        access.can_work_questions(actor),
        action=action,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
        message=gettext(QUESTIONS_ONLY),
    )
    return question


def contact_get_for_view(*, actor, contact_uuid) -> ContactMoment:
    message = gettext("Dit contactmoment bestaat niet.")
    moment = (
        ContactMoment.objects.select_related("location", "adviser", "family", "question")
        .prefetch_related("topics")
        .filter(uuid=parse_uuid(contact_uuid, message))
        .first()
    )
    if moment is None:
        door.not_found(
            actor, object_type="frontdoor.ContactMoment", requested=contact_uuid, message=message
        )
    door.look(
        actor,
        access.can_register_contact(actor),
        object_type="frontdoor.ContactMoment",
        object_uuid=moment.uuid,
        subjects=contact_subjects(moment),
        message=gettext(CONTACTS_ONLY),
    )
    return moment


def queue_allowed(*, actor) -> Decision:
    return door.require(
        actor,
        access.can_work_questions(actor),
        action=Action.SEARCH,
        object_type="frontdoor.Question",
        message=gettext(QUESTIONS_ONLY),
    )


def contacts_allowed(*, actor, action=Action.SEARCH) -> Decision:
    return door.require(
        actor,
        access.can_register_contact(actor),
        action=action,
        object_type="frontdoor.ContactMoment",
        message=gettext(CONTACTS_ONLY),
    )


def adviser_required(
    actor, *, action=Action.UPDATE, object_type="frontdoor.Question", object_uuid="", subjects=()
):
    """The acting opvoedadviseur; anyone else is refused (and logged) before any input is read."""
    door.require(
        actor,
        access.can_work_questions(actor),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=subjects,
        message=gettext("Alleen opvoedadviseurs werken met vragen en contactmomenten."),
    )
    return access.adviser_of(actor)


def question_holder_allowed(*, actor, question: Question, adviser) -> Decision:
    """Only the adviser who has the question answers it or gives it back to the queue; a
    colleague takes it over by a hand-over. A question nobody has picked up is free."""
    holds_it = question.assigned_to_id is None or question.assigned_to_id == adviser.pk
    return door.require(
        actor,
        Decision(True, Basis.ROLE)
        if holds_it
        else Decision(False, Basis.NONE, "vraag is bij een collega"),
        action=Action.UPDATE,
        object_type="frontdoor.Question",
        object_uuid=question.uuid,
        subjects=question_subjects(question),
        message=gettext(
            "Een collega heeft deze vraag opgepakt. Vraag of die de vraag aan u overdraagt."
        ),
    )


def more_help_allowed(*, actor, object_type: str, object_uuid, subjects):
    """'Meer hulp regelen' registers a family: the adviser role and the right to register."""
    door.require(
        actor,
        access.can_arrange_more_help(actor),
        action=Action.CREATE,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=subjects,
        message=gettext("Alleen opvoedadviseurs regelen vanuit hier meer hulp."),
    )
    return access.adviser_of(actor)


def frontdoor_manage_allowed(*, actor, object_type: str, action=Action.UPDATE, object_uuid=""):
    """Locations, hours, exceptions and topics: the functioneel beheerder."""
    return door.require(
        actor,
        access.frontdoor_manage_decision(actor),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        message=gettext("Alleen de functioneel beheerder beheert locaties, tijden en onderwerpen."),
    )


def schedule_allowed(*, actor):
    """Who staffs which walk-in hour: the advisers themselves and beheer."""
    return door.require(
        actor,
        access.schedule_decision(actor),
        action=Action.READ,
        object_type="frontdoor.Schedule",
        message=gettext("Het rooster is voor opvoedadviseurs en beheer."),
    )
