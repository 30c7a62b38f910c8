"""Whether "Verwijzingen" belongs in someone's menu: the staff of a jeugdhulpaanbieder, who
receive the referrals. Reads only the user's roles, no family data, so nothing is logged."""

from __future__ import annotations

from ketenzorg.access import verwijzing as access


def shows_provider_referrals(user) -> bool:
    return access.provider_of(user) is not None
