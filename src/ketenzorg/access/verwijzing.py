"""Need-to-know for a referral to aanvullende jeugdhulp: three parties, each its own part.

- Who works the case (`access.werkproces.werkproces_decision`) writes the perspectiefplan, the
  voorziening and the referral, sends and withdraws it, and follows every step on the case.
- The AJH-verbinders of the stadsdeel the referral was sent to see it from the moment it is
  sent (never a draft), match and forward it; a verbinder of another stadsdeel is refused.
- The staff (`aanbieder` role) of the provider it is forwarded to see it from forwarding on,
  and only while it is theirs: after a decline it is back at the gebiedsknooppunt. Whether
  they may still open its documents is asked again at every look, of the family's consent
  (`verwijzing.guards`): access rules here read models only.
"""

from __future__ import annotations

from ketenzorg.access import gkp, policy
from ketenzorg.access import werkproces as werkproces_access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Basis
from ketenzorg.network.models import Role
from ketenzorg.verwijzing.models import AT_GKP, WITH_PROVIDER, Party, Referral

DENY_NOT_PROVIDER = Decision(False, Basis.NONE, "geen medewerker van een jeugdhulpaanbieder")
DENY_NOT_FORWARDED = Decision(False, Basis.NONE, "niet doorgestuurd aan uw organisatie")
DENY_NOT_SENT = Decision(False, Basis.NONE, "verwijzing nog niet verzonden")
ALLOW_PROVIDER = Decision(True, Basis.REFERRAL, "aanbieder aan wie de verwijzing is doorgestuurd")
ALLOW_VERBINDER = Decision(True, Basis.REFERRAL, "AJH-verbinder van het stadsdeel")


def case_decision(user, case) -> Decision:
    """The professional's side: the same need-to-know as the werkproces of the case."""
    return werkproces_access.werkproces_decision(user, case)


def provider_of(user):
    """The active professional with the aanbieder role, or None."""
    professional = policy.professional_of(user)
    if professional is None or not professional.has_role(Role.AANBIEDER):
        return None
    return professional


def provider_list_decision(user) -> Decision:
    if provider_of(user) is None:
        return DENY_NOT_PROVIDER
    return Decision(True, Basis.ROLE, "aanbieder")


def inbox_decision(user) -> Decision:
    """The gebiedsknooppunt's inbox: any AJH-verbinder, each sees their own stadsdelen."""
    return gkp.gkp_list_decision(user)


def verbinder_decision(user, referral: Referral) -> Decision:
    decision = gkp.stadsdeel_decision(user, referral.stadsdeel_id)
    if not decision:
        return decision
    if referral.status not in AT_GKP:
        return DENY_NOT_SENT
    return ALLOW_VERBINDER


def provider_decision(user, referral: Referral) -> Decision:
    professional = provider_of(user)
    if professional is None:
        return DENY_NOT_PROVIDER
    if referral.status not in WITH_PROVIDER or referral.provider_id != (
        professional.organisation_id
    ):
        return DENY_NOT_FORWARDED
    return ALLOW_PROVIDER


def party_decision(user, referral: Referral) -> tuple[str | None, Decision]:
    """The party this user is for this referral (Party.PROFESSIONAL/VERBINDER/PROVIDER) and the
    decision it rests on; (None, the most telling refusal) for anyone else."""
    as_case = case_decision(user, referral.case)
    if as_case:
        return Party.PROFESSIONAL, as_case
    as_verbinder = verbinder_decision(user, referral)
    if as_verbinder:
        return Party.VERBINDER, as_verbinder
    as_provider = provider_decision(user, referral)
    if as_provider:
        return Party.PROVIDER, as_provider
    if provider_of(user) is not None:
        return None, as_provider
    if gkp.verbinder_of(user) is not None:
        return None, as_verbinder
    return None, as_case


def hidden_from(user) -> bool:
    """A provider's staff never learn that a referral exists until it is theirs: a refusal is
    answered as an unknown id (404), and logged all the same."""
    return provider_of(user) is not None and gkp.verbinder_of(user) is None
