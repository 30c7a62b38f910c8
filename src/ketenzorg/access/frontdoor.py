"""Who may do what at the front door (informatie en advies).

Kept apart from `policy.py` so the capability's rules read in one place. The questions
and contact moments are addressed to the advisers' team as a whole (any opvoedadviseur may
pick a question up or take over a colleague's), so the basis is the role, not an
involvement; every read is still logged. A family created by "meer hulp regelen" is
guarded by `policy` like any other family.
"""

from __future__ import annotations

from ketenzorg.access import policy
from ketenzorg.access.policy import Decision
from ketenzorg.access.rules import ADVICE_ROLES  # noqa: F401 - the set lives in rules
from ketenzorg.audit.models import Basis


def adviser_of(user):
    """The active professional with the opvoedadviseur role, or None."""
    professional = policy.professional_of(user)
    if professional is None or not professional.has_role(*ADVICE_ROLES):
        return None
    return professional


def can_work_questions(user) -> Decision:
    """The queue of online questions: read, pick up, answer, hand over, close."""
    if adviser_of(user) is not None:
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "geen opvoedadviseur")


def can_register_contact(user) -> Decision:
    """Registering and reading contact moments of walk-in hours, calls and online questions."""
    return can_work_questions(user)


def can_arrange_more_help(user) -> Decision:
    """ "Meer hulp regelen" registers a family, so it needs both the adviser role and the right
    to register families."""
    if adviser_of(user) is None:
        return Decision(False, Basis.NONE, "geen opvoedadviseur")
    return policy.can_register_family(user)


def can_manage_frontdoor(user) -> bool:
    """Locations, hours, exceptions and topics: the functioneel beheerder."""
    return policy.can_manage_network(user)


def frontdoor_manage_decision(user) -> Decision:
    return policy.network_manage_decision(user)


def schedule_decision(user) -> Decision:
    if can_see_schedule(user):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "geen opvoedadviseur of beheerder")


def can_see_schedule(user) -> bool:
    """Who staffs which walk-in hour: the advisers themselves and beheer."""
    return adviser_of(user) is not None or can_manage_frontdoor(user)


def can_be_assigned(professional) -> bool:
    """A question can be handed over only to an active colleague adviser."""
    return (
        professional is not None and professional.is_active and professional.has_role(*ADVICE_ROLES)
    )
