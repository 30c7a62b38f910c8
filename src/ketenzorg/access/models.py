"""Emergency access ("break the glass"): the one exception to need-to-know.

A professional in a casework role who is not involved may open a family's file
when a child's safety cannot wait, with a written reason. The grant is short,
every use is logged with basis `break_the_glass`, and the privacy officer sees
each grant in the access log.
"""

from django.conf import settings
from django.db import models

from ketenzorg.core.models import PublicIdModel


class EmergencyAccess(PublicIdModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_grants")
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="emergency_grants")
    reason = models.CharField("reden", max_length=500)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "family", "expires_at"])]
