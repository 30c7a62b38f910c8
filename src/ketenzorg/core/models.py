"""Shared model bases.

Persons and everything about them are addressed by UUID in URLs and the API, so
that nobody can walk through sequential ids of children.
"""

import uuid

from django.db import models
from django.utils.encoding import force_str

# field -> {stored value: label}; built once per field (choices are fixed when the class is made).
_CHOICE_LABELS: dict = {}


class ChoiceLabelsMixin:
    """`get_FOO_display()` without Django's per-call `dict(make_hashable(field.flatchoices))`.

    Django rebuilds that dict on every call, and hashing the lazily translated labels
    translates each of them: on a list of fifty cases that was a tenth of the page's time.
    Here the value -> label dict is built once per field; the label is still translated
    when shown, in the language of the request. Same result as Django's.
    """

    def _get_FIELD_display(self, field):
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            try:
                labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
            except TypeError:  # an unhashable choice value: leave it to Django
                return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class PublicIdModel(ChoiceLabelsMixin, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(PublicIdModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
