"""The gebiedsknooppunt's way to one referral: found through the referral's own guard, then
held to the verbinder's part of the chain before any input is read.

A professional of the case or a provider reaching a verbinder's page or step is refused (and
logged) here, so a refused caller never gets a 400 that tells the shape of the input; an
AJH-verbinder of another stadsdeel is refused by `guards.referral_get_for_step` already.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.verwijzing import guards
from ketenzorg.verwijzing.models import Party, Referral


def referral_for_verbinder(
    *, actor, referral_uuid, action=Action.UPDATE
) -> tuple[Referral, Decision]:
    """The referral for a verbinder's step; anyone else is refused and logged as that step."""
    referral, party, decision = guards.referral_get_for_step(
        actor=actor, referral_uuid=referral_uuid, action=action
    )
    guards.party_required(actor, referral, party, Party.VERBINDER, action)
    return referral, decision


def referral_for_match_page(*, actor, referral_uuid) -> tuple[Referral, Decision]:
    """The match page shows the child and the request: a logged look, for the verbinder only."""
    referral, decision = referral_for_verbinder(
        actor=actor, referral_uuid=referral_uuid, action=Action.READ
    )
    door.look(
        actor,
        decision,
        object_type="verwijzing.Referral",
        object_uuid=referral.uuid,
        subjects=lambda: case_subjects(referral.case),
        message=gettext(guards.NOT_YOURS),
        reason="matchen",
    )
    return referral, decision
