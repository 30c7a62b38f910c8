"""Need-to-know for the GKP-overleg: the gebiedsknooppunt meets per stadsdeel.

An AJH-verbinder sees the meetings and agenda items of the stadsdeel they work in, and of
no other: the stadsdeel of their team, of their organisation, or of an area they serve,
each rolled up from a gebied to its stadsdeel. They read an item as a member of the
overleg (basis "gkp_overleg"); what of the family they see is decided per look by the
family's consent (`werkproces.selectors_gkp`). The professional who works the case sees
the case's items through the case's own rule (`access.werkproces`), never the meeting's
whole agenda, which holds other families' questions.
"""

from __future__ import annotations

from ketenzorg.access import policy
from ketenzorg.access import werkproces as werkproces_access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Basis
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.network.models import District, DistrictKind, Professional, Role

DENY_NOT_VERBINDER = Decision(False, Basis.NONE, "geen AJH-verbinder")
DENY_OTHER_STADSDEEL = Decision(False, Basis.NONE, "AJH-verbinder van een ander stadsdeel")
# Districts nest city > stadsdeel > gebied; a few more levels cost nothing and stop a cycle.
MAX_DEPTH = 6


# Asked on every GKP page and the gebiedsknooppunt's inbox: compiled once per process.
_DISTRICTS = PreparedQuery(
    lambda ids: District.objects.filter(pk__in=ids).values_list("pk", "kind", "parent_id"),
    name="districts with their parents",
)
_AREA_IDS = PreparedQuery(
    lambda professional_id: Professional.areas.through.objects.filter(
        professional_id=professional_id
    ).values_list("district_id", flat=True),
    name="the areas a professional serves",
)


def stadsdeel_ids_of_districts(district_ids) -> set[int]:
    """The stadsdelen these districts lie in (a stadsdeel is its own); a city has none."""
    found: set[int] = set()
    current = {d for d in district_ids if d is not None}
    for _ in range(MAX_DEPTH):
        if not current:
            break
        rows = _DISTRICTS(tuple(sorted(current)))
        found |= {pk for pk, kind, _parent in rows if kind == DistrictKind.STADSDEEL}
        current = {
            parent_id
            for _pk, kind, parent_id in rows
            if kind != DistrictKind.STADSDEEL and parent_id is not None
        }
    return found


def stadsdeel_ids_of(professional) -> set[int]:
    """Where a professional works: the team's, the organisation's and the areas' stadsdelen."""
    if professional is None:
        return set()
    ids = {professional.organisation.district_id}
    if professional.team_id:
        ids.add(professional.team.district_id)
    ids |= set(_AREA_IDS(professional.pk))
    return stadsdeel_ids_of_districts(ids)


def verbinder_of(user):
    """The active professional with the AJH-verbinder role, or None."""
    professional = policy.client_professional_of(user)
    if professional is None or not professional.has_role(Role.AJH_VERBINDER):
        return None
    return professional


def verbinder_stadsdeel_ids(user) -> set[int]:
    return stadsdeel_ids_of(verbinder_of(user))


def gkp_list_decision(user) -> Decision:
    """The GKP pages (the list, planning): any AJH-verbinder; each sees their own stadsdeel."""
    if verbinder_of(user) is None:
        return DENY_NOT_VERBINDER
    return Decision(True, Basis.ROLE, "AJH-verbinder")


def stadsdeel_decision(user, stadsdeel_id: int) -> Decision:
    """The overleg of one stadsdeel: only its own AJH-verbinders."""
    professional = verbinder_of(user)
    if professional is None:
        return DENY_NOT_VERBINDER
    if stadsdeel_id not in stadsdeel_ids_of(professional):
        return DENY_OTHER_STADSDEEL
    return Decision(True, Basis.GKP_OVERLEG, "AJH-verbinder van het stadsdeel")


def meeting_decision(user, meeting) -> Decision:
    return stadsdeel_decision(user, meeting.stadsdeel_id)


def item_view_decision(user, item) -> Decision:
    """Those who work the case see its items; the overleg's AJH-verbinders see them too."""
    as_case = werkproces_access.werkproces_decision(user, item.werkproces.case)
    if as_case:
        return as_case
    as_verbinder = meeting_decision(user, item.meeting)
    return as_verbinder if as_verbinder else as_case


def outcome_decision(user, item) -> Decision:
    """The outcome is the overleg's: recorded (and corrected) by an AJH-verbinder of it."""
    return meeting_decision(user, item.meeting)


def item_change_decision(user, item) -> Decision:
    """Withdrawing an item before the meeting: whoever works the case."""
    return werkproces_access.werkproces_decision(user, item.werkproces.case)
