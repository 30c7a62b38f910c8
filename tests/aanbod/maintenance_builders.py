"""Inputs for the maintenance tests (the providers and a second beheerder are fixtures in
conftest.py)."""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus, Topic


def programme_input(provider, **changes) -> services.ProgrammeInput:
    data = services.ProgrammeInput(
        provider=provider, name="Slaapcursus Proef", description="Beter slapen voor peuters.",
        audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
        topics=list(Topic.objects.filter(name="Slapen")), status=ProgrammeStatus.PUBLISHED,
        waiting_weeks=2, waiting_confirmed_on=timezone.localdate(), capacity="12 gezinnen",
    )  # fmt: skip
    return dataclasses.replace(data, **changes)


def input_of(programme, **changes) -> services.ProgrammeInput:
    """The programme's current values as an input, with `changes` on top (an edit form)."""
    fields = {f.name for f in dataclasses.fields(services.ProgrammeInput)}
    values = {
        name: getattr(programme, name)
        for name in fields
        if name not in {"topics", "districts", "provider"}
    }
    values["topics"] = list(programme.topics.all())
    values["districts"] = list(programme.districts.all())
    return services.ProgrammeInput(**{"provider": programme.provider, **values, **changes})
