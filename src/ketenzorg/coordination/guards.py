"""The only ways to get a case (or a meeting, agreement, signal of it) and to take a step on it.

Selectors and services both come through here, so no page and no step can skip
need-to-know: each function asks `access.coordination` and goes through
`access.door`, which logs the look, or the refusal as the attempted action.
A case is checked before any input is read, so a refused user never reads a
validation message as a hint.
"""

from __future__ import annotations

import functools

from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.access import door, policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject
from ketenzorg.coordination.models import Agreement, Case, Meeting, StagnationSignal
from ketenzorg.coordination.subjects import MEMBERS_OF_CASE, case_subjects
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.network.models import Professional

NOT_INVOLVED = "U bent niet betrokken bij dit gezin en coördineert deze casus niet."


_CASE = PreparedQuery(
    lambda case_uuid: Case.objects.select_related(
        "family", "opened_by", "crisis_started_by"
    ).filter(uuid=case_uuid)[:1],
    name="case by uuid",
)


def case_found(actor, case_uuid) -> Case:
    """The case by its uuid before any look at it (a missing one is logged): for a guard of
    a part of the case that decides and logs the look itself, so that a page showing that
    part logs one look, not one at the case and one at the part."""
    message = gettext("Deze casus bestaat niet.")
    uuid_value = parse_uuid(case_uuid, message)
    # What the look asks next, by the same uuid: the family's members (the entry's subjects,
    # and the page's) and whether the professional is involved; one round trip on PostgreSQL.
    calls = [(_CASE, uuid_value), (MEMBERS_OF_CASE, uuid_value)]
    professional, today = policy.client_professional_of(actor), timezone.localdate()
    if professional is not None:
        calls.append((policy.INVOLVED_IN_CASE, uuid_value, professional.pk, today))
    found, members, *involved = together(*calls)
    if not found:
        door.not_found(actor, object_type="coordination.Case", requested=case_uuid, message=message)
    case = found[0]
    case._members = members
    if involved:
        policy.remember_involvement(case.family, professional.pk, today, bool(involved[0]))
    return case


def case_view_allowed(
    *,
    actor,
    case: Case,
    action=Action.READ,
    object_type="coordination.Case",
    object_uuid=None,
    reason="",
) -> Decision:
    """A look at (part of) a case: logged, allowed or refused."""
    return door.look(
        actor,
        access.case_view_decision(actor, case),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid or case.uuid,
        subjects=lambda: case_subjects(case),
        reason=reason,
        message=gettext(
            "U bent niet betrokken bij dit gezin en coördineert deze casus niet. Alleen zij zien de casus."
        ),
    )


def case_change_allowed(
    *, actor, case: Case, action=Action.UPDATE, object_type="coordination.Case", object_uuid=None
) -> Decision:
    """Working on the case: refused and logged as the attempted action; allowed logs nothing here.

    A case that `case_get_for_change` found for this actor in this request was checked there,
    a moment before the service asks again: its decision is reused rather than looked up
    twice (an API write paid the need-to-know query twice). A case obtained any other way (a
    screen's look, a background pass) is checked here."""
    checked = getattr(case, "_change_checked", None)
    if checked is not None and checked[0] == actor.pk:
        return checked[1]
    return door.require(
        actor,
        access.case_change_decision(actor, case),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid or case.uuid,
        subjects=lambda: case_subjects(case),
        message=gettext(NOT_INVOLVED),
    )


def case_get_for_view(*, actor, case_uuid, action=Action.READ) -> Case:
    case = case_found(actor, case_uuid)
    case_view_allowed(actor=actor, case=case, action=action)
    return case


def case_get_for_change(*, actor, case_uuid) -> Case:
    """The case a write is about: refused (and logged) before its input is read.

    When the actor may work on it nothing is logged here: the service logs the write
    itself, in the write's transaction (decision 0008).
    """
    case = case_found(actor, case_uuid)
    case._change_checked = (actor.pk, case_change_allowed(actor=actor, case=case))
    return case


@functools.cache
def _child_by_uuid(model, related: tuple[str, ...]) -> PreparedQuery:
    return PreparedQuery(
        lambda uuid_value: (
            model.objects.select_related(*related).filter(uuid=uuid_value).order_by("pk")[:1]
        ),
        name=f"{model.__name__} by uuid",
    )


def _child_get_for_view(model, uuid_value, actor, *, object_type: str, message: str, related):
    obj = _child_by_uuid(model, tuple(related)).first(parse_uuid(uuid_value, message))
    if obj is None:
        door.not_found(actor, object_type=object_type, requested=uuid_value, message=message)
    case_view_allowed(actor=actor, case=obj.case, object_type=object_type, object_uuid=obj.uuid)
    return obj


def meeting_get_for_view(*, actor, meeting_uuid) -> Meeting:
    return _child_get_for_view(
        Meeting,
        meeting_uuid,
        actor,
        object_type="coordination.Meeting",
        message=gettext("Dit overleg bestaat niet."),
        related=("case__family", "convener"),
    )


def agreement_get_for_view(*, actor, agreement_uuid) -> Agreement:
    return _child_get_for_view(
        Agreement,
        agreement_uuid,
        actor,
        object_type="coordination.Agreement",
        message=gettext("Deze afspraak bestaat niet."),
        related=("case__family", "responsible_professional", "responsible_organisation"),
    )


def signal_get_for_view(*, actor, signal_uuid) -> StagnationSignal:
    return _child_get_for_view(
        StagnationSignal,
        signal_uuid,
        actor,
        object_type="coordination.StagnationSignal",
        message=gettext("Dit signaal bestaat niet."),
        related=("case__family", "agreement", "meeting"),
    )


def case_list_allowed(*, actor) -> Decision:
    """Roles that never see families are refused (and logged) before their input is looked at."""
    return door.require(
        actor,
        policy.client_data_decision(actor),
        action=Action.SEARCH,
        object_type="coordination.Case",
        message=gettext("Uw rol werkt niet met gezinsgegevens."),
    )


def case_open_allowed(*, actor, family) -> Decision:
    """Opening the family's case: whoever is involved with (may see) the family."""
    return door.require(
        actor,
        access.case_open_decision(actor, family),
        action=Action.CREATE,
        object_type="coordination.Case",
        subjects=[Subject("family", family.uuid)],
        message=gettext("U bent niet betrokken bij dit gezin."),
    )


def _case_step(actor, case: Case, decision: Decision, message: str) -> Decision:
    """A judgment step on top of seeing the case: the role's refusal is logged on the case."""
    return door.require(
        actor,
        decision,
        action=Action.UPDATE,
        object_type="coordination.Case",
        object_uuid=case.uuid,
        subjects=lambda: case_subjects(case),
        message=message,
    )


def level_change_allowed(*, actor, case: Case, level: int) -> Decision:
    """On top of working on the case (checked first by the caller): 4 and leaving 4/5 are the
    brandpuntfunctionaris' call; 5 only through the crisis protocol."""
    message = (
        gettext("Niveau 5 start u met het crisisprotocol.")
        if level == 5
        else gettext("Alleen de brandpuntfunctionaris stelt niveau 4 vast of schaalt daarvan af.")
    )
    return _case_step(actor, case, access.level_change_decision(actor, case, level), message)


def crisis_start_allowed(*, actor, case: Case) -> Decision:
    """May see the case and holds a crisis role. Checked before any input."""
    seen = case_change_allowed(actor=actor, case=case)
    _case_step(
        actor,
        case,
        access.crisis_start_decision(actor),
        gettext("Uw rol mag het crisisprotocol niet starten."),
    )
    return seen


def decision_record_allowed(*, actor, case: Case) -> Decision:
    seen = case_change_allowed(actor=actor, case=case)
    _case_step(
        actor,
        case,
        access.decision_record_decision(actor),
        gettext("Alleen de brandpuntfunctionaris neemt dit besluit."),
    )
    return seen


def client_professional(actor) -> Professional:
    """The acting professional of a write; guards above have refused anyone without a client role."""
    professional = policy.client_professional_of(actor)
    if professional is None:  # unreachable after a case guard; kept as a hard stop
        door.refuse(
            actor,
            Decision(False, reason="rol werkt niet met gezinsgegevens"),
            action=Action.UPDATE,
            object_type="coordination.Case",
            message=gettext("Alleen professionals die met gezinnen werken kunnen dit doen."),
        )
    return professional
