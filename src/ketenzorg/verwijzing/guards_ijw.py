"""The door to a referral's iJw export: the parties who follow the referral (the case's
professionals, the stadsdeel's AJH-verbinders, the provider while it is theirs) may fetch it,
and every fetch is its own look in the access log — the message carries the child's BSN.

For the provider the message is one more document of the referral: like the PDFs it is refused
once the family withdrew its consent for that provider (decision 0017: a withdrawal stops the
provider's further access at once)."""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access import verwijzing as access
from ketenzorg.audit.models import Action
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.verwijzing import guards
from ketenzorg.verwijzing.models import Party, Referral


def referral_get_for_ijw(*, actor, referral_uuid, kind: str) -> tuple[Referral, str]:
    """The referral and the actor's party; refused (404 for a provider it is not theirs) and
    logged like any look at the referral, allowed and logged with the message kind."""
    referral = guards._referral(actor, referral_uuid)
    party, decision = access.party_decision(actor, referral)
    if party is None:
        guards._refuse(actor, referral, decision, Action.READ)
    if party == Party.PROVIDER:
        decision = guards.provider_documents_decision(referral)
    door.look(
        actor,
        decision,
        object_type="verwijzing.IjwMessage",
        object_uuid=referral.uuid,
        subjects=lambda: case_subjects(referral.case),
        message=gettext(
            guards.NO_CONSENT_PROVIDER if party == Party.PROVIDER else guards.NOT_YOURS
        ),
        reason=f"iJw-bericht {kind} met BSN",
    )
    return referral, party
