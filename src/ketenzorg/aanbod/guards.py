"""The catalogue's one door for writes. Reading the public fields needs no door (they are public
and about no person); changing the catalogue does.

For now only the functioneel beheerder writes (the network's decision); the providers' own
maintenance with the beheerder's approval (four eyes) adds its decision here.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door, policy
from ketenzorg.audit.models import Action

NOT_ALLOWED = "Alleen de functioneel beheerder beheert het aanbod."


def catalogue_manage_allowed(*, actor, action=Action.UPDATE, object_uuid=""):
    return door.require(
        actor,
        policy.network_manage_decision(actor),
        action=action,
        object_type="aanbod.Programme",
        object_uuid=str(object_uuid or ""),
        message=gettext(NOT_ALLOWED),
    )
