"""Whether "Mijn consultaties" belongs in someone's menu: the roles that are asked to think
along, and anyone else who has been asked (a colleague with the expertise). Reads only the
professional's own consultations' existence, no family data, so nothing is logged."""

from __future__ import annotations

from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.werkproces.models import Consultation

ASKED_ROLES = {"meedenker", "ajh_verbinder"}


def shows_my_consultations(user) -> bool:
    professional = policy.professional_of(user)
    if professional is None:
        return False
    if professional.has_role(*ASKED_ROLES):
        return True
    return Consultation.objects.filter(
        meedenker=professional, access_until__gt=timezone.now()
    ).exists()
