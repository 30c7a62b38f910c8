"""A sealed document: what the database knows of an encrypted file on disk.

The row holds the document's data key only wrapped (encrypted under a master key from the
environment) and the file holds only ciphertext, so neither a database backup nor a copy of
the document folder reveals a document on its own. Destroying a document empties its
wrapped key; the row stays, so the referral's history can still say that there was a
document, what it was called and when it was destroyed.
"""

import uuid

from django.db import models
from django.db.models import Q


class SealedDocument(models.Model):
    # The name of the file on disk and the associated data of both encryptions: a file or a
    # wrapped key moved to another row does not decrypt.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()  # bytes of the plaintext
    ciphertext_sha256 = models.CharField(max_length=64)
    master_key_id = models.CharField(max_length=16)
    wrapped_key = models.BinaryField(max_length=64)
    key_nonce = models.BinaryField(max_length=12)
    data_nonce = models.BinaryField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "versleuteld document"
        verbose_name_plural = "versleutelde documenten"
        indexes = [
            # Rotation looks for the live rows under an older key.
            models.Index(fields=["master_key_id"], name="documents_master_key_id"),
        ]
        constraints = [
            # A destroyed document keeps no key, whatever code wrote the row.
            models.CheckConstraint(
                condition=Q(destroyed_at__isnull=True) | Q(wrapped_key=b""),
                name="documents_destroyed_without_key",
            ),
        ]

    def __str__(self):
        return f"document {self.uuid}"

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None
