"""Shared model bases.

Persons and everything about them are addressed by UUID in URLs and the API, so
that nobody can walk through sequential ids of children.
"""

import uuid

from django.db import models
from django.utils import translation
from django.utils.encoding import force_str

# (field, language) -> {stored value: label as shown}; built once per field and language
# (choices are fixed when the class is made, the catalogues when the process starts).
_CHOICE_LABELS: dict = {}


def choice_labels(field) -> dict:
    """A choice field's stored value -> label in the active language, built once per field and
    language. `get_FOO_display()` reads it; rows written in Python (decision 0019) look their
    labels up in it directly. TypeError for a choice value that cannot be a key."""
    key = (field, translation.get_language())
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = _CHOICE_LABELS[key] = {
            value: force_str(label, strings_only=True) for value, label in field.flatchoices
        }
    return labels


def choice_label(labels: dict, value) -> str:
    """What `get_FOO_display()` shows for `value`: its label, or the value itself."""
    try:
        return labels[value]
    except KeyError:
        return force_str(value, strings_only=True)


class ChoiceLabelsMixin:
    """`get_FOO_display()` without Django's per-call `dict(make_hashable(field.flatchoices))`.

    Django rebuilds that dict on every call, and hashing the lazily translated labels
    translates each of them: on a list of fifty cases that was a tenth of the page's time.
    Here the value -> label dict is built once per field and language, the labels translated
    into that language then; the dashboard shows two such labels on each of its hundred rows.
    Same result as Django's.
    """

    def _get_FIELD_display(self, field):
        try:
            labels = choice_labels(field)
        except TypeError:  # an unhashable choice value: leave it to Django
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        try:
            return labels[value]
        except KeyError:
            return force_str(value, strings_only=True)
        except TypeError:
            return super()._get_FIELD_display(field)


class PublicIdModel(ChoiceLabelsMixin, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(PublicIdModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
