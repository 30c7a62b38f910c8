"""Authorization matrix rows of the privacy officer's review of break-the-glass events.

Written like `audit:index` and `audit:person_log` in matrix.py: the rule is "privacy", and
every row is personal data (an event names a family and its members), so each refused cell
must leave a logged refusal. The privacy actor of a cell is never the grant's holder; that
nobody reviews their own grant is tested in tests/security/test_break_glass_review.py.
"""

from __future__ import annotations

from ketenzorg.families import services
from tests import factories

WEB = {
    "audit:emergency_list": {"GET": "privacy"},
    "audit:emergency_detail": {"GET": "privacy", "POST": "privacy"},
}

API = {
    "emergency_access_list": "privacy",
    "emergency_access_review": "privacy",
}

PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """A break of the glass on the world's family, through the real service."""
    holder = factories.make_professional("jgz")
    grant = services.emergency_access_grant(
        actor=holder.user, family=world["family"], reason="matrix: noodtoegang om te beoordelen"
    )
    return {"grant_uuid": grant.uuid}
