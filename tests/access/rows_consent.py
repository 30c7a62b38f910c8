"""Authorization matrix rows of the family's consent registry.

Consent is recorded, seen and withdrawn by the professionals involved with the family
(with a client role), like the family's own data; every other caller is refused and the
refusal is logged, since a consent names the family's children and parents.
"""

from __future__ import annotations

from ketenzorg.consent import services

WEB = {
    "consent:family": {"GET": "family"},
    "consent:new": {"GET": "family", "POST": "family"},
    "consent:withdraw": {"GET": "family", "POST": "family"},
}

API = {
    "families_consents_list": "family",
    "families_consents_create": "family",
    "consents_withdraw": "family",
}

PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """A consent of the world family's parent for its child, recorded by the involved owner."""
    family = world["family"]
    members = list(family.members.all())
    child = next(m for m in members if m.role == "kind")
    parent = next(m for m in members if m.has_parental_authority)
    (consent,) = services.consent_record_for_children(
        actor=world["owner"].user,
        family=family,
        children=[child],
        givers=[parent],
        purpose="consultatie",
        parts=["plan"],
        method="mondeling",
        recipient_organisation=world["owner_org"],
    )
    return {"consent_uuid": consent.uuid}
