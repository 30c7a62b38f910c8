"""Builders for the front-door tests: real models and services, synthetic people."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import timezone

from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import Location, LocationKind, OpeningHours, Question, Topic
from ketenzorg.network.models import DistrictKind, Role
from tests import factories


@pytest.fixture
def adviser(db):
    return factories.make_professional(
        Role.OPVOEDADVISEUR, organisation=factories.make_organisation("Proef-CJG")
    )


@pytest.fixture
def adviser_client(client, adviser):
    return factories.verified_login(client, adviser.user)


@pytest.fixture
def topic(db):
    return Topic.objects.get(name="Slapen")


@pytest.fixture
def city(db):
    city = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    haven = factories.make_district("Haven", parent=city)
    haven.postcode_prefixes = "9911,9912"
    haven.save()
    noord = factories.make_district("Noord", parent=city)
    gebied = factories.make_district("Dijkzicht", kind=DistrictKind.GEBIED, parent=noord)
    gebied.postcode_prefixes = "9952"
    gebied.save()
    return {"city": city, "haven": haven, "noord": noord}


def make_location(
    name, *, district=None, postcode="9911 AB", slots=((1, time(9), time(11)),), adviser=None
):
    location = Location.objects.create(
        name=name, health_centre=f"Gezondheidscentrum {name}", street="Proefstraat 1", postcode=postcode,
        city="Proefstad", district=district,
    )  # fmt: skip
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=d, opens=o, closes=c, adviser=adviser)
        for d, o, c in slots
    )
    return location


def make_phone_line():
    phone = Location.objects.create(
        kind=LocationKind.PHONE, name="Proeftelefoon", phone_number="(0999) 123 45 67"
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(location=phone, weekday=d, opens=rules.PHONE_OPENS, closes=rules.PHONE_CLOSES)
        for d in range(5)
    )
    return phone


def make_question(
    topic,
    *,
    email="ouder@voorbeeld.invalid",
    name="",
    text="Hoe krijg ik mijn peuter in slaap?",
    **extra,
):
    return Question.objects.create(
        reference=rules.new_reference(), topic=topic, text=text, child_age=2, email=email, name=name,
        consent_at=timezone.now(), privacy_notice_version="test", **extra,
    )  # fmt: skip
