"""The signal function's door: every look at the figures, and every export, is logged."""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access.policy import Decision
from ketenzorg.access.signaal import signal_decision
from ketenzorg.audit.models import Action

FIGURE_TYPE = "signaal.figuur"
NOT_ALLOWED = "De cijfers van de signaalfunctie zijn voor managers en het netwerkoverleg."


def figures_allowed(*, actor, figure: str, action=Action.READ, reason: str = ""):
    """Logged allowed or refused, as a read or as an export; the figure's key is the object and
    the filters go into the entry's reason beside the basis (which areas and months were seen)."""
    decision = signal_decision(actor)
    if decision:
        decision = Decision(
            True, decision.basis, "; ".join(filter(None, [decision.reason, reason]))
        )
    return door.look(
        actor,
        decision,
        object_type=FIGURE_TYPE,
        object_uuid=figure,
        message=gettext(NOT_ALLOWED),
        action=action,
        reason=reason,
    )
