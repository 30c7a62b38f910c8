"""Serializer fields shared by the API's inputs."""

from __future__ import annotations

import uuid

from django.utils.encoding import smart_str
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ketenzorg.core.prepared import PreparedQuery

_LOOKUPS: dict[tuple, PreparedQuery] = {}


@extend_schema_field(OpenApiTypes.UUID)
class RelatedByUuid(serializers.SlugRelatedField):
    """An object named by its uuid in a write's input (DRF's `SlugRelatedField` on `uuid`), found
    with a query compiled once per process (`core.prepared`).

    DRF finds it with `queryset.get(uuid=…)`, which Django turns into SQL on every request: for
    the responsible professional of a new agreement that was two thirds of the input's
    validation. The query is compiled once per serializer and field, from the queryset given at
    the declaration, so that queryset must not depend on the request. The answers are DRF's:
    an unknown uuid is `does_not_exist`, a malformed one is left to the ordinary lookup, whose
    message names it.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "uuid")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            value = uuid.UUID(str(data))
        except (TypeError, ValueError, AttributeError):
            return super().to_internal_value(data)
        found = self._lookup().first(value)
        if found is None:
            self.fail("does_not_exist", slug_name=self.slug_field, value=smart_str(data))
        return found

    def _lookup(self) -> PreparedQuery:
        key = (type(self.parent), self.field_name)
        query = _LOOKUPS.get(key)
        if query is None:
            queryset, slug = self.get_queryset(), self.slug_field
            query = _LOOKUPS[key] = PreparedQuery(
                lambda value: queryset.filter(**{slug: value}).order_by("pk")[:1],
                name=f"{type(self.parent).__name__}.{self.field_name}",
            )
        return query
