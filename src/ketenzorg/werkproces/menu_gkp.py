"""Whether "GKP-overleg" belongs in someone's menu: the AJH-verbinders, who meet in it.
Reads only the user's roles, no family data, so nothing is logged."""

from __future__ import annotations

from ketenzorg.access import gkp as access


def shows_gkp_overleg(user) -> bool:
    return access.verbinder_of(user) is not None
