"""A programme's fields as a proposal stores them, and the differences an approver and the
history show. Reads only: the services write with these, the selectors show with them."""

from __future__ import annotations

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import (
    INTERNAL_FIELDS,
    REVIEWED_FIELDS,
    Programme,
    ProgrammeStatus,
    Topic,
)
from ketenzorg.network.models import District

RELATIONS = {"topics": Topic, "districts": District}


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def reviewed_values(programme: Programme) -> dict:
    """The reviewed fields of the row, as a revision stores them (relations as sorted uuids)."""
    values = {}
    for name in REVIEWED_FIELDS:
        if name in RELATIONS:
            values[name] = sorted(str(o.uuid) for o in getattr(programme, name).all())
        else:
            values[name] = getattr(programme, name)
    return values


def internal_values(programme: Programme) -> dict:
    return {name: _json(getattr(programme, name)) for name in INTERNAL_FIELDS}


def input_reviewed_values(data) -> dict:
    values = {}
    for name in REVIEWED_FIELDS:
        value = getattr(data, name)
        if name in RELATIONS:
            values[name] = sorted(str(o.uuid) for o in value)
        elif name == "name":
            values[name] = " ".join((value or "").split())
        else:
            values[name] = value
    return values


def input_internal_values(data) -> dict:
    return {name: _json(getattr(data, name)) for name in INTERNAL_FIELDS}


def public_snapshot(programme: Programme) -> dict:
    """What the public sees of the programme now: nothing unless it is published. The diff
    an approver reads is against this, so publishing a concept shows its whole content."""
    if programme.status != ProgrammeStatus.PUBLISHED:
        return {}
    return reviewed_values(programme)


def display(name: str, value):
    """A value as the history keeps it: relations by name, the rest as stored."""
    if name in RELATIONS:
        rows = RELATIONS[name].objects.filter(uuid__in=value or []).values_list("uuid", "name")
        return ", ".join(sorted(name for _uuid, name in rows))
    return value


def diff(before: dict, after: dict) -> list[dict]:
    """[{field, old, new}] for the fields that differ, relations shown by name."""
    return [
        {"field": name, "old": display(name, before.get(name)), "new": display(name, after[name])}
        for name in rules.changed_fields(before, after)
    ]


def input_from_proposal(programme: Programme, proposed: dict, input_class):
    """The programme as it would be with the proposal: for validating it once more on approval."""
    values = {k: v for k, v in proposed.items() if k not in RELATIONS}
    relations = {
        name: list(model.objects.filter(uuid__in=proposed.get(name) or []))
        for name, model in RELATIONS.items()
    }
    internal = {name: getattr(programme, name) for name in INTERNAL_FIELDS}
    return input_class(provider=programme.provider, **values, **relations, **internal)
