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
from ketenzorg.network.models import Role

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


def role_change_allowed(*, actor, professional, roles) -> Decision:
    """Checked before the write's transaction, so the refused attempt stays in the log."""
    current = (
        set(professional.role_assignments.values_list("role", flat=True)) if professional else set()
    )
    wanted = set(roles) & set(Role.values)
    own = (
        professional is not None
        and getattr(policy.professional_of(actor), "pk", None) == professional.pk
    )
    decision = policy.role_grant_decision(
        actor, added=wanted - current, removed=current - wanted, own=own
    )
    message = (
        gettext("U kunt uw eigen rollen niet wijzigen; vraag een andere beheerder.")
        if own
        else gettext(
            "Rollen die toegang geven tot gezinnen of het toegangslog kent alleen een "
            "autorisatiebeheerder toe of trekt die in."
        )
    )
    return door.require(
        actor,
        decision,
        action=Action.UPDATE if professional else Action.CREATE,
        object_type="network.Professional",
        object_uuid=professional.uuid if professional else "",
        message=message,
    )


def own_entry_allowed(*, actor):
    """The professional's own entry in the expertise directory (availability, expertise):
    every active professional keeps theirs; someone without one is refused and logged."""
    door.require(
        actor,
        policy.professional_decision(actor),
        action=Action.UPDATE,
        object_type="network.Professional",
        message=gettext("Alleen een professional in het netwerk houdt een eigen vermelding bij."),
    )
    return policy.professional_of(actor)


def import_roles_allowed(*, actor, rows) -> Decision:
    """A CSV import that grants protected roles needs the autorisatiebeheerder role too."""
    granted = set().union(*(set(r.roles) for r in rows)) if rows else set()
    decision = policy.role_grant_decision(actor, added=granted, removed=set(), own=False)
    return door.require(
        actor,
        decision,
        action=Action.CREATE,
        object_type="network.Professional",
        message=gettext(
            "Dit bestand kent rollen toe die toegang geven tot gezinnen of het toegangslog; "
            "alleen een autorisatiebeheerder importeert het."
        ),
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
