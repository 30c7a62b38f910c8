"""Who may maintain the catalogue (aanbod op maat) and who reads its professionals' side.

A provider (the `aanbieder` role) keeps the programmes of its own organisation; the
functioneel beheerder keeps every programme and is the second pair of eyes: a change of what
the public sees goes live only when a beheerder who did not propose it approves it. The
professionals' view (waiting times, capacity, who to call) is for the roles that work with
families. None of it is about a person, so the basis is always the role.
"""

from __future__ import annotations

from ketenzorg.access import policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Basis
from ketenzorg.network.models import Role

PROVIDER_ROLES = frozenset({Role.AANBIEDER})

ALLOWED = Decision(True, Basis.ROLE)
NOT_A_MAINTAINER = Decision(False, Basis.NONE, "geen aanbieder of functioneel beheerder")
OTHER_ORGANISATION = Decision(False, Basis.NONE, "aanbod van een andere organisatie")


def provider_of(user):
    """The active professional with the aanbieder role, or None."""
    professional = policy.professional_of(user)
    if professional is None or not professional.has_role(*PROVIDER_ROLES):
        return None
    return professional


def maintains_all(user) -> bool:
    return policy.can_manage_network(user)


def can_maintain_catalogue(user) -> bool:
    """The menu item and the list of programmes to maintain."""
    return maintains_all(user) or provider_of(user) is not None


def catalogue_maintain_decision(user) -> Decision:
    return ALLOWED if can_maintain_catalogue(user) else NOT_A_MAINTAINER


def organisation_maintain_decision(user, organisation_id: int | None) -> Decision:
    """Maintaining the programmes of this organisation: the beheerder any, a provider its own."""
    if maintains_all(user):
        return ALLOWED
    provider = provider_of(user)
    if provider is None:
        return NOT_A_MAINTAINER
    if organisation_id is not None and provider.organisation_id == organisation_id:
        return ALLOWED
    return OTHER_ORGANISATION


def approval_decision(user, *, author_id: int | None) -> Decision:
    """Approving or rejecting a proposal: a beheerder, and never the proposal's author (four
    eyes also for a beheerder's own edit)."""
    if not maintains_all(user):
        return Decision(False, Basis.NONE, "geen functioneel beheerder")
    if author_id is not None and author_id == user.pk:
        return Decision(False, Basis.NONE, "eigen voorstel beoordelen")
    return ALLOWED


def approval_queue_decision(user) -> Decision:
    return policy.network_manage_decision(user)


def professional_view_decision(user) -> Decision:
    """Waiting times, capacity, internal notes and who to call: the roles that refer families."""
    if policy.client_professional_of(user) is not None:
        return ALLOWED
    return Decision(False, Basis.NONE, "rol werkt niet met gezinnen")
