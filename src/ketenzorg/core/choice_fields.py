"""A form's choice of one object by its uuid, found with a query compiled once per process.

Django's `ModelChoiceField` finds the chosen object with `queryset.get(uuid=…)`, turned into
SQL on every submission: on the parent's question form that was a tenth of the request. The
choices are given as a function that builds them without the request (a form whose choices
depend on who asks keeps Django's field); the lookup is compiled once from them
(`core.prepared`). The answers are Django's: an unknown, inactive or malformed uuid is
`invalid_choice` with its message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from ketenzorg.core.prepared import PreparedQuery


class ChoiceByUuid(forms.ModelChoiceField):
    def __init__(self, choices: Callable[[], QuerySet], **kwargs):
        super().__init__(queryset=choices(), to_field_name="uuid", **kwargs)
        self._found = PreparedQuery(
            lambda value: choices().filter(uuid=value).order_by("pk")[:1],
            name=f"the choice of {choices.__qualname__}",
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Model):
            value = value.uuid
        try:
            key = uuid.UUID(str(value))
        except (TypeError, ValueError, AttributeError):
            key = None
        found = self._found.first(key) if key is not None else None
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found
