"""Authorization matrix rows of consultations (meedenken/meedoen).

Asking, seeing and evaluating a consultation need what working the case needs (involved,
with a client role). The meedenker is one named person, never a cell of the matrix: the
findings row therefore refuses every cell, which proves that nobody but the meedenker writes
findings, not even those involved with the family. What the meedenker may (and may not:
the family's pages, the consultation after its grace) is tested in
tests/werkproces/test_consultation_screens.py and test_consultations_api.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ketenzorg.coordination.models import Case
from ketenzorg.werkproces import rules, services
from ketenzorg.werkproces.models import Werkproces
from tests import factories

RULES = {
    "consultation_meedenker": (
        "alleen de meedenker van de consultatie (geen rol of relatie in de matrix)",
        lambda role, relation: False,
    ),
}
FAMILY_RULES = {"consultation_meedenker"}

WEB = {
    "werkproces:consultation_ask": {"GET": "case", "POST": "case"},
    "werkproces:my_consultations": {"GET": "professional"},
    "werkproces:consultation": {"GET": "case"},
    "werkproces:consultation_findings": {"POST": "consultation_meedenker"},
    "werkproces:consultation_evaluate": {"POST": "case"},
}

API = {
    "consultations_list": "professional",
    "consultations_retrieve": "case",
    "cases_consultations_create": "case",
    "consultations_findings_create": "consultation_meedenker",
    "consultations_evaluation_create": "case",
    "cases_meedenkers_list": "case",
}

# A consultation is about a family (its list names the asking professional's question).
PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """A consultation on the world's case, asked of a colleague at the internal step."""
    owner = world["owner"]
    case = Case.objects.get(uuid=world["ids"]["case_uuid"])
    werkproces = Werkproces.objects.filter(case=case).first()
    if werkproces is None:
        werkproces = services.werkproces_start(actor=owner.user, case=case)
    if werkproces.step == rules.OKT:
        services.step_evaluate(
            actor=owner.user, case=case, yielded_enough=False, summary="Matrix: te weinig"
        )
        services.step_take(actor=owner.user, case=case, transition=rules.CONTINUE)
    colleague = factories.make_professional("meedenker", organisation=world["owner_org"])
    consultation = services.consultation_ask(
        actor=owner.user,
        case=case,
        kind="meedenken",
        scope=rules.SCOPE_INTERNAL,
        meedenker=colleague,
        question="Proefvraag",
        summary="Proefsamenvatting",
        expects_of_meedenker="Proefverwachting",
        expects_of_professional="Proefverwachting",
        ends_at=timezone.now() + timedelta(days=14),
    )
    return {"consultation_uuid": consultation.uuid}
