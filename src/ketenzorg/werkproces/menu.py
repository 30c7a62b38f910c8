"""Whether "Mijn consultaties" belongs in someone's menu: the roles that are asked to think
along, and anyone else who has been asked (a colleague with the expertise). Reads only the
professional's own consultations' existence, no family data, so nothing is logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Exists, OuterRef

from ketenzorg.werkproces.models import Consultation

ASKED_ROLES = {"meedenker", "ajh_verbinder"}


def asked_now(now: datetime) -> Exists:
    """Someone asked this professional (the menu's row) to think along, and the access runs."""
    return Exists(Consultation.objects.filter(meedenker=OuterRef("pk"), access_until__gt=now))


def my_consultations_flag(professional) -> bool | Callable[[datetime], Exists]:
    """True for the roles that are asked; otherwise the question whether someone asked this
    professional, which the menu answers with the other apps' in one query on their row."""
    if professional.has_role(*ASKED_ROLES):
        return True
    return asked_now
