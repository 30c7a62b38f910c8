"""The network's one door: only the functioneel beheerder changes it, every professional reads it.

Screens, the API and the services all ask here, and every refusal goes through
`access.door`, so a refused attempt at the network is logged like one at a
family (every authorization decision is kept, ASVS V8).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from ketenzorg.access import door, policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Basis

NOT_A_MANAGER = "Alleen de functioneel beheerder beheert het netwerk."


def network_manage_allowed(
    *, actor, action=Action.UPDATE, object_type: str = "network", message=""
):
    return door.require(
        actor,
        policy.network_manage_decision(actor),
        action=action,
        object_type=object_type,
        message=str(message) if message else gettext(NOT_A_MANAGER),
    )


def network_refuse(*, actor, action, reason, object_type: str = "network"):
    """A refusal decided elsewhere (a DRF permission class): logged here, in Dutch, as any other.

    `reason` may be a lazy translation: the log keeps it in Dutch, the user reads it in
    their own language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        logged = str(reason)
    door.refuse(
        actor,
        Decision(False, Basis.NONE, logged),
        action=action,
        object_type=object_type,
        message=str(reason),
    )
