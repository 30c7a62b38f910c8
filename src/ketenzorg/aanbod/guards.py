"""The catalogue's one door for writes. Reading the public fields needs no door (they are public
and about no person); changing the catalogue does.

For now only the functioneel beheerder writes (the network's decision); the providers' own
maintenance with the beheerder's approval (four eyes) adds its decision here.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import aanbod as aanbod_access
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


# --- maintenance by providers and the beheerder (four eyes) -----------------------------------

NOT_A_MAINTAINER = (
    "Alleen een aanbieder (voor de eigen organisatie) of de functioneel beheerder beheert aanbod."
)
OTHER_ORGANISATION = "Dit aanbod is van een andere organisatie; u beheert alleen het aanbod van uw eigen organisatie."
NOT_AN_APPROVER = "Alleen een andere functioneel beheerder dan de indiener beoordeelt een voorstel."
NOT_A_PROFESSIONAL = (
    "Alleen professionals die met gezinnen werken zien de wachttijden en interne gegevens."
)
OBJECT_TYPE = "aanbod.Programme"


def maintenance_allowed(*, actor, action=Action.READ):
    """The list of programmes to maintain, the import and the export."""
    return door.require(
        actor, aanbod_access.catalogue_maintain_decision(actor), action=action,
        object_type=OBJECT_TYPE, message=gettext(NOT_A_MAINTAINER),
    )  # fmt: skip


def programme_maintain_allowed(*, actor, organisation_id, action=Action.UPDATE, object_uuid=""):
    """Creating or changing a programme of this organisation (refusals logged as the write)."""
    decision = aanbod_access.organisation_maintain_decision(actor, organisation_id)
    message = NOT_A_MAINTAINER if decision == aanbod_access.NOT_A_MAINTAINER else OTHER_ORGANISATION
    return door.require(
        actor, decision, action=action, object_type=OBJECT_TYPE,
        object_uuid=str(object_uuid or ""), message=gettext(message),
    )  # fmt: skip


def approval_queue_allowed(*, actor):
    return door.require(
        actor, aanbod_access.approval_queue_decision(actor), action=Action.READ,
        object_type="aanbod.ProgrammeRevision", message=gettext(NOT_AN_APPROVER),
    )  # fmt: skip


def revision_decide_allowed(*, actor, revision):
    return door.require(
        actor, aanbod_access.approval_decision(actor, author_id=revision.author_id),
        action=Action.UPDATE, object_type="aanbod.ProgrammeRevision",
        object_uuid=str(revision.uuid), message=gettext(NOT_AN_APPROVER),
    )  # fmt: skip


def professional_view_allowed(*, actor, object_uuid=""):
    return door.require(
        actor, aanbod_access.professional_view_decision(actor), action=Action.READ,
        object_type=OBJECT_TYPE, object_uuid=str(object_uuid or ""),
        message=gettext(NOT_A_PROFESSIONAL),
    )  # fmt: skip
