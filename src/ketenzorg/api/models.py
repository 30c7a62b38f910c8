"""What the API keeps between requests: the answers to writes sent with an Idempotency-Key."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotentRequest(models.Model):
    """One write's answer, kept for 24 hours so a retry gets it instead of a second write.

    `owner` is `user:<pk>` for a logged-in caller and a keyed hash of the address for an
    anonymous one (the address itself is never stored). The answer is what the caller
    already received, encrypted at rest, and deleted when the key expires.
    """

    owner = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="api_idempotency_owner_key")
        ]

    def __str__(self):
        return f"{self.method} {self.path} ({self.created_at:%Y-%m-%d %H:%M})"
