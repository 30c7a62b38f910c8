"""Whom a professional can ask to think along: the proposals by expertise, and for a
consultation from outside also the sociale kaart.

Kept apart from `selectors` because it reads no family data: it is the same answer for
every case of the asking professional, so nothing is logged. The case only decides
whether the professional may ask at all (checked by the caller).
"""

from __future__ import annotations

import uuid as uuidlib

from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.network import selectors as network
from ketenzorg.network.models import ExpertiseTag, Professional, Role
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.selectors import meedenker_proposals

LIMIT = 20


def expertise_find(value: str) -> ExpertiseTag | None:
    """An expertise tag by its uuid or, for scripts, by its name."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        wanted = uuidlib.UUID(value)
    except ValueError:  # not a uuid: a name
        return network.expertise_by_name(name=value)
    return network.expertise_choices().filter(uuid=wanted).first()


def meedenker_candidates(
    *, actor, scope: str, expertise: ExpertiseTag | None, area=None
) -> list[Professional]:
    """Intern: the own team and stadsdeel. Extern: everyone with the expertise, the nearest
    first, then whom the sociale kaart finds in the chosen area. AJH: the AJH-verbinders.
    Within each tier the available ones come first."""
    me = policy.client_professional_of(actor)
    if me is None:
        return []
    proposals = []
    if expertise is not None:
        proposals = meedenker_proposals(
            actor=actor,
            expertise=expertise,
            internal_only=scope == rules.SCOPE_INTERNAL,
            limit=LIMIT,
        )
    extra = []
    if scope == rules.SCOPE_AJH:
        proposals = [p for p in proposals if p.has_role(Role.AJH_VERBINDER)]
        extra = network.directory_search(area=area, role=Role.AJH_VERBINDER)[:LIMIT]
    elif scope == rules.SCOPE_EXTERNAL and expertise is not None:
        extra = network.directory_search(area=area, expertise=expertise)[:LIMIT]
    seen = {p.pk for p in proposals} | {me.pk}
    today = timezone.localdate()
    # The sociale kaart's finds after the proposals, those available today first (a stable
    # sort keeps the directory's name order within each).
    rest = sorted(
        (p for p in extra if p.pk not in seen and not seen.add(p.pk)),
        key=lambda p: not p.is_available(today),
    )
    return proposals + rest
