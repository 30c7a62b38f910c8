"""Emergency access ("break the glass"): the one exception to need-to-know.

A professional in a casework role who is not involved may open a family's file
when a child's safety cannot wait, with a written reason. The grant is short,
every use is logged with basis `break_the_glass`, and the privacy officer reviews
each grant (`EmergencyAccessReview`).
"""

from django.conf import settings
from django.db import models

from ketenzorg.core.models import PublicIdModel


class EmergencyAccess(PublicIdModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_grants"
    )
    family = models.ForeignKey(
        "families.Family", on_delete=models.PROTECT, related_name="emergency_grants"
    )
    reason = models.CharField("reden", max_length=500)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "family", "expires_at"])]


class EmergencyAccessReview(PublicIdModel):
    """The privacy officer's judgment of one break of the glass: who, when, and their note.

    A table of its own rather than fields on the grant. The grant is what the professional
    wrote and what `access.policy` reads on every look at a family, and it stays exactly as
    it was granted. A second note on the same grant (a follow-up after talking to the
    professional, a colleague's remark) is a new row beside the first, with its own author
    and time, so no earlier judgment is ever overwritten. The grant counts as reviewed from
    its first row on.
    """

    grant = models.ForeignKey(EmergencyAccess, on_delete=models.PROTECT, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_reviews"
    )
    reviewed_at = models.DateTimeField()
    note = models.TextField("toelichting", max_length=2000)

    class Meta:
        ordering = ["reviewed_at", "id"]
        indexes = [models.Index(fields=["grant", "reviewed_at"])]
