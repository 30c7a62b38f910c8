"""Beheer of the front door: locations, opening hours, exceptions and topics (functioneel beheerder)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.frontdoor import guards, rules
from ketenzorg.frontdoor.models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Topic,
)
from ketenzorg.network.models import District, Professional

logger = logging.getLogger(__name__)


# --- beheer: locations, hours, exceptions, topics -------------------------------------------------


@dataclass
class LocationInput:
    name: str
    kind: str = LocationKind.WALK_IN
    health_centre: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    district: District | None = None
    phone_number: str = ""
    directions: str = ""
    closed_on_holidays: bool = True
    is_active: bool = True


def _validate_location(data: LocationInput, *, exclude_pk=None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = [gettext("Vul een naam in.")]
    elif Location.objects.filter(name__iexact=data.name.strip()).exclude(pk=exclude_pk).exists():
        errors["name"] = [gettext("Er is al een locatie met deze naam.")]
    if data.kind not in LocationKind.values:
        errors["kind"] = [gettext("Kies de soort.")]
    if data.kind == LocationKind.WALK_IN:
        if not data.street.strip():
            errors["street"] = [gettext("Vul het adres van het inloopspreekuur in.")]
        if not rules.postcode_valid(data.postcode):
            errors["postcode"] = [
                gettext("Een postcode is vier cijfers en twee letters, bijv. 9911 AB.")
            ]
    if data.kind == LocationKind.PHONE and not data.phone_number.strip():
        errors["phone_number"] = [gettext("Vul het telefoonnummer in.")]
    return errors


def location_save(*, actor, data: LocationInput, location: Location | None = None) -> Location:
    guards.frontdoor_manage_allowed(actor=actor, object_type="frontdoor.Location", action=Action.UPDATE if location else Action.CREATE,
                    object_uuid=location.uuid if location else "")  # fmt: skip
    errors = _validate_location(data, exclude_pk=location.pk if location else None)
    if errors:
        raise ValidationFailed(
            gettext("De locatie is niet opgeslagen: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    postcode = rules.normalise_postcode(data.postcode)
    if rules.postcode_valid(postcode):
        postcode = f"{postcode[:4]} {postcode[4:]}"
    values = {
        "name": data.name.strip(),
        "kind": data.kind,
        "health_centre": data.health_centre.strip(),
        "street": data.street.strip(),
        "postcode": postcode,
        "city": data.city.strip(),
        "district": data.district,
        "phone_number": data.phone_number.strip(),
        "directions": data.directions.strip(),
        "closed_on_holidays": data.closed_on_holidays,
        "is_active": data.is_active,
    }
    with transaction.atomic():
        if location is None:
            location = Location.objects.create(**values)
            action = Action.CREATE
        else:
            for key, value in values.items():
                setattr(location, key, value)
            location.save()
            action = Action.UPDATE
        audit_record(
            actor=actor,
            action=action,
            object_type="frontdoor.Location",
            object_uuid=location.uuid,
            basis=Basis.ROLE,
        )
    return location


@dataclass(frozen=True)
class SlotInput:
    weekday: int
    opens: time
    closes: time
    adviser: Professional | None = None


def hours_replace(*, actor, location: Location, slots: list[SlotInput]) -> list[OpeningHours]:
    """Replace a location's week: simpler to reason about than editing slot by slot."""
    guards.frontdoor_manage_allowed(
        actor=actor, object_type="frontdoor.OpeningHours", object_uuid=location.uuid
    )
    errors: dict[str, list[str]] = {}
    for index, slot in enumerate(slots):
        if not 0 <= slot.weekday <= 6:
            errors.setdefault(f"slots-{index}-weekday", []).append(gettext("Kies een dag."))
        if not slot.opens < slot.closes:
            errors.setdefault(f"slots-{index}-closes", []).append(
                gettext("De eindtijd ligt na de begintijd.")
            )
        if slot.adviser is not None and not access.can_be_assigned(slot.adviser):
            errors.setdefault(f"slots-{index}-adviser", []).append(
                gettext("Kies een opvoedadviseur.")
            )
    by_day: dict[int, list[SlotInput]] = {}
    for slot in slots:
        by_day.setdefault(slot.weekday, []).append(slot)
    for day, day_slots in by_day.items():
        ordered = sorted(day_slots, key=lambda s: s.opens)
        if any(a.closes > b.opens for a, b in zip(ordered, ordered[1:], strict=False)):
            errors.setdefault("slots", []).append(
                gettext("Tijden op %(day)s overlappen.") % {"day": rules.WEEKDAY_NAMES[day]}
            )
    if errors:
        raise ValidationFailed(
            gettext("De openingstijden zijn niet opgeslagen: controleer de tijden."),
            field_errors=errors,
        )
    with transaction.atomic():
        location.hours.all().delete()
        created = OpeningHours.objects.bulk_create(
            OpeningHours(
                location=location,
                weekday=s.weekday,
                opens=s.opens,
                closes=s.closes,
                adviser=s.adviser,
            )
            for s in slots
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="frontdoor.OpeningHours",
            object_uuid=location.uuid,
            basis=Basis.ROLE,
        )
    return created


def exception_add(
    *, actor, location: Location, day: date | None, is_closed: bool, opens: time | None = None,
    closes: time | None = None, reason: str = "",
) -> OpeningException:  # fmt: skip
    guards.frontdoor_manage_allowed(
        actor=actor,
        object_type="frontdoor.OpeningException",
        action=Action.CREATE,
        object_uuid=location.uuid,
    )
    errors: dict[str, list[str]] = {}
    if day is None:
        errors["date"] = [gettext("Vul een datum in.")]
    elif day < timezone.localdate() - timedelta(days=1):
        errors["date"] = [gettext("Een uitzondering ligt vandaag of later.")]
    elif location.exceptions.filter(date=day).exists():
        errors["date"] = [gettext("Voor deze datum is al een uitzondering.")]
    if not is_closed and (opens is None or closes is None or not opens < closes):
        errors["closes"] = [
            gettext(
                "Vul bij afwijkende tijden een begin- en eindtijd in; de eindtijd ligt na de begintijd."
            )
        ]
    if len(reason or "") > 200:
        errors["reason"] = [gettext("Een reden is hooguit 200 tekens.")]
    if errors:
        raise ValidationFailed(gettext("De uitzondering is niet opgeslagen."), field_errors=errors)
    with transaction.atomic():
        exception = OpeningException.objects.create(
            location=location,
            date=day,
            is_closed=is_closed,
            opens=None if is_closed else opens,
            closes=None if is_closed else closes,
            reason=(reason or "").strip(),
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="frontdoor.OpeningException",
            object_uuid=exception.uuid,
            basis=Basis.ROLE,
        )
    return exception


def exception_delete(*, actor, exception: OpeningException) -> None:
    guards.frontdoor_manage_allowed(
        actor=actor,
        object_type="frontdoor.OpeningException",
        action=Action.DELETE,
        object_uuid=exception.uuid,
    )
    with transaction.atomic():
        uuid = exception.uuid
        exception.delete()
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type="frontdoor.OpeningException",
            object_uuid=uuid,
            basis=Basis.ROLE,
        )


def topic_save(*, actor, name: str, description: str = "", sort_order: int = 100, is_active: bool = True,
               topic: Topic | None = None) -> Topic:  # fmt: skip
    guards.frontdoor_manage_allowed(actor=actor, object_type="frontdoor.Topic", action=Action.UPDATE if topic else Action.CREATE,
                    object_uuid=topic.uuid if topic else "")  # fmt: skip
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        errors["name"] = [gettext("Vul een onderwerp in (hooguit 100 tekens).")]
    elif Topic.objects.filter(name__iexact=name).exclude(pk=topic.pk if topic else None).exists():
        errors["name"] = [gettext("Dit onderwerp bestaat al.")]
    if errors:
        raise ValidationFailed(gettext("Het onderwerp is niet opgeslagen."), field_errors=errors)
    with transaction.atomic():
        if topic is None:
            topic = Topic.objects.create(
                name=name,
                description=description.strip(),
                sort_order=sort_order,
                is_active=is_active,
            )
            action = Action.CREATE
        else:
            topic.name, topic.description, topic.sort_order, topic.is_active = (
                name,
                description.strip(),
                sort_order,
                is_active,
            )
            topic.save()
            action = Action.UPDATE
        audit_record(
            actor=actor,
            action=action,
            object_type="frontdoor.Topic",
            object_uuid=topic.uuid,
            basis=Basis.ROLE,
        )
    return topic
