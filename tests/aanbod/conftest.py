"""Builders for the catalogue's tests: programmes are written through the real service."""

from __future__ import annotations

from datetime import date

import pytest

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus, Topic
from ketenzorg.network.models import DistrictKind, OrganisationKind, Role
from tests import factories


@pytest.fixture
def beheerder(db):
    return factories.make_professional(Role.BEHEERDER)


@pytest.fixture
def city(db):
    """Proefstad: two stadsdelen, each with two gebieden."""
    stad = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    noord = factories.make_district("Noord", parent=stad)
    zuid = factories.make_district("Zuid", parent=stad)
    return {
        "stad": stad,
        "noord": noord,
        "zuid": zuid,
        "noorderhof": factories.make_district("Noorderhof", kind=DistrictKind.GEBIED, parent=noord),
        "noorderpark": factories.make_district(
            "Noorderpark", kind=DistrictKind.GEBIED, parent=noord
        ),
        "zuiderhof": factories.make_district("Zuiderhof", kind=DistrictKind.GEBIED, parent=zuid),
    }


@pytest.fixture
def provider(db):
    return factories.make_organisation("Stichting Proefhulp", kind=OrganisationKind.WELZIJN)


@pytest.fixture
def make_programme(beheerder, provider):
    def make(name, description="Een proefaanbod.", *, topics=(), districts=(), min_age=0,
             max_age=18, status=ProgrammeStatus.PUBLISHED, **extra):  # fmt: skip
        data = services.ProgrammeInput(
            provider=extra.pop("provider", provider), name=name, description=description,
            audience=extra.pop("audience", Audience.PARENTS), min_age=min_age, max_age=max_age,
            access_route=extra.pop("access_route", AccessRoute.OPEN),
            topics=[Topic.objects.get(name=t) for t in topics], districts=list(districts),
            status=status, **extra,
        )  # fmt: skip
        return services.programme_save(actor=beheerder.user, data=data)

    return make


WAITING = {"waiting_weeks": 3, "waiting_confirmed_on": date(2026, 11, 1)}


@pytest.fixture
def aanbieder(provider):
    """A provider's professional with the aanbieder role, of the `provider` organisation."""
    return factories.make_professional(Role.AANBIEDER, organisation=provider)


@pytest.fixture
def other_aanbieder(db):
    return factories.make_professional(
        Role.AANBIEDER, organisation=factories.make_organisation("Andere Aanbieder")
    )


@pytest.fixture
def second_beheerder(db):
    return factories.make_professional(Role.BEHEERDER)
