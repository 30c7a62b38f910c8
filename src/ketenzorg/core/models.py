"""Shared model bases.

Persons and everything about them are addressed by UUID in URLs and the API, so
that nobody can walk through sequential ids of children.
"""

import uuid

from django.db import models


class PublicIdModel(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(PublicIdModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
