"""Need-to-know for cases: who sees a case and who may take the judgment decisions.

Kept apart from `policy.py` (families) but built on it: a case is visible to
whoever may see its family (an active involvement, or a running emergency
grant) and to the case's active coordinators, who are often not involved with
the family themselves (the procescoördinator, the brandpuntfunctionaris). A
role alone, or working in the same organisation, still gives nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.access.models import EmergencyAccess
from ketenzorg.access.policy import Decision
from ketenzorg.access.rules import (  # noqa: F401 - the sets live in rules, named here too
    COORDINATOR_ROLES,
    CRISIS_NOTIFY_ROLES,
    CRISIS_ROLES,
    LEVEL4_ROLES,
)
from ketenzorg.audit.models import Basis
from ketenzorg.coordination.models import Case, CaseCoordinator, CaseStatus

DENY_CASE = Decision(False, Basis.NONE, "niet betrokken en geen coördinator")


def active_coordinators() -> QuerySet:
    return CaseCoordinator.objects.filter(ended_at__isnull=True)


def case_ids_visible_to(user, *, open_only: bool = False) -> QuerySet:
    """The ids of the cases of families the user may see, plus of the cases they coordinate.

    One `id IN (… UNION … UNION …)` of plain (uncorrelated) id sets, each found through its own
    index (the involvements of this professional, their emergency grants, the cases they
    coordinate), so the database never tests every case: a procescoördinator with thousands of
    cases stays fast. `open_only` puts the status test inside those sets, next to the index on
    (family, status), instead of on the outer query, where SQLite would rather walk every open
    case through the status index and test each against the sets.
    """
    professional = policy.client_professional_of(user)
    if professional is None:
        return Case.objects.none().values("pk")
    return case_ids_visible(
        professional.pk, user.pk, timezone.localdate(), timezone.now(), open_only=open_only
    )


def case_ids_visible(
    professional_id: int, user_id: int, today, now, *, open_only: bool = False
) -> QuerySet:
    """`case_ids_visible_to` from plain values, for a query compiled once (`core.prepared`)."""
    involved = (
        policy.involvements_running_on(today)
        .filter(professional_id=professional_id)
        .values("family_id")
    )
    emergency = EmergencyAccess.objects.filter(user_id=user_id, expires_at__gt=now).values(
        "family_id"
    )
    coordinating = active_coordinators().filter(professional_id=professional_id)
    if open_only:
        coordinating = coordinating.filter(case__status=CaseStatus.OPEN)

    def cases_of(families):
        cases = Case.objects.filter(family_id__in=families)
        if open_only:
            cases = cases.filter(status=CaseStatus.OPEN)
        return cases.order_by().values("pk")

    return cases_of(involved).union(cases_of(emergency), coordinating.order_by().values("case_id"))


def cases_visible_to(user, *, open_only: bool = False) -> QuerySet:
    """Cases of families the user may see, plus the cases they coordinate (see `case_ids_visible_to`)."""
    return Case.objects.filter(pk__in=case_ids_visible_to(user, open_only=open_only))


def is_coordinator(user, case: Case) -> bool:
    professional = policy.client_professional_of(user)
    return (
        professional is not None
        and active_coordinators().filter(case=case, professional=professional).exists()
    )


def case_view_decision(user, case: Case) -> Decision:
    decision = policy.family_view_decision(user, case.family)
    if decision:
        return decision
    if is_coordinator(user, case):
        return Decision(True, Basis.ROLE, "coördinator van de casus")
    if policy.client_professional_of(user) is None:
        return decision
    return DENY_CASE


def case_change_decision(user, case: Case) -> Decision:
    # Working on a case needs the same need-to-know as seeing it; judgment steps add a role check.
    return case_view_decision(user, case)


def case_open_decision(user, family) -> Decision:
    """Opening the family's case: whoever is involved with (may see) the family."""
    return policy.family_view_decision(user, family)


def level_change_decision(user, case: Case, new_level: int) -> Decision:
    """On top of seeing the case: 4 and leaving 4/5 are the brandpuntfunctionaris' call; 5 is the crisis protocol."""
    if new_level == 5:
        return Decision(False, Basis.NONE, "niveau 5 start alleen via het crisisprotocol")
    if (new_level == 4 or case.level >= 4) and not policy.has_role(user, LEVEL4_ROLES):
        return Decision(
            False,
            Basis.NONE,
            "alleen de brandpuntfunctionaris stelt niveau 4 vast of schaalt daarvan af",
        )
    return Decision(True, Basis.ROLE)


def crisis_start_decision(user) -> Decision:
    if policy.has_role(user, CRISIS_ROLES):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "rol mag het crisisprotocol niet starten")


def decision_record_decision(user) -> Decision:
    if policy.has_role(user, LEVEL4_ROLES):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "alleen de brandpuntfunctionaris neemt dit besluit")


def may_hold_coordinator_role(professional, role: str) -> bool:
    return (
        professional is not None
        and professional.is_active
        and professional.has_role(*COORDINATOR_ROLES[role])
    )
