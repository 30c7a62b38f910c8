"""Authorization matrix rows of the GKP-overleg.

The overleg belongs to a stadsdeel: its meetings, agenda and outcomes are for the
AJH-verbinders of that stadsdeel only. The world puts the owner's organisation in a
stadsdeel with a meeting and an agenda item of the world's case, so the cell "ajh_verbinder,
same organisation" is an AJH-verbinder of that stadsdeel; every other AJH-verbinder (another
organisation, no stadsdeel) is refused, and the refusal is logged. A case's own items follow
the case's rule (involved, with a client role): agenderen, withdrawing, seeing the item; the
OKT professional not involved is refused. The list and the planning page are any
AJH-verbinder's (each sees only their own stadsdeel; tests/werkproces/test_gkp_*.py).
"""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from ketenzorg.access.rules import Relation
from ketenzorg.coordination.models import Case
from ketenzorg.werkproces import rules, services
from ketenzorg.werkproces.models import Werkproces
from ketenzorg.werkproces.services import gkp
from tests import factories
from tests.access.matrix import CLIENT_ROLES


def _of_stadsdeel(role, relation):
    return role == "ajh_verbinder" and relation == Relation.SAME_ORGANISATION


RULES = {
    "gkp_verbinder": (
        "elke AJH-verbinder (ziet alleen de overleggen van het eigen stadsdeel)",
        lambda role, relation: role == "ajh_verbinder",
    ),
    "gkp_stadsdeel": (
        "alleen een AJH-verbinder van het stadsdeel van het overleg",
        _of_stadsdeel,
    ),
    "gkp_item": (
        "wie bij het gezin betrokken is (met een cliëntrol), of een AJH-verbinder van het "
        "stadsdeel van het overleg",
        lambda role, relation: (
            (role in CLIENT_ROLES and relation == Relation.INVOLVED)
            or _of_stadsdeel(role, relation)
        ),
    ),
}
FAMILY_RULES = {"gkp_stadsdeel", "gkp_item"}

WEB = {
    "werkproces:gkp_meetings": {"GET": "gkp_verbinder"},
    "werkproces:gkp_plan": {"GET": "gkp_verbinder", "POST": "gkp_verbinder"},
    "werkproces:gkp_meeting": {"GET": "gkp_stadsdeel"},
    "werkproces:gkp_item": {"GET": "gkp_item"},
    "werkproces:gkp_outcome": {"POST": "gkp_stadsdeel"},
    "werkproces:gkp_outcome_correct": {"POST": "gkp_stadsdeel"},
    "werkproces:gkp_item_withdraw": {"POST": "case"},
    "werkproces:gkp_item_add": {"GET": "case", "POST": "case"},
}

API = {
    "gkp_meetings_list": "gkp_verbinder",
    "gkp_meetings_create": "gkp_verbinder",
    "gkp_meetings_retrieve": "gkp_stadsdeel",
    "gkp_items_retrieve": "gkp_item",
    "gkp_items_outcomes_create": "gkp_stadsdeel",
    "gkp_items_withdraw": "case",
    "cases_gkp_meetings_list": "case",
    "cases_gkp_items_create": "case",
}

# The list and planning hold dates and places only; everything else is about a family.
PERSONAL_DATA = (set(WEB) | set(API)) - {
    "werkproces:gkp_meetings",
    "werkproces:gkp_plan",
    "gkp_meetings_list",
    "gkp_meetings_create",
}


def world_ids(world) -> dict:
    """The owner's organisation in a stadsdeel; a meeting there with the case's question."""
    owner, organisation = world["owner"], world["owner_org"]
    # Another builder (rows_verwijzing_inbox) may have put the organisation in a stadsdeel
    # already: keep it, so both worlds' AJH-verbinders are of one stadsdeel.
    stadsdeel = organisation.district or factories.make_district("Proef-GKP-stadsdeel")
    organisation.district = stadsdeel
    organisation.save(update_fields=["district"])
    verbinder = factories.make_professional("ajh_verbinder", organisation=organisation)
    meeting = gkp.gkp_meetings_plan(
        actor=verbinder.user,
        stadsdeel=stadsdeel,
        first=timezone.localdate() + timedelta(days=7),
        at=time(13),
        every_weeks=2,
        count=1,
        location="Proefzaal",
    )[0]
    case = Case.objects.get(uuid=world["ids"]["case_uuid"])
    werkproces = Werkproces.objects.filter(case=case).first()
    if werkproces is None:
        werkproces = services.werkproces_start(actor=owner.user, case=case)
    while werkproces.step != rules.AJH:
        services.step_evaluate(
            actor=owner.user, case=case, yielded_enough=False, summary="Matrix: te weinig"
        )
        services.step_take(
            actor=owner.user,
            case=case,
            transition=rules.CONTINUE,
            team_decision="Matrix: het team besloot samen tot expertise van buiten",
        )
        werkproces.refresh_from_db()
    item = gkp.gkp_item_add(
        actor=owner.user,
        case=case,
        meeting=meeting,
        question="Proefvraag aan het overleg",
        summary="Proefsamenvatting zonder herkenbare gegevens",
    )
    return {"gkp_meeting_uuid": meeting.uuid, "gkp_item_uuid": item.uuid}
