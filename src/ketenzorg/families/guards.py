"""The only ways to get a family or a person, and to take a step on one.

Selectors and services both come through here (the way Zulip's
`access_stream_by_id` is the only way to a stream), so a page or a step cannot
skip need-to-know: each function asks `access.policy` and goes through
`access.door`, which logs the look or the refusal.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext

from ketenzorg.access import door, policy
from ketenzorg.access.models import EmergencyAccess
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject
from ketenzorg.core.errors import NotFound
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Family, Involvement, Person

NOT_INVOLVED = "U bent niet betrokken bij dit gezin."


def family_subjects(family: Family) -> list[Subject]:
    # `all()`, not `values_list`: the family page has its members prefetched already.
    return [Subject("family", family.uuid)] + [
        Subject("person", m.uuid) for m in family.members.all()
    ]


# Compiled once per process (`core.prepared`): the family page and every look at a family.
_FAMILY = PreparedQuery(
    lambda family_uuid: (
        Family.objects.filter(uuid=family_uuid)
        .select_related("district", "registered_by")
        .prefetch_related(
            "members",
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related(
                    "professional", "organisation", "person"
                ).order_by("started_on"),
            ),
        )
        .order_by("pk")[:1]
    ),
    name="family by uuid",
)


def family_get_for_view(*, actor, family_uuid, action=Action.READ) -> Family:
    """One family with its members and involvements, if the actor may see it; logged either way."""
    message = gettext("Dit gezin bestaat niet.")
    family = _FAMILY.first(parse_uuid(family_uuid, message))
    if family is None:
        door.not_found(actor, object_type="families.Family", requested=family_uuid, message=message)
    door.look(
        actor,
        policy.family_view_decision(actor, family),
        action=action,
        object_type="families.Family",
        object_uuid=family.uuid,
        subjects=family_subjects(family),
        message=gettext(
            "U bent niet betrokken bij dit gezin. Alleen betrokken professionals zien het dossier."
        ),
    )
    return family


def person_get_for_view(*, actor, person_uuid) -> Person:
    person = (
        Person.objects.select_related("family")
        .filter(uuid=parse_uuid(person_uuid, gettext("Deze persoon bestaat niet.")))
        .first()
    )
    if person is None:
        door.not_found(actor, object_type="families.Person", requested=person_uuid,
                       message=gettext("Deze persoon bestaat niet."))  # fmt: skip
    door.look(
        actor,
        policy.family_view_decision(actor, person.family),
        object_type="families.Person",
        object_uuid=person.uuid,
        subjects=[Subject("person", person.uuid), Subject("family", person.family.uuid)],
        message=gettext(NOT_INVOLVED),
    )
    return person


def family_change_allowed(
    *, actor, family: Family, object_type: str, object_uuid, action=Action.UPDATE
):
    """Changing a family's data: the same need-to-know as seeing it; a refusal is logged."""
    return door.require(
        actor,
        policy.family_change_decision(actor, family),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=[Subject("family", family.uuid)],
        message=gettext(NOT_INVOLVED),
    )


def family_register_allowed(*, actor):
    """Refused (and logged) before any input is looked at, so a refusal never reads as a typo."""
    return door.require(
        actor,
        policy.can_register_family(actor),
        action=Action.CREATE,
        object_type="families.Family",
        message=gettext("Uw rol mag geen gezinnen registreren."),
    )


def family_search_allowed(*, actor):
    """Roles that never see families are refused (and logged) before their input is looked at."""
    return door.require(
        actor,
        policy.client_data_decision(actor),
        action=Action.SEARCH,
        object_type="families.Family",
        message=gettext("Uw rol werkt niet met gezinsgegevens."),
    )


def emergency_access_allowed(*, actor, family: Family):
    return door.require(
        actor,
        policy.can_request_emergency_access(actor),
        action=Action.EMERGENCY,
        object_type="families.Family",
        object_uuid=family.uuid,
        subjects=[Subject("family", family.uuid)],
        message=gettext("Uw rol mag geen noodtoegang gebruiken."),
    )


def access_log_allowed(*, actor, action=Action.SEARCH, object_type="families.Person"):
    """The privacy officer's person search and access-log pages."""
    return door.require(
        actor,
        policy.access_log_decision(actor),
        action=action,
        object_type=object_type,
        message=gettext("Alleen de privacyfunctionaris kan het toegangslog inzien."),
    )


def person_get_for_access_log(*, actor, person_uuid) -> Person:
    """Any person's identity, for the privacy officer reviewing who looked at their data."""
    person = (
        Person.objects.select_related("family")
        .filter(uuid=parse_uuid(person_uuid, gettext("Deze persoon bestaat niet.")))
        .first()
    )
    if person is None:
        raise NotFound(gettext("Deze persoon bestaat niet."))
    door.look(
        actor,
        policy.access_log_decision(actor),
        object_type="audit.AccessLog",
        object_uuid=person.uuid,
        subjects=[Subject("person", person.uuid)],
        message=gettext("Alleen de privacyfunctionaris kan het toegangslog inzien."),
        reason="toegangslog van persoon",
    )
    return person


EMERGENCY_GRANT_TYPE = "access.EmergencyAccess"


def emergency_grant_get_for_privacy_officer(*, actor, grant_uuid, review: bool = False):
    """One break of the glass, for the privacy officer: to look at (`review=False`, the look is
    logged with the family and its members as subjects) or to review (a refusal is logged as the
    review that was attempted; the service logs the review itself).

    The role is checked before the id is looked up, so only a privacy officer can learn whether
    a grant exists; their unknown ids are logged as probes like every other.
    """
    action = Action.UPDATE if review else Action.READ
    access_log_allowed(actor=actor, action=action, object_type=EMERGENCY_GRANT_TYPE)
    message = gettext("Deze noodtoegang bestaat niet.")
    grant = (
        EmergencyAccess.objects.select_related("family")
        .filter(uuid=parse_uuid(grant_uuid, message))
        .first()
    )
    if grant is None:
        door.not_found(
            actor, object_type=EMERGENCY_GRANT_TYPE, requested=grant_uuid, message=message
        )
    if review:
        door.require(
            actor,
            policy.emergency_review_decision(actor, grant),
            action=action,
            object_type=EMERGENCY_GRANT_TYPE,
            object_uuid=grant.uuid,
            subjects=[Subject("family", grant.family.uuid)],
            message=gettext(
                "U kunt uw eigen noodtoegang niet beoordelen. Vraag een andere privacyfunctionaris."
            ),
        )
    else:
        door.look(
            actor,
            policy.access_log_decision(actor),
            object_type=EMERGENCY_GRANT_TYPE,
            object_uuid=grant.uuid,
            subjects=lambda: family_subjects(grant.family),
            message=gettext("Alleen de privacyfunctionaris kan het toegangslog inzien."),
            reason="noodtoegang bekeken",
        )
    return grant
