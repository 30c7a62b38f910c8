"""Who sees the signal function's figures: the manager/beleid role and the network's governance.

The figures are aggregates only (signaal.suppression hides what could point at a child), so
the basis is the role, never an involvement. A member of a tier of the OKé-netwerkoverleg
(kerngroep, adviesgroep, werkgroep) steers the network on these figures too, whatever their
roles. Reads models only, like the rest of `access`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef

from ketenzorg.access import policy
from ketenzorg.access.policy import Decision
from ketenzorg.access.rules import SIGNAL_ROLES
from ketenzorg.audit.models import Basis
from ketenzorg.network.models import GovernanceMembership


def signal_decision(user) -> Decision:
    professional = policy.professional_of(user)
    if professional is None:
        return Decision(False, Basis.NONE, "geen actieve professional")
    if professional.has_role(*SIGNAL_ROLES):
        return Decision(True, Basis.ROLE, "manager/beleid")
    if GovernanceMembership.objects.filter(professional=professional).exists():
        return Decision(True, Basis.ROLE, "lid van het netwerkoverleg")
    return Decision(False, Basis.NONE, "geen manager of lid van het netwerkoverleg")


def governance_member() -> Exists:
    """The menu's row is a member of a tier of the netwerkoverleg."""
    return Exists(GovernanceMembership.objects.filter(professional=OuterRef("pk")))


def signal_menu_flag(professional) -> bool | Callable[[], Exists]:
    """`signal_decision` for the menu of an active professional: True for the role, otherwise
    the membership as a question the menu answers with the others' in one query."""
    if professional.has_role(*SIGNAL_ROLES):
        return True
    return governance_member
