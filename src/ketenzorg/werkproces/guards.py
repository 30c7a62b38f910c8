"""The only ways to the werkproces of a case, to a consultation, and to the steps on them.

Each asks `access.werkproces` and ends in `access.door`: a look is logged, a refused step
is logged as the step that was attempted. Services call these before reading their input.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access import werkproces as access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action
from ketenzorg.coordination.models import Case
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.werkproces.models import Consultation, Werkproces

NOT_INVOLVED = "U bent niet betrokken bij dit gezin en coördineert deze casus niet."


def werkproces_change_allowed(
    *, actor, case: Case, action=Action.UPDATE, object_uuid=None
) -> Decision:
    """A step, an evaluation or a consultation on the werkproces: refused and logged as it."""
    return door.require(
        actor,
        access.werkproces_decision(actor, case),
        action=action,
        object_type="werkproces.Werkproces",
        object_uuid=object_uuid or case.uuid,
        subjects=lambda: case_subjects(case),
        message=gettext(NOT_INVOLVED),
    )


def werkproces_view_allowed(*, actor, case: Case) -> Decision:
    return door.look(
        actor,
        access.werkproces_decision(actor, case),
        object_type="werkproces.Werkproces",
        object_uuid=case.uuid,
        subjects=lambda: case_subjects(case),
        message=gettext(NOT_INVOLVED),
    )


def _consultation(actor, consultation_uuid) -> Consultation:
    message = gettext("Deze consultatie bestaat niet.")
    consultation = (
        Consultation.objects.select_related(
            "werkproces__case__family", "asked_by", "meedenker", "expertise"
        )
        .filter(uuid=parse_uuid(consultation_uuid, message))
        .first()
    )
    if consultation is None:
        door.not_found(
            actor,
            object_type="werkproces.Consultation",
            requested=consultation_uuid,
            message=message,
        )
    return consultation


def consultation_get_for_view(*, actor, consultation_uuid) -> tuple[Consultation, Decision]:
    """The consultation and the basis it is seen on (the meedenker: "consultation")."""
    consultation = _consultation(actor, consultation_uuid)
    decision = door.look(
        actor,
        access.consultation_view_decision(actor, consultation),
        object_type="werkproces.Consultation",
        object_uuid=consultation.uuid,
        subjects=lambda: case_subjects(consultation.werkproces.case),
        message=gettext(
            "Alleen wie bij het gezin betrokken is en de meedenker, zolang de consultatie loopt, "
            "zien deze consultatie."
        ),
    )
    return consultation, decision


def consultation_get_for_findings(*, actor, consultation_uuid) -> tuple[Consultation, Decision]:
    consultation = _consultation(actor, consultation_uuid)
    decision = door.require(
        actor,
        access.findings_write_decision(actor, consultation),
        action=Action.CREATE,
        object_type="werkproces.Finding",
        object_uuid=consultation.uuid,
        subjects=lambda: case_subjects(consultation.werkproces.case),
        message=gettext(
            "Alleen de meedenker schrijft de bevindingen, tot kort na het einde van de consultatie."
        ),
    )
    return consultation, decision


def consultation_get_for_expectations(*, actor, consultation_uuid) -> tuple[Consultation, Decision]:
    consultation = _consultation(actor, consultation_uuid)
    decision = door.require(
        actor,
        access.expectations_write_decision(actor, consultation),
        action=Action.CREATE,
        object_type="werkproces.MeedenkerExpectation",
        object_uuid=consultation.uuid,
        subjects=lambda: case_subjects(consultation.werkproces.case),
        message=gettext(
            "Alleen de meedenker legt vast wat de meedenker terug verwacht, zolang de "
            "consultatie loopt."
        ),
    )
    return consultation, decision


def consultation_get_for_findings_on_behalf(
    *, actor, consultation_uuid
) -> tuple[Consultation, Decision]:
    """Findings namens a meedenker without an account: refused (and logged) for one with."""
    consultation = _consultation(actor, consultation_uuid)
    decision = door.require(
        actor,
        access.findings_on_behalf_decision(actor, consultation),
        action=Action.CREATE,
        object_type="werkproces.Finding",
        object_uuid=consultation.uuid,
        subjects=lambda: case_subjects(consultation.werkproces.case),
        message=gettext(
            "Bevindingen namens de meedenker legt alleen vast wie bij het gezin betrokken is, "
            "als de meedenker geen eigen account heeft en de consultatie nog loopt."
        ),
    )
    return consultation, decision


def consultation_get_for_change(*, actor, consultation_uuid) -> tuple[Consultation, Decision]:
    """The joint evaluation is recorded by those who work the case."""
    consultation = _consultation(actor, consultation_uuid)
    decision = werkproces_change_allowed(
        actor=actor,
        case=consultation.werkproces.case,
        action=Action.CREATE,
        object_uuid=consultation.uuid,
    )
    return consultation, decision


WERKPROCES_OF_CASE = PreparedQuery(
    lambda case_id: Werkproces.objects.filter(case_id=case_id).order_by("pk")[:1],
    name="the werkproces of a case",
)


def werkproces_of(case: Case) -> Werkproces | None:
    return WERKPROCES_OF_CASE.first(case.pk)
