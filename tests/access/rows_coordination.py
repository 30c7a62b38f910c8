"""Authorization matrix rows of the case (één gezin, één plan).

The relation to the family decides: an involved professional with a client role
sees and works on the case. (A case's coordinators see it too without being
involved; the matrix world has none, tests/coordination/test_access.py covers them.)
Judgment steps add a role: the crisis protocol, and the brandpuntfunctionaris' decision.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ketenzorg.access.rules import Relation
from ketenzorg.coordination import services
from ketenzorg.coordination.models import SignalKind, StagnationSignal
from tests.access.matrix import CLIENT_ROLES

# Literal, like the sets in matrix.py: the crisis protocol cannot wait for a coordinator,
# so the roles that may break the glass may start it.
CRISIS = {"okt", "jgz", "zorgcoordinator", "procescoordinator", "brandpuntfunctionaris"}

RULES = {
    "case": (
        "wie betrokken is bij het gezin (met een cliëntrol), of de casus coördineert",
        lambda role, relation: role in CLIENT_ROLES and relation == Relation.INVOLVED,
    ),
    "case_crisis": (
        "crisisprotocol: betrokken en een van de rollen " + ", ".join(sorted(CRISIS)),
        lambda role, relation: role in CRISIS and relation == Relation.INVOLVED,
    ),
    "case_brandpunt": (
        "besluit bij stagnatie: de brandpuntfunctionaris van de casus",
        lambda role, relation: role == "brandpuntfunctionaris" and relation == Relation.INVOLVED,
    ),
}
FAMILY_RULES = {"case", "case_crisis", "case_brandpunt"}

WEB = {
    "coordination:dashboard": {"GET": "client_roles"},
    "coordination:open": {"GET": "family", "POST": "family"},
    "coordination:detail": {"GET": "case"},
    "coordination:close": {"GET": "case", "POST": "case"},
    "coordination:involvement_add": {"GET": "case", "POST": "case"},
    "coordination:involvement_end": {"GET": "case", "POST": "case"},
    "coordination:level": {"GET": "case", "POST": "case"},
    "coordination:crisis": {"GET": "case_crisis", "POST": "case_crisis"},
    "coordination:coordinator": {"GET": "case", "POST": "case"},
    "coordination:meeting_new": {"GET": "case", "POST": "case"},
    "coordination:meeting_plan": {"GET": "case", "POST": "case"},
    "coordination:meeting_minutes": {"GET": "case", "POST": "case"},
    "coordination:agreement_add": {"GET": "case", "POST": "case"},
    "coordination:agreement_detail": {"GET": "case", "POST": "case"},
    "coordination:signal": {"GET": "case", "POST": "case"},
    "coordination:decision": {"GET": "case_brandpunt", "POST": "case_brandpunt"},
    "coordination:attendance": {"GET": "case", "POST": "case"},
    "coordination:plan_edit": {"GET": "case", "POST": "case"},
    "coordination:plan_version": {"GET": "case"},
    "coordination:plan_pdf": {"GET": "case"},
}

API = {
    "cases_list": "client_roles",
    "cases_create": "client_roles",
    "cases_retrieve": "case",
    "cases_close": "case",
    "cases_events_list": "case",
    "cases_involvements_list": "case",
    "cases_involvements_create": "case",
    "cases_involvements_end": "case",
    "cases_level_set": "case",
    "cases_crisis_start": "case_crisis",
    "cases_coordinators_create": "case",
    "cases_meetings_list": "case",
    "cases_meetings_create": "case",
    "meetings_minutes": "case",
    "cases_agreements_list": "case",
    "cases_agreements_create": "case",
    "agreements_checkins_create": "case",
    "signals_escalate": "case",
    "cases_decision_create": "case_brandpunt",
}

# Every row of a case is personal data (see matrix.PERSONAL_DATA).
PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """A case on the world's family, built with the real services by the involved owner."""
    owner = world["owner"]
    actor = owner.user
    case = services.case_open(actor=actor, family=world["family"], reason="matrix")
    meeting = services.meeting_plan(
        actor=actor,
        case=case,
        kind="motorkapoverleg",
        starts_at=timezone.now() + timedelta(days=3),
        location="Proefstraat 1",
    )
    agreement = services.agreement_add(
        actor=actor,
        case=case,
        what="Proefafspraak",
        due_on=timezone.localdate() + timedelta(days=10),
        responsible_professional=owner,
    )
    signal = StagnationSignal.objects.create(
        case=case,
        kind=SignalKind.AGREEMENT_OVERDUE,
        key=f"agreement:{agreement.uuid}",
        agreement=agreement,
        raised_on=date.today(),
    )
    plan = services.plan_save(
        actor=actor,
        case=case,
        plan=services.PlanInput(worries="Proefzorg", goals=[services.Goal(goal="Proefdoel")]),
    )
    involvement = world["family"].involvements.get(professional=owner)
    return {
        "case_uuid": case.uuid,
        "meeting_uuid": meeting.uuid,
        "agreement_uuid": agreement.uuid,
        "signal_uuid": signal.uuid,
        "involvement_uuid": involvement.uuid,
        "number": plan.number,
    }
