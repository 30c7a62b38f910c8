"""Reading an API request's input: one way, so every operation answers bad input alike.

`is_valid(raise_exception=True)` turns a serializer's errors into the 400 problem
(`api/problems.py`) with `invalid_params`, before any service is called.

DRF gives every serializer it makes a deep copy of its class's declared fields, so that one
request may change its own fields without changing another's. None of our input serializers
changes its fields, and the copy was a twentieth of a new agreement by the API (its related
fields' querysets are copied with their whole query). So the fields of an input serializer are
kept between requests: a set is used by one serializer at a time, bound to it before its
validation (as DRF binds a copy) and handed back after. A serializer class that builds its own
fields (`get_fields`) or touches them while it is made gets DRF's copy, as before.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.utils.serializer_helpers import BindingDict

# Per serializer class, the field sets not in use: list.pop and list.append are atomic, so two
# threads never take the same set.
_SPARE_FIELDS: dict[type, list[dict]] = {}


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    spare = _spare_fields_of(serializer)
    if spare is None:
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
    fields, bound = _take(spare), BindingDict(serializer)
    if fields is None:
        fields = serializer.get_fields()
        for name, field in fields.items():
            bound[name] = field  # binds the field to this serializer, as DRF does
    else:
        for name, field in fields.items():
            # Bound before by this name to a serializer of this class: only its parent
            # changes (binding again would take the name it was given for a declared source).
            field.parent = serializer
            bound.fields[name] = field
    serializer.__dict__["fields"] = bound  # where `Serializer.fields` (cached) keeps its own
    try:
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
    finally:
        spare.append(fields)


def _spare_fields_of(serializer) -> list[dict] | None:
    """The spare sets of this serializer's class, or None for a class whose fields are its
    instance's own (built by `get_fields`, or already made while the serializer was)."""
    kind = type(serializer)
    if kind.get_fields is not serializers.Serializer.get_fields or "fields" in vars(serializer):
        return None
    return _SPARE_FIELDS.setdefault(kind, [])


def _take(spare: list[dict]) -> dict | None:
    try:
        return spare.pop()
    except IndexError:
        return None
