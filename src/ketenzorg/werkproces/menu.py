"""Whether "Mijn consultaties" belongs in someone's menu: the roles that are asked to think
along, and anyone else who has been asked (a colleague with the expertise). Reads only the
professional's own consultations' existence, no family data, so nothing is logged."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ketenzorg.werkproces.models import Consultation

ASKED_ROLES = {"meedenker", "ajh_verbinder"}


def my_consultations_flag(professional) -> bool | Exists:
    """True for the roles that are asked; otherwise the question whether someone asked this
    professional, which the menu answers with the other apps' in one query on their row."""
    if professional.has_role(*ASKED_ROLES):
        return True
    return Exists(
        Consultation.objects.filter(meedenker=OuterRef("pk"), access_until__gt=timezone.now())
    )
