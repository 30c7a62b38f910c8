"""Whether "Verwijzingen" (the gebiedsknooppunt's inbox) belongs in someone's menu: the
AJH-verbinders, who take the referrals sent to their stadsdeel. Reads only the user's roles,
no family data, so nothing is logged."""

from __future__ import annotations

from ketenzorg.access import gkp as access


def shows_referral_inbox(user) -> bool:
    return access.verbinder_of(user) is not None
