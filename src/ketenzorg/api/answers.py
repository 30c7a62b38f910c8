"""Values of an API answer built directly, as DRF's fields give them (decision 0019).

Answers of many rows are written as dicts instead of through serializers, which deep-copy
their declared fields for every serializer made; the serializers stay the schema and tests
hold the two to the same output. What several answers write the same way is here.
"""

from __future__ import annotations

from rest_framework import serializers

_MOMENT = serializers.DateTimeField()


def moment(value) -> str | None:
    """A `DateTimeField`'s text: ISO 8601 in the current time zone; None for none."""
    return None if value is None else _MOMENT.to_representation(value)


def professional_ref(professional) -> dict | None:
    """A professional as `ProfessionalRefSerializer` gives one: uuid and name."""
    if professional is None:
        return None
    return {"uuid": str(professional.uuid), "name": str(professional.full_name)}
